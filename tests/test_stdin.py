"""Standard input: '-' with --stdin-filename works with --fix, --diff, text output and `report`;
`--fix -` is a filter (fixed text on stdout, what is left on stderr), as `ruff check --fix -` is."""

import subprocess
import sys

from conftest import run_cli

DRAFT = "Try our revolutionary new treatment.\r\nA miracle cure.\r\n"
FIXED = "Try our new treatment.\r\nA miracle cure.\r\n"
CHECK = [sys.executable, "-m", "healthlint", "check", "--isolated", "--no-cache"]


def test_fix_dash_is_a_filter_and_writes_no_file(tmp_path):
    run = subprocess.run([*CHECK, "--fix", "-", "--stdin-filename", "x.md"], input=DRAFT.encode(),
                         capture_output=True, cwd=tmp_path)
    assert run.stdout == FIXED.encode()  # CRLF kept: standard input is read as bytes
    stderr = run.stderr.decode()
    assert "x.md:2:3: warning [hype/hype-phrase]" in stderr and "x.md:2:11: error [cure-claim/absolute-cure]" in stderr
    assert "hype-adjective" not in stderr  # fixed, so no longer reported
    assert "Traceback" not in stderr and "KeyError" not in stderr
    assert run.returncode == 1
    assert not (tmp_path / "x.md").exists()  # --stdin-filename names the text; it never writes x.md
    assert [p.name for p in tmp_path.iterdir()] == [".user-cache"]  # the tests' user cache folder: built rules


def test_fix_dash_without_findings_passes_the_text_through(tmp_path):
    run = subprocess.run([*CHECK, "--fix", "-"], input=b"Plain words.\n", capture_output=True, cwd=tmp_path)
    assert (run.returncode, run.stdout) == (0, b"Plain words.\n")


def test_diff_of_standard_input_names_the_stdin_filename():
    run = run_cli("check", "--isolated", "--no-cache", "--diff", "-", "--stdin-filename", "x.md",
                  input="Try our revolutionary new treatment.\n")
    assert run.stdout == ("--- a/x.md\n+++ b/x.md\n@@ -1 +1 @@\n-Try our revolutionary new treatment.\n"
                          "+Try our new treatment.\n")
    assert run.exit_code == 1


def test_text_output_of_standard_input_shows_the_source_line_and_carets():
    run = run_cli("check", "--isolated", "--no-cache", "--select", "hype/hype-adjective", "-",
                  "--stdin-filename", "x.md", input="Try our revolutionary new treatment.\n")
    assert run.stdout.splitlines()[:4] == [
        "x.md:1:9: warning [hype/hype-adjective] A promotional adjective ('revolutionary', 'groundbreaking', "
        "'miraculous') sells the treatment instead of describing it.",
        "  |",
        "1 | Try our revolutionary new treatment.",
        "  |         ^^^^^^^^^^^^^^",
    ]


def test_report_reads_standard_input(tmp_path):
    run = run_cli("report", "--isolated", "-", "--stdin-filename", "x.md", "-o", "r.html",
                  input="A miracle cure.\n")
    assert run.stderr.startswith("healthlint: wrote r.html: 2 findings in 1 files")
    page = (tmp_path / "r.html").read_text()
    assert "x.md" in page and "absolute-cure" in page


def test_standard_input_that_is_not_utf8_is_one_error_naming_it():
    run = subprocess.run([*CHECK, "-", "--stdin-filename", "x.md"], input=b"caf\xe9\n", capture_output=True)
    assert run.returncode == 2
    assert run.stderr.decode() == ("healthlint: error: x.md:1: not valid UTF-8 (byte 0xe9 at line 1, byte 4 of "
                                   "the line); save the file as UTF-8\n")
