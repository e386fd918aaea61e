"""Literal keywords of a regular expression, for the one-pass keyword prefilter.

`derive(pattern)` gives lowercase keywords such that every match of `pattern` (compiled
case-insensitively, verbose when it spans lines, as phrase rules are) contains one of them, or
None when it cannot tell. It reads the regex syntax rules are written in: literals and escapes
(\\b \\s \\w \\d \\. \\x41 ...), character classes, groups ((...), (?:...), (?P<n>...), (?<n>...),
(?>...), (?i:...)), lookarounds (which add no keywords), alternation, quantifiers (greedy, lazy,
possessive), inline flags, (?#...) comments and verbose mode. Anything else (conditionals,
recursion, fuzzy matching, POSIX or nested classes, an unknown escape) makes the pattern
non-derivable: a construct this module does not know never yields a keyword.

Every match holds each literal run (consecutive literal characters) of the pattern's top-level
sequence, and the keywords of each part it cannot skip: a group, a repeat of at least one, an
alternation whose every branch has keywords. Each run or part is one candidate set; the best
usable set (members of 3 characters or more; the longest shortest member, then the fewest
members) is chosen. A run gives its longest white-space-free word; when no set is usable, runs
are read as phrases, words split by `\\s+` joined by one space ("to us" in `\\bto\\s+us\\b`), as
the keyword pass reads every run of white space as one space. The parse follows the layout of
the standard library's parser (non-capturing groups are transparent, single characters in
alternation are a class), so the keywords are those healthlint derived through `re._parser`
before, except where that parser hoisted a common prefix out of the branches: `cure` and
`curing` are now derived where it gave `cur`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from healthlint.rules.prefilter import DIGIT  # in requirements(): a decimal digit

_WHITESPACE = frozenset(" \t\n\r\v\f")  # what verbose mode skips
_ESCAPES = {"a": "\a", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_CATEGORIES = frozenset("dDsSwW")
_ANCHORS = frozenset("bBAZmMG")  # zero-width: \m and \M are the regex module's word start and end
_FLAGS = frozenset("aiLmsux")
_HEX = frozenset("0123456789abcdefABCDEF")
_OCTAL = frozenset("01234567")
_DIGITS = frozenset("0123456789")
_GROUP_DIGITS = frozenset("123456789")
_SPACE_CLASS = ("in", False, (("cat", "s"),))  # \s
# A run of characters that stand for themselves, read in one step (stdlib re: it is fast to load)
_PLAIN = re.compile(r"[^\\\[|()*+?{.^$]+")
_QUANTIFIERS = frozenset("*+?{")
_PLAIN_VERBOSE = re.compile(r"[^\\\[|()*+?{.^$# \t\n\r\v\f]+")


class NotUnderstood(Exception):
    """A construct outside the subset this module reads: the pattern yields no keywords."""


@dataclass(eq=False)
class Group:
    """A group; a non-capturing one without flags is `transparent` (its items join the sequence)."""

    items: list[Item]
    transparent: bool = False


@dataclass(eq=False)
class Branch:
    branches: list[list[Item]]


@dataclass(eq=False)
class Repeat:
    low: int
    items: list[Item]


@dataclass(eq=False)
class Look:
    """A lookahead or lookbehind: zero-width, it adds no keywords."""

    items: list[Item]


# Atoms are tuples compared by value, as the standard parser's are: ("lit", c), ("notlit", c),
# ("in", negated, members), ("at", name), ("any",), ("ref", name). In a sequence, ("lit", text)
# may hold a run of characters (never one a quantifier follows).
Item = tuple | Group | Branch | Repeat | Look


class _Parser:
    def __init__(self, text: str) -> None:
        self.text, self.pos = text, 0

    def peek(self, ahead: int = 0) -> str | None:
        index = self.pos + ahead
        return self.text[index] if index < len(self.text) else None

    def take(self) -> str:
        if self.pos >= len(self.text):
            raise NotUnderstood("unexpected end")
        self.pos += 1
        return self.text[self.pos - 1]

    def match(self, text: str) -> bool:
        if self.text.startswith(text, self.pos):
            self.pos += len(text)
            return True
        return False

    def until(self, end: str) -> str:
        index = self.text.find(end, self.pos)
        if index < 0:
            raise NotUnderstood(f"missing {end!r}")
        found, self.pos = self.text[self.pos:index], index + len(end)
        return found

    def alternation(self, verbose: bool, nested: int) -> tuple[list[Item], bool]:
        """An alternation a|b|c as a sequence, and the verbose flag after it (a leading (?x) turns
        verbose mode on for the rest of the pattern). Unlike the stdlib's parser, a common prefix
        of the branches stays in each: `(?:cures?|curing)` gives `cure` and `curing`, not `cur`."""
        items: list[list[Item]] = []
        while True:
            sequence, verbose = self.sequence(verbose, nested, first=not nested and not items)
            items.append(sequence)
            if not self.match("|"):
                break
        if len(items) == 1:
            return items[0], verbose
        members: list[tuple] = []
        for item in items:
            if len(item) != 1 or not isinstance(item[0], tuple):
                break
            atom = item[0]
            if atom[0] == "lit" and len(atom[1]) == 1:
                members.append(atom)
            elif atom[0] == "in" and not atom[1]:
                members.extend(atom[2])
            else:
                break
        else:  # single characters: a class, as the stdlib makes it
            return [("in", False, tuple(dict.fromkeys(members)))], verbose
        return [Branch(items)], verbose

    def sequence(self, verbose: bool, nested: int, first: bool) -> tuple[list[Item], bool]:
        items: list[Item] = []
        while True:
            plain = (_PLAIN_VERBOSE if verbose else _PLAIN).match(self.text, self.pos)
            if plain is not None:  # one item, but a quantifier's character stands alone
                run, self.pos = plain.group(), plain.end()
                if self.peek() in _QUANTIFIERS:
                    items.extend(item for item in (("lit", run[:-1]), ("lit", run[-1])) if item[1])
                else:
                    items.append(("lit", run))
            this = self.peek()
            if this is None or this in "|)":
                break
            self.pos += 1
            if verbose and this in _WHITESPACE:
                continue
            if verbose and this == "#":
                end = self.text.find("\n", self.pos)
                self.pos = len(self.text) if end < 0 else end + 1
                continue
            if this == "\\":
                items.append(self.escape())
            elif this == "[":
                items.append(self.character_class())
            elif this in "*+?{":
                self.repeat(items, this)
            elif this == ".":
                items.append(("any",))
            elif this == "^":
                items.append(("at", "^"))
            elif this == "$":
                items.append(("at", "$"))
            elif this == "(":
                group = self.group(verbose, nested, first and not items)
                if isinstance(group, bool):  # global flags: (?x) turns verbose on
                    verbose = group
                elif group is not None:
                    items.append(group)
            else:
                items.append(("lit", this))
        spliced: list[Item] = []
        for item in items:  # non-capturing groups are transparent
            if isinstance(item, Group) and item.transparent:
                spliced.extend(item.items)
            else:
                spliced.append(item)
        return spliced, verbose

    def repeat(self, items: list[Item], this: str) -> None:
        if this == "{":
            low_text = self._digits()
            high_text = self._digits() if self.match(",") else low_text
            if not self.match("}"):
                raise NotUnderstood("'{' that is no quantifier (escape a literal one: \\{)")
            low = int(low_text) if low_text else 0
            if high_text and int(high_text) < low:
                raise NotUnderstood("min repeat greater than max")
        else:
            low = 1 if this == "+" else 0
        if not items or (isinstance(items[-1], tuple) and items[-1][0] == "at") or isinstance(items[-1], Repeat):
            raise NotUnderstood("nothing to repeat")
        if not self.match("?"):
            self.match("+")  # possessive: matches as the greedy form does, or not at all
        last = items[-1]
        inner: list[Item] = last.items if isinstance(last, Group) and last.transparent else [last]
        items[-1] = Repeat(low, inner)

    def _digits(self) -> str:
        start = self.pos
        while self.peek() in _DIGITS:
            self.pos += 1
        return self.text[start:self.pos]

    def group(self, verbose: bool, nested: int, first: bool) -> Item | bool | None:
        """The group opened by '(' just read; None for a comment, a bool for global flags."""
        capture, flags_on, flags_off = True, "", ""
        if self.match("?"):
            if self.match("#"):
                self.until(")")
                return None
            if self.match("P<") or (self.peek() == "<" and self.peek(1) not in ("=", "!") and self.match("<")):
                if not self.until(">").isidentifier():
                    raise NotUnderstood("bad group name")
            elif self.match("P="):
                name = self.until(")")
                return ("ref", name)
            elif self.match(":") or self.match(">"):  # (?>...) atomic: a match still matches its contents
                capture = False
            elif self.match("=") or self.match("!") or self.match("<=") or self.match("<!"):
                inner, _ = self.alternation(verbose, nested + 1)
                self._close()
                return Look(inner)
            elif self.peek() in _FLAGS or self.peek() == "-":
                flags_on = self._flags()
                if self.match("-"):
                    flags_off = self._flags()
                if self.match(")"):
                    if flags_off or not first:  # global flags belong at the pattern's start
                        raise NotUnderstood("inline flags not at the start")
                    return verbose or "x" in flags_on
                if not self.match(":"):
                    raise NotUnderstood("bad inline flags")
                capture = False
            else:
                raise NotUnderstood("unknown group extension")
        inner_verbose = (verbose or "x" in flags_on) and "x" not in flags_off
        inner, _ = self.alternation(inner_verbose, nested + 1)
        self._close()
        return Group(inner, transparent=not capture and not flags_on and not flags_off)

    def _flags(self) -> str:
        start = self.pos
        while self.peek() in _FLAGS:
            self.pos += 1
        return self.text[start:self.pos]

    def _close(self) -> None:
        if not self.match(")"):
            raise NotUnderstood("missing )")

    def escape(self) -> tuple:
        c = self.take()
        if c in _CATEGORIES:
            return ("in", False, (("cat", c),))
        if c in _ANCHORS:
            return ("at", c)
        if c in "pP":
            return ("in", c == "P", (("prop", self._property()),))
        if c == "N":
            if not self.match("{"):
                raise NotUnderstood("\\N without {name}")
            return ("in", False, (("named", self.until("}")),))
        if c in _GROUP_DIGITS:  # a backreference matches what its group did: no keyword
            if c in _OCTAL and self.peek() in _OCTAL and self.peek(1) in _OCTAL:
                return ("lit", chr(int(c + self.take() + self.take(), 8)))
            return ("ref", c + self.take() if self.peek() in _DIGITS else c)
        return ("lit", self._character(c))

    def _property(self) -> str:
        if self.match("{"):
            return self.until("}")
        return self.take()

    def _character(self, c: str) -> str:
        """The character an escape (after its backslash) stands for, in or out of a class."""
        if c in _ESCAPES:
            return _ESCAPES[c]
        if c in "xuU":
            size = {"x": 2, "u": 4, "U": 8}[c]
            digits = self.text[self.pos:self.pos + size]
            if len(digits) != size or not set(digits) <= _HEX:
                raise NotUnderstood(f"incomplete escape \\{c}")
            self.pos += size
            try:
                return chr(int(digits, 16))
            except (ValueError, OverflowError):
                raise NotUnderstood(f"bad escape \\{c}{digits}") from None
        if c == "0":
            digits = c
            while len(digits) < 3 and self.peek() in _OCTAL:
                digits += self.take()
            return chr(int(digits, 8))
        if c.isascii() and c.isalnum():
            raise NotUnderstood(f"unknown escape \\{c}")
        return c

    def character_class(self) -> tuple:
        negated = self.match("^")
        members: list[tuple] = []
        while True:
            this = self.take()
            if this == "]" and members:
                break
            if this == "[":
                raise NotUnderstood("a '[' in a class (a nested set or a POSIX class)")
            member = self._class_member(this)
            if self.peek() == "-" and self.peek(1) not in ("]", None):
                self.pos += 1
                high = self._class_member(self.take())
                if member[0] != "lit" or high[0] != "lit" or high[1] < member[1]:
                    raise NotUnderstood("bad range")
                member = ("range", member[1], high[1])
            members.append(member)
        members = list(dict.fromkeys(members))
        if len(members) == 1 and members[0][0] == "lit":
            return ("notlit" if negated else "lit", members[0][1])
        return ("in", negated, tuple(members))

    def _class_member(self, this: str) -> tuple:
        if this == "[":
            raise NotUnderstood("a '[' in a class")
        if this != "\\":
            return ("lit", this)
        c = self.take()
        if c in _CATEGORIES:
            return ("cat", c)
        if c in "pP":
            return ("prop", c, self._property())
        if c == "N":
            if not self.match("{"):
                raise NotUnderstood("\\N without {name}")
            return ("named", self.until("}"))
        if c == "b":
            return ("lit", "\b")
        if c in _GROUP_DIGITS:
            raise NotUnderstood("a digit escape in a class")
        return ("lit", self._character(c))


def parse(pattern: str) -> list[Item] | None:
    """The pattern's top-level sequence, or None when it uses syntax this module does not read."""
    parser = _Parser(pattern)
    try:
        items, _ = parser.alternation("\n" in pattern, 0)
    except NotUnderstood:
        return None
    return items if parser.pos == len(pattern) else None  # an unbalanced ')'


def _options(items: list[Item], phrases: bool, shortest: int = 3, digits: bool = False) -> list[list[str]]:
    """Candidate keyword sets of a sequence: every match contains a member of each set.

    A literal run gives its longest word, or with `phrases` the whole run, its words joined by
    `\\s+` or a space read as one space (as the keyword pass reads every run of white space).
    Nested parts count with members of `shortest` characters or more; with `digits`, a class of
    digits is the set [DIGIT] (and a literal word that reads as DIGIT gives nothing)."""
    options: list[list[str]] = []
    current: list[str] = []

    def run() -> list[str]:
        word = _literal(current, phrases)
        return ["" if digits and word.casefold() == DIGIT else word]
    for item in items:
        if isinstance(item, tuple) and item[0] == "lit":
            current.append(" " if item[1].isspace() else item[1])
            continue
        if phrases and current and _is_white_space_run(item):
            current.append(" ")
            continue
        if current:
            options.append(run())
            current = []
        inner = None
        if digits and _is_digit_class(item):
            inner = [DIGIT]
        elif isinstance(item, Group):
            inner = _required(item.items, phrases, shortest, digits)
        elif isinstance(item, Branch):
            branches = [_required(branch, phrases, shortest, digits) for branch in item.branches]
            inner = None if any(b is None for b in branches) else [k for b in branches for k in b or ()]
        elif isinstance(item, Repeat) and item.low >= 1:
            inner = _required(item.items, phrases, shortest, digits)
        if inner:
            options.append(inner)
    if current:
        options.append(run())
    return options


def _is_digit_class(item: Item) -> bool:
    """True for `\\d`, `[0-9]` and other classes that match only decimal digits."""
    if not (isinstance(item, tuple) and item[0] == "in" and not item[1]):
        return False
    return all(m == ("cat", "d") or (m[0] == "range" and "0" <= m[1] <= m[2] <= "9")
               or (m[0] == "lit" and m[1] in _DIGITS) for m in item[2])


def _is_white_space_run(item: Item) -> bool:
    """True for `\\s+` (or `\\s{1,}` ...): one or more white-space characters."""
    return isinstance(item, Repeat) and item.low >= 1 and item.items == [_SPACE_CLASS]


def _literal(characters: list[str], phrases: bool) -> str:
    """A literal run as a keyword: the longest white-space-free piece, since text may break a
    phrase across lines or emphasis; with `phrases`, all of it with its spaces folded."""
    text = "".join(characters)
    return " ".join(text.split()) if phrases else max(text.split() or [""], key=len)


def _usable(options: list[list[str]], shortest: int = 3) -> list[list[str]]:
    """The keyword sets whose every member is long enough to be worth searching for."""
    return [o for o in options if all(len(k.strip()) >= shortest for k in o)]


def _best(options: list[list[str]]) -> list[str] | None:
    """The most selective keyword set: the longest shortest member, then the fewest members."""
    return max(options, key=lambda o: (min(len(k.strip()) for k in o), -len(o))) if options else None


def _required(items: list[Item], phrases: bool, shortest: int = 3, digits: bool = False) -> list[str] | None:
    """Keywords such that every match of the sequence contains one of them, or None."""
    return _best(_usable(_options(items, phrases, shortest, digits), shortest))


def keyword_options(pattern: str, phrases: bool = False) -> list[list[str]]:
    """Every usable keyword set of `pattern` (each match contains a member of each set), lowercased."""
    items = parse(pattern)
    if items is None:
        return []
    return [sorted({k.lower().strip() for k in option}) for option in _usable(_options(items, phrases))]


def derive(pattern: str) -> list[str] | None:
    """Keywords one of which every match of `pattern` contains, lowercased, or None: the best set
    of words, else of phrases."""
    return _best(keyword_options(pattern)) or _best(keyword_options(pattern, phrases=True))


def requirements(pattern: str) -> list[list[str]]:
    """Sets of casefolded words of any length (DIGIT: a decimal digit) such that every match of
    `pattern` (compiled as `derive` reads it) contains a member of each set, read in the text
    casefolded; [] when none is known. Unlike keywords, they are tested on a sentence's own text,
    so no set holds a phrase: its words may be wrapped or spaced apart."""
    items = parse(pattern)
    if items is None:
        return []
    return [sorted({k.casefold() for k in option}) for option in _usable(_options(items, False, 1, True), 1)]
