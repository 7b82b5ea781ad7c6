"""``quotecli eval``: the matcher, the figures, gold and prediction files, and the real command.

The gold files in tests/data/eval/ were written for these tests (docs/evaluation.md shows the format).
Predictions are written by hand for each case and scored with ``--pred``, so the figures do not depend
on the extraction rules; one test runs the extraction itself (``--fast``)."""
from __future__ import annotations

import importlib.util
import json
import random
import re
from pathlib import Path

import pytest
from conftest import ROOT

from quotecli.evaluate import (
    GoldError,
    GoldQuote,
    Prediction,
    PredQuote,
    bag_f1,
    gold_from_dict,
    load_gold,
    load_golds,
    match,
    read_predictions,
    score,
    speaker_ok,
)

GOLD_DIR = ROOT / "tests" / "data" / "eval"
GOLDS = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD_DIR.glob("*.json"))}
BANJIR, PABRIK = "banjir-sukamaju", "pabrik-tekstil"
SCORE_PY = ROOT.parent / "shared" / "eval" / "score.py"


def perfect() -> dict[str, dict]:
    """quotecli-shaped output that reproduces every gold quote with its gold speaker."""
    return {gid: {"source": f"{gid}.txt", "quotes": [
        {"quote": q["text"], "type": q["type"], "speaker": q["speaker"]} for q in g["quotes"]]}
        for gid, g in GOLDS.items()}


def write_pred(tmp_path: Path, preds: dict[str, dict]) -> Path:
    d = tmp_path / "pred"
    d.mkdir(exist_ok=True)
    for gid, obj in preds.items():
        (d / f"{gid}.json").write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    return d


def evaluate(cli, tmp_path: Path, preds: dict[str, dict], *extra: str) -> dict:
    r = cli("eval", "--format", "json", "--pred", str(write_pred(tmp_path, preds)), *extra, str(GOLD_DIR))
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def quote_of(preds: dict[str, dict], gid: str, text_start: str) -> dict:
    return next(q for q in preds[gid]["quotes"] if q["quote"].startswith(text_start))


# ---- the matcher ---------------------------------------------------------------------------------

def test_bag_f1_ignores_case_punctuation_and_order():
    assert bag_f1("Kami siap, kata dia.", "KAMI SIAP kata dia") == 1.0
    assert bag_f1("dia siap", "siap dia") == 1.0
    assert bag_f1("a b c d", "a b") == pytest.approx(2 / 3)
    assert bag_f1("a b", "c d") == 0.0 and bag_f1("", "a") == 0.0


def test_match_is_per_class_best_first_and_one_to_one():
    golds = [GoldQuote("harga beras naik lagi", "direct", "A"), GoldQuote("harga beras naik", "indirect", "A")]
    preds = [PredQuote("harga beras naik", "indirect", "A"), PredQuote("harga beras naik lagi", "mixed", "A")]
    pairs = {(m.gold, m.pred) for m in match(golds, preds)}
    assert pairs == {(0, 1), (1, 0)}  # mixed counts as direct; never across classes
    # two golds compete for one prediction: the better one wins, the other is missed
    golds = [GoldQuote("a b c d", "direct", None), GoldQuote("a b c d e f", "direct", None)]
    assert [(m.gold, m.pred) for m in match(golds, [PredQuote("a b c d e", "direct", None)])] == [(1, 0)]


def test_match_threshold_and_strict():
    golds = [GoldQuote("satu dua tiga empat", "direct", None)]
    assert match(golds, [PredQuote("satu dua", "direct", None)])  # F1 0.667
    assert not match(golds, [PredQuote("satu dua", "direct", None)], 0.8)
    assert not match(golds, [PredQuote("satu", "direct", None)])  # F1 0.4
    assert not match(golds, [PredQuote("satu dua tiga empat", "indirect", None)])


def test_speaker_ok_aliases_full_name_mentions_and_null():
    text = "Kepala BPBD Sukamaju Rina Kartika mengatakan air naik. Rina menyebut ..."
    g = GoldQuote("air naik", "indirect", "Rina Kartika", ("Kepala BPBD Sukamaju Rina Kartika", "Rina"))
    assert speaker_ok(g, "rina kartika", text) and speaker_ok(g, "Rina.", text)
    assert speaker_ok(g, "Rina", text) and not speaker_ok(g, "Rina", text, canonical=True)
    # a mention that holds the full name (and stands in the article) is right, canonical too
    assert speaker_ok(g, "BPBD Sukamaju Rina Kartika", text, canonical=True)
    assert not speaker_ok(g, "Ketua Rina Kartika", text)  # not in the article
    assert not speaker_ok(g, "Kartika", text) and not speaker_ok(g, None, text)
    nobody = GoldQuote("air naik", "indirect", None)
    assert speaker_ok(nobody, None, text) and speaker_ok(nobody, "", text) and not speaker_ok(nobody, "Rina", text)
    one_word = GoldQuote("x", "direct", "Polri", ("Polri",))
    assert not speaker_ok(one_word, "Humas Polri", "Humas Polri mengatakan")  # a one-word name is not enough


@pytest.mark.skipif(not SCORE_PY.is_file(), reason="the reference scorer (../shared/eval/score.py) is absent")
@pytest.mark.parametrize("seed", range(20))
def test_same_pairs_and_speaker_verdicts_as_the_reference_scorer(seed):
    spec = importlib.util.spec_from_file_location("reference_score", SCORE_PY)
    ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ref)
    rnd = random.Random(seed)
    vocab = "kami akan terus bekerja keras untuk warga desa harga beras naik".split()
    names = ["Budi Santoso", "Budi", "Menteri Budi Santoso", "Sri", "Polri", "Kepala Polri Budi Santoso", None, ""]
    article = "Menteri Budi Santoso dan Kepala Polri Budi Santoso, kata Sri dari Polri."

    def phrase() -> str:
        return " ".join(rnd.choice(vocab) for _ in range(rnd.randint(1, 6)))

    golds = [{"text": phrase(), "type": rnd.choice(["direct", "mixed", "indirect"]),
              "speaker": rnd.choice(["Budi Santoso", "Sri", None]), "speaker_aliases": ["Budi", "Sri"]}
             for _ in range(rnd.randint(0, 8))]
    preds = [{"quote": phrase(), "type": rnd.choice(["direct", "mixed", "indirect"]), "speaker": rnd.choice(names)}
             for _ in range(rnd.randint(0, 8))]
    ours_g = [GoldQuote(g["text"], g["type"], g["speaker"], tuple(g["speaker_aliases"])) for g in golds]
    ours_p = [PredQuote.from_dict(p) for p in preds]
    for threshold in (0.5, 0.8):
        assert [(m.gold, m.pred, m.f1) for m in match(ours_g, ours_p, threshold)] == ref.match(golds, preds, threshold)
    for g, og in zip(golds, ours_g, strict=True):
        for p, op in zip(preds, ours_p, strict=True):
            for canonical in (False, True):
                assert speaker_ok(og, op.speaker, article, canonical) == ref.speaker_ok(g, p, article, canonical)


# ---- scoring -------------------------------------------------------------------------------------

def test_score_counts_a_missing_prediction_as_an_error_with_no_quotes():
    golds = load_golds([str(GOLD_DIR)])
    report = score(golds, {BANJIR: Prediction()})
    assert report.files == 2 and report.errors == ["pabrik-tekstil.json: no prediction"]
    assert report.figures()["all"].gold == 10 and report.figures()["all"].pred == 0


def test_a_perfect_prediction_scores_1(cli, tmp_path):
    s = evaluate(cli, tmp_path, perfect())
    assert s["files"] == 2 and s["errors"] == 0
    for k in ("direct", "indirect", "all"):
        assert s[k]["gold"] == s[k]["pred"] == (10 if k == "all" else 5)
        for fig in ("detect_p", "detect_r", "detect_f1", "speaker_acc", "canonical_acc", "e2e_p", "e2e_r", "e2e_f1",
                    "strict_e2e_p", "strict_e2e_r", "strict_e2e_f1"):
            assert s[k][fig] == 1.0, (k, fig)
    assert s["all_e2e_f1"] == 1.0


def test_a_wrong_speaker_moves_speaker_and_end_to_end_not_detection(cli, tmp_path):
    preds = perfect()
    quote_of(preds, BANJIR, "Kami minta")["speaker"] = "Rina Kartika"
    s = evaluate(cli, tmp_path, preds)
    d = s["direct"]
    assert d["detect_f1"] == 1.0 and d["speaker_acc"] == 0.8 and d["canonical_acc"] == 0.8
    assert d["e2e_p"] == d["e2e_r"] == 0.8 and d["strict_e2e_f1"] == 0.8
    assert s["indirect"]["e2e_f1"] == 1.0


def test_a_missed_quote_moves_recall_only(cli, tmp_path):
    preds = perfect()
    preds[PABRIK]["quotes"] = [q for q in preds[PABRIK]["quotes"] if not q["quote"].startswith("gajinya")]
    s = evaluate(cli, tmp_path, preds)
    i = s["indirect"]
    assert (i["gold"], i["pred"]) == (5, 4)
    assert i["detect_p"] == 1.0 and i["detect_r"] == 0.8 and i["e2e_r"] == 0.8 and i["speaker_acc"] == 1.0
    assert s["direct"]["e2e_f1"] == 1.0


def test_an_extra_quote_moves_precision_only(cli, tmp_path):
    preds = perfect()
    preds[BANJIR]["quotes"].append({"quote": "Banjir Rendam Tiga Desa", "type": "direct", "speaker": None})
    s = evaluate(cli, tmp_path, preds)
    d = s["direct"]
    assert (d["gold"], d["pred"]) == (5, 6)
    assert d["detect_r"] == 1.0 and d["detect_p"] == round(5 / 6, 3) and d["e2e_p"] == round(5 / 6, 3)
    assert s["indirect"]["e2e_f1"] == 1.0


def test_a_wrong_class_is_a_miss_in_one_class_and_an_extra_in_the_other(cli, tmp_path):
    preds = perfect()
    quote_of(preds, PABRIK, "Kami hanya")["type"] = "indirect"
    s = evaluate(cli, tmp_path, preds)
    assert (s["direct"]["pred"], s["indirect"]["pred"]) == (4, 6)
    assert s["direct"]["detect_r"] == 0.8 and s["direct"]["detect_p"] == 1.0
    assert s["indirect"]["detect_r"] == 1.0 and s["indirect"]["detect_p"] == round(5 / 6, 3)
    # mixed and direct are one class: calling the fragment direct costs nothing
    preds = perfect()
    quote_of(preds, BANJIR, "dibagi secara")["type"] = "direct"
    assert evaluate(cli, tmp_path, preds)["all_e2e_f1"] == 1.0


def test_an_alias_is_a_right_speaker_but_not_the_canonical_name(cli, tmp_path):
    preds = perfect()
    quote_of(preds, BANJIR, "Kami minta")["speaker"] = "Hendra"  # an alias
    quote_of(preds, BANJIR, "Stok beras")["speaker"] = "Kepala BPBD Sukamaju Rina Kartika"  # holds the name
    s = evaluate(cli, tmp_path, preds)
    d = s["direct"]
    assert d["speaker_acc"] == 1.0 and d["e2e_f1"] == 1.0
    assert d["canonical_acc"] == 0.8  # 'Hendra' is not 'Hendra Wijaya'; the title + full name is


def test_a_partial_span_matches_but_fails_the_strict_figure(cli, tmp_path):
    preds = perfect()
    q = quote_of(preds, BANJIR, "pemerintah daerah")
    q["quote"] = "pemerintah daerah sudah membuka dua dapur umum"  # 7 of 11 words: F1 0.78
    s = evaluate(cli, tmp_path, preds)
    assert s["indirect"]["e2e_f1"] == 1.0 and s["indirect"]["strict_e2e_f1"] == 0.8


def test_verbose_lists_misses_wrong_speakers_and_extras_with_their_file(cli, tmp_path):
    preds = perfect()
    quote_of(preds, BANJIR, "Kami minta")["speaker"] = "Rina Kartika"
    preds[PABRIK]["quotes"] = preds[PABRIK]["quotes"][1:]
    preds[PABRIK]["quotes"].append({"quote": "Pabrik Tekstil Bantah PHK Massal", "type": "direct",
                                    "speaker": "[bold]x[/bold]"})
    r = cli("eval", "--verbose", "--pred", str(write_pred(tmp_path, preds)), str(GOLD_DIR))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert any(x.startswith("MISS  pabrik-tekstil.json [indirect] 'PT Sinar Tekstil Nusantara'") for x in lines)
    assert any(x.startswith("WHO   banjir-sukamaju.json [direct] gold 'Hendra Wijaya' got 'Rina Kartika'")
               for x in lines)
    assert any(x.startswith("EXTRA pabrik-tekstil.json [direct] '[bold]x[/bold]'") for x in lines)  # not markup
    assert "end-to-end" in r.stdout and "files 2" in r.stdout
    r = cli("eval", "--verbose", "--format", "json", "--pred", str(tmp_path / "pred"), str(GOLD_DIR))
    kinds = sorted(f["kind"] for f in json.loads(r.stdout)["findings"])
    assert kinds == ["extra", "miss", "speaker"]


def test_pred_reads_quotecli_json_lines_and_json_arrays(cli, tmp_path):
    preds = perfect()
    lines = [json.dumps({"source": f"/tmp/x/{gid}.txt", **q}, ensure_ascii=False)
             for gid, obj in preds.items() for q in obj["quotes"]]
    (tmp_path / "out.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = cli("eval", "--format", "json", "--pred", str(tmp_path / "out.jsonl"), str(GOLD_DIR))
    assert r.returncode == 0 and json.loads(r.stdout)["all_e2e_f1"] == 1.0
    # quote lines: an article with no line has no quotes (not an error)
    (tmp_path / "one.jsonl").write_text("\n".join(x for x in lines if BANJIR in x), encoding="utf-8")
    s = json.loads(cli("eval", "--format", "json", "--pred", str(tmp_path / "one.jsonl"), str(GOLD_DIR)).stdout)
    assert s["errors"] == 0 and s["all"]["pred"] == 6 and s["all"]["detect_r"] == 0.6
    # one object per article, as a JSON array (quotecli extract --format json on several files)
    (tmp_path / "out.json").write_text(json.dumps(list(preds.values())), encoding="utf-8")
    s = json.loads(cli("eval", "--format", "json", "--pred", str(tmp_path / "out.json"), str(GOLD_DIR)).stdout)
    assert s["all_e2e_f1"] == 1.0


def test_an_article_without_a_prediction_is_an_error_and_exit_1(cli, tmp_path):
    preds = perfect()
    del preds[PABRIK]
    r = cli("eval", "--format", "json", "--pred", str(write_pred(tmp_path, preds)), str(GOLD_DIR))
    assert r.returncode == 1
    assert json.loads(r.stdout)["errors"] == 1 and "pabrik-tekstil.json: no prediction" in r.stderr


def test_read_predictions_folder_with_quote_lines(tmp_path):
    golds = load_golds([str(GOLD_DIR)])
    d = tmp_path / "p"
    d.mkdir()
    (d / f"{BANJIR}.json").write_text('{"source": "a", "quote": "Stok beras", "type": "direct", "speaker": "Rina"}\n'
                                      '{"source": "a", "quote": "dibagi", "type": "mixed", "speaker": null}\n',
                                      encoding="utf-8")
    (d / f"{PABRIK}.json").write_text('{"source": "b", "error": "b: binary file, not text"}', encoding="utf-8")
    preds = read_predictions(str(d), golds)
    assert [q.text for q in preds[BANJIR].quotes] == ["Stok beras", "dibagi"]
    assert preds[PABRIK].error == "b: binary file, not text"


# ---- bad gold files ------------------------------------------------------------------------------

BAD_GOLDS = {
    "not-json.json": ('{"id": "x", "text": ', "not valid JSON"),
    "a-list.json": ("[1, 2]", "not a JSON object"),
    "no-text.json": ('{"id": "x", "quotes": []}', "'text' must be a string"),
    "no-quotes.json": ('{"id": "x", "text": "a"}', "'quotes' must be a list"),
    "bad-type.json": ('{"id": "x", "text": "a", "quotes": [{"text": "a", "type": "quote", "speaker": null}]}',
                      "quote 1: 'type' is 'quote'"),
    "no-speaker.json": ('{"id": "x", "text": "a b", "quotes": [{"text": "a", "type": "direct"}]}',
                        "quote 1: no 'speaker'"),
    "bad-aliases.json": ('{"id": "x", "text": "a", "quotes": [{"text": "a", "type": "direct", "speaker": "A", '
                         '"speaker_aliases": "A"}]}', "'speaker_aliases' must be a list"),
}


@pytest.mark.parametrize("name", sorted(BAD_GOLDS))
def test_a_bad_gold_file_raises_an_error_naming_it(tmp_path, name):
    content, problem = BAD_GOLDS[name]
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(GoldError) as e:
        load_gold(tmp_path / name)
    assert str(e.value).startswith(str(tmp_path / name)) and problem in str(e.value)


@pytest.mark.parametrize("name", ["not-json.json", "bad-type.json"])
def test_a_bad_gold_file_gives_one_line_naming_it_and_exit_2(cli, tmp_path, name):
    folder = tmp_path / "golds"
    folder.mkdir()
    for p in GOLD_DIR.glob("*.json"):
        (folder / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / name).write_text(BAD_GOLDS[name][0], encoding="utf-8")
    r = cli("eval", "--fast", str(folder))
    assert r.returncode == 2 and r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and BAD_GOLDS[name][1] in lines[0], r.stderr


def test_missing_gold_paths_duplicate_ids_and_usage_errors(cli, tmp_path):
    r = cli("eval", str(tmp_path / "nowhere"))
    assert r.returncode == 2 and "nowhere: no such file or folder" in r.stderr
    r = cli("eval", str(tmp_path))
    assert r.returncode == 2 and "no .json gold files" in r.stderr
    twin = tmp_path / "twin.json"
    twin.write_text((GOLD_DIR / f"{BANJIR}.json").read_text(encoding="utf-8"), encoding="utf-8")
    r = cli("eval", "--fast", str(GOLD_DIR), str(twin))
    assert r.returncode == 2 and "twin.json: id 'banjir-sukamaju' is already used" in r.stderr
    r = cli("eval", "--fast", "--pred", str(tmp_path), str(GOLD_DIR))
    assert r.returncode == 2 and "with --pred nothing is run" in r.stderr
    assert "Traceback" not in r.stderr


def test_gold_id_defaults_to_the_file_name():
    g = gold_from_dict({"text": "a", "quotes": []}, "/x/my-article.json")
    assert g.id == "my-article" and g.name == "my-article.json"


# ---- the real extraction -------------------------------------------------------------------------

def test_eval_runs_quotecli_in_process_and_saved_predictions_rescore_the_same(cli, tmp_path):
    saved = tmp_path / "saved"
    r = cli("eval", "--fast", "--format", "json", "--save-pred", str(saved), str(GOLD_DIR))
    assert r.returncode == 0, r.stderr
    run = json.loads(r.stdout)
    assert run["files"] == 2 and run["errors"] == 0 and run["mode"] == "fast"
    assert run["all_e2e_f1"] >= 0.8  # these two articles are simple news prose
    assert sorted(p.name for p in saved.iterdir()) == [f"{BANJIR}.json", f"{PABRIK}.json"]
    again = json.loads(cli("eval", "--format", "json", "--pred", str(saved), str(GOLD_DIR)).stdout)
    for k in ("direct", "indirect", "all"):
        assert again[k] == run[k]


def test_the_table_is_plain_text_when_piped(cli, tmp_path):
    r = cli("eval", "--pred", str(write_pred(tmp_path, perfect())), str(GOLD_DIR))
    assert r.returncode == 0
    assert "direct+mixed" in r.stdout and "speaker accuracy" in r.stdout and "\x1b[" not in r.stdout
    assert "all end-to-end F1 1.000  files 2  errors 0" in r.stdout


def test_the_docs_example_is_valid_gold():
    doc = (ROOT / "docs" / "evaluation.md").read_text(encoding="utf-8")
    block = re.search(r"```json\n(.*?)```", doc, flags=re.S)
    assert block, "docs/evaluation.md shows a gold file"
    g = gold_from_dict(json.loads(block.group(1)), "example.json")
    for q in g.quotes:
        assert q.text in g.text and all(a in g.text for a in q.aliases)
