"""Column-wise storage for the many small records of a big document (sentences, blocks)."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator, Sequence
from typing import Generic, TypeVar, overload

T = TypeVar("T")


class Packed(Sequence[T], Generic[T]):
    """Records of three integers kept as three array('q'): a 50 MB document has ~700k sentences
    and ~460k blocks, about 120 bytes each as objects with their boxed integers, 24 here.
    Indexing, slicing and iterating make record objects (with `make`) as they are asked for."""

    __slots__ = ("_make", "_columns")

    def __init__(self, make: Callable[[int, int, int], T]) -> None:
        self._make = make
        self._columns = (array("q"), array("q"), array("q"))

    def _append(self, first: int, second: int, third: int) -> None:
        self._columns[0].append(first)
        self._columns[1].append(second)
        self._columns[2].append(third)

    def __len__(self) -> int:
        return len(self._columns[0])

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        first, second, third = self._columns
        return self._make(first[index], second[index], third[index])

    def __iter__(self) -> Iterator[T]:
        return map(self._make, *self._columns)
