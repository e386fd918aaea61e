"""Issue 16, item 1: a cloned repository's configuration cannot run code unless the user allows
it, in the CLI, pre-commit and the language server; allowed code is not put on sys.path."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from hostile import RawLspClient, commit, healthlint, user_env

pytestmark = pytest.mark.slow

DRAFT = "# Knee pain\n\nOur therapy is a miracle cure.\n"
PWN = "import pathlib\npathlib.Path(MARKER).write_text('pwned')\n"
RULES = ("from healthlint import hookimpl\nfrom healthlint.rules.phrase import phrase_rule\n"
         "@hookimpl\ndef healthlint_rules():\n"
         "    return [phrase_rule({'id': 'repo/tuesday', 'category': 'hype', 'message': 'Tuesday.',"
         " 'patterns': ['Tuesday']}, 'repo', 'repo')]\n")


def hostile(tmp_path: Path, plugin: str, files: dict[str, str]) -> tuple[Path, Path]:
    """A repository whose config names `plugin`; the plugin code writes a marker outside it."""
    marker = tmp_path / "PWNED"
    repo = commit(tmp_path / "repo", {".healthlint.toml": f"plugins = [{plugin!r}]\n", "draft.md": DRAFT,
                                      **{name: text.replace("MARKER", repr(str(marker))) for name, text in files.items()}})
    return repo, marker


def refusal(repo: Path, plugin: str) -> str:
    return (f"healthlint: error: {repo / '.healthlint.toml'}: 'plugins' names {plugin!r}, code that healthlint "
            "does not run from a repository's configuration unless you allow it: pass --allow-config-plugins, "
            "set HEALTHLINT_ALLOW_CONFIG_PLUGINS=1, or list this folder under 'allow-config-plugins' in ")


@pytest.mark.parametrize("plugin, files", [("tools/pwn.py", {"tools/pwn.py": PWN}), ("pwn", {"pwn.py": PWN}),
                                           ("pkg.pwn", {"pkg/__init__.py": "", "pkg/pwn.py": PWN})])
def test_config_plugins_do_not_run_without_permission(tmp_path, plugin, files):
    repo, marker = hostile(tmp_path, plugin, files)
    home = tmp_path / "home"
    for command in (["check", "."], ["check", "--format", "json", "draft.md"], ["rules"], ["explain", "hype"],
                    ["report", "."]):
        run = healthlint(repo, *command, home=home)
        assert run.returncode == 2, command
        stderr = run.stderr.decode()
        assert stderr.startswith(refusal(repo, plugin)) and stderr.count("\n") == 1, stderr
        assert str(home / "config" / "healthlint" / "user.toml") in stderr
        assert run.stdout == b""
        assert not marker.exists()
    assert not (repo / "healthlint-report.html").exists()


def test_the_user_allows_config_plugins_by_flag_environment_or_own_settings(tmp_path):
    repo, marker = hostile(tmp_path, "tools/rules.py", {"tools/rules.py": RULES + PWN})
    (repo / "draft.md").write_text("We met on Tuesday.\n")
    home = tmp_path / "home"
    settings = home / "config" / "healthlint" / "user.toml"
    settings.parent.mkdir(parents=True)
    settings.write_text(f"allow-config-plugins = [{str(tmp_path / 'elsewhere')!r}]\n")  # another folder
    assert healthlint(repo, "check", "--no-cache", "draft.md", home=home).returncode == 2
    assert not marker.exists()
    allowed = [healthlint(repo, "check", "--no-cache", "--allow-config-plugins", "--select", "repo", "draft.md", home=home),
               healthlint(repo, "check", "--no-cache", "--select", "repo", "draft.md", home=home,
                          HEALTHLINT_ALLOW_CONFIG_PLUGINS="1")]
    settings.write_text(f"allow-config-plugins = [{str(tmp_path)!r}]\n")  # a folder above the repository
    allowed.append(healthlint(repo, "check", "--no-cache", "--select", "repo", "draft.md", home=home))
    for run in allowed:
        assert (run.returncode, run.stderr) == (1, b"")
        assert run.stdout.decode().startswith("draft.md:1:11: warning [repo/tuesday] Tuesday.\n")
    assert marker.read_text() == "pwned"


def test_allowed_local_module_is_not_put_on_sys_path(tmp_path):
    """A module beside the config is found there, but the folder is not added to sys.path: a
    repository's `tempfile.py` does not shadow the standard library for the rest of the run."""
    repo, marker = hostile(tmp_path, "localrules", {"localrules.py": RULES, "tempfile.py": PWN + "raise SystemExit(3)\n"})
    (repo / "draft.md").write_text("Try our revolutionary new treatment.\n")  # --fix writes it: tempfile is imported
    probe = ("import sys\nfrom healthlint.cli import main\ntry:\n    main()\nexcept SystemExit as exc:\n"
             "    print(exc.code, [p for p in sys.path if 'repo' in p], file=sys.stderr)\n")
    run = subprocess.run([sys.executable, "-P", "-c", probe, "check", "--allow-config-plugins", "--select", "hype,repo",
                          "--fix", "draft.md"],
                         cwd=repo, capture_output=True, text=True, env=user_env(tmp_path / "home"))
    assert run.stderr.splitlines()[-1] == "0 []", run.stderr
    assert (repo / "draft.md").read_text() == "Try our new treatment.\n"
    assert not marker.exists()


def test_pre_commit_on_a_cloned_repository_does_not_run_its_plugins(tmp_path, pre_commit):
    repo, marker = hostile(tmp_path, "tools/pwn.py", {"tools/pwn.py": PWN})
    run = pre_commit.run(repo, env=user_env(tmp_path / "home"))
    assert run.returncode == 1 and "- exit code: 2\n" in run.stdout, run.stdout + run.stderr  # pre-commit's 1
    assert refusal(repo, "tools/pwn.py") in run.stdout
    assert not marker.exists()


@pytest.mark.skipif(importlib.util.find_spec("pygls") is None, reason="the language server needs pygls")
def test_language_server_opening_the_repository_does_not_run_its_plugins(tmp_path):
    repo, marker = hostile(tmp_path, "tools/pwn.py", {"tools/pwn.py": PWN})
    client = RawLspClient(repo, tmp_path / "home")
    try:
        request = client.send("initialize", {"processId": None, "rootUri": repo.as_uri(), "capabilities": {}})
        answer, _ = client.response(request)
        assert refusal(repo, "tools/pwn.py")[len("healthlint: error: "):] in answer["error"]["message"]
        client.send("initialized", {}, request=False)
        uri = (repo / "draft.md").as_uri()
        client.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1,
                                                              "text": DRAFT}}, request=False)
    finally:
        client.close()
    assert not marker.exists()
