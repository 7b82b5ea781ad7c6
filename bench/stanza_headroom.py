"""How much room Stanza has to beat the rules' pipeline (`--fast`): totals for docs/quality.md.

Both pipelines detect the same quotes; they differ in the speaker candidates they propose and in the
features the fitted choice reads. This prints, for the rules' pipeline and the full pipeline:

* **ceiling**: end-to-end F1 if the choice were perfect, i.e. every matched quote whose candidates hold
  a right speaker got it. If both ceilings are equal, Stanza proposes no right speaker that the rules
  do not, and the full pipeline can only win by choosing better among the same candidates.
* with ``--curve``: a **learning curve** on the training split, the out-of-fold F1 of both pipelines
  when the choice is fitted on 25/50/75/100 % of the other folds' outlets (three draws each). A gap that
  stays flat as the data grows is not a gap that more annotated articles would close.

Only totals are printed (the test split may be given: nothing is fitted or listed there). Needs the
``fit`` extra (scikit-learn) for ``--curve``; takes a few minutes per split on two cores.

Usage: python bench/stanza_headroom.py ../shared/corpus/train [../shared/corpus/test ...] [--curve]
"""
from __future__ import annotations

import argparse
import importlib.util
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from quotecli.training import speakers as S

PIPELINES = {"fast": "--fast (rules' candidates)", "parser": "full (+ Stanza entities and parse)"}


def ceiling(stages: dict[str, list[dict]], stage: str) -> dict[str, Any]:
    """Counts for one pipeline: gold, predicted, right with the rules' speakers, right with a perfect choice."""
    c: Counter[str] = Counter()
    for e in stages[stage]:
        art, quotes = e["art"], S.chosen_quotes(e, None)
        c["gold"] += len(art["gold"].quotes)
        c["predicted"] += len(quotes)
        for i, j in S.match(art["gold"].quotes, quotes):
            right = S.speaker_ok(art["gold"].quotes[i], quotes[j].speaker, art["text"])
            c["rules_right"] += right
            c["ceiling_right"] += right or any(e["labels"][j])
    return {**c, "rules_f1": round(S._f1(c["rules_right"], c["predicted"], c["gold"]), 3),
            "ceiling_f1": round(S._f1(c["ceiling_right"], c["predicted"], c["gold"]), 3)}


def learning_curve(stages: dict[str, list[dict]], fractions: tuple[float, ...] = (0.25, 0.5, 0.75, 1.0),
                   draws: int = 3) -> list[tuple[float, float, float]]:
    """(fraction, mean out-of-fold F1 of --fast, of full) with the choice fitted on that fraction of
    the other folds' outlets."""
    names = S.union_names(stages)
    fold = S.folds(stages["fast"])
    groups = sorted({e["art"]["group"] for e in stages["fast"]})
    out = []
    for frac in fractions:
        scores: dict[str, list[float]] = {st: [] for st in PIPELINES}
        for seed in range(draws if frac < 1 else 1):
            kept = set(random.Random(seed).sample(groups, round(frac * len(groups))))
            picks: dict[str, list[Any]] = {st: [None] * len(stages[st]) for st in PIPELINES}
            for k in range(S.FOLDS):
                def keep(i: int, k: int = k, kept: set[str] = kept) -> bool:
                    return fold[i] != k and stages["fast"][i]["art"]["group"] in kept
                model = S.fit(S.training_rows(stages, keep), names)
                for st in PIPELINES:
                    for i, e in enumerate(stages[st]):
                        if fold[i] == k:
                            picks[st][i] = S.chosen_quotes(e, model)
            for st in PIPELINES:
                scores[st].append(S.score(stages[st], picks[st])["all_e2e_f1"])
        out.append((frac, sum(scores["fast"]) / len(scores["fast"]), sum(scores["parser"]) / len(scores["parser"])))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dirs", nargs="+", type=Path, help="annotated folders (totals only are printed)")
    ap.add_argument("--curve", action="store_true", help="also the learning curve on the FIRST folder")
    a = ap.parse_args()
    if a.curve and importlib.util.find_spec("sklearn") is None:
        sys.exit("stanza_headroom: --curve fits the choice and needs scikit-learn: pip install -e '.[fit]'")
    print("| set | pipeline | gold | predicted | right (rules) | right (perfect choice) | rules F1 | ceiling F1 |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    first = None
    for d in a.dirs:
        stages = S.all_stages(S.load(d))
        first = first or stages
        for st, label in PIPELINES.items():
            c = ceiling(stages, st)
            print(f"| {d.name} | {label} | {c['gold']} | {c['predicted']} | {c['rules_right']} | "
                  f"{c['ceiling_right']} | {c['rules_f1']:.3f} | {c['ceiling_f1']:.3f} |", flush=True)
    if a.curve and first is not None:
        print("\n| share of training outlets | --fast, out of fold | full, out of fold | full - fast |")
        print("| ---: | ---: | ---: | ---: |")
        for frac, fast, full in learning_curve(first):
            print(f"| {frac:.0%} | {fast:.3f} | {full:.3f} | {full - fast:+.3f} |", flush=True)


if __name__ == "__main__":
    main()
