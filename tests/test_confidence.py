"""Calibrated confidence (issue 13): the last pass maps how a speaker was found to how often such a
speaker was right out of fold on the training corpus, keeping the rules' doubts where evidence is thin."""
from __future__ import annotations

from quotecli import confidence, extract
from quotecli.choose import shipped_models
from quotecli.lexicon import default_lexicon


def test_a_key_seen_often_takes_its_observed_rate_and_a_rare_one_stays_near_the_rules_value() -> None:
    points = [("after:name:0.95", 0.95, i % 10 != 0) for i in range(200)]  # right 90% of the time
    points += [("after:name:0.47", 0.47, True)]  # once, right
    table = confidence.fit(points)
    assert abs(table["after:name:0.95"] - 0.90) < 0.01
    assert 0.47 < table["after:name:0.47"] < 0.6  # one success does not erase the rules' doubt


def test_the_fitted_choice_is_keyed_by_its_probability_band() -> None:
    lex = default_lexicon()
    q = extract('"Kami siap," kata Budi Santoso.', fast=True).quotes[0]
    assert confidence.key(q, False, lex).startswith("after:name:")
    q.confidence = 0.75
    assert confidence.key(q, True, lex) == "choice:2"


def test_shipped_tables_cover_the_common_rules_and_stay_probabilities() -> None:
    for mode in ("fast", "full"):
        table = shipped_models()[mode]["calibration"]
        assert "after:name:0.95" in table and "verb:name:0.75" in table
        assert all(0.0 < v < 1.0 for v in table.values())


def test_every_quote_gets_a_probability() -> None:
    text = ('Ketua panitia Budi Santoso mengatakan lomba tetap digelar.\n"Kami siap," ujarnya.\n'
            '"Hujan tidak masalah," kata seorang warga.')
    for q in extract(text, fast=True).quotes:
        assert 0.0 < q.confidence < 1.0
