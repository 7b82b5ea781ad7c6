"""Dataset preparation for the offline Indonesian pipeline.

Everything here is plain file munging; the formats written are the ones Stanza's
own ``stanza.utils.datasets.prepare_*`` scripts produce, and the tokenizer/MWT label
files are built by Stanza's own helpers.

Splits (see docs/models.md):

* treebank training pool = UD Indonesian-GSD **dev** + CSUI **train** + PUD (all of it);
  every 10th sentence of the pool is held out as the dev split (early stopping /
  model selection); the rest is the train split.
* UD GSD **test** and CSUI **test** are never read for training or early stopping;
  they are only written out for reporting.
* NER, two stages: NERGrit train (+ all of NERP, mapped) first, then a fine-tuning
  pass on NERGrit train alone (NERP leaves government bodies, schools and parties
  untagged and tags products as IND, so the second stage re-learns NERGrit's
  conventions); NERGrit valid for early stopping in both, NERGrit test for reporting.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

SHORTHAND = "id_quotecli"

#: label mapping for the shipped NER model: output tags are PERSON / ORGANISATION / LOCATION.
NERGRIT_MAP = {"PERSON": "PERSON", "ORGANISATION": "ORGANISATION", "PLACE": "LOCATION"}
#: NERP: EVT (events) and FNB (food & beverage) have no NERGrit counterpart -> O.
NERP_MAP = {"PPL": "PERSON", "IND": "ORGANISATION", "PLC": "LOCATION", "EVT": None, "FNB": None}

UD_FILES = {
    "gsd_dev": "UD_Indonesian-GSD/id_gsd-ud-dev.conllu",
    "gsd_test": "UD_Indonesian-GSD/id_gsd-ud-test.conllu",
    "csui_train": "UD_Indonesian-CSUI/id_csui-ud-train.conllu",
    "csui_test": "UD_Indonesian-CSUI/id_csui-ud-test.conllu",
    "pud": "UD_Indonesian-PUD/id_pud-ud-test.conllu",
}
TRAIN_POOL = ("gsd_dev", "csui_train", "pud")
REPORT_SETS = ("gsd_test", "csui_test")
DEV_EVERY = 10
#: GSD is the reporting target and its 2021 annotation differs from CSUI/PUD in places: its
#: training-split sentences are repeated this many times in the training split (not in dev)
GSD_WEIGHT = 3
#: NERGrit (the reporting target) is repeated this many times next to the larger NERP
NERGRIT_WEIGHT = 2
#: NERP is not a reporting set (NERGrit test is), so all of it is training material
NERP_SPLITS = ("train", "valid", "test")


@dataclass
class Prepared:
    """Paths of every prepared file (all under one work dir)."""

    work: Path
    ud_train: Path
    ud_dev: Path
    ud_test: dict[str, Path]
    tok_dir: Path
    mwt_train: Path
    mwt_dev_in: Path
    mwt_dev_gold: Path
    ner_train: Path
    ner_finetune: Path
    ner_dev: Path
    ner_test: Path
    vector_corpus: Path
    counts: dict[str, int]


def read_conllu_blocks(path: Path) -> list[list[str]]:
    """Return the sentences of a CoNLL-U file, each a list of lines (comments included)."""
    blocks: list[list[str]] = []
    cur: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                blocks.append(cur)
                cur = []
            continue
        cur.append(line)
    if cur:
        blocks.append(cur)
    return blocks


def _clean_block(block: list[str]) -> list[str]:
    """Blank XPOS (GSD/CSUI/PUD tagsets differ), drop enhanced deps, keep comments minimal."""
    out = []
    for line in block:
        if line.startswith("#"):
            if line.startswith(("# sent_id", "# text ", "# text=")):
                out.append(line)
            continue
        cols = line.split("\t")
        if len(cols) != 10:
            continue
        if "." in cols[0]:  # empty nodes
            continue
        if "-" not in cols[0]:
            cols[4] = "_"
            cols[8] = "_"
        out.append("\t".join(cols))
    return out


def write_conllu(blocks: Iterable[list[str]], path: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as f:
        for b in blocks:
            f.write("\n".join(b) + "\n\n")
            n += 1
    return n


def block_words(block: list[str]) -> list[str]:
    """Surface tokens of a sentence (MWT surface forms, not their parts)."""
    words = []
    skip_until = 0
    for line in block:
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0]:
            a, b = cols[0].split("-")
            skip_until = int(b)
            words.append(cols[1])
            continue
        if "." in cols[0]:
            continue
        if int(cols[0]) <= skip_until:
            continue
        words.append(cols[1])
    return words


def read_bio(path: Path) -> list[list[tuple[str, str]]]:
    sents: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                sents.append(cur)
                cur = []
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            parts = line.split()
        cur.append((parts[0], parts[-1]))
    if cur:
        sents.append(cur)
    return sents


def map_bio(sent: list[tuple[str, str]], mapping: dict[str, str | None]) -> list[tuple[str, str]]:
    out = []
    for word, tag in sent:
        if tag == "O" or "-" not in tag:
            out.append((word, "O"))
            continue
        prefix, label = tag.split("-", 1)
        new = mapping.get(label)
        out.append((word, "O" if new is None else f"{prefix}-{new}"))
    return out


_NO_VOWEL = re.compile(r"^[b-df-hj-np-tv-z]+$")


def truecase_nerp(sent: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """NERP is lower-cased; restore news-like casing so it does not teach the model that
    names are lower case: capitalise the first token and every token inside a mapped
    entity; vowel-less tokens inside entities (pln, cctv, kpk) become upper case."""
    out = []
    for i, (word, tag) in enumerate(sent):
        if tag != "O" and word.isalpha():
            word = word.upper() if _NO_VOWEL.match(word) and len(word) <= 5 else word[:1].upper() + word[1:]
        elif i == 0 and word[:1].isalpha():
            word = word[:1].upper() + word[1:]
        out.append((word, tag))
    return out


def write_ner_json(sents: Iterable[list[tuple[str, str]]], path: Path) -> int:
    """Stanza's NER json format (what stanza.utils.datasets.ner.prepare_ner_file writes)."""
    data = [[{"text": w, "ner": t} for w, t in s] for s in sents]
    path.write_text(json.dumps(data, ensure_ascii=False, indent=0), encoding="utf-8")
    return len(data)


def _split_pool(blocks: list[tuple[str, list[str]]], gsd_weight: int = GSD_WEIGHT
                ) -> tuple[list[list[str]], list[list[str]]]:
    """Every DEV_EVERY-th sentence of the pool -> dev; the rest -> train, GSD sentences repeated."""
    train, dev, extra = [], [], []
    for i, (source, b) in enumerate(blocks):
        if i % DEV_EVERY == DEV_EVERY - 1:
            dev.append(b)
        else:
            train.append(b)
            if source.startswith("gsd"):
                extra.extend([b] * (gsd_weight - 1))
    return train + extra, dev


def _iter_vector_sentences(blocks: Iterable[list[str]]) -> Iterator[str]:
    for b in blocks:
        yield " ".join(block_words(b))


def prepare(data_dir: Path, work: Path, use_nerp: bool = True, gsd_weight: int = GSD_WEIGHT) -> Prepared:
    """Write every training/eval file under ``work`` and return their paths."""
    work.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    raw = {k: [_clean_block(b) for b in read_conllu_blocks(data_dir / "ud" / v)] for k, v in UD_FILES.items()}
    pool: list[tuple[str, list[str]]] = []
    for k in TRAIN_POOL:
        pool.extend((k, b) for b in raw[k])
    train, dev = _split_pool(pool, gsd_weight)
    ud_train, ud_dev, ud_test = _write_ud(work / "ud", raw, train, dev, gsd_weight, counts)
    tok_dir = _write_tokenizer(work / "tokenize", train, dev, raw["gsd_test"])
    mwt_train, mwt_dev_gold, mwt_dev_in = _write_mwt(work / "mwt", train, dev)
    ner = _write_ner(data_dir / "ner", work / "ner", use_nerp, counts)
    corpus = _write_vector_corpus(work / "vectors_corpus.txt", pool, data_dir / "ner")
    return Prepared(work=work, ud_train=ud_train, ud_dev=ud_dev, ud_test=ud_test, tok_dir=tok_dir,
                    mwt_train=mwt_train, mwt_dev_in=mwt_dev_in, mwt_dev_gold=mwt_dev_gold,
                    ner_train=ner["train"], ner_finetune=ner["finetune"], ner_dev=ner["dev"], ner_test=ner["test"],
                    vector_corpus=corpus, counts=counts)


def _write_ud(ud_dir: Path, raw: dict[str, list[list[str]]], train: list[list[str]], dev: list[list[str]],
              gsd_weight: int, counts: dict[str, int]) -> tuple[Path, Path, dict[str, Path]]:
    """The UD training pool's train and dev files and the reporting sets, untouched."""
    ud_dir.mkdir(exist_ok=True)
    ud_train, ud_dev = ud_dir / "train.conllu", ud_dir / "dev.conllu"
    counts["ud_train_sents"] = write_conllu(train, ud_train)  # GSD sentences counted gsd_weight times
    counts["gsd_weight"] = gsd_weight
    counts["ud_dev_sents"] = write_conllu(dev, ud_dev)
    ud_test = {}
    for k in REPORT_SETS:
        ud_test[k] = ud_dir / f"{k}.conllu"
        counts[f"{k}_sents"] = write_conllu(raw[k], ud_test[k])
    return ud_train, ud_dev, ud_test


def _write_tokenizer(tok_dir: Path, train: list[list[str]], dev: list[list[str]], test: list[list[str]]) -> Path:
    """The tokenizer's txt, toklabels and mwt json, by Stanza's own converters."""
    from stanza.utils.datasets import common as ds_common

    tok_dir.mkdir(exist_ok=True)
    for shard, blocks in {"train": train, "dev": dev, "test": test}.items():
        write_conllu(blocks, Path(ds_common.tokenizer_conllu_name(str(tok_dir), SHORTHAND, shard)))
    ds_common.convert_conllu_to_txt(str(tok_dir), SHORTHAND)
    ds_common.prepare_tokenizer_treebank_labels(str(tok_dir), SHORTHAND)
    return tok_dir


def _write_mwt(mwt_dir: Path, train: list[list[str]], dev: list[list[str]]) -> tuple[Path, Path, Path]:
    """The multi-word token expander's files, in the layout of stanza.utils.datasets.prepare_mwt_treebank."""
    from stanza.utils.datasets.contract_mwt import contract_mwt

    mwt_dir.mkdir(exist_ok=True)
    mwt_train = mwt_dir / f"{SHORTHAND}.train.in.conllu"
    mwt_dev_gold = mwt_dir / f"{SHORTHAND}.dev.gold.conllu"
    mwt_dev_in = mwt_dir / f"{SHORTHAND}.dev.in.conllu"
    write_conllu(train, mwt_train)
    write_conllu(dev, mwt_dev_gold)
    contract_mwt(str(mwt_dev_gold), str(mwt_dev_in))
    return mwt_train, mwt_dev_gold, mwt_dev_in


def _write_ner(ner_root: Path, ner_dir: Path, use_nerp: bool, counts: dict[str, int]) -> dict[str, Path]:
    """The NER files: NERGrit train (weighted) with NERP, NERGrit alone for fine-tuning, its valid and test."""
    ner_dir.mkdir(exist_ok=True)
    grit = {s: read_bio(ner_root / "nergrit_ner-grit" / f"{s}_preprocess.txt") for s in ("train", "valid", "test")}
    ner_train_sents = [map_bio(s, NERGRIT_MAP) for s in grit["train"]] * NERGRIT_WEIGHT
    nerp_train: list[list[tuple[str, str]]] = []
    if use_nerp:
        nerp_train = [truecase_nerp(map_bio(s, NERP_MAP)) for split in NERP_SPLITS for s in
                      read_bio(ner_root / "nerp_ner-prosa" / f"{split}_preprocess.txt")]
    paths = {"train": ner_dir / "train.json", "dev": ner_dir / "dev.json", "test": ner_dir / "test.json",
             "finetune": ner_dir / "train_finetune.json"}
    counts["ner_finetune_sents"] = write_ner_json([map_bio(s, NERGRIT_MAP) for s in grit["train"]],
                                                  paths["finetune"])
    counts["ner_train_sents"] = write_ner_json(ner_train_sents + nerp_train, paths["train"])
    counts["ner_train_nerp_sents"] = len(nerp_train)
    counts["nergrit_weight"] = NERGRIT_WEIGHT
    counts["ner_dev_sents"] = write_ner_json([map_bio(s, NERGRIT_MAP) for s in grit["valid"]], paths["dev"])
    counts["ner_test_sents"] = write_ner_json([map_bio(s, NERGRIT_MAP) for s in grit["test"]], paths["test"])
    return paths


def _write_vector_corpus(corpus: Path, pool: list[tuple[str, list[str]]], ner_root: Path) -> Path:
    """Unlabelled text for word vectors: training/dev material only (no text of a reporting set)."""
    with corpus.open("w", encoding="utf-8") as f:
        for line in _iter_vector_sentences(b for _, b in pool):
            f.write(line + "\n")
        for sub, split in (("nergrit_ner-grit", "train"), ("nergrit_ner-grit", "valid"),
                           *(("nerp_ner-prosa", split) for split in NERP_SPLITS)):
            for s in read_bio(ner_root / sub / f"{split}_preprocess.txt"):
                f.write(" ".join(w for w, _ in s) + "\n")
    return corpus
