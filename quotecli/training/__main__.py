"""``python -m quotecli.training [--data DIR] [--out DIR] [--quick]``: rebuild every shipped model.

Steps: prepare data -> word vectors -> two parallel lanes of Stanza trainers
(pos -> retag -> depparse | tokenize -> mwt -> lemma -> ner) -> held-out evaluation
-> manifest.json. See docs/models.md.
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import REPO_ROOT, default_data_dir
from .config import CONFIGS, MODEL_FILES, NER_VECTORS, VECTORS
from .data import GSD_WEIGHT, prepare
from .steps import LANES
from .vectors import train_vectors

logger = logging.getLogger("quotecli.training")


def build_argparser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m quotecli.training", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=None,
                    help="shared data dir with ud/ and ner/ (default: ../shared/data next to the repo)")
    ap.add_argument("--out", type=Path, default=None,
                    help="where the models go (default: quotecli/models for a full run, "
                         "a fresh temp dir for --quick)")
    ap.add_argument("--work", type=Path, default=None,
                    help="work dir for prepared data and checkpoints (default: runs/training-<mode>)")
    ap.add_argument("--quick", action="store_true", help="a few steps per processor (CI smoke run)")
    ap.add_argument("--no-nerp", action="store_true", help="train NER on NERGrit only")
    ap.add_argument("--gsd-weight", type=int, default=GSD_WEIGHT,
                    help=f"times each GSD training sentence is repeated (default {GSD_WEIGHT})")
    ap.add_argument("--no-eval", action="store_true", help="skip the held-out evaluation")
    ap.add_argument("--sequential", action="store_true", help="run the two training lanes one after another")
    return ap


def main(argv: list[str] | None = None) -> int:
    a = build_argparser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    mode = "quick" if a.quick else "full"
    data = (a.data or default_data_dir()).resolve()
    if a.out is None:
        out = Path(tempfile.mkdtemp(prefix="quotecli-models-")) if a.quick else REPO_ROOT / "quotecli" / "models"
    else:
        out = a.out
    out = out.resolve()
    work = (a.work or (Path(tempfile.mkdtemp(prefix="quotecli-work-")) if a.quick
                       else REPO_ROOT / "runs" / f"training-{mode}")).resolve()
    work.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    logger.info("data=%s out=%s work=%s mode=%s", data, out, work, mode)

    t_start = time.time()
    times: dict[str, float] = {}
    t0 = time.time()
    prep = prepare(data, work, use_nerp=not a.no_nerp, gsd_weight=a.gsd_weight)
    times["prepare"] = round(time.time() - t0, 1)
    logger.info("prepared data: %s", prep.counts)

    t0 = time.time()
    vocab = train_vectors(prep.vector_corpus, out / MODEL_FILES["pretrain"], work, **VECTORS[mode])
    times["vectors"] = round(time.time() - t0, 1)
    t0 = time.time()
    ner_vocab = train_vectors(prep.vector_corpus, out / MODEL_FILES["ner_pretrain"], work, **NER_VECTORS[mode])
    times["vectors_ner"] = round(time.time() - t0, 1)

    t0 = time.time()
    procs = {}
    for lane in LANES:
        cmd = [sys.executable, "-m", "quotecli.training.steps", lane, "--work", str(work), "--out", str(out),
               "--mode", mode, "--threads", "1"]
        log = (work / f"lane_{lane}.log").open("w")
        logger.info("lane %s: %s (log %s)", lane, " ".join(cmd), log.name)
        procs[lane] = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=str(REPO_ROOT))
        if a.sequential:
            procs[lane].wait()
    failed = []
    for lane, p in procs.items():
        if p.wait() != 0:
            failed.append(lane)
            tail = (work / f"lane_{lane}.log").read_text(errors="replace").splitlines()[-30:]
            logger.error("lane %s failed:\n%s", lane, "\n".join(tail))
        times.update(json.loads((work / f"times_{lane}.json").read_text()) if (work / f"times_{lane}.json").exists()
                     else {})
    times["lanes_wall"] = round(time.time() - t0, 1)
    if failed:
        return 1

    scores: dict = {}
    if not a.no_eval:
        from .evaluate import evaluate_all

        t0 = time.time()
        scores = evaluate_all(out, data, work)
        times["evaluate"] = round(time.time() - t0, 1)
    times["total_wall"] = round(time.time() - t_start, 1)
    ru_self, ru_children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    times["total_cpu"] = round(ru_self.ru_utime + ru_self.ru_stime + ru_children.ru_utime + ru_children.ru_stime, 1)

    from .manifest import write_manifest

    cmd = "python -m quotecli.training" + (" --quick" if a.quick else "") + (" --no-nerp" if a.no_nerp else "")
    if a.gsd_weight != GSD_WEIGHT:
        cmd += f" --gsd-weight {a.gsd_weight}"
    if a.out is not None:
        cmd += f" --out {a.out}"
    write_manifest(out, mode=mode, counts=prep.counts, scores=scores, times=times, command=cmd,
                   vocab_size=vocab, config=CONFIGS[mode], vectors=VECTORS[mode],
                   ner_vocab_size=ner_vocab, ner_vectors=NER_VECTORS[mode])
    logger.info("done in %.0fs; models in %s", times["total_wall"], out)
    print(json.dumps({"out": str(out), "times": times, "scores": scores}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
