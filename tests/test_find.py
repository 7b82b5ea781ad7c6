"""quotecli find: a claim in drifted words finds the quotation it came from, through the real index
and the real command. Every text here was written for the project."""
from __future__ import annotations

import json

import numpy as np
import pytest
from conftest import SAMPLES

from quotecli.find import QuoteIndex, normalize
from quotecli.sources import QuoteRecord, load_sources

QUOTES = [
    ("Kami tidak akan menaikkan harga beras sampai akhir tahun ini", "Andi Pratama", "sumber-a"),
    ("Pemerintah tidak akan menaikkan harga bahan bakar minyak tahun ini", "Sri Mulyani Indrawati", "sumber-b"),
    ("Harga beras di pasar tradisional sudah turun sejak pekan lalu", "Dewi Lestari", "sumber-c"),
    ("Kami sudah mengirim alat berat ke tanggul yang jebol sejak Senin malam", "Basuki Hadimuljono", "sumber-d"),
    ("Tanggul yang rusak harus selesai diperbaiki sebelum musim hujan", "Basuki Hadimuljono", "sumber-d"),
    ("Sekolah akan dibuka kembali setelah banjir surut", "Rina Wulandari", "sumber-e"),
    ("Polisi masih menyelidiki penyebab kebakaran gudang di pelabuhan", "Dirmanto", "sumber-f"),
    ("Kami belum bisa memastikan jumlah korban keracunan makanan", "Ratna Kusumawati", "sumber-g"),
    ("Suku bunga acuan tetap di level enam persen untuk menjaga inflasi", "Perry Warjiyo", "sumber-h"),
    ("Investasi dengan janji untung sepuluh persen per bulan itu bodong", "Tongam Tobing", "sumber-i"),
]


@pytest.fixture(scope="module")
def index() -> QuoteIndex:
    return QuoteIndex([QuoteRecord(quote=q, type="direct", source=src, speaker=sp) for q, sp, src in QUOTES])


def test_normalize_folds_case_marks_and_chat_spellings():
    assert normalize("“Kami TDK akan mundur,” enggak!") == ["kami", "tidak", "akan", "mundur", "tidak"]
    assert normalize("yg penting dgn jujur") == ["yang", "penting", "dengan", "jujur"]


@pytest.mark.parametrize("claim, expected", [
    ("kami tidak akan menaikkan harga beras sampai akhir tahun", QUOTES[0][0]),  # a word dropped
    ("Menurut dia kami tidak akan menaikkan harga beras sampai akhir tahun ini", QUOTES[0][0]),  # added
    ("harga beras tidak akan kami naikkan sampai akhir tahun ini", QUOTES[0][0]),  # reordered, paraphrased
    ("KAMI TDK AKAN MENAIKKAN HARGA BERAS!!!", QUOTES[0][0]),  # case, marks, spelling, cut short
    ("pemerintah enggak akan naikkan harga BBM tahun ini", QUOTES[1][0]),  # paraphrase keeping key words
    ("Tanggul yg rusak harus selesai diperbaiki", QUOTES[4][0]),  # truncated, chat spelling
    ("suku bunga tetap 6 persen, untuk menjaga inflasi", QUOTES[8][0]),
    ("polisi masih menyeldiki penyebab kebakran", QUOTES[6][0]),  # typos
    ("kami tdk akan naikkan harga beras", QUOTES[0][0]),  # another affix (naikkan / menaikkan)
])
def test_drifted_claims_find_their_source_first(index, claim, expected):
    hits = index.search(claim, top=3)
    assert hits and hits[0].record.quote == expected
    assert hits[0].score > (hits[1].score if len(hits) > 1 else 0)


def test_a_claim_that_names_a_speaker_is_also_scored_without_the_name(index):
    plain = index.search("tidak akan menaikkan harga beras sampai akhir tahun", top=1)[0]
    named = index.search("Menkeu Sri Mulyani: tidak akan menaikkan harga beras sampai akhir tahun", top=1)[0]
    assert named.record.quote == plain.record.quote == QUOTES[0][0] and named.score == plain.score


def test_an_unrelated_claim_scores_low(index):
    hits = index.search("tim nasional sepak bola menang tiga gol", top=3)
    assert all(h.score < 40 for h in hits)


def test_mask_and_min_score_filter(index):
    only_d = np.array([r.source == "sumber-d" for r in index.records])
    hits = index.search("harga beras sudah turun di tanggul", top=5, mask=only_d)
    assert hits and {h.record.source for h in hits} == {"sumber-d"}
    assert index.search("harga beras tidak naik", top=5, min_score=99.5) == []


# ---- the command ------------------------------------------------------------------------------
def _jsonl(tmp_path, name="quotes.jsonl"):
    lines = [{"source": src, "quote": q, "type": "direct", "speaker": sp, "speaker_mention": sp.split()[-1],
              "confidence": 0.9, "paragraph": i, "context": f"“{q},” kata {sp}.",
              "meta": {"outlet": "contoh.id", "date": f"2024-0{1 + i % 9}-01"}}
             for i, (q, sp, src) in enumerate(QUOTES)]
    lines.insert(3, {"source": "sumber-kosong", "record": "article", "quotes": 0})  # an article without quotes
    lines.insert(5, {"source": "rusak.txt", "error": "rusak.txt: binary file, not text"})
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    return path


def test_find_json_over_jsonl_output_with_article_and_error_records(cli, tmp_path):
    r = cli("find", "Kami tdk akan naikkan harga beras sampai akhir tahun", str(_jsonl(tmp_path)), "-f", "json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["quotes_searched"] == len(QUOTES)
    top = out["hits"][0]
    assert top["rank"] == 1 and top["quote"] == QUOTES[0][0] and top["speaker"] == "Andi Pratama"
    assert top["speaker_id"] == "andi-pratama" and top["speaker_mention"] == "Pratama"
    assert top["meta"] == {"outlet": "contoh.id", "date": "2024-01-01"} and top["context"].startswith("“Kami")
    assert top["score"] >= 80 and all(h["score"] <= top["score"] for h in out["hits"])


def test_find_jsonl_top_type_and_min_score(cli, tmp_path):
    path = _jsonl(tmp_path)
    r = cli("find", "harga beras", str(path), "-f", "jsonl", "--top", "2")
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert r.returncode == 0 and len(rows) == 2 and all("beras" in x["quote"] for x in rows)
    r = cli("find", "harga beras", str(path), "-f", "jsonl", "--type", "indirect")
    assert r.returncode == 0 and r.stdout == ""
    r = cli("find", "harga beras", str(path), "-f", "jsonl", "--min-score", "100")
    assert r.returncode == 0 and r.stdout == ""


def test_find_speaker_matches_aliases_across_articles(cli, tmp_path):
    a = {"source": "artikel-1", "schema_version": "1.1", "quotes": [
        {"quote": "Ekonomi kita tumbuh lima persen tahun ini", "type": "direct", "speaker": "Joko Widodo",
         "speaker_mention": "Jokowi", "confidence": 0.9}],
         "speakers": [{"name": "Joko Widodo", "type": "person", "aliases": ["Joko Widodo", "Jokowi"],
                       "quote_count": 1}]}
    b = {"source": "artikel-2", "schema_version": "1.1", "quotes": [
        {"quote": "Ekonomi kita tumbuh lima persen tahun ini berkat ekspor", "type": "direct",
         "speaker": "Bambang Sutrisno", "speaker_mention": "Bambang", "confidence": 0.9},
        {"quote": "Ekonomi tumbuh lima persen", "type": "indirect", "speaker": "Jokowi",
         "speaker_mention": "Presiden Jokowi", "confidence": 0.7}], "speakers": []}
    path = tmp_path / "out.json"
    path.write_text(json.dumps([a, b]), encoding="utf-8")
    r = cli("find", "ekonomi tumbuh lima persen", str(path), "--speaker", "Presiden Jokowi", "-f", "json")
    hits = json.loads(r.stdout)["hits"]
    assert r.returncode == 0 and len(hits) == 2
    assert {h["speaker_id"] for h in hits} == {"joko-widodo"} and {h["speaker_name"] for h in hits} == {"Joko Widodo"}
    r = cli("find", "ekonomi tumbuh", str(path), "--speaker", "Nobody Here", "-f", "json")
    assert r.returncode == 0 and json.loads(r.stdout)["hits"] == [] and "no speaker named" in r.stderr


def test_find_extracts_articles_on_the_fly_with_context(cli):
    r = cli("find", "pemerintah sdh siapkan dana darurat utk tanggul yg jebol", str(SAMPLES / "banjir-menteri.txt"),
            "--fast", "-f", "json")
    assert r.returncode == 0, r.stderr
    top = json.loads(r.stdout)["hits"][0]
    assert top["speaker"] == "Basuki Hadimuljono" and "dana darurat" in top["quote"]
    assert top["quote"] in top["context"] and "mengatakan" in top["context"]


def test_find_table_on_request(cli, tmp_path):
    r = cli("find", "suku bunga tetap enam persen", str(_jsonl(tmp_path)), "-f", "table")
    assert r.returncode == 0 and "Perry Warjiyo" in r.stdout and "score" in r.stdout


def test_find_annotated_articles_and_directories(cli, tmp_path):
    gold = {"id": "anotasi-1", "outlet": "contoh.id", "date": "2023-05-02", "text": "...",
            "quotes": [{"text": "Kami menolak tuduhan itu", "type": "direct", "speaker": "Siti Aminah",
                        "speaker_aliases": ["Siti Aminah", "Siti"], "cue": "kata"}]}
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "anotasi-1.json").write_text(json.dumps(gold), encoding="utf-8")
    r = cli("find", "menolak tuduhan", str(tmp_path / "d"), "-f", "json")
    top = json.loads(r.stdout)["hits"][0]
    assert r.returncode == 0 and top["speaker"] == "Siti Aminah" and top["meta"]["date"] == "2023-05-02"


@pytest.mark.parametrize("args, code, words", [
    (["find", "harga beras", "tidak-ada.jsonl"], 1, "no such file"),
    (["find", "   ...  ", "QUOTES"], 2, "no words"),
    (["find", "harga beras", "BROKEN"], 1, "invalid JSON"),
    (["find", "harga beras", "QUOTES", "--top", "0"], 2, "--top"),
    (["find", "harga beras", "QUOTES", "--format", "xml"], 2, "--format"),
])
def test_find_bad_input_is_one_line(cli, tmp_path, args, code, words):
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    args = [str(_jsonl(tmp_path)) if a == "QUOTES" else str(broken) if a == "BROKEN" else a for a in args]
    r = cli(*args)
    assert r.returncode == code and words in r.stderr
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_one_bad_source_does_not_hide_the_others(cli, tmp_path):
    r = cli("find", "harga beras", str(_jsonl(tmp_path)), str(tmp_path / "nope.json"), "-f", "json")
    assert r.returncode == 1 and "nope.json: no such file" in r.stderr
    assert json.loads(r.stdout)["hits"]


def test_loader_reads_quotecli_json_output_with_speakers(tmp_path):
    out = {"source": "a.txt", "schema_version": "1.1", "meta": {"outlet": "contoh.id"},
           "quotes": [{"quote": "Kami siap", "type": "direct", "speaker": "Sri Mulyani", "speaker_mention": "dia",
                       "confidence": 0.8}],
           "speakers": [{"name": "Sri Mulyani", "type": "person", "aliases": ["Sri Mulyani", "Menkeu Sri Mulyani"],
                         "title": "Menkeu", "quote_count": 1}]}
    p = tmp_path / "a.json"
    p.write_text(json.dumps(out), encoding="utf-8")
    rec = load_sources([str(p)]).records[0]
    assert rec.aliases == ("Sri Mulyani", "Menkeu Sri Mulyani") and rec.title == "Menkeu" and rec.outlet == "contoh.id"


def test_readme_fact_check_example_is_what_the_command_prints(cli):
    import re
    import subprocess
    import sys

    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Fact-check a claim over a corpus", 1)[1]
    shown = json.loads(re.search(r"\n(\{\n.*?\n\})\n", section, flags=re.S).group(1))
    claim = re.search(r'quotecli find "([^"]+)" corpus\.jsonl', section).group(1)
    r = subprocess.run([sys.executable, "-m", "quotecli", "find", claim, "samples/", "--fast", "-f", "json"],
                       cwd=ROOT, capture_output=True, text=True, timeout=300)
    top = json.loads(r.stdout)["hits"][0]
    assert r.returncode == 0 and {k: top[k] for k in ("speaker", "quote", "source", "paragraph")} == \
        {k: shown[k] for k in ("speaker", "quote", "source", "paragraph")}
    for cmd in ("find", "speakers"):
        assert f"quotecli {cmd}" in readme
        h = cli(cmd, "--help")
        assert h.returncode == 0 and "Usage" in h.stdout


def test_find_reads_quotecli_output_piped_in(cli):
    extracted = cli("extract", "--fast", "--format", "jsonl", str(SAMPLES / "suku-bunga-bi.txt"))
    r = cli("find", "kami tdk ingin rupiah melemah", "-", "-f", "json", input=extracted.stdout)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["hits"][0]["speaker"] == "Perry Warjiyo"
    one = cli("extract", "--fast", "--format", "json", str(SAMPLES / "suku-bunga-bi.txt"))
    r = cli("find", "kami tdk ingin rupiah melemah", "-", "-f", "json", input=one.stdout)
    assert r.returncode == 0 and json.loads(r.stdout)["hits"][0]["speaker"] == "Perry Warjiyo"


def test_extraction_quotes_carry_their_context(cli, schema):
    import jsonschema

    text = (SAMPLES / "banjir-menteri.txt").read_text(encoding="utf-8")
    r = cli("extract", "--fast", "--format", "json", str(SAMPLES / "banjir-menteri.txt"))
    out = json.loads(r.stdout)
    jsonschema.validate(out, schema)
    assert out["schema_version"] == "1.1" and out["quotes"]
    lines = text.split("\n")
    for q in out["quotes"]:
        ctx = q["context"]
        assert q["quote"] in ctx and ctx in lines[q["paragraph"]]  # around the quote, inside its paragraph
        line_start = text.rfind("\n", 0, q["start"]) + 1
        line_end = text.find("\n", q["start"]) if "\n" in text[q["start"]:] else len(text)
        if q["cue"] and line_start <= q["cue_span"][0] and q["cue_span"][1] <= line_end:
            assert q["cue"] in ctx  # the cue, when it is in the quote's paragraph


def test_jsonl_corpus_of_articles_is_extracted_and_output_records_are_not(cli, tmp_path):
    text = (SAMPLES / "suku-bunga-bi.txt").read_text(encoding="utf-8")
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in [
        {"id": "bi-1", "text": text, "outlet": "contoh.id", "date": "2024-04-24"},  # an article to extract
        {"source": "bi-2", "record": "article", "text": text, "quotes": 0},  # an output record: not extracted
        {"source": "bi-3", "text": text},  # an output record with its text: not extracted either
    ]) + "\n", encoding="utf-8")
    r = cli("find", "kami tdk ingin rupiah melemah", str(path), "--fast", "-f", "json")
    out = json.loads(r.stdout)
    assert r.returncode == 0 and {h["source"] for h in out["hits"]} == {"bi-1"}
    assert out["hits"][0]["meta"] == {"outlet": "contoh.id", "date": "2024-04-24"}


def test_table_shows_markup_in_quotes_as_text(cli, tmp_path):
    path = tmp_path / "m.jsonl"
    rec = {"source": "m.txt", "quote": "Harga [/b] beras [link=x]naik[/link] lagi", "type": "direct",
           "speaker": "Ani [b]Lestari", "context": "“Harga [/b] beras naik lagi,” kata Ani [/caption]."}
    path.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    r = cli("find", "harga beras naik", str(path), "-f", "table")
    assert r.returncode == 0, r.stderr
    assert "[/b]" in r.stdout and "[link=x]" in r.stdout and "[/caption]" in r.stdout
    r = cli("speakers", str(path), "-f", "table")
    assert r.returncode == 0 and "[b]Lestari" in r.stdout
