"""Property tests: whatever the text, extraction never raises, output validates against the schema,
and every offset points at exactly the words it reports. Run longer with
``QUOTECLI_FUZZ_EXAMPLES=10000 python -m pytest tests/test_fuzz.py``."""
from __future__ import annotations

import json
import os

import jsonschema
import pytest
from conftest import assert_offsets
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotecli import extract

EXAMPLES = int(os.environ.get("QUOTECLI_FUZZ_EXAMPLES", "300"))
WORDS = ["kata", "ujarnya", "ucapnya", "Menurut", "menurutnya", "mengatakan", "bahwa", "dia", "ia", "beliau",
         "Presiden", "Joko", "Widodo", "Kemenhan", "Rusia", "juru", "bicara", "Dmitry", "Peskov", "seperti",
         "dikutip", "CNN", "demikian", "pernyataan", "resmi", "itu", "yang", "warga", "@akun", "Diakui",
         "lanjut", "tambah", "kepada", "wartawan", "di", "Jakarta", "Senin", "(31/10)", "BACA", "JUGA:",
         "ADVERTISEMENT", "Kementerian", "Pertahanan", "tidak", "menegaskan", "-nya", "KPK", "(KPK)",
         # the later rules: fronted cues, back references, titles with periods, name cuts, nicknames
         "Kata", "Ujar", "Hal", "disampaikan", "Demikian", "Begitu", "Bank", "Bupati", "Prof.", "dr.", "H.",
         "M.Si.", "Sulsel", "I", "Wayan", "Kabupaten", "sapaan", "akrab", "disapa", "#tagar", "dan", "(45)",
         "warga", "sang", "Seorang", "Lihat", "Juga", "&quot;", "Minggu", "Pasar", "Kominfo", "saran"]
MARKS = ['"', "“", "”", "„", "«", "»", "‘", "’", "'", "``", "''"]
ODD = ["\u200f", "\u202e", "שלום", "مرحبا", "😀", "\x00", "\x07", "\t", "\r", "\u2028", "\ufeff", "  ", "—", ".", ",",
       ":", "?", "!", "\n", "\n\n"]
pieces = st.one_of(st.sampled_from(WORDS), st.sampled_from(MARKS), st.sampled_from(ODD), st.text(max_size=6))
articles = st.lists(pieces, max_size=200).map(lambda xs: " ".join(xs))
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


@pytest.mark.pipeline
@settings(max_examples=max(10, EXAMPLES // 20), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles)
def test_random_articles_with_the_stanza_pipeline(text):
    from quotecli import nlp

    result = extract(text, nlp=nlp.default_analyzer())
    jsonschema.validate(json.loads(json.dumps(result.to_dict(), ensure_ascii=False)), SCHEMA)
    assert_offsets(text, result.quotes)
