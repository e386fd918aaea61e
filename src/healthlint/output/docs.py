"""Where a rule's documentation page lives: one stable URL per rule id, for SARIF `helpUri`,
LSP `codeDescription.href` and the HTML report.

A rule `category/name` is documented at `<base>category/name.md`, the page `healthlint docs`
writes to docs/rules/category/name.md in the repository. The base is the repository's docs/rules
folder unless the environment variable HEALTHLINT_DOCS_URL names another (a docs site, a fork).
"""

from __future__ import annotations

import os

from healthlint.rules import RuleInfo

DEFAULT_BASE_URL = "https://github.com/healthlint/healthlint/blob/main/docs/rules/"
BASE_URL_VARIABLE = "HEALTHLINT_DOCS_URL"


def rule_path(rule_id: str) -> str:
    """The page of a rule relative to the docs/rules folder: 'cure-claim/absolute-cure.md'."""
    return f"{rule_id}.md"


def rule_url(rule_id: str, base: str | None = None) -> str:
    """The URL of a rule's page: `base` (default: $HEALTHLINT_DOCS_URL, else DEFAULT_BASE_URL)
    followed by its path. Rules of packs outside healthlint have no page there (see help_url)."""
    base = base or os.environ.get(BASE_URL_VARIABLE) or DEFAULT_BASE_URL
    return base.rstrip("/") + "/" + rule_path(rule_id)


DOCUMENTED_PACKS = ("health-claims", "regenerative")  # the packs healthlint ships: the only pages there are


def help_url(info: RuleInfo) -> str | None:
    """The URL of a rule's page when healthlint documents it (a rule of a built-in pack), else None:
    a third-party pack's or a config's rule has no page to link to."""
    return rule_url(info.id) if info.pack in DOCUMENTED_PACKS else None
