"""quotecli benchmark: ratios against a reference run on the same machine, in the same run.

Both sides run with one torch thread per process (quotecli's default) and passive OpenMP waiting.
Prints, for a corpus of N articles (the corpus's real articles with --real, the texts of an annotated dev
set repeated, or a folder of .txt):
  - plain Stanza: one stanza.Pipeline full pass (tokenize, mwt, pos, lemma, depparse, ner) over every
    article with the same models quotecli uses, in one process (load included);
  - quotecli extract over the same corpus (one process, load included) and the ratio to plain Stanza,
    in wall time and in CPU time (user + system: less moved by other work on a shared machine);
  - --fast articles/s on one core (wall time, and per CPU second); cold start of one article with --fast
    and with Stanza;
  - peak resident memory of quotecli with one worker; the speed-up of --workers 2 over 1;
  - full mode on a Dask LocalCluster of 2 workers x 1 thread (--scheduler local:2) against --workers 2,
    start-up of the cluster included (when Dask is installed; --dask-only runs just this comparison).
With --sizes, instead: how time grows with one article's size. Articles of 250 KB, 500 KB and 1 MB
(the bundled samples/*.txt one after another), one paragraph of about 780 KB with 10,000 quotation marks,
and 16,000 short paragraphs, each timed with --fast and with Stanza (one process each, start-up
included, no --article-timeout), with the ratio 1 MB / 250 KB (4 is linear; the goal is 5 or less).
Tests never assert times; this script is for people.

The documented measure is on real articles: --real reads the "text" of every *.json under the annotated
corpus's train/ and test/ (../shared/corpus beside the checkout; read at run time, never copied into the
project), repeated to --articles N; it skips with a message when the corpus is absent (as in CI). Generated
or repeated short texts flatter --fast (real articles are about 1.6 KB with many names).
--fast-only runs only the --fast line; --repeat N times each command N times and keeps the best (the
machine is shared: take the best of 3).

Usage: python bench/run.py --real [../shared/corpus] [--articles 200] [--skip-workers] [--fast-only] [--repeat 3]
       python bench/run.py [--corpus DIR | --dev ../shared/eval/dev] [--articles 200] [--dask-only]
       python bench/run.py --sizes [--fast-only]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY = sys.executable
PLAIN = r"""
import os, sys, json
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
import torch, stanza
from pathlib import Path
from quotecli import nlp
torch.set_num_threads(1)  # the same as quotecli's default: one thread per process
kw = nlp.resolve_models().kwargs_for(None)
pipe = stanza.Pipeline(**kw, logging_level="WARN")
files = sorted(Path(sys.argv[1]).glob("*.txt"))
docs = [stanza.Document([], text=f.read_text(encoding="utf-8")) for f in files]
n = 0
for i in range(0, len(docs), 16):
    for d in pipe.bulk_process(docs[i:i + 16]):
        n += len(d.sentences)
print(n, file=sys.stderr)
"""


REPEAT = 1  # --repeat: each timed command runs this many times, the best time is kept


def run(cmd: list[str], cpus: str | None = None) -> tuple[float, int, int, float]:
    """(wall seconds, peak RSS in MB, exit code, CPU seconds) of a command: the fastest of ``REPEAT`` runs
    (the largest peak memory of them). CPU seconds (user + system, the command and its children) move
    less than wall time when other work shares the cores."""
    best = [_run_once(cmd, cpus) for _ in range(max(1, REPEAT))]
    return (min(b[0] for b in best), max(b[1] for b in best), max((b[2] for b in best), key=abs),
            min(b[3] for b in best))


def _run_once(cmd: list[str], cpus: str | None = None) -> tuple[float, int, int, float]:
    if cpus and shutil.which("taskset"):
        cmd = ["taskset", "-c", cpus, *cmd]
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    secs = time.perf_counter() - t0
    err = p.stderr.read().decode(errors="replace") if p.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        print(f"  ! {' '.join(cmd[:6])} ... exited {code}: {err.strip()[-300:]}", file=sys.stderr)
    return secs, usage.ru_maxrss // 1024, code, usage.ru_utime + usage.ru_stime


def real_texts(root: Path) -> list[str]:
    """The "text" of every annotated article under ``root``/train and ``root``/test, in name order."""
    return [json.loads(p.read_text(encoding="utf-8"))["text"]
            for split in ("train", "test") for p in sorted((root / split).glob("*.json"))]


def build_corpus(args: argparse.Namespace, out: Path, n: int) -> int:
    if args.real:
        texts = real_texts(Path(args.real))
    elif args.corpus:
        texts = [p.read_text(encoding="utf-8") for p in sorted(Path(args.corpus).rglob("*.txt"))]
    elif not Path(args.dev).is_dir():
        sys.exit(f"{args.dev} is absent (the annotated sets live in ../shared beside the checkout): "
                 "pass --corpus DIR, a folder of .txt articles")
    else:
        texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted(Path(args.dev).glob("*.json"))]
    if not texts:
        sys.exit("no texts for the corpus")
    out.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (out / f"a{i:05d}.txt").write_text(texts[i % len(texts)], encoding="utf-8")
    return n


def interrupt_seconds(cmd: list[str], out: str) -> float | None:
    """Seconds from SIGINT (sent once ``out`` holds some finished articles) until the command has exited;
    None when it finished before that."""
    import signal

    Path(out).unlink(missing_ok=True)
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while p.poll() is None and (not Path(out).exists() or Path(out).stat().st_size < 20_000):
        time.sleep(0.05)
    if p.poll() is not None:
        return None
    t0 = time.perf_counter()
    p.send_signal(signal.SIGINT)
    p.wait()
    return time.perf_counter() - t0


SAMPLES = Path(__file__).resolve().parents[1] / "samples"
REAL = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
SIZES = {"250 KB": 250_000, "500 KB": 500_000, "1 MB": 1_000_000}


def big_article(size: int) -> str:
    """The bundled samples, one after another (a blank line between), until ``size`` bytes."""
    texts = [p.read_text(encoding="utf-8").strip() for p in sorted(SAMPLES.glob("*.txt"))]
    parts, n, i = [], 0, 0
    while n < size:
        parts.append(texts[i % len(texts)] + "\n\n")
        n += len(parts[-1].encode("utf-8"))
        i += 1
    return "".join(parts)


def marks_paragraph() -> str:
    """One paragraph of about 780 KB with 10,000 straight quotation marks (5,000 quotations)."""
    sents = ['"Kami sudah mengirim alat berat sejak Senin malam dan tanggul yang rusak harus selesai diperbaiki '
             'sebelum puncak musim hujan," kata Basuki kepada wartawan. ',
             'Menurut Basuki, kerusakan terparah berada di Kabupaten Barito Kuala. "Status itu penting agar '
             'bantuan bisa cepat turun," ujarnya seperti dikutip Antara. ']
    return "".join(sents[i % 2] for i in range(5000)).rstrip() + "\n"


def short_paragraphs() -> str:
    lines = ['"Kami siap," kata Budi.', "Ia mengatakan bahwa warga sudah aman.", "BACA JUGA: Harga Beras Naik",
             "Menurut Ani, harga naik lagi hari ini."]
    return "\n".join(lines[i % 4] for i in range(16_000)) + "\n"


def sizes(fast_only: bool) -> None:
    """Time one article of growing size, and the two shapes that used to take minutes."""
    qc = [PY, "-m", "quotecli", "extract", "--format", "json", "--article-timeout", "0"]
    modes = [("--fast", ["--fast"])] + ([] if fast_only else [("with Stanza", [])])
    print(f"one article per run, start-up included; {os.cpu_count()} CPUs; python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        inputs = {name: big_article(size) for name, size in SIZES.items()}
        inputs["10,000 quotation marks in one paragraph"] = marks_paragraph()
        inputs["16,000 short paragraphs"] = short_paragraphs()
        paths = {}
        for k, (name, text) in enumerate(inputs.items()):
            paths[name] = Path(tmp) / f"a{k}.txt"
            paths[name].write_text(text, encoding="utf-8")
        for mode, flags in modes:
            times = {}
            for name, path in paths.items():
                secs, mb, code, _ = run([*qc, *flags, str(path)])
                times[name] = secs
                kb = path.stat().st_size / 1000
                print(f"{mode:12s} {name:40s} {kb:7.0f} KB {secs:8.2f} s  peak {mb} MB"
                      + ("" if code == 0 else f"  (exit {code})"))
            print(f"{mode:12s} ratio 1 MB / 250 KB: {times['1 MB'] / times['250 KB']:.2f} (4 is linear)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--real", nargs="?", const=str(REAL), metavar="DIR",
                    help="the annotated corpus's real articles: the text of every DIR/train/*.json and "
                    "DIR/test/*.json, repeated to --articles (default DIR: ../shared/corpus beside the checkout)")
    ap.add_argument("--corpus", help="folder of .txt articles (default: the dev set texts)")
    ap.add_argument("--dev", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev"))
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--skip-workers", action="store_true", help="skip the --workers comparison")
    ap.add_argument("--sizes", action="store_true", help="time 250 KB, 500 KB and 1 MB articles (and two "
                    "hard shapes) with --fast and with Stanza, instead of the corpus benchmark")
    ap.add_argument("--fast-only", action="store_true", help="--fast only (no Stanza runs)")
    ap.add_argument("--repeat", type=int, default=1, help="run each timed command N times, keep the best")
    ap.add_argument("--dask-only", action="store_true", help="only Dask (local:2) against --workers 2")
    args = ap.parse_args()
    global REPEAT
    REPEAT = args.repeat
    if args.real and not any((Path(args.real) / split).is_dir() for split in ("train", "test")):
        print(f"{args.real} is absent (the annotated corpus lives in ../shared beside the checkout): skipped")
        return
    if args.sizes:
        sizes(args.fast_only)
        return
    qc = [PY, "-m", "quotecli"]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        n = build_corpus(args, corpus, args.articles)
        if args.dask_only:
            print(f"corpus: {n} articles; {os.cpu_count()} CPUs; python {sys.version.split()[0]}")
            dask_line(qc, corpus, n)
            return
        fast_corpus = Path(tmp) / "fast"
        n_fast = build_corpus(args, fast_corpus, max(args.articles, 2000))  # enough to outweigh start-up
        one = str(sorted(corpus.glob("*.txt"))[0])
        out = str(Path(tmp) / "out.jsonl")
        size = sum(p.stat().st_size for p in corpus.glob("*.txt"))
        source = "real articles" if args.real else "texts"
        print(f"corpus: {n} {source}, {size / 1e6:.2f} MB ({size / n / 1000:.1f} KB each); "
              f"{os.cpu_count()} CPUs; python {sys.version.split()[0]}"
              + (f"; best of {REPEAT} runs" if REPEAT > 1 else ""))
        if not args.fast_only:
            plain, plain_mb, _, plain_cpu = run([PY, "-c", PLAIN, str(corpus)])
            print(f"plain stanza.Pipeline full pass (tokenize,mwt,pos,lemma,depparse,ner): {plain:8.2f} s "
                  f"({n / plain:.1f} articles/s, peak {plain_mb} MB)")
            full, full_mb, _, full_cpu = run([*qc, "extract", "--format", "jsonl", "-o", out, str(corpus)])
            print(f"quotecli extract (1 worker):                                          {full:8.2f} s "
                  f"({n / full:.1f} articles/s, peak {full_mb} MB)")
            print(f"  ratio quotecli / plain Stanza:                                      {full / plain:8.2f} "
                  f"(CPU time: {full_cpu:.2f} s / {plain_cpu:.2f} s = {full_cpu / plain_cpu:.2f})")
        fast, fast_mb, _, fast_cpu = run([*qc, "extract", "--fast", "--format", "jsonl", "-o", out, str(fast_corpus)],
                               cpus="0")
        print(f"quotecli extract --fast on one core, {n_fast} articles:                  {fast:8.2f} s "
              f"({n_fast / fast:.0f} articles/s, start-up included, peak {fast_mb} MB; "
              f"{fast_cpu:.2f} CPU s, {n_fast / fast_cpu:.0f} articles per CPU second)")
        cold_fast, _, _, _ = run([*qc, "extract", "--fast", "--format", "json", one])
        if args.fast_only:
            print(f"cold start, one article: --fast {cold_fast:.2f} s")
            return
        cold_full, _, _, _ = run([*qc, "extract", "--format", "json", one])
        print(f"cold start, one article: --fast {cold_fast:.2f} s; with Stanza {cold_full:.2f} s")
        print(f"peak resident memory, quotecli with one worker: {full_mb} MB")
        if not args.skip_workers:
            w2, w2_mb, _, _ = run([*qc, "extract", "--workers", "2", "--format", "jsonl", "-o", out, str(corpus)])
            print(f"quotecli extract --workers 2: {w2:.2f} s; speed-up over 1 worker: {full / w2:.2f}x")
            stops = [interrupt_seconds([*qc, "extract", *mode, "--workers", "2", "-f", "jsonl", "-o", out,
                                        str(fast_corpus)], out) for mode in (["--fast"], [])]
            shown = ["finished first" if s is None else f"{s:.2f} s" for s in stops]
            print(f"Ctrl-C with --workers 2 until exit ({n_fast} articles): --fast {shown[0]}; with Stanza {shown[1]}")
            dask_line(qc, corpus, n)


def streamed(cmd: list[str]) -> tuple[float, float, int]:
    """(wall seconds, steady articles/s, exit code) of a JSON Lines run to stdout: the steady rate counts the
    articles from the first one written to the last, so start-up (processes, cluster, models) is left out."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    stamps = [time.perf_counter() for line in p.stdout or [] if b'"record": "article"' in line]
    code = p.wait()
    wall = time.perf_counter() - t0
    steady = (len(stamps) - 1) / (stamps[-1] - stamps[0]) if len(stamps) > 1 and stamps[-1] > stamps[0] else 0.0
    return wall, steady, code


def dask_line(qc: list[str], corpus: Path, n: int) -> None:
    """Full mode on a 2-worker Dask LocalCluster (1 thread each) against --workers 2, same corpus: wall time
    with start-up (the cluster started and stopped, each worker loading Stanza) and the steady rate."""
    if importlib.util.find_spec("distributed") is None:
        print("Dask: not installed (pip install 'quotecli[dask]'); skipped")
        return
    w2, w2_rate, _ = streamed([*qc, "extract", "--workers", "2", "--format", "jsonl", str(corpus)])
    dk, dk_rate, _ = streamed([*qc, "extract", "--scheduler", "local:2", "--format", "jsonl", str(corpus)])
    print(f"--workers 2:                 {w2:7.2f} s ({n / w2:.1f} articles/s with start-up; {w2_rate:.1f} steady)")
    print(f"Dask --scheduler local:2:    {dk:7.2f} s ({n / dk:.1f} articles/s with start-up; {dk_rate:.1f} steady)")
    print(f"  Dask / --workers 2 throughput: {w2 / dk:.2f} with start-up, {dk_rate / w2_rate if w2_rate else 0:.2f} "
          "steady (2 workers x 1 thread each)")


if __name__ == "__main__":
    main()
