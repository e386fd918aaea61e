"""The language server driven by a real editor: headless Neovim's built-in LSP client.

Neovim opens a draft, receives diagnostics, applies the safe fix and the disable comment through
its own code-action and workspace-edit machinery, runs the suggestion's command, and sees the
diagnostics go. `.ci/run` installs Neovim (Debian's package); elsewhere the test is skipped.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the language server needs the lsp extra (pygls)")
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("nvim") is None, reason="Neovim is not installed (.ci/run installs it)")]

DRIVER = Path(__file__).parent / "nvim_drive.lua"


def test_neovim_gets_diagnostics_applies_quick_fixes_and_sees_them_cleared(tmp_path):
    (tmp_path / ".healthlint.toml").write_text('select = ["cure-claim", "hype"]\n')
    draft = tmp_path / "draft.md"
    draft.write_text("# Knee pain\n\nTry our \U0001f389 revolutionary new treatment.\n\n"
                     "Our therapy works well and\nwill cure your arthritis.\n", encoding="utf-8")
    out = tmp_path / "out.json"
    env = {"HL_OUT": str(out), "HL_FILE": str(draft), "HL_ROOT": str(tmp_path), "HL_PYTHON": sys.executable,
           "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    subprocess.run(["nvim", "--headless", "--clean", "-u", "NONE", "-c", f"luafile {DRIVER}"],
                   cwd=tmp_path, env=env, timeout=180, capture_output=True, check=True)
    result = json.loads(out.read_text())
    assert "error" not in result, result["error"]
    # Neovim's columns are bytes: the emoji's 4 bytes were 2 UTF-16 units on the wire.
    assert result["opened"] == [["hype/hype-adjective", 2, 13, 2, 27], ["cure-claim/absolute-cure", 5, 5, 5, 9]]
    assert result["fixed_text"] == ["# Knee pain", "", "Try our \U0001f389 new treatment.", "",
                                    "Our therapy works well and", "will cure your arthritis."]
    assert result["after_fix"] == [["cure-claim/absolute-cure", 5, 5, 5, 9]]
    assert result["command_error"] is None  # once: -32602 Invalid Params: Expected 1 arguments, got 2
    assert result["disabled_text"][4:] == [
        "Our therapy works well and <!-- healthlint-disable-next-line cure-claim/absolute-cure -->",
        "will cure your arthritis."]
    assert result["cleared"] is True
    assert draft.read_text(encoding="utf-8").count("revolutionary") == 1  # the edits are the buffer's, unsaved
