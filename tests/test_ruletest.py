"""`healthlint test-rules`: rule examples as tests, patterns no bad example reaches; `explain`
shows an example as flagged only when the rule flags it."""

import subprocess
import sys
import textwrap

import pytest

from conftest import rule_runners_shared, run_cli
from healthlint.rules.phrase import phrase_rule
from healthlint.running.ruletest import flagged

BROKEN_RULE = r"""
[[tool.healthlint.rules]]
name = "cure-all"
category = "hype"
message = "Do not call our supplement a cure-all."
patterns = ['\bcure[- ]all\b', '\bpanacea\b']
unless = ["negated"]
bad = ["Our tonic is a cure-all.", "Our tonic is a cureall."]
good = ["It is not a cure-all.", "A cure all the same."]
"""

# The same rule put right: its first pattern spares "cure all the same", its second has a bad example.
FIXED_RULE = BROKEN_RULE.replace(r"'\bcure[- ]all\b'", r"'\bcure[- ]all\b(?!\s+the\s+same)'").replace(
    "Our tonic is a cureall.", "Our tonic is a panacea.")


def healthlint(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "healthlint", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=60)


@pytest.fixture
def repo(tmp_path):
    """A git repository whose pyproject.toml selects only its own rules."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)

    def with_rules(rules: str):
        (tmp_path / "pyproject.toml").write_text(
            '[project]\nname = "site"\n\n[tool.healthlint]\nselect = ["local"]\n' + rules, encoding="utf-8")
        return tmp_path

    return with_rules


@pytest.mark.slow
def test_a_broken_config_rule_fails_with_each_problem_named(repo):
    run = healthlint("test-rules", cwd=repo(BROKEN_RULE))
    assert run.returncode == 1, run.stderr
    assert run.stdout.splitlines() == [
        "local/cure-all: bad example not flagged: 'Our tonic is a cureall.'",
        "local/cure-all: good example flagged ('cure all'): 'A cure all the same.'",
        r"local/cure-all: pattern 2 of 2 is reached by no bad example: '\bpanacea\b'",
        "1 rule(s), 4 example(s), 2 pattern(s): 2 example(s) wrong, 1 pattern(s) reached by no bad example",
    ]
    assert run.stderr == ""


@pytest.mark.slow
def test_a_correct_config_rule_passes(repo):
    run = healthlint("test-rules", cwd=repo(FIXED_RULE))
    assert (run.returncode, run.stderr) == (0, "")
    assert run.stdout == "1 rule(s), 4 example(s), 2 pattern(s): 0 example(s) wrong, 0 pattern(s) reached by no bad example\n"


@pytest.mark.slow
def test_a_broken_config_is_one_error_and_exit_2(repo):
    root = repo(FIXED_RULE.replace(r"'\bpanacea\b'", "'(panacea'"))
    run = healthlint("test-rules", cwd=root)
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr.startswith(f"healthlint: error: {root / 'pyproject.toml'}: rule 'cure-all' 'patterns': "
                                 "invalid regular expression '(panacea'")
    assert len(run.stderr.splitlines()) == 1


def test_path_may_name_the_config_file(write):
    config = write("elsewhere/.healthlint.toml",
                   'select = ["local"]\n' + BROKEN_RULE.replace("tool.healthlint.rules", "rules"))
    run = run_cli("test-rules", config)
    assert run.exit_code == 1
    assert "local/cure-all: bad example not flagged: 'Our tonic is a cureall.'" in run.stdout


def test_path_may_name_a_rules_file_whose_rules_run_alone(write):
    rules = write("pack/rules.toml", textwrap.dedent(r"""
        [[rule]]
        name = "wonder"
        category = "hype"
        message = "Hype."
        patterns = ['\bwonder\s+drug\b', '\bsilver\s+bullet\b']
        bad = ["A wonder drug."]
        good = ["I wonder, drug makers say."]
        """))
    run = run_cli("test-rules", rules)
    assert run.exit_code == 1
    assert run.stdout.splitlines() == [
        r"hype/wonder: pattern 2 of 2 is reached by no bad example: '\bsilver\s+bullet\b'",
        "1 rule(s), 2 example(s), 2 pattern(s): 0 example(s) wrong, 1 pattern(s) reached by no bad example",
    ]


def test_a_toml_file_that_is_neither_config_nor_rules_is_exit_2(write):
    run = run_cli("test-rules", write("other.toml", 'title = "x"\n'))
    assert run.exit_code == 2
    assert "other.toml: neither a configuration file" in run.stderr


def test_only_pattern_keeps_the_rule_conditions():
    rule = phrase_rule({"name": "x", "category": "hype", "message": "m", "unless": ["negated"],
                        "patterns": [r"\bmiracle\b", r"\bwonder\s+cure\b"]}, "local", "test")
    assert flagged(rule, "A miracle and a wonder cure.") == ["miracle", "wonder cure"]
    assert flagged(rule.only_pattern(0), "A miracle and a wonder cure.") == ["miracle"]
    assert flagged(rule.only_pattern(1), "A miracle and a wonder cure.") == ["wonder cure"]
    assert flagged(rule.only_pattern(1), "It is not a wonder cure.") == []


def test_explain_shows_a_bad_example_the_rule_misses_as_not_flagged(write):
    config = write(".healthlint.toml", BROKEN_RULE.replace("tool.healthlint.rules", "rules"))
    run = run_cli("explain", "--config", config, "local/cure-all")
    assert run.exit_code == 0
    assert run.stdout.endswith(
        "## Flagged\n"
        "  - Our tonic is a cure-all.\n"
        "  - A cure all the same.  (listed as good: `healthlint test-rules`)\n"
        "\n"
        "## Not flagged\n"
        "  - It is not a cure-all.\n"
        "  - Our tonic is a cureall.  (listed as bad: `healthlint test-rules`)\n\n")


def test_the_packs_pass_test_rules_with_every_pattern_reached():
    with rule_runners_shared():  # each rule's runner built once for the session (~0.15 s a claim rule)
        run = run_cli("test-rules", "--isolated")
    [summary] = run.stdout.splitlines()  # no problem line before it
    assert summary.endswith(" 0 example(s) wrong, 0 pattern(s) reached by no bad example")
    assert run.exit_code == 0


def test_a_rules_file_with_vocabularies_names_its_unreached_pattern_in_one_short_line(write):
    rules = write("pack/rules.toml", textwrap.dedent(r"""
        [vocabularies]
        remedies = ["tonic", "elixir", "potion", "balm", "salve", "tincture", "drops", "serum",
                    "cream", "oil", "spray", "gummies", "capsules", "tablets", "powder", "tea"]
        cure-verbs = ["cure (v)"]

        [[rule]]
        name = "remedy-cures"
        category = "cure-claim"
        message = "A remedy said to cure."
        patterns = ['\b{remedies}\s+{cure-verbs}\b', '''
            \b{cure-verbs}   # the verb first,
            \s+with\s+our\s+{remedies}\b  # then the remedy
            ''']
        bad = ["This tonic cures colds.", "Our elixir cured me."]
        good = ["No tonic cures colds."]
        unless = ["negated"]
        """))
    run = run_cli("test-rules", rules)
    assert run.exit_code == 1
    problem, summary = run.stdout.splitlines()
    assert problem.startswith(r"cure-claim/remedy-cures: pattern 2 of 2 is reached by no bad example: '\b")
    assert problem.endswith("\u2026'") and len(problem) < 300
    assert summary == "1 rule(s), 3 example(s), 2 pattern(s): 0 example(s) wrong, 1 pattern(s) reached by no bad example"
