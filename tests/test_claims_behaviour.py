"""Health-claims behaviour on sentences a writer would write: what must and must not be flagged."""

import pytest

from conftest import lint_page, run_cli


def flags(text: str, name: str = "draft.md") -> list[tuple[str, str]]:
    """(category, flagged words) of `healthlint check --isolated` on `text` as `name`, through the
    session's one public-API linter (conftest.lint_page), not a CLI load per sentence."""
    return [(f["category"], text[f["offset"]:f["end_offset"]]) for f in lint_page(text, name)]


@pytest.mark.parametrize("text", [
    "There is no cure for ALS.",
    "Stem cell therapy is not a cure.",
    "No treatment can reverse the damage.",
    "Patients hope to walk again.",
    "Is stem cell therapy safe?",
    "The efficacy and safety of such treatments are yet to be scientifically validated.",
    "More research is needed.",
    "This information should not replace professional medical advice.",
    "An MRI is a non-invasive test.",
    "These injections are not approved by the FDA.",
    "Early results suggest a small benefit [1].",
    "Studies show a modest effect (Smith et al., 2020).",
])
def test_careful_sentences_are_left_alone(text):
    assert flags(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Stem cells can cure ALS.", [("cure-claim", "cure")]),
    ("Studies show it works.", [("uncited-evidence", "Studies show")]),
    ("It is generally regarded as safe.", [("safety-claim", "generally regarded as safe")]),
    ("A true beacon of hope.", [("hype", "beacon of hope")]),
    ("Visit our FDA registered clinic.", [("regulatory-claim", "FDA registered")]),
    ("Book your consultation now.", [("commercial-conflict", "Book your consultation")]),
])
def test_claims_are_flagged_with_exact_spans(text, expected):
    assert flags(text) == expected


def test_citation_silences_evidence_appeal_but_not_absolute_safety():
    assert flags("Studies show it is completely safe [1].") == [("safety-claim", "completely safe")]


def test_invasiveness_depends_on_the_procedure_described():
    spinal = "Cells are given by spinal injection. This non-invasive option suits most people."
    assert flags(spinal) == [("invasiveness-mismatch", "non-invasive option")]
    assert flags("This non-invasive option suits most people.") == []


def test_invasiveness_names_the_procedure_the_text_performs_not_the_one_it_avoids():
    text = "# Knee relief without surgery\n\nOur painless procedure takes minutes: we inject cells into the joint.\n"
    run = run_cli("check", "--isolated", "--format", "json", "--select", "invasiveness-mismatch",
                  "--stdin-filename", "draft.md", "-", input=text)
    assert [(text[f["offset"]:f["end_offset"]], f["message"]) for f in run.findings] == [(
        "painless procedure", "'painless procedure' is said of a treatment that this text also describes as "
        "'inject'; needles, infusions and surgery are invasive and carry risks.")]
    assert flags("No needles and no surgery: our gentle treatment uses light pulses.") == []


def test_code_and_front_matter_are_not_linted():
    text = "---\nclaim: a miracle cure\n---\n\n```\nmiracle cure\n```\n\nA `miracle cure` in code.\n"
    assert flags(text) == []


@pytest.mark.parametrize("piece", [1, 2, 3, 7, 1 << 20])
def test_harms_word_count_in_pieces_equals_split(piece):
    """The missing-harms rule counts words a piece at a time (bounded memory); the count must be exact."""
    import random

    from healthlint_claims.harms import _word_count

    rng = random.Random(piece)
    for _ in range(200):
        text = "".join(rng.choice("ab \n\t\u00a0\u2003x") for _ in range(rng.randint(0, 60)))
        assert _word_count(text, piece) == len(text.split())


@pytest.mark.parametrize("piece", [1, 5, 1 << 20])
@pytest.mark.parametrize("name", ["_TREATMENT", "_PROMOTION"])
def test_harms_word_lists_count_as_the_regex_alternation_would(name, piece):
    """missing-harms counts treatment and promotion words with an automaton; it must count what
    \\b(?:word|stem\\w*)\\b with IGNORECASE counts, at word edges, in any case, across pieces."""
    import random

    import regex

    from healthlint_claims import harms

    words = getattr(harms, name)
    alternatives = [*words.words, *(f"{stem}\\w*" for stem in words.stems)]
    oracle = regex.compile(rf"\b(?:{'|'.join(alternatives)})\b", regex.I)
    parts = [*words.words, *words.stems, "HOPE", "Healing", "THERAPY", "Injections", "un", "s", "ful", "ation",
             "_", "9", "\u00e9", "-", " ", "\n", ".", "\u00a0"]
    rng = random.Random(piece)
    for _ in range(300):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(0, 12)))
        expected = sum(1 for _ in oracle.finditer(text))
        assert [words.at_least(text, k, piece) for k in range(expected + 2)] == [True] * (expected + 1) + [False], text
