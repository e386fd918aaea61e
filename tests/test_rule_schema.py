"""A phrase rule's keys are typed: a wrong value is one error naming the file, the rule and the
key, exit 2, whether the rule is in a user's config or in a pack; and keywords derived per
pattern mean a hand-written list can no longer switch a pattern off."""

import pytest

from conftest import run_cli

RULE = """name = "x"
category = "hype"
message = "m"
"""
PATTERN = "patterns = ['\\bmiracle\\b']\n"
CASES = [
    ("keywords = [1]", PATTERN, "'keywords' must be a list of strings, not [1]"),
    ("patterns = [1]", "", "'patterns' must be a list of strings, not [1]"),
    ("near = { pattern = 3, words = 2 }", PATTERN, "'near.pattern' must be a string, not 3"),
    ("near = { pattern = 'cure' }", PATTERN, "'near' must be a table { pattern = a string, words = a whole number }, not {'pattern': 'cure'}"),
    ("unless = [1]", PATTERN, "'unless' must be a list of strings, not [1]"),
    ("bad = [2]", PATTERN, "'bad' must be a list of strings, not [2]"),
    ("fix-safe = 'yes'", PATTERN, "'fix-safe' must be true or false, not 'yes'"),
    ("patterns = ['{nope} cure']", "", "'patterns': unknown vocabulary {nope}; defined: none"),
    ("patterns = ['\\d+%']", "", "cannot derive keywords from pattern '\\\\d+%': add a literal word (3 characters or more) "
                                 "that every match contains, or a 'keywords' list of words one of which every match of it contains"),
]


def assert_one_error(run, expected: str) -> None:
    assert run.exit_code == 2
    assert "Traceback" not in run.stderr + run.stdout
    errors = [line for line in run.stderr.splitlines() if "error:" in line]
    assert len(errors) == 1 and errors[0].endswith(expected), run.stderr


@pytest.mark.parametrize("line, pattern, expected", CASES)
def test_a_wrong_value_in_a_config_rule_is_one_error_naming_file_rule_and_key(write, tmp_path, line, pattern, expected):
    write(".healthlint.toml", f"[[rules]]\n{RULE}{pattern}{line}\n")
    doc = write("a.md", "A miracle cure.\n")
    assert_one_error(run_cli("check", doc), f"{tmp_path / '.healthlint.toml'}: rule 'x'{'' if 'vocabulary' in expected else ':'} "
                                            f"{expected}")


def test_the_same_in_pyproject_toml(write, tmp_path):
    write("pyproject.toml", f"[tool.healthlint]\n[[tool.healthlint.rules]]\n{RULE}{PATTERN}keywords = [1]\n")
    doc = write("a.md", "A miracle cure.\n")
    assert_one_error(run_cli("check", doc), f"{tmp_path / 'pyproject.toml'}: rule 'x': 'keywords' must be a list of strings, not [1]")


PLUGIN = """from pathlib import Path
from healthlint import hookimpl
from healthlint.rules.phrase import load_phrase_rules

@hookimpl
def healthlint_rules():
    return load_phrase_rules(Path(__file__).with_name("rules.toml"), "mypack")
"""


@pytest.mark.parametrize("line, pattern, expected", CASES)
def test_a_wrong_value_in_a_pack_rule_is_one_error_and_the_other_rules_still_run(write, tmp_path, line, pattern, expected):
    write("pack/rules.toml", f"[[rule]]\n{RULE}{pattern}{line}\n")
    plugin = write("pack/mypack.py", PLUGIN)
    doc = write("a.md", "A miracle cure.\n")
    run = run_cli("check", "--isolated", "--format", "json", "--plugin", plugin, doc)
    assert run.exit_code == 2
    assert [e["error"].split("RuleError: ", 1)[1] for e in run.errors] == [
        f"{tmp_path / 'pack' / 'rules.toml'}: rule 'x'{'' if 'vocabulary' in expected else ':'} {expected}"]
    assert "hype/hype-phrase" in {f["rule"] for f in run.findings}  # the built-in packs still ran


def test_government_cleared_is_flagged_whatever_the_rule_keywords_say(write):
    """Issue 14: the rule's hand-written keywords ("fda", "approved") did not cover 'government
    ... cleared', so its third pattern never ran on this sentence."""
    doc = write("a.md", "Visit our government-cleared clinic.\n")
    run = run_cli("check", "--isolated", "--no-cache", "--format", "json", doc)
    assert [(f["rule"], f["offset"], f["end_offset"]) for f in run.findings
            if not f["rule"].endswith("/reads-like-a-claim")] == [("regulatory-claim/misused-approval", 10, 35)]
