"""Print the place names learned from the IndoNLU NER training sets (../shared/data/ner, Apache-2.0):
names tagged a place (PLC, PLACE) twice or more and never a person, one or two words, not already in
quotecli/data/places.txt, not a dictionary, title or organisation word, without venue prefixes
(Desa, Bandara, Stadion ...) and less the hand-checked DROP list (venues, clubs' cities, ethnic names).
The output was appended to quotecli/data/places.txt (2026-11-29).

Usage: python scripts/build_places.py [NER_DIR]
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "quotecli" / "data"
FILES = ("nerp_ner-prosa/train_preprocess.txt", "nergrit_ner-grit/train_preprocess.txt")
VENUES = {"desa", "dusun", "kecamatan", "kabupaten", "kota", "bandar", "bandara", "danau", "bukit", "gunung",
          "jalan", "jl", "pulau", "provinsi", "kampung", "kelurahan", "sungai", "pantai", "pelabuhan", "stasiun",
          "terminal", "rumah", "gedung", "hotel", "pasar", "taman", "lapas", "kantor"}
DROP = set("""asean assembly barcelona batak anfield ecopark ice jcc majapahit manchester sarinah sicc portugis
sunda png karo milan madrid newcastle roma tyne harmoni jayanti serang pulo raqa kerjo hollywood monas
wirabhumi goldfields""".split()) | {"bahu mall", "green garden", "jakarta our", "kompleks parlemen",
                                    "legoland malaysia", "lp pekanbaru", "masjid beuracan", "masjid istiqlal",
                                    "mgm grand", "oracle arena", "pacific place", "rugby park", "stadion etihad",
                                    "stadion juventus", "stadion manahan", "times square", "tradisine ngopi",
                                    "trinity college", "gereja nativitas", "situs sangiran", "kerajaan banggai",
                                    "ovinsi bengkulu", "republik indonesia", "pine gap", "kawasan puncak",
                                    "dimmuborgir"}


def words(name: str) -> set[str]:
    return {w.strip() for w in (DATA / name).read_text(encoding="utf-8").splitlines() if w and not w.startswith("#")}


def entities(path: Path) -> list[tuple[str, str]]:
    """(tag, words) of each entity of a BIO file (one token and tag a line, blank between sentences)."""
    out, ent, tag = [], [], None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        parts = line.split("\t")
        inside = len(parts) == 2 and parts[1].startswith("I-") and ent
        if not inside and ent:
            out.append((tag, " ".join(ent)))
            ent, tag = [], None
        if len(parts) == 2 and parts[1].startswith("B-"):
            ent, tag = [parts[0]], parts[1][2:]
        elif inside:
            ent.append(parts[0])
    return out


def main() -> None:
    ner = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data" / "ner"
    place, person = Counter(), Counter()
    for f in FILES:
        for tag, name in entities(ner / f):
            name = name.lower()
            if tag in ("PLC", "PLACE"):
                place[name] += 1
            elif tag in ("PPL", "PERSON"):
                person[name] += 1
    known = words("places.txt") | words("common_words.txt") | words("titles.txt") | words("org_words.txt")
    for name in sorted(place):
        ws = name.split()
        if place[name] < 2 or person[name] or name in known or name in DROP or len(ws) > 2 or ws[0] in VENUES \
                or not all(w.isascii() and w.isalpha() for w in ws) or len(name) <= 2 or any(w in known for w in ws):
            continue
        print(name)


if __name__ == "__main__":
    main()
