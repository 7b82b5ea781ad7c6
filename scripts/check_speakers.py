"""Check every predicted speaker for shapes that are never a speaker.

    python scripts/check_speakers.py DIR_OR_FILES... [--fast] [--totals-only] [--no-tagger]

Inputs are annotated articles (``*.json`` with a ``text`` field, as in ../shared/corpus) or plain
``*.txt`` articles. For each quote quotecli attributes, the speaker is flagged when it

  function_word  begins with a preposition, conjunction or sentence adverb (quotecli/data/not_speaker_start.txt)
  verb           begins with a verb: by the word list (a me-/di-/ber-/ter- word of common_words.txt) or,
                 unless --fast or --no-tagger, by the bundled tagger (UPOS VERB, ADP, CCONJ, SCONJ)
  headline       is the headline line of the article, or four words or more found only in it that
                 make half of it or more
  bare_title     is a title or office alone ("Kepala Dinas", "Kapolres") while a name follows the
                 mention in the same sentence

Prints the number of flagged speakers and the count of each flag (and, without --totals-only, every
flagged speaker). Exit status 0 when none is
flagged, 1 otherwise. Use --totals-only on held-out data whose errors must not be read.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from quotecli.api import extract_many
from quotecli.candidates import function_word, verbish
from quotecli.lexicon import default_lexicon
from quotecli.segment import tokens
from quotecli.speakers import _name_runs

BAD_TAGS = ("VERB", "ADP", "CCONJ", "SCONJ")


def load(paths: list[str]) -> list[tuple[str, str]]:
    files: list[Path] = []
    for p in map(Path, paths):
        files += sorted([*p.glob("*.json"), *p.glob("*.txt")]) if p.is_dir() else [p]
    out = []
    for f in files:
        raw = f.read_text(encoding="utf-8")
        out.append((f.stem, json.loads(raw)["text"] if f.suffix == ".json" else raw))
    return out


def headline(text: str, name: str) -> bool:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if not lines:
        return False
    title = lines[0]
    body = "\n".join(lines[1:])
    if name.strip() == title:
        return True
    # four words or more that only the headline uses and that make half of it or more
    return len(name.split()) >= 4 and name in title and name not in body \
        and len(name.split()) * 2 >= len(title.split())


def bare_title(text: str, quote: dict) -> bool:
    """A title or office with no name in it ("Kepala Dinas Kesehatan") whose mention is followed, in the
    same sentence, by a name of two words or more."""
    lex = default_lexicon()
    name, span = quote["speaker"], quote.get("speaker_span")
    toks = tokens(name)
    if not toks or not span or toks[0].lower not in lex.title_words() or _name_runs(toks, lex):
        return False
    line_end = text.find("\n", span[1])
    after = tokens(text, span[1], len(text) if line_end < 0 else line_end)[:8]
    stop = next((k for k, t in enumerate(after) if t.text in ".;:\"“”"), len(after))
    runs = _name_runs(after[:stop], lex)
    return bool(runs) and runs[0][0] <= 3 and runs[0][1] - runs[0][0] >= 2


def flags(text: str, quote: dict, tags: dict[str, str]) -> list[str]:
    name = quote["speaker"]
    first = name.split()[0].strip(",.") if name.split() else ""
    out = []
    if function_word(first, default_lexicon()):
        out.append("function_word")
    if verbish(first.lower(), default_lexicon()) or tags.get(name) in BAD_TAGS:
        out.append("verb")
    if headline(text, name):
        out.append("headline")
    if bare_title(text, quote):
        out.append("bare_title")
    return out


def first_tags(names: list[str]) -> dict[str, str]:
    """UPOS of each speaker's first word, by the bundled tagger (tagged in its mention's words)."""
    from quotecli import nlp

    pipe = nlp.get_pipeline(None, ("tokenize", "mwt", "pos"), 1)
    import stanza

    docs = pipe.bulk_process([stanza.Document([], text=n) for n in names])
    return {n: (d.sentences[0].words[0].upos if d.sentences and d.sentences[0].words else "")
            for n, d in zip(names, docs, strict=True)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--fast", action="store_true", help="check quotecli --fast's speakers")
    ap.add_argument("--totals-only", action="store_true", help="print counts only (held-out data)")
    ap.add_argument("--no-tagger", action="store_true", help="word lists only")
    a = ap.parse_args()
    items = load(a.inputs)
    if not items:
        print("error: no articles found", file=sys.stderr)
        return 2
    results = extract_many(items, fast=a.fast)
    quotes = [(text, q.to_dict()) for (_, text), r in zip(items, results, strict=True) for q in r.quotes if q.speaker]
    tags = {} if a.fast or a.no_tagger else first_tags(sorted({q["speaker"] for _, q in quotes}))
    counts: Counter[str] = Counter()
    flagged = 0
    for (src, text), r in zip(items, results, strict=True):
        for q in (q.to_dict() for q in r.quotes if q.speaker):
            found = flags(text, q, tags)
            flagged += bool(found)
            counts.update(found)
            if found and not a.totals_only:
                print(f"{'+'.join(found):13} {src}: {q['speaker']!r} (mention {q['speaker_mention']!r})")
    print(json.dumps({"articles": len(items), "speakers_checked": len(quotes), "flagged": flagged,
                      **{k: counts[k] for k in ("function_word", "verb", "headline", "bare_title")}}))
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
