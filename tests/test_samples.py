"""The bundled sample articles (written for this project) against their hand-checked annotations in
samples_gold.json: every quotation found, with its type and speaker, and nothing else."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SAMPLES

from quotecli import extract

GOLD = json.loads((Path(__file__).parent / "samples_gold.json").read_text(encoding="utf-8"))


def same_speaker(gold: str, got: str | None) -> bool:
    """The annotated canonical name, exactly (the rules alone must split "ekonom Bank Permata Josua
    Pardede" too)."""
    return got == gold


@pytest.mark.parametrize("name", sorted(GOLD))
def test_sample_quotes_and_speakers_rules_only(name):
    text = (SAMPLES / name).read_text(encoding="utf-8")
    got = extract(text, name, fast=True).quotes
    assert len(got) == len(GOLD[name]), [q.quote[:40] for q in got]
    for (typ, prefix, speaker), q in zip(GOLD[name], got, strict=True):
        assert q.type == typ and q.quote.startswith(prefix)
        assert same_speaker(speaker, q.speaker), (prefix, speaker, q.speaker)


def test_every_sample_has_annotations():
    assert sorted(GOLD) == sorted(p.name for p in SAMPLES.glob("*.txt"))
