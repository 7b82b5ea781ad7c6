"""Benchmark of ``quotecli find``: does a drifted claim find the quotation it came from?

Claims are made from quotations of the annotated corpus (../shared/corpus/train and ../shared/eval/dev,
read at run time, never copied) by perturbing them: words dropped, added or reordered, spelling changed
(chat forms from quotecli/data/spelling_variants.txt), one or two words mistyped, cut short, case and
punctuation changed; each
claim gets two or three of these at random. They are searched among the corpus's own quotations plus
distractors generated here from the same words: a word-bigram chain over the corpus's quotations with
lengths drawn from their length distribution, so that distractors share vocabulary, phrasing and length.

Prints rank-1 and top-5 accuracy (a hit is the source quotation or one with the same normalised text),
accuracy per perturbation, and query latency on 100,000 quotations (index build time apart).
Tests never assert times; this script is for people.

Usage: python bench/find.py [--claims 400] [--pool 20000] [--latency-pool 100000] [--seed 7]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotecli.find import QuoteIndex, normalize, spelling_variants  # noqa: E402
from quotecli.sources import QuoteRecord, load_sources  # noqa: E402

SHARED = ROOT.parent / "shared"
SPLITS = [SHARED / "corpus" / "train", SHARED / "eval" / "dev"]
FILLERS = ["katanya", "bahwa", "memang", "sebenarnya", "tentu", "juga", "sudah", "menurutnya", "itu", "kan"]


def perturb(words: list[str], kind: str, rng: random.Random, vocab: list[str]) -> list[str]:
    """One drift applied to a claim's words."""
    n = len(words)
    if kind == "drop":
        k = max(1, round(n * rng.uniform(0.1, 0.25)))
        gone = set(rng.sample(range(n), min(k, n - 2)))
        return [w for i, w in enumerate(words) if i not in gone]
    if kind == "add":
        out = list(words)
        for _ in range(rng.randint(1, 3)):
            out.insert(rng.randint(0, len(out)), rng.choice(FILLERS + vocab))
        return out
    if kind == "reorder":
        cut = rng.randint(1, n - 1)
        if rng.random() < 0.5:
            return words[cut:] + words[:cut]
        out = list(words)
        for _ in range(max(1, n // 6)):
            i = rng.randrange(n - 1)
            out[i], out[i + 1] = out[i + 1], out[i]
        return out
    if kind == "spelling":
        back = defaultdict(list)
        for variant, canonical in spelling_variants().items():
            back[canonical].append(variant)
        return [rng.choice(back[w.lower()]) if w.lower() in back and rng.random() < 0.8 else w for w in words]
    if kind == "typo":  # one or two words mistyped: a letter dropped, doubled or swapped
        out = list(words)
        long = [i for i, w in enumerate(out) if len(w) >= 5]
        for i in rng.sample(long, min(len(long), rng.randint(1, 2))):
            w, j = out[i], rng.randrange(1, len(out[i]) - 2)
            out[i] = rng.choice([w[:j] + w[j + 1:], w[:j] + w[j] + w[j:], w[:j] + w[j + 1] + w[j] + w[j + 2:]])
        return out
    if kind == "truncate":
        return words[:max(4, round(n * rng.uniform(0.5, 0.8)))]
    if kind == "case":
        f = rng.choice([str.upper, str.lower, str.title])
        return [f(w) for w in words]
    if kind == "marks":
        bare = [w.strip(".,;:!?\"'()") or w for w in words]
        return [w + rng.choice(["", "", "", ",", "!", "...", "?"]) for w in bare]
    raise ValueError(kind)


KINDS = ["drop", "add", "reorder", "spelling", "typo", "truncate", "case", "marks"]


def make_claims(records: list[QuoteRecord], count: int, rng: random.Random,
                drifts: tuple[int, ...] = (2, 3)) -> list[tuple[str, QuoteRecord, list[str]]]:
    eligible = [r for r in records if len(r.quote.split()) >= 6]
    vocab = [w for r in records for w in r.quote.split()]
    out = []
    for r in rng.sample(eligible, min(count, len(eligible))):
        kinds = rng.sample(KINDS, rng.choice(drifts))
        words = r.quote.split()
        for k in kinds:
            words = perturb(words, k, rng, vocab)
        out.append((" ".join(words), r, kinds))
    return out


def distractors(records: list[QuoteRecord], count: int, rng: random.Random) -> list[QuoteRecord]:
    """Quotations generated from the corpus's words: a bigram chain, lengths as in the corpus."""
    nxt: dict[str, list[str]] = defaultdict(list)
    starts = []
    for r in records:
        ws = r.quote.split()
        starts.append(ws[0])
        for a, b in zip(ws, ws[1:], strict=False):
            nxt[a].append(b)
    lengths = [len(r.quote.split()) for r in records]
    vocab = [w for r in records for w in r.quote.split()]
    out = []
    for i in range(count):
        n, w = rng.choice(lengths), rng.choice(starts)
        words = [w]
        while len(words) < n:
            w = rng.choice(nxt[w]) if nxt.get(w) and rng.random() < 0.85 else rng.choice(vocab)
            words.append(w)
        out.append(QuoteRecord(quote=" ".join(words), type="direct", source=f"distractor-{i}"))
    return out


def accuracy(index: QuoteIndex, claims: list[tuple[str, QuoteRecord, list[str]]], detail: bool = True) -> None:
    ranks = []
    by_kind: dict[str, list[int]] = defaultdict(list)
    for claim, src, kinds in claims:
        target = " ".join(normalize(src.quote))
        hits = index.search(claim, top=5)
        rank = next((i + 1 for i, h in enumerate(hits) if " ".join(normalize(h.record.quote)) == target), 0)
        ranks.append(rank)
        for k in kinds:
            by_kind[k].append(rank)
    n = len(ranks)
    r1 = sum(r == 1 for r in ranks) / n
    r5 = sum(1 <= r <= 5 for r in ranks) / n
    print(f"claims: {n}, searched among {len(index):,} quotations")
    print(f"rank 1: {r1:.1%} (goal >= 95%)   top 5: {r5:.1%} (goal >= 99%)")
    if not detail:
        return
    for k in KINDS:
        rs = by_kind[k]
        print(f"  {k:9} {len(rs):4} claims  rank 1 {sum(r == 1 for r in rs) / len(rs):.1%}"
              f"  top 5 {sum(1 <= r <= 5 for r in rs) / len(rs):.1%}")
    misses = [(c, s) for (c, s, _), r in zip(claims, ranks, strict=True) if r != 1]
    for c, s in misses[:5]:
        print(f"  miss: {c[:70]!r} <- {s.quote[:70]!r}")


def latency(records: list[QuoteRecord], claims: list[tuple[str, QuoteRecord, list[str]]], size: int,
            rng: random.Random) -> None:
    pool = records + distractors(records, size - len(records), rng)
    t0 = time.perf_counter()
    index = QuoteIndex(pool)
    build = time.perf_counter() - t0
    times = []
    for claim, _, _ in claims[:200]:
        t0 = time.perf_counter()
        index.search(claim, top=10)
        times.append(time.perf_counter() - t0)
    times.sort()
    print(f"latency on {len(index):,} quotations: index built in {build:.1f} s; per query median "
          f"{statistics.median(times) * 1000:.0f} ms, 95th percentile {times[int(len(times) * 0.95)] * 1000:.0f} ms, "
          f"max {times[-1] * 1000:.0f} ms (goal < 1 s)")
    command(pool, claims[0][0], rng)


def command(pool: list[QuoteRecord], claim: str, rng: random.Random) -> None:
    """The whole command on a JSON Lines file of the pool (speakers drawn from the corpus): reading,
    speaker ids, index and one query."""
    speakers = [r.speaker for r in pool if r.speaker]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pool.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for r in pool:
                f.write(json.dumps({"source": r.source, "quote": r.quote, "type": r.type,
                                    "speaker": r.speaker or rng.choice(speakers)}, ensure_ascii=False) + "\n")
        t0, c0 = time.perf_counter(), _child_cpu()
        p = subprocess.run([sys.executable, "-m", "quotecli", "find", claim, str(path), "-f", "json"],
                           capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        secs, cpu = time.perf_counter() - t0, _child_cpu() - c0
    status = "" if p.returncode == 0 else f" (exit {p.returncode}: {p.stderr.strip()[-200:]})"
    print(f"quotecli find over a {len(pool):,}-quote JSON Lines file, start to end (read, speaker ids, index, "
          f"one query): {secs:.1f} s wall, {cpu:.1f} s CPU{status}")


def _child_cpu() -> float:
    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    return u.ru_utime + u.ru_stime


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--claims", type=int, default=400)
    ap.add_argument("--pool", type=int, default=20_000)
    ap.add_argument("--latency-pool", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    if not all(p.is_dir() for p in SPLITS):
        print(f"skipped: the annotated corpus is not at {SHARED} (../shared beside the checkout)")
        return 0
    corpus = load_sources([str(p) for p in SPLITS])
    records = corpus.records
    rng = random.Random(args.seed)
    claims = make_claims(records, args.claims, rng)
    print(f"corpus: {len(records)} annotated quotations in {len(corpus.articles)} articles "
          f"({Counter(r.type for r in records)})")
    pool = records + distractors(records, max(0, args.pool - len(records)), rng)
    index = QuoteIndex(pool)
    accuracy(index, claims)
    print("harder: four drifts per claim")
    accuracy(index, make_claims(records, args.claims, random.Random(args.seed + 1), drifts=(4,)), detail=False)
    latency(records, claims, args.latency_pool, rng)
    return 0


if __name__ == "__main__":
    sys.exit(main())
