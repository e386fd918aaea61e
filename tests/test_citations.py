"""The citation service: what counts as a source for a sentence or its paragraph."""

import pytest

from healthlint.rules.context import DocumentContext
from healthlint.text.document import from_text


def cited(text: str) -> bool:
    ctx = DocumentContext.build(from_text(text, "x.md"))
    return ctx.sentence(0).cited()


@pytest.mark.parametrize("text", [
    "Studies show it [works](https://pubmed.ncbi.nlm.nih.gov/1/).",
    "Studies show it works [1].",
    "Studies show it works [1, 2].",
    "Studies show it works [3-5].",
    "Studies show it works.[^a]\n\n[^a]: Ref.",
    "Studies show it works (doi:10.1000/xyz123).",
    "Studies show it works, see 10.1056/NEJMoa2034577.",
    "Studies show it works (PMID: 31234567).",
    "Studies show it works (PMC6543210).",
    "Studies show it works (Smith et al., 2020).",
    "Studies show it works (Smith and Jones 2019; Lee 2021).",
    "Arthritis affects one in six people (Versus Arthritis, 2023).",  # an organisation as author
    "Obesity affects 1 in 8 people (World Health Organization, 2022).",
    "In a Cochrane review (2013), about 1 in 4 people were pain-free at two hours.",  # named, then the year
    "Derks and Tomasi (2015) estimated that one in five people had it.",
    "Smith et al. (2020) found that 30% of patients improved.",
    "It often fades (UK ECT Review Group, The Lancet, 2003).",  # a group, its journal, the year
    "About 97 in 100 were in place (Jung and colleagues, Clinical Oral Implants Research).",
    "Studies show it works [ref][r].\n\n[r]: https://example.org",
    "Studies show it works, according to https://example.org/trial.",
    "Studies show it works ([Cochrane review](https://doi.org/10.1002/14651858)).",  # a review of trials is a source
    # a source named in the prose, as journalists and agencies name one
    "According to the CDC, about 1 in 3 adults has prediabetes.",
    "Data from the National Cancer Institute show a five-year survival of 90%.",
    "Research published in the Lancet in 2020 showed that 70% of patients responded.",
    "A 2018 trial in JAMA of 848 women found live births in 18.3% with acupuncture.",
    "A 2019 meta-analysis by Gupta and Carviel found that PRP increased hair counts.",
    "Smith and colleagues reported that 62% of participants improved.",
    "In the DiRECT trial, 46% of participants were in remission after one year.",
    "The NHS estimates that up to 3 in 10 adults have varicose veins.",
    "CDC recognizes several community programs proven to reduce arthritis pain.",
    "In its 2020 report, the Lancet Commission on dementia estimated that about 40% of cases may be linked.",
])
def test_sources_are_recognised(text):
    assert cited(text)


@pytest.mark.parametrize("text", [
    "Studies show it works.",
    "Studies show it works in 2020.",
    "Studies show it works (see below).",
    "Studies show 90% of patients improved (2020).",  # a year alone names no one
    "Our clinic opened in 2019 and treats 500 patients (2020 figures).",
    "One in three adults is affected (Offer ends March, 2025).",  # a capital, then words in lower case
    "Write to [us](mailto:a@b.org) if studies show it works.",
    "Write to <offers@clinic.example> if studies show it works.",  # an email autolink
    "Studies show it works, says `[1]` in code.",
    "Studies show it works. [Shop now](https://shop.example/buy)",  # a link that asks for the sale
    "Studies show it works [Read all reviews](https://shop.example/reviews).",  # customers' praise
    "According to Dr. Reyes, 90% of patients improve.",  # a seller's own doctor is not a source to check
    "According to our founder, 90% of patients improve.",
    "A study in mice found that it works.",  # a study, but no year, journal or name
    "In the study, 46% of participants were in remission.",  # "the study": which one?
    "The CEO says 90% of patients improve.",  # a seller's officer, not an agency
    "The team estimates that 90% of patients improve.",
])
def test_non_sources_are_not(text):
    assert not cited(text)


def test_paragraph_citation_is_separate_from_sentence_citation():
    ctx = DocumentContext.build(from_text("Studies show it works. Details are in the review [1].", "x.md"))
    first = ctx.sentence(0)
    assert not first.cited()
    assert first.paragraph_cited()
