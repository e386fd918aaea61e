"""The README and `--help` agree: every option the README documents is in some command's `--help`,
and every option a `--help` lists is in the README."""

from __future__ import annotations

import re

from conftest import ROOT, run_cli
from healthlint.cli import cli

OPTION = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]+")
# Options of other programs the README shows (the benchmark, CI's scorer, git, pre-commit).
FOREIGN = {"--runs", "--startup", "--min-recall", "--max-violations", "--max-fp", "--max-strong", "--freeze", "--unshallow", "--raw"}


def help_options() -> dict[str, set[str]]:
    """Command -> the long options its `--help` lists (the group's own under '')."""
    shown = {"": run_cli("--help").stdout}
    for name in cli.commands:  # type: ignore[attr-defined]
        shown[name] = run_cli(name, "--help").stdout
    return {name: set(OPTION.findall(text)) for name, text in shown.items()}


def test_every_option_in_help_is_in_the_readme_and_back():
    readme = set(OPTION.findall((ROOT / "README.md").read_text(encoding="utf-8")))
    by_command = help_options()
    assert by_command["check"] >= {"--fix", "--diff", "--output-file", "--exit-zero", "--show-settings"}
    listed = set().union(*by_command.values())
    missing_from_readme = {f"{name or 'healthlint'} {option}" for name, options in by_command.items()
                           for option in options if option not in readme}
    assert missing_from_readme == set()
    assert readme - FOREIGN - listed == set()  # documented, yet no command has it
    assert FOREIGN & listed == set()  # a "foreign" option that is really ours must be checked
