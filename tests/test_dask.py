"""The Dask route on a real local cluster of worker processes: `healthlint check --dask ADDRESS`
and the README's dask.bag recipe give exactly the findings of `healthlint check -j1`."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytest.importorskip("distributed", reason="the Dask route needs the dask extra (the test extras install it)")

import dask.bag as db
from distributed import Client, LocalCluster

import healthlint
from conftest import ROOT
from test_api import RECORDER, cli_json

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pids(tmp_path_factory):
    """A folder where the recorder plugin notes each process that loads it."""
    return tmp_path_factory.mktemp("pids")


@pytest.fixture(scope="module")
def cluster(pids):
    """Two worker processes, one thread each, on this machine; the test's own scheduler."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HEALTHLINT_TEST_PIDS", str(pids))  # the workers inherit it
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                          worker_dashboard_address=None) as local:
            yield local


@pytest.fixture(scope="module")
def expected():
    return cli_json("--isolated", "-j", "1", str(ROOT / "fixtures"))


def recorded(folder) -> set[int]:
    return {int(p.name) for p in folder.iterdir() if p.name.isdigit()}


def test_check_dask_equals_one_job(cluster, pids, tmp_path, expected):
    fixtures = str(ROOT / "fixtures")
    env = {**os.environ, "HEALTHLINT_TEST_PIDS": str(pids)}
    (tmp_path / "recorder.py").write_text(RECORDER)
    done = subprocess.run([sys.executable, "-m", "healthlint", "check", "--format", "json", "--no-cache", "--isolated",
                           "--plugin", str(tmp_path / "recorder.py"), "--dask", cluster.scheduler_address, fixtures],
                          capture_output=True, text=True, env=env)
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout) == expected
    # Each worker process loaded the plugins itself (by name, from the linter it was sent).
    with Client(cluster) as client:
        workers = set(client.run(os.getpid).values())
    assert len(workers) == 2 and workers <= recorded(pids)


def test_the_readme_bag_recipe_equals_one_job(cluster, expected):
    with Client(cluster):
        # --- as in the README
        linter = healthlint.Linter.load(isolated=True)
        targets, errors = linter.targets([str(ROOT / "fixtures")])
        bag = db.from_sequence(targets, npartitions=8)
        results = bag.map_partitions(lambda part: [linter.lint_target(t) for t in part]).compute()
        result = linter.combine(targets, results, errors)
        # ---
    assert [f.as_json() for f in result.findings] == expected and result.errors == []


def test_dask_without_a_scheduler_is_one_clear_error(tmp_path):
    done = subprocess.run([sys.executable, "-m", "healthlint", "check", "--isolated", "--dask", "tcp://127.0.0.1:9",
                           str(ROOT / "fixtures")], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "0.5s"})  # nothing listens: fail fast
    assert done.returncode == 2
    assert done.stderr.startswith("healthlint: error: --dask: cannot reach the scheduler at tcp://127.0.0.1:9")
