"""Lint on a Dask cluster (`healthlint check --dask ADDRESS`, or `lint_on_dask` from Python).

The files are found here, sent out in batches, linted by the workers with the same `Linter`
(each worker loads the configuration and plugins once, by name) and put back together in the
order found: the result is the one `-j1` gives. The workers read the files themselves, so they
must see them at the same paths (a shared file system; absolute paths are safest). Needs the
`dask` extra: pip install 'healthlint[dask]'.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from healthlint.errors import HealthlintError

if TYPE_CHECKING:
    from healthlint.api import Linter
    from healthlint.output.findings import RunResult
    from healthlint.running.engine import TargetResult
    from healthlint.running.files import Target

BATCHES_PER_WORKER = 8  # enough batches to even out uneven files, few enough to keep the scheduler idle


def lint_on_dask(linter: Linter, paths: Iterable[str], cluster: str | Any) -> RunResult:
    """Lint `paths` on the cluster at `cluster` (a scheduler address such as
    tcp://scheduler:8786, or a `distributed.Client`)."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise HealthlintError(f"--dask needs dask.distributed ({exc}); "
                              "install it with: pip install 'healthlint[dask]'") from None
    targets, errors = linter.targets(paths)
    if any(target.path == "-" for target in targets):
        raise HealthlintError("--dask cannot lint standard input ('-'); lint it without --dask")
    try:
        client = Client(cluster) if isinstance(cluster, str) else cluster
    except OSError as exc:
        raise HealthlintError(f"--dask: cannot reach the scheduler at {cluster}: {exc}") from None
    try:
        workers = max(1, len(client.scheduler_info()["workers"]))
        size = max(1, -(-len(targets) // (workers * BATCHES_PER_WORKER)))
        batches = [targets[i:i + size] for i in range(0, len(targets), size)]
        shared = client.scatter(linter, broadcast=True)  # unpickled once per worker, not once per batch
        futures = client.map(lint_batch, batches, linter=shared, pure=False)
        results = [result for batch in client.gather(futures) for result in batch]
    finally:
        if client is not cluster:
            client.close()
    return linter.combine(targets, results, errors)


def lint_batch(targets: list[Target], linter: Linter) -> list[TargetResult]:
    """On a worker: each target's result, in order."""
    return [linter.lint_target(target) for target in targets]
