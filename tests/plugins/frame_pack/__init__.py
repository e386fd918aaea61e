"""A third-party pack outside healthlint's tree that writes a frame rule over its own vocabularies."""

from pathlib import Path

from healthlint import hookimpl
from healthlint.rules.phrase import load_phrase_rules


@hookimpl
def healthlint_rules():
    return load_phrase_rules(Path(__file__).with_name("rules.toml"), "frame-pack")
