"""The package as a user gets it: an MIT LICENSE and an SPDX license expression, py.typed for
plugin authors' type checkers, and an sdist whose own tests run (conftest, test plugins, fixtures)."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """The sdist and the wheel built from it, by `python -m build`, as a release would be."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)], check=True,
                   capture_output=True, timeout=600)
    return out


def test_license_and_type_hints_ship(dist):
    (wheel,) = dist.glob("healthlint-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
        license_text = archive.read(next(n for n in names if n.endswith(".dist-info/licenses/LICENSE"))).decode()
    assert "healthlint/py.typed" in names
    assert "License-Expression: MIT\n" in metadata and "License-File: LICENSE\n" in metadata
    assert license_text.startswith("MIT License\n")


def test_the_sdist_carries_its_tests_and_they_run(dist, tmp_path):
    (sdist,) = dist.glob("healthlint-*.tar.gz")
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path, filter="data")
    (tree,) = tmp_path.glob("healthlint-*")
    for needed in ("LICENSE", "tests/conftest.py", "tests/plugins/demo_pack.py", "tests/plugins/raising_rule.py",
                   "fixtures/core/suppressions.md", "fixtures/core/suppressions.expected.json", "src/healthlint/py.typed"):
        assert (tree / needed).is_file(), needed
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not slow",
                          "tests/test_suppressions.py", "tests/test_fixtures.py"],  # the demo packs: checked present above
                         cwd=tree, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert " passed" in run.stdout and "error" not in run.stdout.splitlines()[-1]
