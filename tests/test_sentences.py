"""Sentence splitting survives abbreviations, decimals and initials; blocks are never merged."""

import pytest

from healthlint.rules.context import DocumentContext
from healthlint.text.document import from_text


def sentences(text: str, name: str = "x.md") -> list[str]:
    ctx = DocumentContext.build(from_text(text, name))
    return [ctx.text[s.start:s.end] for s in ctx.sentences]


@pytest.mark.parametrize("text", [
    "Dr. Smith et al. reported it in the U.S. in 2020.",
    "Take 3.5 mg daily, e.g. with food, vs. placebo.",
    "J. Smith and A. B. Jones wrote it.",
    "Doses of approx. five tablets are used.",
])
def test_abbreviations_do_not_split(text):
    assert sentences(text) == [text]


def test_terminal_punctuation_splits():
    assert sentences("It works! Does it? Yes. The research is ongoing.. Trials continue.") == [
        "It works!", "Does it?", "Yes.", "The research is ongoing..", "Trials continue.",
    ]


def test_pieces_without_a_letter_or_digit_are_not_sentences():
    assert sentences("Yes. ... \u2014 ?! (\u201cIt works.\u201d) \u2026 5.\n") == [
        "Yes.", "(\u201cIt works.\u201d)", "5.",
    ]


def test_headings_and_items_are_their_own_sentences():
    assert sentences("# A heading without a stop\n\n- first item\n- second item\n\nA paragraph.\n") == [
        "A heading without a stop", "first item", "second item", "A paragraph.",
    ]


def test_plain_text_titles_are_their_own_sentences():
    text = "A Title Line\nThe first paragraph runs on\nacross a wrapped line. It ends.\nAnother Title\n"
    assert sentences(text, "x.txt") == [
        "A Title Line", "The first paragraph runs on\nacross a wrapped line.", "It ends.", "Another Title",
    ]


def test_run_on_text_is_cut_into_bounded_pieces():
    from healthlint.text.sentences import MAX_SENTENCE

    text = "word " * 3000
    pieces = sentences(text)
    assert all(len(p) <= MAX_SENTENCE for p in pieces)
    assert " ".join(pieces).split() == text.split()


def test_sentences_behave_as_a_sequence_of_sentence_objects():
    from healthlint.text.sentences import Sentence, Sentences

    sentences = Sentences()
    for start, end, block in [(0, 5, 0), (6, 12, 0), (14, 20, 1)]:
        sentences.append(start, end, block)
    expected = [Sentence(0, 5, 0), Sentence(6, 12, 0), Sentence(14, 20, 1)]
    assert len(sentences) == 3 and list(sentences) == expected
    assert sentences[1] == expected[1] and sentences[-1] == expected[-1]
    assert sentences[1:] == expected[1:] and sentences[::-1] == expected[::-1]
    assert expected[2] in sentences and sentences.index(expected[2]) == 2
    assert list(sentences.starts) == [0, 6, 14] and list(sentences.ends) == [5, 12, 20]
    with pytest.raises(IndexError):
        sentences[3]


def test_an_exclamation_closed_by_a_parenthesis_inside_a_sentence_does_not_end_it():
    assert sentences("Use it alongside (or instead of!) conventional care. Really? (Yes!) We do.\n") == [
        "Use it alongside (or instead of!) conventional care.", "Really?", "(Yes!)", "We do."]


def test_the_lines_of_a_list_drawn_with_symbols_are_sentences_of_their_own():
    text = ("**Results you'll notice**\n\u2714\ufe0f Regular cycles, balanced hormones\n"
            "\u2714\ufe0f Supports PCOS and endometriosis\n\u27a4 Doubles your chances\n")
    assert sentences(text) == ["Results you'll notice", "\u2714\ufe0f Regular cycles, balanced hormones",
                           "\u2714\ufe0f Supports PCOS and endometriosis", "\u27a4 Doubles your chances"]
    # a line that goes on a sentence, or opens with a quotation mark or a bracket, does not start one
    assert sentences("Take it with food\nand water.\n(Or after a meal.)\n") == ["Take it with food\nand water.",
                                                                             "(Or after a meal.)"]
