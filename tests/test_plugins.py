"""Plugins load by entry point and by --plugin; failing plugins and rules are isolated."""

import os
import subprocess
import sys
import textwrap

from conftest import DEMO, ROOT, demo_check, run_cli

PLUGINS = ROOT / "tests" / "plugins"


def test_plugin_by_path_and_by_module_name(write, monkeypatch):
    path = write("a.md", "A miracle.\n")
    assert [f["rule"] for f in demo_check(path).findings] == ["demo/miracle"]
    monkeypatch.syspath_prepend(str(PLUGINS))
    run = run_cli("check", "--format", "json", "--isolated", "--plugin", "demo_pack", "--select", "demo", path)
    assert [f["rule"] for f in run.findings] == ["demo/miracle"]


def test_plugin_by_entry_point(tmp_path):
    """A pack installed with a `healthlint` entry point is found without any option."""
    site = tmp_path / "site"
    dist = site / "demo_pack_dist-1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: demo-pack-dist\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[healthlint]\ndemo = demo_pack\n")
    (site / "demo_pack.py").write_text((PLUGINS / "demo_pack.py").read_text())
    doc = tmp_path / "a.md"
    doc.write_text("A miracle.\n")
    env = {**os.environ, "PYTHONPATH": str(site)}
    out = subprocess.run([sys.executable, "-m", "healthlint", "check", "--isolated", "--select", "demo",
                          "--format", "json", str(doc)], capture_output=True, text=True, env=env)
    assert out.returncode == 1, out.stderr
    assert '"rule": "demo/miracle"' in out.stdout
    listed = subprocess.run([sys.executable, "-m", "healthlint", "rules"], capture_output=True, text=True, env=env)
    assert "demo/miracle" in listed.stdout


def test_plugin_that_fails_to_import_is_reported_and_run_goes_on(write):
    path = write("a.md", "A miracle.\n")
    run = demo_check("--plugin", str(PLUGINS / "broken_import.py"), path)
    assert run.exit_code == 2
    assert [f["rule"] for f in run.findings] == ["demo/miracle"]
    assert f"plugin '{PLUGINS / 'broken_import.py'}' failed to load: ImportError: this plugin is broken on purpose" \
        in run.stderr
    assert "Traceback" not in run.stderr


def test_raising_rule_and_out_of_range_span_are_isolated(write):
    first = write("a.md", "A miracle.\n")
    second = write("b.md", "Another miracle.\n")
    run = run_cli("check", "--format", "json", "--isolated", "--plugin", DEMO, "--plugin",
                  str(PLUGINS / "raising_rule.py"), "--select", "demo,bad", first, second)
    assert run.exit_code == 2
    assert [(os.path.basename(f["path"]), f["rule"]) for f in run.findings] == [("a.md", "demo/miracle"),
                                                                                ("b.md", "demo/miracle")]
    errors = run.stderr.splitlines()
    for path in (first, second):  # each error names its file
        assert f"healthlint: error: {path}: rule bad/raises failed: RuntimeError: boom" in errors
        assert (f"healthlint: error: {path}: rule bad/wrong-type failed: InvalidMatch: returned tuple, "
                "expected healthlint.rules.Match") in errors
    assert (f"healthlint: error: {first}: rule bad/out-of-range failed: InvalidMatch: returned span "
            "0..1000000000 outside the document (length 11)") in errors
    assert len(errors) == 6
    assert "Traceback" not in run.stderr
    debug = run_cli("check", "--debug", "--isolated", "--plugin", str(PLUGINS / "raising_rule.py"), first)
    assert "Traceback (most recent call last)" in debug.stderr


def test_rules_and_explain_list_plugin_rules():
    run = run_cli("rules", "--isolated", "--plugin", DEMO, "--format", "json")
    demo = [r for r in __import__("json").loads(run.stdout) if r["pack"] == "demo"]
    assert [(r["id"], r["category"], r["severity"]) for r in demo] == [
        ("demo/miracle", "hype", "warning"), ("demo/no-harms", "missing-harms", "info"),
        ("demo/studies-show", "uncited-evidence", "error")]
    explained = run_cli("explain", "--isolated", "--plugin", DEMO, "demo/miracle")
    assert explained.exit_code == 0
    assert explained.stdout.startswith(textwrap.dedent("""\
        # demo/miracle

        Category: hype    Default severity: warning

        ## What it flags
        Demo: 'miracle' inflates hope.
        """))
    assert "## Flagged\n  - A miracle treatment.\n" in explained.stdout
    unknown = run_cli("explain", "--isolated", "--plugin", DEMO, "miracle")
    assert unknown.exit_code == 2
    assert "no rule 'miracle'; did you mean demo/miracle?" in unknown.stderr


def test_entry_points_are_read_like_importlib_metadata(tmp_path):
    """The fast reader finds the group in dist-info and egg-info, loads `module:attribute`, ignores
    other groups and comments, and lets the first distribution of a name on the path win."""
    from healthlint.rules.entrypoints import entry_points

    first, second = tmp_path / "first", tmp_path / "second"
    (first / "Pack_One-2.0.dist-info").mkdir(parents=True)
    (first / "Pack_One-2.0.dist-info" / "entry_points.txt").write_text(
        "[console_scripts]\nx = y:z\n\n# a comment\n[healthlint]\none = os.path:join [extra]\n")
    (second / "pack.one-1.0.dist-info").mkdir(parents=True)  # the same project, shadowed
    (second / "pack.one-1.0.dist-info" / "entry_points.txt").write_text("[healthlint]\nold = os\n")
    (second / "other.egg-info").mkdir()
    (second / "other.egg-info" / "entry_points.txt").write_text("[healthlint]\ntwo = os.path\n")
    (second / "broken-1.0.dist-info").mkdir()  # no entry_points.txt at all
    found = entry_points("healthlint", [str(first), str(second), str(tmp_path / "missing")])
    assert [(e.name, e.value, e.distribution) for e in found] == [
        ("one", "os.path:join", "pack_one"), ("two", "os.path", "other")]
    assert found[0].load() is os.path.join
    assert found[1].load() is os.path


def test_hookimpl_marks_as_pluggys_own_marker_does():
    """healthlint.hookimpl marks without importing pluggy (a run with kept rules imports the packs,
    not the plugin manager); the mark must stay the one pluggy's HookimplMarker makes, or plugins
    marked with either would stop registering when pluggy changes it."""
    import pluggy

    from healthlint import hookimpl
    from healthlint.rules.hookspec import PROJECT

    theirs = pluggy.HookimplMarker(PROJECT)
    for options in ({}, {"tryfirst": True}, {"trylast": True, "specname": "healthlint_rules"},
                    {"wrapper": True}, {"hookwrapper": True, "optionalhook": True}):
        def ours_fn():
            pass

        def theirs_fn():
            pass

        (hookimpl(**options)(ours_fn) if options else hookimpl(ours_fn))
        (theirs(**options)(theirs_fn) if options else theirs(theirs_fn))
        assert getattr(ours_fn, f"{PROJECT}_impl") == getattr(theirs_fn, f"{PROJECT}_impl")


def test_a_run_with_kept_rules_imports_no_pluggy(tmp_path):
    """The third run of a changed file loads its rules kept by the second: no plugin manager."""
    doc = tmp_path / "a.md"
    code = ("import sys, runpy; sys.argv = ['healthlint', 'check', '--isolated', '--cache-dir', sys.argv[1], sys.argv[2]]\n"
            "import atexit; atexit.register(lambda: print('pluggy' in sys.modules, file=sys.stderr))\n"
            "runpy.run_module('healthlint', run_name='__main__')\n")
    seen = []
    for turn in range(3):
        doc.write_text(f"A miracle cure, edit {turn}.\n")
        done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "cache"), str(doc)],
                              capture_output=True, text=True)
        seen.append(done.stderr.strip().splitlines()[-1])
    assert seen == ["True", "True", "False"]
