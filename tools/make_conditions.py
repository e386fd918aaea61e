"""Build plugins/healthlint_claims/conditions.txt from the CC0 condition lexicon.

    python tools/make_conditions.py ../shared/lexicons/conditions.tsv

Source: Human Disease Ontology and Symptom Ontology (CC0 1.0), as collected in conditions.tsv
(`term`, `kind`, `id`, `how`). Acronyms are left out (lowercased, "ALL", "ADA" or "AIDS" would
match ordinary words; the pack lists the ones it wants among its lay terms), and so are the few
ontology names that are ordinary words or too general to name a condition on their own.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

TOO_GENERAL = {
    "symptom", "syndrome", "gas", "shock", "faint", "hopping", "wobble", "crinkle", "thirst", "shakes",
    "plague", "wasting", "sweaty", "perspire", "fecal", "icteric", "languid", "stimming", "drowsy",
    "dizzy", "abortion", "disease", "disorder", "infection", "lesion", "injury", "tumor", "growth",
    "mass", "cyst", "pain", "sensitivity", "discomfort", "deficiency", "insufficiency", "aging",
    "pregnancy", "death", "obesity",  # obesity: in the pack's weight vocabulary instead
    "flushing", "bleeding", "emesis", "rigors", "rubor", "uredo", "favus", "noma", "kuru", "bubo",
}
OUT = Path(__file__).resolve().parent.parent / "plugins" / "healthlint_claims" / "conditions.txt"


def keep(term: str) -> bool:
    words = term.split()
    if any(sum(ch.isupper() for ch in word) >= 2 for word in words):  # an acronym somewhere
        return False
    return term.lower() not in TOO_GENERAL and len(term) >= 4 and not term[0].isdigit()


def main(source: str) -> None:
    with open(source, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    terms = sorted({row["term"].lower() for row in rows if keep(row["term"])})
    header = [
        "# Disease and symptom names, one a line: the pack's {conditions} vocabulary.",
        "# From the Human Disease Ontology and the Symptom Ontology (CC0 1.0), via conditions.tsv;",
        "# acronyms and over-general names left out. Rebuild: python tools/make_conditions.py TSV",
    ]
    OUT.write_text("\n".join(header + terms) + "\n", encoding="utf-8")
    print(f"{len(terms)} terms -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
