"""--diff shows every suggested rewrite; --fix applies only safe ones, atomically, keeping line
endings and permissions, and never touching code, front matter data or suppressed ranges."""

import os
import subprocess
import sys

from conftest import DEMO, run_cli

DRAFT = (
    "---\r\nslug: a-revolutionary-new-treatment\r\n---\r\n\r\n"
    "Try our revolutionary new treatment.\r\n\r\n"
    "```\r\nrevolutionary new treatment\r\n```\r\n\r\n"
    "<!-- healthlint-disable-next-line hype -->\r\nA groundbreaking therapy, quoted from an advert.\r\n\r\n"
    "A miracle, and a groundbreaking stem cell therapy.\r\n"
)


def test_diff_shows_safe_and_unsafe_rewrites(tmp_path):
    path = tmp_path / "draft.md"
    path.write_bytes(DRAFT.encode())
    # A real process: the test runner's capture would fold CRLF, and CRLF is what is checked here.
    run = subprocess.run([sys.executable, "-m", "healthlint", "check", "--isolated", "--no-cache", "--plugin", DEMO,
                          "--select", "demo/miracle,hype/hype-adjective", "--diff", str(path)], capture_output=True)
    assert run.returncode == 1
    assert run.stdout.decode() == (
        f"--- a/{path}\n+++ b/{path}\n"
        "@@ -2,7 +2,7 @@\n"
        " slug: a-revolutionary-new-treatment\r\n ---\r\n \r\n"
        "-Try our revolutionary new treatment.\r\n"
        "+Try our new treatment.\r\n"
        " \r\n ```\r\n revolutionary new treatment\r\n"
        "@@ -11,4 +11,4 @@\n"
        " <!-- healthlint-disable-next-line hype -->\r\n"
        " A groundbreaking therapy, quoted from an advert.\r\n \r\n"
        "-A miracle, and a groundbreaking stem cell therapy.\r\n"
        "+A remarkable, and a stem cell therapy.\r\n"
    )
    assert path.read_bytes() == DRAFT.encode()  # --diff writes nothing


def test_fix_applies_only_safe_rewrites_and_keeps_bytes_otherwise(tmp_path):
    path = tmp_path / "draft.md"
    path.write_bytes(DRAFT.encode())
    os.chmod(path, 0o640)
    run = run_cli("check", "--isolated", "--no-cache", "--plugin", DEMO, "--select", "demo/miracle,hype/hype-adjective",
                  "--format", "json", "--fix", str(path))
    expected = DRAFT.replace("Try our revolutionary new", "Try our new").replace(
        "A miracle, and a groundbreaking stem", "A miracle, and a stem")
    assert path.read_bytes() == expected.encode()
    assert oct(path.stat().st_mode & 0o777) == "0o640"
    assert run.stderr == f"healthlint: fixed 1 file(s): {path}\n"
    assert [f["rule"] for f in run.findings] == ["demo/miracle"]  # what is left: the unsafe one
    assert run.exit_code == 1
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
