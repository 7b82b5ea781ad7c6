"""Candidate speakers, the fitted choice and the speaker checks, through the real pipeline (--fast: no
Stanza). Every text here was written for the project."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from quotecli import candidates, choose
from quotecli.api import attribute, extract, prepare
from quotecli.lexicon import default_lexicon
from quotecli.training.speakers import folds, speaker_ok

ROOT = Path(__file__).resolve().parents[1]

ARTICLE = ("Banjir Rendam Tiga Desa\n"
           "Direktur Pelindungan Warga Rudi Hartono mengatakan tidak ada korban jiwa dalam banjir itu.\n"
           "\"Kami sudah mengirim perahu karet ke tiga desa,\" kata Rudi.\n")


def _candidates(text: str) -> tuple[list, list[list[candidates.Candidate]]]:
    lex = default_lexicon()
    att = attribute(prepare(text, "t", lex), None, lex)
    return att.quotes, candidates.gather(att.doc, att.quotes, att.registry, lex)


def test_each_quote_gets_the_rules_choice_and_the_names_around_its_cue() -> None:
    quotes, cands = _candidates(ARTICLE)
    assert [q.type for q in quotes] == ["indirect", "direct"]
    second = {c.name: c for c in cands[1]}
    assert "Rudi Hartono" in second
    assert {"rules", "previous"} <= second["Rudi Hartono"].proposers
    feats = second["Rudi Hartono"].features
    assert feats["by_rules"] == 1.0 and feats["previous_1"] == 1.0 and feats["type_person"] == 1.0


def test_a_one_word_name_set_off_by_commas_in_the_paragraph_before_is_a_candidate() -> None:
    """Names elsewhere in the quote's paragraph or the one before need two words, except a one-word name
    in apposition, which names the person as surely."""
    text = ('"Seleksi berjalan lancar," kata Kepala Dinas Pendidikan Budi Santoso.\n'
            "Salah satu orang tua, Mariana, yang mendaftarkan anaknya mengaku kecewa. Anaknya tidak diterima. "
            "Sekolah itu penuh.\n"
            '"Anak saya tidak lolos, padahal rumah kami dekat," ujarnya.')
    quotes, cands = _candidates(text)
    assert "paragraph" in {c.name: c for c in cands[-1]}["Mariana"].proposers


def test_a_candidate_beginning_with_a_function_word_is_marked() -> None:
    _, cands = _candidates("Jalan Rusak\nTerakhir, Dinas PU mengatakan bahwa perbaikan jalan akan dimulai "
                           "bulan depan.\n")
    ruled = next(c for c in cands[0] if "rules" in c.proposers)
    assert ruled.name.startswith("Terakhir")
    assert ruled.features["first_function_word"] + ruled.features["first_verbish"] >= 1
    assert any(c.name == "Dinas PU" for c in cands[0])


@pytest.mark.parametrize(("text", "speaker"), [
    ("Banjir Rendam Tiga Desa\nDirektur Pelindungan Warga Rudi Hartono mengatakan tidak ada korban jiwa dalam "
     "banjir itu. Adapun Rudi menyampaikan bahwa tim bantuan sudah dikirim ke lokasi sejak pagi.\n", "Rudi Hartono"),
    ("Jalan Rusak\nTerakhir, Dinas PU mengatakan bahwa perbaikan jalan akan dimulai bulan depan.\n", "Dinas PU"),
])
def test_no_speaker_begins_with_a_function_word(text: str, speaker: str) -> None:
    if not choose.shipped_models().get("fast"):
        pytest.skip("no fitted choice ships for --fast")
    last = extract(text, fast=True).quotes[-1]
    assert last.speaker == speaker
    first = last.speaker.split()[0].lower().strip(",")
    assert first not in candidates.NOT_SPEAKER_START
    assert last.speaker_span is None or text[last.speaker_span[0]:last.speaker_span[1]] == last.speaker_mention


def test_the_rules_choice_is_kept_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(choose.ENV_CHOICE, "rules")
    text = "Jalan Rusak\nTerakhir, Dinas PU mengatakan bahwa perbaikan jalan akan dimulai bulan depan.\n"
    assert extract(text, fast=True).quotes[0].speaker == "Terakhir, Dinas PU"


def test_boosted_trees_are_read_in_plain_python() -> None:
    # one stump: x <= 0.5 -> left leaf -2, else right leaf +2, baseline 0.5
    model = {"features": ["x"], "baseline": 0.5, "trees": [[[0, 0.5, 1, 2, 0.0], [-1, 0, 0, 0, -2.0],
                                                             [-1, 0, 0, 0, 2.0]]]}
    low, high = choose.probability(model, {"x": 0.0}), choose.probability(model, {"x": 1.0})
    assert abs(low - 1 / (1 + 2.718281828 ** 1.5)) < 1e-6 and abs(high - 1 / (1 + 2.718281828 ** -2.5)) < 1e-6
    assert choose.probability(model, {}) == low  # an absent feature is 0


def test_fast_with_the_fitted_choice_imports_no_heavy_library() -> None:
    code = ("import sys; from quotecli.api import extract; "
            f"r = extract({ARTICLE!r}, fast=True); assert r.quotes; "
            "print(sorted(m for m in ('torch', 'stanza', 'sklearn', 'numpy') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT,
                          env={"PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_speaker_rule_of_the_scorer() -> None:
    gold = {"speaker": "Rudi Hartono", "speaker_aliases": ["Rudi"]}
    text = "Direktur Pelindungan Warga Rudi Hartono berkata."
    assert speaker_ok(gold, "Rudi", text)
    assert speaker_ok(gold, "Direktur Pelindungan Warga Rudi Hartono", text)
    assert not speaker_ok(gold, "Pelindungan Warga", text)
    assert speaker_ok({"speaker": None}, None, text) and not speaker_ok({"speaker": None}, "Rudi", text)


def test_folds_keep_each_outlet_in_one_fold() -> None:
    exs = [{"art": {"group": g}} for g in ["a", "a", "b", "c", "c", "c", "d", "e", "f", "g"]]
    fold = folds(exs)
    by_outlet: dict[str, set[int]] = {}
    for e, k in zip(exs, fold, strict=True):
        by_outlet.setdefault(e["art"]["group"], set()).add(k)
    assert all(len(ks) == 1 for ks in by_outlet.values())
    assert set(fold) == set(range(5))


def test_check_speakers_script_finds_nothing_on_the_samples() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_speakers.py"), str(ROOT / "samples"),
                           "--fast"], capture_output=True, text=True, timeout=300, cwd=ROOT)
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    assert summary["speakers_checked"] > 10
    assert summary["flagged"] == 0 and proc.returncode == 0, proc.stdout


def test_check_speakers_script_flags_a_function_word_speaker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text("Jalan Rusak\nTerakhir, Dinas PU mengatakan bahwa perbaikan jalan akan "
                                    "dimulai bulan depan.\n", encoding="utf-8")
    env = {"QUOTECLI_SPEAKER_CHOICE": "rules", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_speakers.py"), str(tmp_path), "--fast"],
                          capture_output=True, text=True, timeout=300, cwd=ROOT, env=env)
    assert proc.returncode == 1
    assert json.loads(proc.stdout.strip().splitlines()[-1])["flagged"] == 1


@pytest.mark.pipeline
def test_the_parser_gives_the_subject_of_the_verb_of_saying_with_article_offsets() -> None:
    from quotecli import nlp

    text = "Banjir Rendam Desa\nKepala desa Rudi Hartono mengatakan bahwa air mulai surut sejak pagi.\n"
    start = text.index("Kepala")
    (parsed,) = nlp.default_analyzer().parse_many([(text, [(start, len(text) - 1)])])
    words = parsed[start]
    assert all(text[w.start:w.end] == w.text for w in words)
    verb = next(w for w in words if w.text == "mengatakan")
    subjects = [w for w in words if w.head == verb.index and w.deprel.startswith("nsubj")]
    assert subjects and subjects[0].start < verb.start


NEWCOMER = ("Ketua adat Budi Santoso membuka upacara desa pada Jumat.\n"
            '"Upacara ini untuk semua warga," kata Budi Santoso.\n'
            "Krama yang ikut upacara cukup membayar sebagian biaya Krama lain.\n"
            '"Kami hanya minta sepertiga biaya dari peserta," ujarnya.')


def test_a_pronoun_the_rules_give_a_one_word_newcomer_is_reconsidered(monkeypatch: pytest.MonkeyPatch) -> None:
    lex = default_lexicon()
    monkeypatch.setenv("QUOTECLI_SPEAKER_CHOICE", "rules")
    ruled = extract(NEWCOMER, fast=True).quotes
    assert ruled[-1].speaker == "Krama"  # the rules' reading: the latest one-word subject
    gate = ["pron_newcomer"]
    assert candidates.doubtful(ruled[-1], lex, gate, candidates.previous_speaker(ruled, 1))
    assert not candidates.doubtful(ruled[-1], lex, gate, "Krama")  # the speaker before: not a newcomer
    assert not candidates.doubtful(ruled[0], lex, gate, None)  # a name, not a pronoun
    monkeypatch.delenv("QUOTECLI_SPEAKER_CHOICE")
    if not choose.shipped_models().get("fast"):
        pytest.skip("no fitted choice ships for --fast")
    assert extract(NEWCOMER, fast=True).quotes[-1].speaker == "Budi Santoso"
