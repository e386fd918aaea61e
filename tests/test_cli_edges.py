"""What a shell user meets: a closed pipe, colour settings from the environment, tracebacks
with --debug. Real processes where pipes and terminals are the point; which colour setting
wins (on output that is no terminal, as a pipe is not) and --debug's tracebacks are checked
in-process, a process start being ~0.6 s."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from conftest import ROOT, run_cli
from healthlint.cli import cli

PLUGINS = ROOT / "tests" / "plugins"
COMMAND = [sys.executable, "-m", "healthlint", "check", "--isolated", "--no-cache"]
ESCAPE = "\x1b["


def test_a_reader_that_stops_early_ends_the_run_quietly(tmp_path):
    """`healthlint check ... | head -1` exited 2 with "output format 'text' failed: BrokenPipeError"."""
    draft = tmp_path / "big.md"
    draft.write_text("A miracle cure.\n\n" * 5000)  # far more output than a pipe holds
    process = subprocess.Popen([*COMMAND, str(draft)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait(timeout=60) == 1  # the run's own verdict: there are findings
    assert first.startswith(f"{draft}:1:3: warning [hype/hype-phrase]".encode())
    assert stderr == b""


def _colour_run(tmp_path: Path, env: dict[str, str], *args: str, terminal: bool = False) -> str:
    """The output of a check of a draft with a hype finding. Only the hype rules run: colour does
    not depend on the rules, and without the claim rules a process starts in half the time."""
    args = ("--select", "hype", *args)
    draft = tmp_path / "a.md"
    draft.write_text("A miracle cure.\n")
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")} | env
    if not terminal:
        return subprocess.run([*COMMAND, *args, str(draft)], capture_output=True, text=True, env=environment).stdout
    leader, follower = os.openpty()
    with os.fdopen(leader, "rb", buffering=0) as screen:
        process = subprocess.Popen([*COMMAND, *args, str(draft)], stdout=follower, stderr=subprocess.DEVNULL,
                                   env=environment)
        os.close(follower)
        chunks = []
        try:
            while chunk := screen.read(65536):
                chunks.append(chunk)
        except OSError:  # the terminal closed when the process ended
            pass
        process.wait(timeout=60)
    return b"".join(chunks).decode()


def test_no_color_and_force_color_are_honoured(tmp_path):
    assert ESCAPE not in _colour_run(tmp_path, {})  # a pipe: no colour
    assert ESCAPE in _colour_run(tmp_path, {}, terminal=True)
    assert ESCAPE not in _colour_run(tmp_path, {"NO_COLOR": "1"}, terminal=True)


def _colour_in_process(env: dict[str, str], *args: str) -> str:
    """What _colour_run prints to a pipe, from the CLI run in this process: its output is no
    terminal either, and the environment is read the same way (a process start is ~0.6 s)."""
    with open("a.md", "w", encoding="utf-8") as draft:
        draft.write("A miracle cure.\n")
    result = CliRunner(env={"NO_COLOR": None, "FORCE_COLOR": None, **env}).invoke(
        cli, [*COMMAND[3:], "--select", "hype", *args, "a.md"], catch_exceptions=False)
    assert result.exit_code == 1, result.stderr
    return result.stdout


def test_the_colour_settings_and_the_option_decide_colour_on_a_pipe():
    assert ESCAPE in _colour_in_process({"FORCE_COLOR": "1"})
    assert ESCAPE not in _colour_in_process({"FORCE_COLOR": "0"})
    assert ESCAPE not in _colour_in_process({"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert ESCAPE in _colour_in_process({"NO_COLOR": "1"}, "--color", "always")  # the option wins
    assert ESCAPE not in _colour_in_process({"FORCE_COLOR": "1"}, "--color", "never")
    assert ESCAPE not in _colour_in_process({"FORCE_COLOR": "1"}, "--format", "json")


def test_debug_shows_the_traceback_of_a_plugin_that_fails(tmp_path):
    """In-process (as tests/test_plugins.py loads these plugins): the traceback is the run's to print."""
    draft = tmp_path / "a.md"
    draft.write_text("Plain words.\n")
    for plugin, raised in (("broken_import.py", "ImportError: this plugin is broken on purpose"),
                           ("raising_hooks.py", "RuntimeError: rules hook exploded")):
        args = [*COMMAND[3:], "--plugin", str(PLUGINS / plugin), str(draft)]
        quiet, loud = run_cli(*args), run_cli(*args, "--debug")
        assert quiet.exit_code == loud.exit_code == 2
        assert "Traceback" not in quiet.stderr and raised in quiet.stderr
        assert "Traceback (most recent call last)" in loud.stderr
        assert loud.stderr.rstrip().endswith(raised)
