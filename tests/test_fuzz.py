"""Property tests: whatever the text, extraction never raises, output validates against the schema,
every offset points at exactly the words it reports, and the same input gives the same output (twice
in a process, and in processes with different hash seeds). The texts mix Indonesian cue words, every
kind of quotation mark, markup-like text (rich markup, HTML, ANSI and OSC escapes), formula-like
quotations, odd Unicode (other scripts, an I with a dot, a capital sigma, joiners, controls, lone
surrogates), any line endings (LF, CRLF, lone CR, mixed), and bytes in mixed encodings. Run longer with
``QUOTECLI_FUZZ_EXAMPLES=10000 python -m pytest tests/test_fuzz.py``."""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys

import jsonschema
import pytest
from conftest import assert_offsets
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotecli import extract
from quotecli.errors import QuotecliError
from quotecli.read import decode

EXAMPLES = int(os.environ.get("QUOTECLI_FUZZ_EXAMPLES", "300"))
WORDS = ["kata", "ujarnya", "ucapnya", "Menurut", "menurutnya", "mengatakan", "bahwa", "dia", "ia", "beliau",
         "Presiden", "Joko", "Widodo", "Kemenhan", "Rusia", "juru", "bicara", "Dmitry", "Peskov", "seperti",
         "dikutip", "CNN", "demikian", "pernyataan", "resmi", "itu", "yang", "warga", "@akun", "Diakui",
         "lanjut", "tambah", "kepada", "wartawan", "di", "Jakarta", "Senin", "(31/10)", "BACA", "JUGA:",
         "ADVERTISEMENT", "Kementerian", "Pertahanan", "tidak", "menegaskan", "-nya", "KPK", "(KPK)",
         # the later rules: fronted cues, back references, titles with periods, name cuts, nicknames
         "Kata", "Ujar", "Hal", "disampaikan", "Demikian", "Begitu", "Bank", "Bupati", "Prof.", "dr.", "H.",
         "M.Si.", "Sulsel", "I", "Wayan", "Kabupaten", "sapaan", "akrab", "disapa", "#tagar", "dan", "(45)",
         "warga", "sang", "Seorang", "Lihat", "Juga", "&quot;", "Minggu", "Pasar", "Kominfo", "saran",
         # the fifth round: nicknames, initials, hyphenated names, two-word short forms, post signatures
         "atau", "biasa", "Jojo--sapaan", "K", "Al-Amin", "(Kemlu", "RI)", "(@akun)", "—", "Dlamini-Zuma"]
MARKS = ['"', "“", "”", "„", "«", "»", "‘", "’", "'", "``", "''"]
ODD = ["\u200f", "\u202e", "שלום", "مرحبا", "😀", "\x00", "\x07", "\t", "\r", "\u2028", "\ufeff", "  ", "—", ".", ",",
       ":", "?", "!", "\n", "\n\n",
       # letters whose lower case is longer (İ) or depends on what follows (Σ), other scripts, joiners
       "İstanbul", "İ", "ΑΘΗΝΑΣ", "Σ", "ß", "ﬁ", "e\u0301", "中文", "한국어", "\u200b", "\u200d", "\u00a0", "\u2029",
       "\x85", "\x0b", "\x0c", "\x1c", "\ud800", "\udfff", "\U0010ffff"]
# text that a terminal, rich or a spreadsheet would read as instructions
MARKUP = ["[b]", "[/b]", "[/caption]", "[caption id=1]", "[link=x]", "[link=https://x.y/?a=[1]]", "[bold red]",
          "[/]", "<script>", "</script>", "<b>", "&lt;", "\x1b[2J", "\x1b[31m", "\x1b]8;;http://x\x1b\\",
          "\x1b]0;t\x07", "\x9b", "\x1b", "=1+1", "=1+1+cmd|x!A0", "+62", "-1", "@SUM(A1)", "=HYPERLINK(\"x\")", "\t=1"]
FORMULA_QUOTES = ['"=1+1+cmd|x!A0 siap," kata Budi.', '"+62 811 siap dihubungi," ujar Ani.',
                  '"-1 persen itu kecil," kata dia.', '"@budi siap," tulis akun itu.',
                  '“=SUM(A1:A9) benar,” kata Joko.', 'Menurut Budi, =1+1 adalah dua.']
ENDINGS = ["\n", "\r\n", "\r"]
pieces = st.one_of(st.sampled_from(WORDS), st.sampled_from(MARKS), st.sampled_from(ODD), st.sampled_from(MARKUP),
                   st.sampled_from(FORMULA_QUOTES), st.text(max_size=6))
articles = st.lists(pieces, max_size=200).map(lambda xs: " ".join(xs))


@st.composite
def with_endings(draw: st.DrawFn) -> str:
    """An article whose line breaks are LF, CRLF or a lone CR, each chosen on its own (mixed)."""
    parts = draw(articles).split("\n")
    return "".join(p + (draw(st.sampled_from(ENDINGS)) if k < len(parts) - 1 else "") for k, p in enumerate(parts))


@st.composite
def mixed_bytes(draw: st.DrawFn) -> bytes:
    """Bytes as files come: UTF-8 with cp1252 or stray bytes in between, or a whole file in UTF-16/32
    (with its BOM) or UTF-8 with a BOM."""
    text = draw(with_endings())
    how = draw(st.sampled_from(["utf-8", "mixed", "utf-8-sig", "utf-16", "utf-32"]))
    if how != "mixed":
        return text.encode(how, errors="replace")
    out = b""
    for chunk in text.split(" "):
        enc = draw(st.sampled_from(["utf-8", "utf-8", "cp1252", "latin-1", "bytes"]))
        out += (bytes(draw(st.lists(st.integers(0x80, 0xff), max_size=3))) if enc == "bytes"
                else chunk.encode(enc, errors="replace")) + b" "
    return out
huge_paragraph = st.integers(min_value=200, max_value=2000).map(
    lambda n: ('"' + "kata dia " * n + '," ujar Presiden Joko Widodo. ') * 2)

with open(os.path.join(os.path.dirname(__file__), "..", "quotecli", "schema", "output.schema.json"),
          encoding="utf-8") as f:
    SCHEMA = json.load(f)


def check(text: str) -> None:
    result = extract(text, fast=True)
    obj = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    jsonschema.validate(obj, SCHEMA)
    assert_offsets(text, result.quotes)
    assert extract(text, fast=True).to_dict() == result.to_dict()  # deterministic


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles)
def test_random_articles_never_break_the_contract(text):
    check(text)


@settings(max_examples=max(5, EXAMPLES // 50), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(huge_paragraph)
def test_huge_paragraphs(text):
    check(text)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(with_endings())
def test_any_line_endings_keep_the_contract(text):
    check(text)


def reading(text: str) -> tuple[list[tuple], list[dict]]:
    """What an article says (everything but the offsets)."""
    r = extract(text, fast=True)
    assert_offsets(text, r.quotes)
    return [(q.quote, q.type, q.speaker, q.speaker_mention, q.cue, q.via, q.rule, q.paragraph, q.confidence,
             q.quote_group) for q in r.quotes], [s.to_dict() for s in r.speakers]


@settings(max_examples=max(20, EXAMPLES // 5), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles.filter(lambda t: "\r" not in t))
def test_line_endings_do_not_change_what_is_found(text):
    """LF, CRLF and CR give the same quotes, speakers and types (the offsets index each text)."""
    lf = reading(text)
    assert reading(text.replace("\n", "\r\n")) == lf
    assert reading(text.replace("\n", "\r")) == lf


@settings(max_examples=max(20, EXAMPLES // 5), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mixed_bytes())
def test_mixed_encodings_keep_the_contract(data):
    """Whatever bytes come in, the decoded text (or a refusal as binary) keeps the contract."""
    try:
        text, _ = decode(data)
    except QuotecliError:
        return  # refused as binary, or a BOM over bytes that do not follow it: an error record, not a crash
    check(text)


def test_output_is_the_same_whatever_the_hash_seed(tmp_path):
    """Two processes with different PYTHONHASHSEED (set and dict orders of strings differ) give the same
    bytes for the same corpus of random articles: no result depends on the order of a set."""
    rng = random.Random(18)
    pool = WORDS + MARKS + MARKUP + FORMULA_QUOTES + ["\n", "\n", "\r\n", "\r", "İ", "Σ", "中文", ". ", ", "]
    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as f:
        for k in range(max(50, EXAMPLES)):
            text = " ".join(rng.choice(pool) for _ in range(rng.randint(0, 200)))
            f.write(json.dumps({"id": k, "text": text}) + "\n")
    outs = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        r = subprocess.run([sys.executable, "-m", "quotecli", "extract", "--fast", "--input-format", "jsonl",
                            "--format", "jsonl", str(corpus)], capture_output=True, env=env, timeout=1800)
        assert r.returncode == 0, r.stderr.decode(errors="replace")[-2000:]
        outs.append(r.stdout)
    assert outs[0] == outs[1]


@pytest.mark.pipeline
@settings(max_examples=max(10, EXAMPLES // 20), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles)
def test_random_articles_with_the_stanza_pipeline(text):
    from quotecli import nlp

    result = extract(text, nlp=nlp.default_analyzer())
    jsonschema.validate(json.loads(json.dumps(result.to_dict(), ensure_ascii=False)), SCHEMA)
    assert_offsets(text, result.quotes)


@pytest.mark.parametrize("text", [
    'Hal Santoso (Santoso) datang. "Kami siap," kata Santoso.',
    'Budi alias Ani datang. Ani alias Budi pergi. "Kami siap," kata Budi.',
])
def test_a_long_form_that_leads_back_to_its_name(cli, text):
    """Found by fuzzing: a name whose long form leads back to it ("Santoso (Santoso)", two aliases of each
    other) followed the chain until Python's recursion limit (exit 3); the chain now stops there."""
    r = cli("extract", "--fast", "--format", "json", "-", input=text)
    assert r.returncode == 0, r.stderr
    quotes = json.loads(r.stdout)["quotes"]
    assert [q["quote"] for q in quotes] == ["Kami siap,"] and quotes[0]["speaker"]
