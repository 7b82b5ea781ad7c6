"""The canonical name keeps a person's initials (issue 13): "Sigit K Yunianto", not "Yunianto". Texts
written for the project."""
from __future__ import annotations

import pytest

from quotecli import extract


@pytest.mark.parametrize("text,speaker", [
    ('Ketua panitia Rudi T Hartono mengatakan acara tetap digelar.\n"Kami siap," kata Hartono.', "Rudi T Hartono"),
    ('"Kami siap," ujar Wali Kota Sumarna A. B. Lestari.\nLestari menambahkan bahwa jalan sudah diperbaiki.',
     "Sumarna A. B. Lestari"),
    # an honorific or a Balinese name's first word is not an initial: nothing is widened
    ('"Kami siap," kata Kepala Desa H. Yusuf Rahman.', "Yusuf Rahman"),
    ('"Upacara besok," kata Bendesa Adat I Made Suarta.', "I Made Suarta"),
])
def test_the_fullest_name_keeps_its_initials(text: str, speaker: str) -> None:
    r = extract(text, fast=True)
    assert {q.speaker for q in r.quotes} == {speaker}
    assert speaker in [s.name for s in r.speakers]
    assert all(text[q.start:q.end] == q.quote for q in r.quotes)
