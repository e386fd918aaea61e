"""Configuration discovery, every key, and errors that name the file, the key and what is allowed."""

import os

import pytest

from conftest import DEMO, run_cli


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "docs" / "news").mkdir(parents=True)
    (tmp_path / "docs" / "a.md").write_text("A miracle. Studies show it.\n")
    (tmp_path / "docs" / "news" / "b.md").write_text("A miracle. Studies show it.\n")
    monkeypatch.chdir(tmp_path / "docs")
    return tmp_path


def check(*args):
    return run_cli("check", "--format", "json", "--plugin", DEMO, *args)


def rules_of(run):
    return sorted((os.path.basename(f["path"]), f["rule"], f["severity"]) for f in run.findings)


def test_pyproject_found_by_walking_up(project):
    (project / "pyproject.toml").write_text(
        '[tool.healthlint]\nselect = ["demo"]\nignore = ["hype"]\nseverity = { "demo/studies-show" = "info" }\n')
    run = check(".")
    assert rules_of(run) == [("a.md", "demo/studies-show", "info"), ("b.md", "demo/studies-show", "info")]


def test_dot_healthlint_toml_wins_over_pyproject_and_overrides_apply(project):
    (project / "pyproject.toml").write_text('[tool.healthlint]\nselect = ["nothing-valid"]\n')
    (project / "docs" / ".healthlint.toml").write_text(
        'select = ["demo/miracle", "demo/studies-show"]\nexclude = ["drafts/**"]\n'
        '[[overrides]]\npaths = ["news/*.md"]\nignore = ["uncited-evidence"]\nseverity = { hype = "error" }\n')
    run = check(".")
    assert rules_of(run) == [("a.md", "demo/miracle", "warning"), ("a.md", "demo/studies-show", "error"),
                             ("b.md", "demo/miracle", "error")]


def test_exclude_and_fail_on(project):
    (project / "docs" / ".healthlint.toml").write_text('select = ["demo/miracle"]\nexclude = ["news"]\nfail-on = "error"\n')
    run = check(".")
    assert rules_of(run) == [("a.md", "demo/miracle", "warning")]
    assert run.exit_code == 0  # a warning is below fail-on = "error"


def test_user_phrase_rules_and_plugins_from_config(project):
    (project / "docs" / ".healthlint.toml").write_text(
        f'plugins = [{DEMO!r}]\nselect = ["local"]\n'
        '[[rules]]\nname = "says-it"\ncategory = "hype"\nmessage = "Says it."\npatterns = ["\\\\bshow it\\\\b"]\n')
    run = run_cli("check", "--format", "json", "--allow-config-plugins", "a.md")
    assert [(f["rule"], f["offset"], f["end_offset"]) for f in run.findings] == [("local/says-it", 19, 26)]


def test_isolated_and_explicit_config(project):
    (project / "docs" / ".healthlint.toml").write_text('select = ["demo/miracle"]\n')
    assert {f["rule"] for f in check("--isolated", "--select", "demo", "a.md").findings} == {
        "demo/miracle", "demo/studies-show"}
    other = project / "other.toml"
    other.write_text('select = ["demo/studies-show"]\n')
    assert {f["rule"] for f in check("--config", str(other), "a.md").findings} == {"demo/studies-show"}


@pytest.mark.parametrize("content, message", [
    ("selct = []\n", "unknown key 'selct'; allowed: exclude, fail-on, ignore, max-file-size, overrides, plugins, "
                     "report-unused-suppressions, rule-time-limit, rules, select, severity, vocabularies, vocabulary"),
    ("select = 3\n", "'select' must be a list of strings, not 3"),
    ('fail-on = "fatal"\n', "'fail-on' must be one of info, warning, error, not 'fatal'"),
    ('severity = { hype = "loud" }\n', "'severity.hype' must be one of info, warning, error, not 'loud'"),
    ('select = ["demo/nope"]\n', "'select' names 'demo/nope', which is no rule id, pack or category"),
    ('[[overrides]]\nignore = []\n', "'overrides[0]' needs 'paths', a list of globs"),
    ('[[rules]]\nname = "x"\ncategory = "hype"\nmessage = "m"\npatterns = ["(unclosed"]\n',
     "rule 'x' 'patterns': invalid regular expression '(unclosed'"),
    ("select = [\n", "invalid TOML: "),
])
def test_bad_config_is_one_clear_error(project, content, message):
    config = project / "docs" / ".healthlint.toml"
    config.write_text(content)
    run = check("a.md")
    assert run.exit_code == 2
    assert run.stdout == ""
    assert run.stderr.startswith(f"healthlint: error: {config}")
    assert message in run.stderr
    assert "Traceback" not in run.stderr


def test_vocabulary_is_scoped_to_named_rules_and_case_sensitive(project):
    (project / "docs" / "a.md").write_text("Miracle Valley Clinic is open. A miracle cure.\nmiracle valley clinic.\n")
    (project / "docs" / ".healthlint.toml").write_text(
        'select = ["demo"]\n[[vocabulary]]\nterm = "Miracle Valley Clinic"\nrules = ["hype"]\n')
    run = check("a.md")
    text = (project / "docs" / "a.md").read_text()
    assert [(f["rule"], text[f["offset"]:f["end_offset"]], f["line"]) for f in run.findings] == [
        ("demo/miracle", "miracle", 1), ("demo/miracle", "miracle", 2)]  # other case, other rules: still flagged


@pytest.mark.parametrize("entry, message", [
    ('term = "X"\n', "'vocabulary[0].rules' must name at least one rule id, pack or category"),
    ('term = "X"\nrules = ["ALL"]\n', "'vocabulary[0].rules' cannot be ALL"),
    ('term = "X"\nrules = ["nope"]\n', "'vocabulary[0].rules' names 'nope', which is no rule id, pack or category"),
])
def test_vocabulary_errors(project, entry, message):
    (project / "docs" / ".healthlint.toml").write_text("[[vocabulary]]\n" + entry)
    run = check("a.md")
    assert run.exit_code == 2 and message in run.stderr


FAQ_ANSWER = ("# Can I get a free test?\n\nYes. Tests cost $0 at pharmacies and at our clinics. "
              "Hand sanitizer kills 99.9% of germs.\n")


def test_an_override_declares_the_register_of_the_files_it_matches(tmp_path, monkeypatch):
    """A short FAQ answer that names a price reads as a sales page by its cues; an override that
    declares its folder careful makes the rules for promotional pages let it be, as they let a
    careful page be. The same text elsewhere is measured as before."""
    (tmp_path / "faq").mkdir()
    (tmp_path / "faq" / "tests.md").write_text(FAQ_ANSWER)
    (tmp_path / "tests.md").write_text(FAQ_ANSWER)
    (tmp_path / ".healthlint.toml").write_text('[[overrides]]\npaths = ["faq/**"]\nregister = "careful"\n')
    monkeypatch.chdir(tmp_path)
    run = run_cli("check", "--format", "json", ".")
    declared = {f["rule"] for f in run.findings if "faq" in f["path"]}
    measured = {f["rule"] for f in run.findings if "faq" not in f["path"]}
    assert {"commercial-conflict/price", "efficacy-overstatement/treats-condition"} <= measured
    assert declared == {"unsourced-statistic/unsourced-number"}  # a rule for any page still speaks
    # and the other way: a careful-looking label declared promotional is read as a seller's
    (tmp_path / ".healthlint.toml").write_text('[[overrides]]\npaths = ["faq/**"]\nregister = "promotional"\n')
    (tmp_path / "faq" / "tests.md").write_text(
        "# Our drops\n\nTalk to your doctor. Side effects are listed below. Research is ongoing.\n\n"
        "Our drops calm reflux, allergies and infections.\n")
    run = run_cli("check", "--format", "json", "faq/tests.md")
    assert "efficacy-overstatement/many-conditions" in {f["rule"] for f in run.findings}


def test_an_unknown_register_is_one_error_naming_the_key(tmp_path, monkeypatch):
    (tmp_path / ".healthlint.toml").write_text('[[overrides]]\npaths = ["faq/**"]\nregister = "neutral"\n')
    (tmp_path / "a.md").write_text("Hello.\n")
    monkeypatch.chdir(tmp_path)
    run = run_cli("check", "a.md")
    assert run.exit_code == 2
    assert "'overrides[0].register' must be one of careful, promotional, not 'neutral'" in run.stderr
