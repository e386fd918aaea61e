"""Testimonials set apart by layout (issue 15): a block quotation or a signed paragraph in
quotation marks on a seller's page is a customer's verdict, whatever its words; the signature
itself, a note in a block quotation, and a quoted patient on a careful page are left alone."""

from conftest import lint_page

RULE = "anecdote-as-evidence/set-apart-testimonial"
SELLER = "Order FlexiPaw today and save 20% with code JOINT20.\n\n"
CAREFUL = ("This page explains the condition. Talk to your doctor about the possible side effects "
           "and risks of treatment.\n\n")


def flagged(text: str) -> list[str]:
    return [text[f["offset"]:f["end_offset"]] for f in lint_page(text) if f["rule"] == RULE]


def test_a_signed_block_quotation_is_one_finding_over_its_words_but_not_the_signature():
    text = SELLER + '> "I was told I needed three fillings. Drill-free for life!"\n> \u2014 Jenna P., 34\n'
    assert flagged(text) == ["I was told I needed three fillings. Drill-free for life!"]
    finding = next(f for f in lint_page(text) if f["rule"] == RULE)
    assert finding["message"].startswith("A customer's quoted words, set apart and signed")


def test_a_quoted_block_quotation_needs_no_signature_and_no_customer_word():
    assert flagged(SELLER + '> "Three years of Botox and not a single new wrinkle."\n') == [
        "Three years of Botox and not a single new wrinkle."]


def test_a_signed_paragraph_in_quotation_marks_is_set_apart_too():
    text = SELLER + "\u201cBest lean bulk of my life. Zero sides.\u201d \u2014 Mike_T, 31\n"
    assert flagged(text) == ["Best lean bulk of my life. Zero sides."]


def test_what_is_not_a_set_apart_testimonial():
    # a note in a block quotation: neither quoted nor signed
    assert flagged(SELLER + "> Note: results vary from person to person.\n") == []
    # a paragraph in quotation marks with no signature is the testimonial rule's to judge
    assert flagged(SELLER + '"Our formula is the best," the founder told a podcast.\n') == []
    # a paragraph with a dash inside a sentence is not signed
    assert flagged(SELLER + "Most dogs improve \u2014 Some take longer.\n") == []


def test_a_quoted_patient_on_a_careful_page_is_left_alone():
    assert flagged(CAREFUL + '> "I was diagnosed at 40, and the trial gave me hope."\n> \u2014 Maria, 52\n') == []
