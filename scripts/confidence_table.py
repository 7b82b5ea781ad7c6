"""Confidence band against accuracy on an annotated set (docs/confidence.md).

For every predicted quote, "right" means: it matches a gold quote (word-bag F1 >= 0.5, same class)
and its speaker is right, as the scorer ../shared/eval/score.py judges (its functions are imported,
not copied). Unmatched predictions count as wrong.

Usage: python scripts/confidence_table.py ../shared/eval/dev [--fast] [--scorer ../shared/eval/score.py]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path

from quotecli import extract

BANDS = [(0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("quotecli_eval_score", path)
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold_dir")
    ap.add_argument("--fast", action="store_true")
    ap.add_argument("--scorer", default=None)
    a = ap.parse_args()
    gold_dir = Path(a.gold_dir)
    scorer = load_scorer(Path(a.scorer) if a.scorer else gold_dir.parent / "score.py")
    rows: list[tuple[float, bool, str]] = []
    for f in sorted(gold_dir.glob("*.json")):
        gold = json.loads(f.read_text(encoding="utf-8"))
        preds = [q.to_dict() for q in extract(gold["text"], f.stem, fast=a.fast).quotes]
        matched = {j: i for i, j, _ in scorer.match(gold["quotes"], preds)}
        for j, p in enumerate(preds):
            ok = j in matched and scorer.speaker_ok(gold["quotes"][matched[j]], p, gold["text"])
            rows.append((p["confidence"], bool(ok), p["rule"]))
    print(f"mode: {'fast (rules only)' if a.fast else 'full (Stanza)'}; {len(rows)} predicted quotes\n")
    print("| confidence | quotes | right | accuracy |")
    print("| --- | ---: | ---: | ---: |")
    for lo, hi in BANDS:
        band = [ok for c, ok, _ in rows if lo <= c < hi]
        acc = f"{sum(band) / len(band):.2f}" if band else "-"
        print(f"| {lo:.1f}-{min(hi, 1.0):.1f} | {len(band)} | {sum(band)} | {acc} |")
    print("\n| rule | quotes | accuracy |")
    print("| --- | ---: | ---: |")
    for rule in sorted({r for _, _, r in rows}):
        sel = [ok for _, ok, r in rows if r == rule]
        print(f"| {rule} | {len(sel)} | {sum(sel) / len(sel):.2f} |")


if __name__ == "__main__":
    main()
