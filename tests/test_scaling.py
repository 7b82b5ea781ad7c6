"""Big inputs finish and line endings do not matter, through the real command (issue 18, points 2 and 9).

The scaling tests only detect a hang: their subprocess timeout is generous and no test asserts a time.
How long these inputs take is measured by ``python bench/run.py --sizes`` (docs/performance.md).
"""
from __future__ import annotations

import json

import pytest
from conftest import SAMPLES

HANG = 900  # seconds: far above what these inputs take, even on a slow, busy machine


def big_article(size: int) -> str:
    """The bundled samples, one after another, until ``size`` characters (as bench/run.py builds them)."""
    texts = [p.read_text(encoding="utf-8").strip() for p in sorted(SAMPLES.glob("*.txt"))]
    parts, n, i = [], 0, 0
    while n < size:
        parts.append(texts[i % len(texts)] + "\n\n")
        n += len(parts[-1])
        i += 1
    return "".join(parts)


def marks_paragraph(quotes: int = 5000) -> str:
    """One paragraph (no newline) with 2 x ``quotes`` quotation marks, about 780 KB."""
    sents = ['"Kami sudah mengirim alat berat sejak Senin malam dan tanggul yang rusak harus selesai diperbaiki '
             'sebelum puncak musim hujan," kata Basuki kepada wartawan. ',
             'Menurut Basuki, kerusakan terparah berada di Kabupaten Barito Kuala. "Status itu penting agar '
             'bantuan bisa cepat turun," ujarnya seperti dikutip Antara. ']
    return "".join(sents[i % 2] for i in range(quotes)).rstrip() + "\n"


def one_sentence_marks(copies: int = 1700) -> str:
    """One sentence (no sentence end until the last word) with 6 x ``copies`` quotation marks and two
    verbs of saying in every copy: each verb's subject search used to re-read the sentence."""
    s = ('Gubernur Anies Baswedan mengatakan "kami siap bekerja" dan "warga tidak perlu panik" serta menyebut '
         'banjir itu "ujian bersama" bagi ')
    return s * copies + "warga.\n"


def extract(cli, tmp_path, text: str, *args: str, newline: str = "\n") -> tuple[str, dict]:
    """Run ``quotecli extract --format json`` on ``text`` written with ``newline`` line endings; the
    text as written and the result."""
    path = tmp_path / "article.txt"
    written = text.replace("\n", newline)
    path.write_bytes(written.encode("utf-8"))
    r = cli("extract", "--format", "json", *args, str(path), timeout=HANG)
    assert r.returncode == 0, r.stderr[-2000:]
    return written, json.loads(r.stdout)


def assert_offsets(text: str, result: dict) -> None:
    for q in result["quotes"]:
        assert text[q["start"]:q["end"]] == q["quote"]
        if q["speaker_span"]:
            assert text[q["speaker_span"][0]:q["speaker_span"][1]] == q["speaker_mention"]
        if q["cue_span"]:
            assert text[q["cue_span"][0]:q["cue_span"][1]] == q["cue"]


# ---- point 2: big inputs finish ---------------------------------------------------------------------

def test_a_one_megabyte_article_finishes_in_fast_mode(cli, tmp_path):
    text = big_article(1_000_000)
    _, result = extract(cli, tmp_path, text, "--fast")
    # every sample's quotes, once per copy (a sample's first line is a headline here too)
    assert len(result["quotes"]) > 9000
    assert_offsets(text, result)


@pytest.mark.parametrize("make", [marks_paragraph, one_sentence_marks], ids=["sentences", "one-sentence"])
def test_a_paragraph_with_ten_thousand_quotation_marks_finishes(cli, tmp_path, make):
    text = make()
    assert text.count('"') >= 10_000 and text.count("\n") == 1
    _, result = extract(cli, tmp_path, text, "--fast")
    assert result["quotes"]
    assert_offsets(text, result)


def test_sixteen_thousand_short_paragraphs_finish(cli, tmp_path):
    lines = ['"Kami siap," kata Budi.', "Ia mengatakan bahwa warga sudah aman.", "BACA JUGA: Harga Beras Naik",
             "Menurut Ani, harga naik lagi hari ini."]
    text = "\n".join(lines[i % 4] for i in range(16_000)) + "\n"
    _, result = extract(cli, tmp_path, text, "--fast")
    assert len(result["quotes"]) >= 12_000
    assert_offsets(text, result)


@pytest.mark.pipeline
def test_a_one_megabyte_article_finishes_with_stanza(cli, tmp_path):
    text = big_article(1_000_000)
    _, result = extract(cli, tmp_path, text, "--article-timeout", "0")
    assert len(result["quotes"]) > 9000
    assert_offsets(text, result)


# ---- point 9: line endings --------------------------------------------------------------------------

def _same_reading(a: dict, b: dict) -> None:
    def reading(r: dict) -> list[tuple]:
        return [(q["quote"], q["type"], q["speaker"], q["speaker_mention"], q["cue"], q["rule"], q["paragraph"],
                 q["quote_group"]) for q in r["quotes"]]
    assert reading(a) == reading(b)
    assert a["speakers"] == b["speakers"]


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["CRLF", "CR"])
@pytest.mark.parametrize("sample", ["banjir-menteri.txt", "kemenlu-pernyataan.txt", "warga-pasar.txt"])
def test_line_endings_give_the_same_quotes(cli, tmp_path, sample, newline):
    text = (SAMPLES / sample).read_text(encoding="utf-8")
    _, plain = extract(cli, tmp_path, text, "--fast")
    written, other = extract(cli, tmp_path, text, "--fast", newline=newline)
    assert plain["quotes"]
    _same_reading(plain, other)
    assert_offsets(written, other)  # offsets index the file as it is, "\r" included


def test_a_corpus_with_crlf_and_cr_articles_reads_like_lf(cli, tmp_path):
    """Every bundled sample in a JSONL corpus, once per line ending: the same quotes for each."""
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))}
    corpus = tmp_path / "c.jsonl"
    with corpus.open("w", encoding="utf-8") as f:
        for name, t in texts.items():
            for tag, nl in (("lf", "\n"), ("crlf", "\r\n"), ("cr", "\r")):
                f.write(json.dumps({"id": f"{name}/{tag}", "text": t.replace("\n", nl)}) + "\n")
    r = cli("extract", "--fast", "--input-format", "jsonl", "--format", "json", str(corpus), timeout=HANG)
    assert r.returncode == 0, r.stderr
    got = {a["source"]: a for a in json.loads(r.stdout)}
    for name, t in texts.items():
        for tag, nl in (("crlf", "\r\n"), ("cr", "\r")):
            _same_reading(got[f"{name}/lf"], got[f"{name}/{tag}"])
            assert_offsets(t.replace("\n", nl), got[f"{name}/{tag}"])


@pytest.mark.pipeline
@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["CRLF", "CR"])
def test_line_endings_give_the_same_quotes_with_stanza(cli, tmp_path, newline):
    text = (SAMPLES / "banjir-menteri.txt").read_text(encoding="utf-8")
    _, plain = extract(cli, tmp_path, text)
    written, other = extract(cli, tmp_path, text, newline=newline)
    _same_reading(plain, other)
    assert_offsets(written, other)
