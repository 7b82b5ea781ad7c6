"""Writes ``manifest.json`` next to the models (read by ``quotecli.nlp.resolve_models``)."""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path

from .config import MODEL_FILES

UD_CREDIT = ("UD Indonesian-GSD (McDonald et al.; Alfina et al. 2021 revision) and UD Indonesian-CSUI "
             "(Alfina et al.), CC BY-SA 4.0; UD Indonesian-PUD (CoNLL 2017 shared task), CC BY-SA 3.0")
NER_CREDIT = ("IndoNLU NERGrit and NERP (Wilie et al. 2020, https://github.com/IndoNLP/indonlu), "
              "Apache-2.0")
UD_LICENCE = "CC BY-SA 4.0 (GSD, CSUI) / CC BY-SA 3.0 (PUD)"
UD_TRAIN = ("UD Indonesian-GSD dev + CSUI train + PUD test (every 10th sentence held out as dev); "
            "XPOS blanked")
NER_TRAIN = ("NERGrit train + NERP train/valid/test (PPL->PERSON, IND->ORGANISATION, PLC->LOCATION, EVT/FNB->O, "
             "entity tokens re-capitalised), then fine-tuned on NERGrit train alone; early stopping on NERGrit valid; "
             "NERGrit PLACE->LOCATION")

PROCESSOR_INFO = {
    "pretrain": {"training_data": "word2vec (gensim, skip-gram) over the lower-cased training text "
                                  "(UD training pool + NERGrit train+valid + all of NERP)",
                 "licence": UD_LICENCE + "; Apache-2.0 (IndoNLU)", "credit": UD_CREDIT + "; " + NER_CREDIT},
    "ner_pretrain": {"training_data": "fastText (gensim, skip-gram, character 3-5-grams, every word kept) over "
                                      "the same text as the pretrain; used by NER only",
                     "licence": UD_LICENCE + "; Apache-2.0 (IndoNLU)", "credit": UD_CREDIT + "; " + NER_CREDIT},
    "tokenize": {"training_data": UD_TRAIN, "licence": UD_LICENCE, "credit": UD_CREDIT},
    "mwt": {"training_data": UD_TRAIN, "licence": UD_LICENCE, "credit": UD_CREDIT},
    "pos": {"training_data": UD_TRAIN + "; UPOS + UFeats", "licence": UD_LICENCE, "credit": UD_CREDIT},
    "lemma": {"training_data": UD_TRAIN, "licence": UD_LICENCE, "credit": UD_CREDIT},
    "depparse": {"training_data": UD_TRAIN + "; UPOS/UFeats re-tagged with the shipped tagger",
                 "licence": UD_LICENCE, "credit": UD_CREDIT},
    "ner": {"training_data": NER_TRAIN, "licence": "Apache-2.0", "credit": NER_CREDIT,
            "labels": ["PERSON", "ORGANISATION", "LOCATION"]},
}

#: which held-out score keys belong to which processor
SCORE_KEYS = {
    "tokenize": ("tokenize",),
    "mwt": ("mwt",),
    "pos": ("pos",),
    "lemma": ("lemma",),
    "depparse": ("depparse",),
    "ner": ("ner",),
}


def write_manifest(out: Path, *, mode: str, counts: dict, scores: dict, times: dict, command: str,
                   vocab_size: int, config: dict, vectors: dict, ner_vocab_size: int | None = None,
                   ner_vectors: dict | None = None) -> Path:
    import stanza

    processors = {}
    for proc, fname in MODEL_FILES.items():
        path = out / fname
        entry = {"file": fname, "size_bytes": path.stat().st_size if path.exists() else None,
                 **PROCESSOR_INFO[proc]}
        if proc == "pretrain":
            entry["vocab_size"] = vocab_size
            entry["settings"] = vectors
        elif proc == "ner_pretrain":
            entry["vocab_size"] = ner_vocab_size
            entry["settings"] = ner_vectors or {}
        else:
            entry["settings"] = config.get(proc, {})
            if proc == "ner":
                entry["settings"] = {"stage1": config.get("ner", {}), "finetune": config.get("ner_finetune", {})}
            entry["held_out_scores"] = scores.get(proc, {})
            if proc in ("pos", "depparse"):
                entry["pretrain"] = MODEL_FILES["pretrain"]
            elif proc == "ner":
                entry["pretrain"] = MODEL_FILES["ner_pretrain"]
        entry["training_seconds"] = times.get({"pretrain": "vectors", "ner_pretrain": "vectors_ner"}.get(proc, proc))
        if proc == "ner" and "ner_finetune" in times:
            entry["training_seconds"] = round((times.get("ner") or 0) + times["ner_finetune"], 1)
        processors[proc] = entry
    manifest = {
        "name": "quotecli Indonesian Stanza models",
        "language": "id",
        "mode": mode,
        "stanza_version": stanza.__version__,
        "created": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "training_command": command,
        "training_wall_seconds": times.get("total_wall"),
        "timings_seconds": times,
        "data_counts": counts,
        "held_out_sets": {
            "ud": "UD Indonesian-GSD test (gsd_test) and CSUI test (csui_test); never used for training or "
                  "early stopping. POS/LAS/lemma with gold tokenisation and predicted tags.",
            "ner": "NERGrit test (PLACE reported as LOCATION)",
        },
        "processors": processors,
        "total_size_bytes": sum(p["size_bytes"] or 0 for p in processors.values()),
    }
    path = out / "manifest.json"
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def markdown_tables(manifest: dict) -> tuple[str, str]:
    """(scores table, files table) in Markdown, for docs/models.md."""
    procs = manifest["processors"]

    def get(proc: str, ds: str, key: str) -> str:
        v = procs.get(proc, {}).get("held_out_scores", {}).get(ds, {}).get(key)
        return "-" if v is None else f"{v:.2f}"

    rows = ["| measure | GSD test | CSUI test |", "| --- | --- | --- |"]
    for label, proc, key in [("tokens F1 (raw text)", "tokenize", "Tokens"),
                             ("sentences F1 (raw text)", "tokenize", "Sentences"),
                             ("words F1 after MWT (raw text)", "mwt", "Words"),
                             ("UPOS (gold tokens)", "pos", "UPOS"), ("UFeats (gold tokens)", "pos", "UFeats"),
                             ("lemmas (gold tokens, predicted tags)", "lemma", "Lemmas"),
                             ("UAS (gold tokens, predicted tags)", "depparse", "UAS"),
                             ("LAS (gold tokens, predicted tags)", "depparse", "LAS")]:
        rows.append(f"| {label} | {get(proc, 'gsd_test', key)} | {get(proc, 'csui_test', key)} |")
    ner = procs.get("ner", {}).get("held_out_scores", {}).get("nergrit_test", {})
    rows += ["", "| NERGrit test, entity F1 | |", "| --- | --- |"]
    rows += [f"| {k} | {v:.2f} |" for k, v in ner.items()]
    files = ["| processor | file | size |", "| --- | --- | --- |"]
    for proc, e in procs.items():
        files.append(f"| {proc} | `{e['file']}` | {e['size_bytes'] / 1e6:.1f} MB |")
    files.append(f"| total | | {manifest['total_size_bytes'] / 1e6:.1f} MB |")
    return "\n".join(rows), "\n".join(files)
