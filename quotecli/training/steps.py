"""One function per processor; each calls Stanza's own trainer (``stanza.models.*.main``)
with the argument lists that ``stanza.utils.training.run_*`` would build, minus the
parts that need the network (charlm / default-pretrain / tagger downloads).

Can also be run as ``python -m quotecli.training.steps LANE --work W --out O --mode M``
so the orchestrator can train two lanes in parallel on a 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import shutil
import sys
import time
from pathlib import Path

from .config import CONFIGS, MODEL_FILES
from .data import SHORTHAND

logger = logging.getLogger("quotecli.training")

LANG = "id"


def _common(cfg_name: str) -> list[str]:
    # the lemmatizer and NER trainers have no --lang flag
    lang = [] if cfg_name in ("lemma", "ner") else ["--lang", LANG]
    return [*lang, "--shorthand", SHORTHAND, "--seed", "1234"]


def _kv(d: dict) -> list[str]:
    args: list[str] = []
    for k, v in d.items():
        if v is True:
            args.append(f"--{k}")
        elif v is False or v is None:
            continue
        else:
            args.extend([f"--{k}", str(v)])
    return args


def train_tokenizer(work: Path, out: Path, cfg: dict) -> Path:
    from stanza.models import tokenizer
    from stanza.utils.avg_sent_len import avg_sent_len

    tok = work / "tokenize"
    label_file = tok / f"{SHORTHAND}-ud-train.toklabels"
    seqlen = math.ceil(avg_sent_len(str(label_file)) * 3 / 100) * 100  # as run_tokenizer does
    save_dir = work / "models"
    name = MODEL_FILES["tokenize"]
    args = ["--label_file", str(label_file), "--txt_file", str(tok / f"{SHORTHAND}.train.txt"),
            "--max_seqlen", str(cfg.get("max_seqlen", seqlen)),
            "--mwt_json_file", str(tok / f"{SHORTHAND}-ud-dev-mwt.json"),
            "--dev_txt_file", str(tok / f"{SHORTHAND}.dev.txt"),
            "--dev_label_file", str(tok / f"{SHORTHAND}-ud-dev.toklabels"),
            "--dev_conll_gold", str(tok / f"{SHORTHAND}.dev.gold.conllu"),
            "--conll_file", str(work / "tokenize_dev.pred.conllu"),
            "--mode", "train", "--save_dir", str(save_dir), "--save_name", name,
            *_common("tokenize"), *_kv({k: v for k, v in cfg.items() if k != "max_seqlen"})]
    tokenizer.main(args)
    return _ship(save_dir / name, out / name)


def train_mwt(work: Path, out: Path, cfg: dict) -> Path:
    from stanza.models import mwt_expander
    from stanza.utils.training.run_mwt import max_mwt_length

    mwt = work / "mwt"
    tok = work / "tokenize"
    max_len = math.ceil(max_mwt_length([str(tok / f"{SHORTHAND}-ud-train-mwt.json"),
                                        str(tok / f"{SHORTHAND}-ud-dev-mwt.json")]) * 1.1 + 1)
    save_dir = work / "models"
    name = MODEL_FILES["mwt"]
    args = ["--train_file", str(mwt / f"{SHORTHAND}.train.in.conllu"),
            "--eval_file", str(mwt / f"{SHORTHAND}.dev.in.conllu"),
            "--gold_file", str(mwt / f"{SHORTHAND}.dev.gold.conllu"),
            "--output_file", str(work / "mwt_dev.pred.conllu"),
            "--mode", "train", "--max_dec_len", str(max_len),
            "--save_dir", str(save_dir), "--save_name", name, *_common("mwt"), *_kv(cfg)]
    mwt_expander.main(args)
    return _ship(save_dir / name, out / name)


def train_pos(work: Path, out: Path, cfg: dict) -> Path:
    from stanza.models import tagger

    save_dir = work / "models"
    name = MODEL_FILES["pos"]
    args = ["--wordvec_pretrain_file", str(out / MODEL_FILES["pretrain"]),
            "--train_file", str(work / "ud" / "train.conllu"), "--eval_file", str(work / "ud" / "dev.conllu"),
            "--output_file", str(work / "pos_dev.pred.conllu"),
            "--mode", "train", "--save_dir", str(save_dir), "--save_name", name, *_common("pos"), *_kv(cfg)]
    tagger.main(args)
    return _ship(save_dir / name, out / name)


def retag(work: Path, out: Path) -> tuple[Path, Path]:
    """Replace gold UPOS/FEATS of the parser's train/dev data by our own tagger's predictions
    (what stanza.utils.datasets.prepare_depparse_treebank does with --tagger_model)."""
    from stanza.models import tagger

    result = []
    for split in ("train", "dev"):
        dest = work / "ud" / f"{split}.retagged.conllu"
        tagger.main(["--wordvec_pretrain_file", str(out / MODEL_FILES["pretrain"]),
                     "--eval_file", str(work / "ud" / f"{split}.conllu"), "--output_file", str(dest),
                     "--mode", "predict", "--save_dir", str(out), "--save_name", MODEL_FILES["pos"],
                     *_common("pos")])
        result.append(dest)
    return result[0], result[1]


def train_depparse(work: Path, out: Path, cfg: dict) -> Path:
    from stanza.models import parser

    save_dir = work / "models"
    name = MODEL_FILES["depparse"]
    train = work / "ud" / "train.retagged.conllu"
    dev = work / "ud" / "dev.retagged.conllu"
    args = ["--wordvec_pretrain_file", str(out / MODEL_FILES["pretrain"]),
            "--train_file", str(train), "--eval_file", str(dev),
            "--output_file", str(work / "depparse_dev.pred.conllu"),
            "--mode", "train", "--save_dir", str(save_dir), "--save_name", name, "--no_checkpoint",
            *_common("depparse"), *_kv(cfg)]
    parser.main(args)
    return _ship(save_dir / name, out / name)


def train_lemma(work: Path, out: Path, cfg: dict) -> Path:
    from stanza.models import lemmatizer

    save_dir = work / "models"
    name = MODEL_FILES["lemma"]
    args = ["--train_file", str(work / "ud" / "train.conllu"), "--eval_file", str(work / "ud" / "dev.conllu"),
            "--output_file", str(work / "lemma_dev.pred.conllu"),
            "--mode", "train", "--save_dir", str(save_dir), "--save_name", name, *_common("lemma"), *_kv(cfg)]
    lemmatizer.main(args)
    return _ship(save_dir / name, out / name)


def train_ner(work: Path, out: Path, cfg: dict) -> Path:
    from stanza.models import ner_tagger

    save_dir = work / "models"
    name = MODEL_FILES["ner"]
    args = ["--wordvec_pretrain_file", str(out / MODEL_FILES["ner_pretrain"]),
            "--train_file", str(work / "ner" / "train.json"), "--eval_file", str(work / "ner" / "dev.json"),
            "--mode", "train", "--save_dir", str(save_dir), "--save_name", name, *_common("ner"), *_kv(cfg)]
    ner_tagger.main(args)
    return _ship(save_dir / name, out / name)


def finetune_ner(work: Path, out: Path, cfg: dict) -> Path:
    """Second NER stage: continue from the first-stage model on NERGrit train alone
    (Stanza's own ``--finetune`` path), early-stopped on NERGrit valid."""
    from stanza.models import ner_tagger

    save_dir = work / "models"
    name = MODEL_FILES["ner"]
    stage1 = save_dir / ("stage1_" + name)
    shutil.copyfile(save_dir / name, stage1)
    args = ["--wordvec_pretrain_file", str(out / MODEL_FILES["ner_pretrain"]),
            "--train_file", str(work / "ner" / "train_finetune.json"), "--eval_file", str(work / "ner" / "dev.json"),
            "--mode", "train", "--finetune", "--finetune_load_name", str(stage1),
            "--save_dir", str(save_dir), "--save_name", name, *_common("ner"), *_kv(cfg)]
    ner_tagger.main(args)
    return _ship(save_dir / name, out / name)


def _ship(src: Path, dest: Path) -> Path:
    if not src.exists():
        raise FileNotFoundError(f"trainer did not write {src}")
    dest.parent.mkdir(parents=True, exist_ok=True)
    if src.resolve() != dest.resolve():
        shutil.copyfile(src, dest)
    return dest


LANES = {
    # pos must come before the parser (retagging); the tokenizer lane has no dependency
    "tagparse": ("pos", "retag", "depparse"),
    "tok": ("tokenize", "mwt", "lemma", "ner", "ner_finetune"),
}


def run_lane(lane: str, work: Path, out: Path, mode: str) -> dict[str, float]:
    cfg = CONFIGS[mode]
    times: dict[str, float] = {}
    for step in LANES[lane]:
        t0 = time.time()
        logger.info("=== %s: start", step)
        if step == "retag":
            retag(work, out)
        else:
            fn = {"tokenize": train_tokenizer, "mwt": train_mwt, "pos": train_pos, "lemma": train_lemma,
                  "depparse": train_depparse, "ner": train_ner, "ner_finetune": finetune_ner}[step]
            step_cfg = cfg[step]
            if step == "ner_finetune":  # same architecture as the first stage
                step_cfg = {**{k: v for k, v in cfg["ner"].items() if k.endswith("_dim")}, **step_cfg}
            fn(work, out, step_cfg)
        times[step] = round(time.time() - t0, 1)
        logger.info("=== %s: done in %.0fs", step, times[step])
        (work / f"times_{lane}.json").write_text(json.dumps(times, indent=1))
    return times


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("lane", choices=sorted(LANES))
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--mode", choices=sorted(CONFIGS), default="full")
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args(argv)
    import torch

    torch.set_num_threads(a.threads)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    run_lane(a.lane, a.work, a.out, a.mode)
    return 0


if __name__ == "__main__":
    sys.exit(main())
