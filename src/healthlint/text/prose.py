"""A document's prose regions, by its kind: the Markdown parser's or the plain-text reader's,
then bare URLs cut out and the rest masked (see healthlint.text.regions)."""

from __future__ import annotations

from healthlint.text.document import Document
from healthlint.text.markdown import markdown_regions
from healthlint.text.regions import Regions, mask, plain_text_regions, without_bare_urls


def regions_for(document: Document) -> Regions:
    """The prose regions of a document, by its kind. The parser's prose ranges (hundreds of
    thousands in a big file) are used to mask the text and then let go."""
    if document.kind == "text":
        prose, regions = plain_text_regions(document.text)
    else:
        prose, regions = markdown_regions(document.text)
    prose = without_bare_urls(document.text, prose, regions.links)
    regions.links.sort(key=lambda link: link.start)
    regions.masked = mask(document.text, prose)
    return regions
