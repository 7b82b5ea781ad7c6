"""No speaker begins with a verb (issue 13): a fronted passive verb of saying is the cue, not the first
word of the name after it. Texts written for the project."""
from __future__ import annotations

import pytest

from quotecli import extract

INTRO = "Budi Santoso adalah ketua panitia lomba desa. "


@pytest.mark.parametrize("cue", ["Ditegaskan", "Dijelaskan", "Disebutkan", "Ditambahkan"])
def test_a_fronted_passive_cue_is_not_part_of_the_speaker(cue: str) -> None:
    text = INTRO + f"{cue} Budi, lomba digelar selama tiga hari di lapangan desa."
    quotes = extract(text, fast=True).quotes
    assert [(q.speaker, q.cue) for q in quotes] == [("Budi Santoso", cue)]


@pytest.mark.parametrize("intro", ["Selama perjalanan dari Bali ke Jakarta", "Sebelum lomba dimulai",
                                   "Sewaktu ditemui di rumahnya"])
def test_a_fronted_time_phrase_is_not_the_subject(intro: str) -> None:
    text = INTRO + f"{intro}, ketua panitia, Budi Santoso, mengatakan lomba tetap digelar besok pagi."
    quotes = extract(text, fast=True).quotes
    assert [q.speaker for q in quotes] == ["Budi Santoso"]
