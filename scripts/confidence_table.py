"""Confidence band against accuracy on an annotated set (docs/confidence.md).

For every predicted quote, "right" means: it matches a gold quote (word-bag F1 >= 0.5, same class)
and its speaker is right, as ``quotecli eval`` judges (quotecli.evaluate: the rules of
../shared/eval/score.py). Unmatched predictions count as wrong.

Usage: python scripts/confidence_table.py ../shared/eval/dev [--fast]
"""
from __future__ import annotations

import argparse

from quotecli import extract
from quotecli.evaluate import PredQuote, load_golds, match, speaker_ok

BANDS = [(0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold_dir")
    ap.add_argument("--fast", action="store_true")
    a = ap.parse_args()
    rows: list[tuple[float, bool, str]] = []
    for gold in load_golds([a.gold_dir]):
        found = extract(gold.text, gold.id, fast=a.fast).quotes
        preds = [PredQuote(q.quote, q.type, q.speaker) for q in found]
        matched = {m.pred: m.gold for m in match(gold.quotes, preds)}
        for j, (q, p) in enumerate(zip(found, preds, strict=True)):
            ok = j in matched and speaker_ok(gold.quotes[matched[j]], p.speaker, gold.text)
            rows.append((q.confidence, ok, q.rule))
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
