"""Held-out evaluation of a model directory with Stanza's own scorers.

* UD (GSD test, CSUI test): tokenizer + MWT on the raw text -> Tokens/Words/Sentences F1;
  tagger, lemmatizer and parser on GOLD tokenisation with PREDICTED tags (the tagger's
  output is what the lemmatizer and parser read) -> UPOS, UFeats, Lemmas, UAS, LAS.
  Scored with ``stanza.models.common.utils.ud_scores`` (the CoNLL 2018 evaluation script).
* NER (NERGrit test, gold tokens): entity F1 per type with ``stanza.models.ner.scorer``.

Usage: ``python -m quotecli.training.evaluate [--models DIR] [--data DIR] [--write-manifest]``
(``scripts/eval_models.py`` is the same thing).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
from pathlib import Path

from . import default_data_dir
from .config import MODEL_FILES
from .data import NERGRIT_MAP, SHORTHAND, UD_FILES, _clean_block, map_bio, read_bio, read_conllu_blocks, write_conllu

logger = logging.getLogger("quotecli.training")

UD_EVAL_SETS = ("gsd_test", "csui_test")


def _r(x: float) -> float:
    return round(100 * x, 2)


def _trainer_args(models: Path, proc: str) -> list[str]:
    args = ["--save_dir", str(models), "--save_name", MODEL_FILES[proc], "--shorthand", SHORTHAND, "--mode", "predict"]
    if proc in ("pos", "depparse"):
        args += ["--lang", "id", "--wordvec_pretrain_file", str(models / MODEL_FILES["pretrain"])]
    return args


def eval_ud_gold_tokens(models: Path, gold: Path, tmp: Path) -> dict[str, float]:
    """tagger -> lemmatizer -> parser on gold words; returns UPOS/UFeats/Lemmas/UAS/LAS F1 (x100)."""
    from stanza.models import lemmatizer, parser, tagger
    from stanza.models.common.utils import ud_scores

    tagged, lemmatized, parsed = tmp / "tagged.conllu", tmp / "lemma.conllu", tmp / "parsed.conllu"
    tagger.main([*_trainer_args(models, "pos"), "--eval_file", str(gold), "--output_file", str(tagged)])
    lemmatizer.main([*_trainer_args(models, "lemma"), "--eval_file", str(tagged), "--output_file", str(lemmatized)])
    parser.main([*_trainer_args(models, "depparse"), "--eval_file", str(lemmatized), "--output_file", str(parsed)])
    ev = ud_scores(str(gold), str(parsed))
    return {k: _r(ev[k].f1) for k in ("UPOS", "UFeats", "Lemmas", "UAS", "LAS")}


def eval_tokenizer(models: Path, gold: Path, tmp: Path) -> dict[str, float]:
    """Tokenizer + MWT on the raw text (Stanza's conllu_to_text) -> Tokens/Words/Sentences F1."""
    import stanza
    from stanza.models.common.utils import ud_scores
    from stanza.utils.conll import CoNLL
    from stanza.utils.datasets import conllu_to_text

    txt = tmp / "raw.txt"
    conllu_to_text.main([str(gold), str(txt)])
    (tmp / "resources.json").write_text("{}")
    nlp = stanza.Pipeline("id", dir=str(tmp), download_method=None, processors="tokenize,mwt",
                          tokenize_model_path=str(models / MODEL_FILES["tokenize"]),
                          mwt_model_path=str(models / MODEL_FILES["mwt"]), allow_unknown_language=True,
                          logging_level="WARN")
    doc = nlp(txt.read_text(encoding="utf-8"))
    pred = tmp / "tokenized.conllu"
    CoNLL.write_doc2conll(doc, str(pred))
    try:
        ev = ud_scores(str(gold), str(pred))
    except Exception as e:  # udtools.UDError: e.g. an untrained MWT model emitting <UNK> (--quick)
        logger.warning("tokenizer evaluation failed: %s", str(e).splitlines()[0])
        return {"Tokens": 0.0, "Words": 0.0, "Sentences": 0.0}
    return {k: _r(ev[k].f1) for k in ("Tokens", "Words", "Sentences")}


def eval_ner(models: Path, test: list[list[tuple[str, str]]], tmp: Path) -> dict[str, float]:
    import stanza
    from stanza.models.ner.scorer import score_by_entity
    from stanza.models.ner.utils import bio2_to_bioes

    (tmp / "resources.json").write_text("{}")
    vectors = models / MODEL_FILES["ner_pretrain"]
    if not vectors.is_file():  # a bundle from before NER had vectors of its own
        vectors = models / MODEL_FILES["pretrain"]
    nlp = stanza.Pipeline("id", dir=str(tmp), download_method=None, processors="tokenize,ner",
                          tokenize_pretokenized=True, ner_model_path=str(models / MODEL_FILES["ner"]),
                          ner_pretrain_path=str(vectors), allow_unknown_language=True,
                          logging_level="WARN")
    doc = nlp([[w for w, _ in s] for s in test])
    pred = [[t.ner for t in sent.tokens] for sent in doc.sentences]
    gold = [bio2_to_bioes([t for _, t in s]) for s in test]
    p, r, f1, per_type = score_by_entity(pred, gold, verbose=False)
    out = {k: _r(v) for k, v in sorted(per_type.items())}
    out.update({"micro_precision": _r(p), "micro_recall": _r(r), "micro_f1": _r(f1)})
    return out


def evaluate_all(models: Path, data: Path | None = None, work: Path | None = None) -> dict[str, dict]:
    """Every held-out score, keyed by processor then by evaluation set."""
    data = (data or default_data_dir()).resolve()
    models = Path(models).resolve()
    scores: dict[str, dict] = {p: {} for p in ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")}
    with tempfile.TemporaryDirectory(prefix="quotecli-eval-", dir=str(work) if work else None) as tmpd:
        tmp = Path(tmpd)
        for name in UD_EVAL_SETS:
            sub = tmp / name
            sub.mkdir()
            gold = sub / "gold.conllu"
            write_conllu([_clean_block(b) for b in read_conllu_blocks(data / "ud" / UD_FILES[name])], gold)
            tok = eval_tokenizer(models, gold, sub)
            scores["tokenize"][name] = {"Tokens": tok["Tokens"], "Sentences": tok["Sentences"]}
            scores["mwt"][name] = {"Words": tok["Words"]}
            ud = eval_ud_gold_tokens(models, gold, sub)
            scores["pos"][name] = {"UPOS": ud["UPOS"], "UFeats": ud["UFeats"]}
            scores["lemma"][name] = {"Lemmas": ud["Lemmas"]}
            scores["depparse"][name] = {"UAS": ud["UAS"], "LAS": ud["LAS"]}
        test = [map_bio(s, NERGRIT_MAP) for s in read_bio(data / "ner" / "nergrit_ner-grit" / "test_preprocess.txt")]
        nd = tmp / "ner"
        nd.mkdir()
        scores["ner"]["nergrit_test"] = eval_ner(models, test, nd)
    return scores


def update_manifest(models: Path, scores: dict[str, dict]) -> None:
    path = Path(models) / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    for proc, s in scores.items():
        if proc in manifest["processors"]:
            manifest["processors"][proc]["held_out_scores"] = s
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m quotecli.training.evaluate", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--models", type=Path, default=Path(__file__).resolve().parents[1] / "models")
    ap.add_argument("--data", type=Path, default=None)
    ap.add_argument("--write-manifest", action="store_true", help="store the scores in DIR/manifest.json")
    a = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    scores = evaluate_all(a.models, a.data)
    print(json.dumps(scores, indent=1))
    s = scores
    print(f"GSD test (gold tokens, predicted tags): UPOS {s['pos']['gsd_test']['UPOS']:.2f}  "
          f"LAS {s['depparse']['gsd_test']['LAS']:.2f}  UAS {s['depparse']['gsd_test']['UAS']:.2f}  "
          f"Lemmas {s['lemma']['gsd_test']['Lemmas']:.2f}")
    print(f"GSD test tokenizer: Tokens {s['tokenize']['gsd_test']['Tokens']:.2f}  "
          f"Words {s['mwt']['gsd_test']['Words']:.2f}  Sentences {s['tokenize']['gsd_test']['Sentences']:.2f}")
    print(f"CSUI test: UPOS {s['pos']['csui_test']['UPOS']:.2f}  LAS {s['depparse']['csui_test']['LAS']:.2f}  "
          f"Tokens {s['tokenize']['csui_test']['Tokens']:.2f}")
    ner = s["ner"]["nergrit_test"]
    print("NERGrit test entity F1: " + "  ".join(f"{k} {v:.2f}" for k, v in ner.items()))
    if a.write_manifest:
        update_manifest(a.models, scores)
    return 0


if __name__ == "__main__":
    sys.exit(main())
