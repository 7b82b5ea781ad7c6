"""quotecli quality on the annotated sets beside the checkout: the table at the top of docs/quality.md.

Runs `quotecli eval --format json` (full mode and --fast) on the corpus's frozen test split, its train
split and the dev set, and prints one Markdown row of TOTALS per set and mode. It never lists errors: the
test split is read for its totals only (docs/evaluation.md). A set that is absent (CI, a fresh clone
without ../shared) is skipped with a message; nothing here is asserted by the tests.

Usage: python bench/quality.py [--shared ../shared] [--sets test,train,dev] [--modes full,fast] [--workers N]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETS = {"test": "corpus/test", "train": "corpus/train", "dev": "eval/dev"}


def evaluate(gold: Path, fast: bool, workers: int) -> dict | str:
    """The summary of `quotecli eval` on a gold folder, or why there is none."""
    cmd = [sys.executable, "-m", "quotecli", "eval", "--format", "json", "--no-progress", "--workers", str(workers)]
    r = subprocess.run([*cmd, *(["--fast"] if fast else []), str(gold)], capture_output=True, text=True, cwd=ROOT)
    if r.returncode not in (0, 1) or not r.stdout.strip():
        return f"quotecli eval exited {r.returncode}: {r.stderr.strip()[-300:]}"
    return json.loads(r.stdout)


def row(name: str, mode: str, s: dict) -> str:
    d, i, a = s["direct"], s["indirect"], s["all"]
    return (f"| {name} | {mode} | {s['files']} | {a['gold']} ({d['gold']} / {i['gold']}) | {d['e2e_f1']:.3f} | "
            f"{i['e2e_f1']:.3f} | **{a['e2e_f1']:.3f}** | {a['detect_f1']:.3f} | {d['speaker_acc']:.3f} / "
            f"{i['speaker_acc']:.3f} | {a['canonical_acc']:.3f} | {a['strict_e2e_f1']:.3f} | {s['errors']} | "
            f"{s['seconds']:.1f} s |")


HEADER = ("| set | mode | articles | gold quotes (direct+mixed / indirect) | direct e2e F1 | indirect e2e F1 | "
          "all e2e F1 | all detection F1 | speaker acc. (direct / indirect) | canonical acc. | strict F1 | errors | "
          "time |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the shared folder beside the checkout")
    ap.add_argument("--sets", default="test,train,dev", help="comma-separated: test, train, dev")
    ap.add_argument("--modes", default="full,fast", help="comma-separated: full, fast")
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()
    rows, skipped = [], []
    for name in args.sets.split(","):
        gold = Path(args.shared) / SETS[name]
        if not gold.is_dir():
            skipped.append(f"skipped {name}: {gold} is absent (the annotated sets live in ../shared beside the "
                           "checkout; see docs/evaluation.md)")
            continue
        for mode in args.modes.split(","):
            s = evaluate(gold, mode == "fast", args.workers)
            if isinstance(s, str):
                skipped.append(f"{name} {mode}: {s}")
            else:
                rows.append(row(name, "full" if mode == "full" else "`--fast`", s))
    if rows:
        print(HEADER)
        print("\n".join(rows))
    for line in skipped:
        print(line, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
