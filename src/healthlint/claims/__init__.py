"""The claims layer: find claims the way an editor reads them.

- `lexicon`: named vocabularies (term lists, verbs with their inflections) defined in pack data.
- `concepts`: where those terms occur in a sentence (one Aho-Corasick pass).
- `modifiers`: ConText triggers and their scopes (negated, hedged, hypothetical, reported,
  conditional, comparative, limited), from core's general-English `context.toml` plus a pack's own.
- `frames`: a predicate bound to its object and subject within a clause, with its modifiers.
- `register`: how promotional a whole document reads, from cue vocabularies the pack names.
- `rule`: `[[claim]]` rules over all of these, written as TOML in a pack's rules file.

The core knows no health word: every term lives in a pack's data.
"""
