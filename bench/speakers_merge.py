"""Speaker merging across articles on the annotated corpus, for checking by hand.

Clusters the speakers of ../shared/corpus/train (read at run time, never copied) into corpus speakers
and lists every merged group: a corpus speaker found in more than one article, or under more than one
canonical name. A person reads the list and marks each group right or wrong (docs/find.md keeps the
last reading). Speakers come from the annotators' own names (``--from gold``) or from quotecli's
extraction of the articles' texts (``--from fast`` for the rules, ``--from full`` with Stanza).

Usage: python bench/speakers_merge.py [--from gold|fast|full] [--with-dev]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotecli.corpus_speakers import cluster  # noqa: E402
from quotecli.sources import Loader, load_sources  # noqa: E402

SHARED = ROOT.parent / "shared"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--from", dest="origin", choices=["gold", "fast", "full"], default="gold")
    ap.add_argument("--with-dev", action="store_true", help="add the dev set (../shared/eval/dev) to train")
    args = ap.parse_args()
    folders = [SHARED / "corpus" / "train"] + ([SHARED / "eval" / "dev"] if args.with_dev else [])
    if not all(f.is_dir() for f in folders):
        print(f"skipped: the annotated corpus is not at {SHARED}")
        return 0
    name = "train" + (" + dev" if args.with_dev else "")
    if args.origin == "gold":
        corpus = load_sources([str(f) for f in folders])
    else:
        loader = Loader(fast=args.origin == "fast")
        for f in sorted(p for folder in folders for p in folder.glob("*.json")):
            d = json.loads(f.read_text(encoding="utf-8"))
            loader.article(d["id"], d["text"], {"date": d.get("date"), "outlet": d.get("outlet")})
        corpus = loader.load([])
    speakers = cluster(corpus.records)
    named = [s for s in speakers if not s.local]
    merged = [s for s in named if len({r.source for r in s.records}) > 1 or len(s.names) > 1]
    article_speakers = len({(r.source, r.speaker) for r in corpus.records if r.speaker})
    print(f"{name} ({args.origin}): {len(corpus.records)} quotes with {article_speakers} article speakers "
          f"in {len(corpus.articles)} articles -> {len(speakers)} corpus speakers ({len(named)} named, "
          f"{len(speakers) - len(named)} unnamed kept to their article); {len(merged)} merged groups:")
    for s in merged:
        arts = sorted({r.source for r in s.records})
        print(f"  {s.speaker_id} [{s.type}] names={dict(s.names)} articles={len(arts)}: {', '.join(arts[:4])}"
              f"{' ...' if len(arts) > 4 else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
