"""A title chain keeps the name at its end (issue 13): the rules end a mention at "dan" or a comma, and
the person named at the chain's end gets the quote, not a fragment of the title. Texts written for the
project."""
from __future__ import annotations

import pytest

from quotecli import extract

CASES = [
    # (article, the quote's speaker)
    ('"Stok beras aman sampai Lebaran," kata Kepala Seksi Distribusi dan Cadangan Pangan Dinas Ketahanan '
     'Pangan Kabupaten Sleman, Rahmat Hidayanto, Senin.\nIa menambahkan gudang baru dibangun.', "Rahmat Hidayanto"),
    ('"Pelaku sudah kami amankan," ujar Kasie Penkum dan Humas Kejari Sleman, Wulan Sasmita Dewi.',
     "Wulan Sasmita Dewi"),
    ('"Kami masih memeriksa saksi," tutur AKP. Bambang Kurniadi kepada wartawan.', "Bambang Kurniadi"),
    ('"Jalan itu ditutup," kata Kepala Bidang Pembinaan, Penertiban, dan Pengawasan Dinas Perhubungan '
     'Gunawan Saputra di kantornya.', "Gunawan Saputra"),
    # an office "untuk" a country, its acronym in brackets
    ('"Kerja sama kita terus tumbuh," kata Duta Besar Republik Nusantara (RN) untuk Indonesia Arif Wicaksono.',
     "Arif Wicaksono"),
]


@pytest.mark.parametrize("text,speaker", CASES)
def test_the_name_that_ends_a_title_chain_is_the_speaker(text: str, speaker: str) -> None:
    r = extract(text, fast=True)
    assert r.quotes, text
    q = r.quotes[0]
    assert q.speaker == speaker
    assert q.speaker_mention and q.speaker_mention.endswith(speaker)
    assert text[q.start:q.end] == q.quote


def test_a_pronoun_after_the_chain_means_the_same_person() -> None:
    r = extract(CASES[0][0], fast=True)
    assert [q.speaker for q in r.quotes] == ["Rahmat Hidayanto", "Rahmat Hidayanto"]
    assert [s.name for s in r.speakers] == ["Rahmat Hidayanto"]


@pytest.mark.parametrize("text,speaker", [
    # a name the mention already holds, a date after it, and no name at all: nothing to follow
    ('"Harga naik," kata Kepala Dinas Perdagangan Sleman Hendra Wijaya, Selasa.', "Hendra Wijaya"),
    ('"Harga naik," kata Budi Santoso, Kepala Dinas Perdagangan Sleman.', "Budi Santoso"),
])
def test_a_chain_without_a_later_name_keeps_the_rules_speaker(text: str, speaker: str) -> None:
    assert extract(text, fast=True).quotes[0].speaker == speaker


def test_a_pronoun_skips_an_electoral_pair_to_the_person_speaking() -> None:
    # "Andi-Budi" is a pair of candidates (typed other), never what "ujarnya" means
    text = ('Juru bicara tim pemenangan Rahmat Hidayanto mengatakan timnya siap.\n'
            'Pasangan Andi-Budi mendapat nomor urut 2 dalam pilkada.\n'
            '"Kami akan menang di semua kecamatan," ujarnya.')
    r = extract(text, fast=True)
    assert r.quotes[-1].speaker == "Rahmat Hidayanto"
