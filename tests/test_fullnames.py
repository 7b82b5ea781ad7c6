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
    # a first name alone: the one form the article writes with initials and a surname (regression)
    ('Ketua panitia Rudi T Hartono membuka acara.\n"Kami siap," kata Rudi di lokasi, Senin.', "Rudi T Hartono"),
    # a hyphenated surname is one person, not a pair of names joined by a dash (regression)
    ("Direktur lembaga itu, Muhammad Al-Amin, mengatakan banjir merugikan petani.\n"
     "Amin mengatakan, banyak petani kehilangan panen.", "Muhammad Al-Amin"),
])
def test_the_fullest_name_keeps_its_initials(text: str, speaker: str) -> None:
    r = extract(text, fast=True)
    assert {q.speaker for q in r.quotes} == {speaker}
    assert speaker in [s.name for s in r.speakers]
    assert all(text[q.start:q.end] == q.quote for q in r.quotes)


@pytest.mark.parametrize("text, speaker", [
    # two people write this first name with initials: which one is meant is not known
    ('Rudi T Hartono dan Rudi S Wibowo hadir di balai desa.\n'
     '"Kami siap," kata Rudi di lokasi, Senin.', "Rudi"),
    # an electoral pair joined by a dash is not a fuller name of either candidate
    ("Tim Prabowo-Sandi menggelar kampanye di Bandung.\n"
     '"Kami yakin menang," kata Sandi di lokasi.', "Sandi"),
])
def test_a_short_name_is_not_widened_when_the_fuller_one_is_not_its_own(text: str, speaker: str) -> None:
    assert [q.speaker for q in extract(text, fast=True).quotes] == [speaker]


def test_a_widened_name_that_another_speaker_has_is_one_speaker() -> None:
    text = ('Ketua panitia Rudi T Hartono mengatakan acara tetap digelar besok.\n'
            '"Kami siap," kata Rudi di lokasi, Senin.')
    r = extract(text, fast=True)
    assert [(s.name, s.quote_count) for s in r.speakers] == [("Rudi T Hartono", 2)]
    assert "Rudi" in r.speakers[0].aliases


def test_the_signature_of_an_embedded_post_gives_its_author_s_full_name() -> None:
    """Regression: a full name written only in an embedded post's signature line was not the canonical name."""
    text = ('"Saya tidak pernah mengatakan itu," tulis Hartono di akun resminya.\n'
            "I never said that about the club.\n"
            "— Rudi Hartono (@rudihartono) November 12, 2015\n"
            "Hartono kini melatih klub lain.")
    assert [q.speaker for q in extract(text, fast=True).quotes] == ["Rudi Hartono"]
