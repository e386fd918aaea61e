"""Shared helpers: run the real CLI in-process and read findings as JSON."""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from healthlint.cli import cli
from healthlint.running.runner import Linter

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
DEMO = str(ROOT / "tests" / "plugins" / "demo_pack.py")
DEMO_ARGS = ["--isolated", "--plugin", DEMO, "--select", "demo"]


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def findings(self) -> list[dict]:
        """The findings of `--format json` output (error objects left out)."""
        return [item for item in json.loads(self.stdout) if "error" not in item]

    @property
    def errors(self) -> list[dict]:
        """The {path, error} objects of `--format json` output."""
        return [item for item in json.loads(self.stdout) if "error" in item]


def run_cli(*args: str, input: str | None = None) -> Run:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


_PACKS: list[Any] = []  # one healthlint.Linter with the installed packs, loaded on first use


def lint_page(text: str, path: str = "page.md") -> list[dict[str, Any]]:
    """The findings of `healthlint check --isolated --format json` on `text` as `path`, through
    the public API with one linter loaded for the whole session (the CLI's findings are the
    API's: tests/test_api.py): rule-behaviour tests then cost milliseconds, not a load each."""
    if not _PACKS:
        import healthlint

        _PACKS.append(healthlint.Linter.load(isolated=True))
    return [{"rule": f.rule, "category": f.category, "offset": f.offset, "end_offset": f.end_offset,
             "message": f.message, "suggestion": f.suggestion} for f in _PACKS[0].lint_text(text, path).findings]


_RULE_RUNNERS: dict[int, tuple[Any, Linter]] = {}  # id(rule) -> (the rule, kept so its id is not reused; its runner)


def runner_of(rule: Any) -> Linter:
    """Linter([rule]), the runner of one rule alone, built once per rule object for the session
    (Session.start gives the same rule objects each time). Building a claim rule's runner costs
    ~0.15 s (the automaton of its concept vocabularies), linting an example milliseconds, and
    three modules lint every rule's examples with a runner per rule: test_rule_examples, the rule
    pages of test_docs and `healthlint test-rules` in test_ruletest."""
    kept = _RULE_RUNNERS.get(id(rule))
    if kept is None:
        kept = _RULE_RUNNERS[id(rule)] = (rule, Linter([rule]))
    return kept[1]


@contextmanager
def rule_runners_shared() -> Iterator[None]:
    """Within it, `Linter([rule])` with nothing else, as healthlint.running.ruletest and
    healthlint.output.rulepages build the runner of each rule, gives runner_of(rule): each rule's
    runner is built once for the session, whichever test asks first. A built runner keeps no
    state between documents, so it lints as a new one does (test_rule_examples compares
    runner_of's findings with ruletest.flagged building its own runner)."""
    from healthlint.running import runner

    def linter(rules: Iterable[Any], *args: Any, **kwargs: Any) -> Linter:
        rules = list(rules)
        return runner_of(rules[0]) if len(rules) == 1 and not args and not kwargs else Linter(rules, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(runner, "Linter", linter)
        yield


# A page's register decides many claim rules: the same sentence is a claim on a seller's page and
# careful writing on a public-health page, which says "talk to your doctor" and names side effects.
SELLER = "Welcome to Evergreen Wellness, where we are open six days a week.\n\n"
CAREFUL = ("This page explains the condition. Talk to your doctor about the possible side effects "
           "and risks of treatment. More research is needed.\n\n")


def findings(text: str) -> list[tuple[str, str]]:
    """(rule, flagged text) of every finding of `text` but the document-level one (missing-harms)."""
    return [(f["rule"], text[f["offset"]:f["end_offset"]]) for f in lint_page(text)
            if f["category"] != "missing-harms"]


def _of(rule: str, among: str | Iterable[str]) -> bool:
    """`rule` is one of `among`: rule ids, or categories written with their slash ("hype/")."""
    return any(rule.startswith(r) if r.endswith("/") else rule == r for r in ([among] if isinstance(among, str) else among))


def flagged(page: str, sentence: str, among: str | Iterable[str] | None = None) -> list[tuple[str, str]]:
    """findings() of `sentence` as the paragraph after `page` (SELLER or CAREFUL), in the linter's
    order; with `among` (a rule id, a "category/", or several), only the findings of those rules."""
    return [(r, q) for r, q in findings(page + sentence + "\n") if among is None or _of(r, among)]


def rules_of(expected: Iterable[tuple[str, str]]) -> set[str]:
    """The rule ids of expected (rule, span) pairs: to compare only those rules' findings."""
    return {rule for rule, _ in expected}


def categories_of(expected: Iterable[tuple[str, str]]) -> set[str]:
    """The categories ("hype/") of expected (rule, span) pairs: to compare only those categories' findings."""
    return {rule.split("/")[0] + "/" for rule, _ in expected}


def assert_seller_only(sentence: str, expected: list[tuple[str, str]], among: str | Iterable[str] | None = None,
                       careful: Iterable[tuple[str, str]] | None = (), any_order: bool = False) -> None:
    """`sentence` on a seller's page is flagged with exactly `expected` (rule, span) pairs, in that
    order (any_order: in some order), and on a careful page with `careful` (nothing by default;
    None: not checked), counting only the rules `among` (see flagged) when given, else the precise
    rules (see precise)."""
    got = precise(flagged(SELLER, sentence, among), expected if among is None else None)
    assert (sorted(got) == sorted(expected)) if any_order else (got == expected), got
    if careful is not None:
        assert precise(flagged(CAREFUL, sentence, among), careful if among is None else None) == list(careful)


def precise(found: list[tuple[str, str]], expected: Iterable[tuple[str, str]] | None) -> list[tuple[str, str]]:
    """`found` without the model's readings (CATEGORY/reads-like-*, tested in
    test_likely_claims.py: they speak beside a precise rule of another category), unless `expected`
    names one; `expected` None: all of `found`."""
    if expected is None or any("/reads-like-" in rule for rule, _ in expected):
        return found
    return [(rule, span) for rule, span in found if "/reads-like-" not in rule]


def assert_silent(sentence: str, among: str | Iterable[str] | None = None, page: str = SELLER) -> None:
    """`sentence` on `page` (a seller's, by default) is flagged by none of the rules `among` (by none
    of the precise rules without it: see precise)."""
    assert precise(flagged(page, sentence, among), () if among is None else None) == []


def demo_check(*args: str, input: str | None = None) -> Run:
    """`healthlint check --format json` with only the demo test pack's rules."""
    return run_cli("check", "--format", "json", *DEMO_ARGS, *args, input=input)


@pytest.fixture
def write(tmp_path: Path):
    """Write a file (bytes or text, exactly as given) under tmp_path and return its path as str."""

    def _write(name: str, content: str | bytes) -> str:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return str(path)

    return _write


@dataclass
class PreCommit:
    config: Path  # a .pre-commit-config.yaml naming this checkout's hook at a commit
    home: Path  # PRE_COMMIT_HOME: the store the hook's environment is installed in, once

    def run(self, repo: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        """`pre-commit run --all-files` in `repo` with this config, as a user's hook run would be."""
        import sys

        return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--config", str(self.config), "--all-files"],
                              cwd=repo, capture_output=True, text=True, timeout=600,
                              env={**(os.environ if env is None else env), "PRE_COMMIT_HOME": str(self.home)})


@pytest.fixture(scope="session")
def pre_commit(tmp_path_factory) -> PreCommit:
    """The README's pre-commit recipe (a config naming the repository and a commit) pointed at this
    checkout, with its uncommitted changes committed in a clone the way `pre-commit try-repo`
    does, and one store for the session: pre-commit installs the hook's environment (a virtualenv
    and a pip install of this checkout, ~10 s) once, not once per test that runs the hook."""
    import importlib.util

    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("pre-commit is not installed (test extra)")
    if not (ROOT / ".git").exists():
        pytest.skip("the healthlint checkout is not a git repository")
    folder = tmp_path_factory.mktemp("pre-commit")
    shadow = folder / "healthlint"
    git = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t"}

    def out(*args: str, cwd: Path = ROOT, env: dict[str, str] = git) -> str:
        return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout

    head = out("rev-parse", "HEAD").strip()
    out("clone", "-q", "--no-checkout", str(ROOT), str(shadow), cwd=folder)
    out("checkout", "-q", head, "-b", "_pc_tmp", cwd=shadow)
    if subprocess.run(["git", "diff", "--quiet", "HEAD"], cwd=ROOT).returncode:  # uncommitted changes
        into_shadow = {**git, "GIT_INDEX_FILE": out("rev-parse", "--absolute-git-dir", cwd=shadow).strip() + "/index",
                       "GIT_OBJECT_DIRECTORY": out("rev-parse", "--absolute-git-dir", cwd=shadow).strip() + "/objects"}
        staged = [n for n in out("diff", "--staged", "--name-only", "--diff-filter=ACMRTUXB", "-z").split("\0") if n]
        if staged:
            out("add", "--", *staged, env=into_shadow)
        out("add", "-u", env=into_shadow)
        out("commit", "-q", "--no-verify", "--no-gpg-sign", "-m", "uncommitted changes", cwd=shadow)
    config = folder / ".pre-commit-config.yaml"
    config.write_text(f"repos:\n  - repo: {json.dumps(str(shadow))}\n    rev: {out('rev-parse', 'HEAD', cwd=shadow).strip()}\n"
                      "    hooks:\n      - id: healthlint\n", encoding="utf-8")
    return PreCommit(config, folder / "store")


@pytest.fixture
def tmp_path(request, tmp_path_factory) -> Path:
    """pytest's tmp_path (a new folder under the session's base folder, named after the test),
    made in constant time: pytest numbers its folders by reading every folder already in the
    base folder, so with each of the 2,000-odd tests given one (by _work_in_tmp) the suite spent
    ~7 s listing them. Here the name's unique ending comes from tempfile.mkdtemp."""
    name = re.sub(r"\W", "_", request.node.name)[:30]
    return Path(tempfile.mkdtemp(prefix=f"{name}_", dir=tmp_path_factory.getbasetemp()))


@pytest.fixture(autouse=True)
def _work_in_tmp(tmp_path, monkeypatch):
    """Each test runs in its own folder, so no test sees another's config or findings cache, with
    user settings and cache of its own (never the real home's) and no permission from outside."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".user-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / ".user-cache"))
    monkeypatch.delenv("HEALTHLINT_ALLOW_CONFIG_PLUGINS", raising=False)
