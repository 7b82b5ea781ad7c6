"""Web pages in: HTML files, --input-format html, --html-field, through the real command.

The pages in tests/pages copy the markup of Indonesian news sites (navigation, bylines, dates, captions,
BACA JUGA boxes, related links, ads, comment widgets, an AMP page); their article text is written for
the project."""
from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from quotecli import web

PAGES = Path(__file__).parent / "pages"
MARKS = re.compile("[\"“”„«»'‘’]")

# page -> (meta that must be found, paragraphs with quotations that must be kept whole, chrome that must go)
CASES = {
    "kompas-jembatan.html": (
        {"title": "Warga Sukamaju Minta Jembatan Kayu Segera Diperbaiki", "date": "2025-01-14",
         "author": "Rina Lestari", "site": "KOMPAS.com"},
        ['"Anak-anak kami harus memutar lima kilometer untuk ke sekolah," kata Kepala Desa Sukamaju, Darmawan, '
         "saat ditemui di kantornya, Selasa (14/1/2025).",
         '"Kami hanya minta jembatan yang aman. Itu saja," ujarnya.',
         '"Kontraktornya sedang kami cari. Paling lambat Maret pekerjaan dimulai," kata Hendra saat dihubungi, '
         "Selasa sore."],
        ["Beranda", "Megapolitan", "Jalan Desa Rusak Dikeluhkan", "Semoga cepat diperbaiki", "pembaca_setia",
         "KOMPAS.com/RINA LESTARI", "Terpopuler", "Copyright", "dataLayer"],
    ),
    "detik-listrik.html": (
        {"title": "PLN Sebut Pemadaman Bergilir di Kota Baru Berakhir Pekan Ini", "date": "2025-01-14",
         "author": "Fajar Nugroho"},
        ['"Dua trafo pengganti sudah tiba di gudang kami tadi pagi. Pemasangannya butuh tiga hari," kata Manajer '
         "Komunikasi PLN Kota Baru, Sari Anggraini, kepada wartawan, Selasa (14/1/2025).",
         # loose text after an ad block: trafilatura alone drops it (web.rescue_loose_text)
         "Sari mengatakan pemadaman dilakukan bergantian di enam kecamatan, masing-masing paling lama empat jam "
         "sehari.",
         '"Kami mohon maaf kepada pelanggan. Jadwalnya kami umumkan setiap malam lewat media sosial," ujar Sari.',
         '"Freezer mati, ikan dan daging cepat busuk. Kami rugi setiap hari," ucap Joko.'],
        ["Jabodetabek", "PLN selalu janji", "Gardu Induk Terbakar", "Foto: Fajar", "Pedoman Media Siber",
         "Prakiraan Cuaca"],
    ),
    "cnn-cabai.html": (
        {"title": "Harga Cabai Rawit Tembus Rp90 Ribu, Pedagang Pasar Induk Mengeluh", "date": "2025-01-15",
         "author": "Putri Maharani", "site": "CNN Indonesia"},
        ["“Biasanya datang sepuluh truk sehari, sekarang cuma empat. Pembeli juga mengurangi belanja,” kata Wulan.",
         "“Stok di gudang kami cukup untuk dua minggu. Kami jual di bawah harga pasar supaya harga cepat turun,” "
         "ujar Irawan dalam konferensi pers di kantornya."],
        ["Gaya Hidup", "Mahal sekali", "Inflasi Pangan Diperkirakan", "Pedagang menata cabai", "dfp_keyword"],
    ),
    "liputan6-festival.html": (
        {"title": "Festival Tenun Ikat Digelar di Alun-Alun, Perajin Berharap Pembeli Datang", "date": "2025-01-16",
         "author": "Maria Goreti"},
        ['"Selama ini kain kami dijual ke pengepul dengan harga murah.',  # a quotation over two paragraphs
         '"Di festival ini pembeli bisa langsung bertemu penenunnya, jadi harganya lebih adil," kata Yohanes di '
         "sela pembukaan, Kamis (16/1/2025).",
         '"Benangnya kami celup pakai akar mengkudu. Kalau hujan, keringnya lama," tuturnya.'],
        ["Showbiz", "Kain Tenun Jadi Seragam", "Bangga dengan karya", "Lima Motif Tenun", "KapanLagi",
         "stan pameran"],
    ),
    "tribun-amp-sekolah.html": (
        {"title": "Sekolah di Desa Tanjung Kekurangan Guru, Satu Guru Ajar Tiga Kelas", "date": "2025-01-17",
         "author": "Andi Saputra", "site": "Tribunnews.com"},
        ['"Murid kelas satu belajar membaca, kelas dua berhitung, kelas tiga menulis. Semuanya di ruang yang '
         'sama," ujar Rahmat, Jumat (17/1/2025).',
         "Seorang wali murid, Siti Aminah, khawatir anaknya tertinggal pelajaran. 'Anak saya sekarang lebih "
         "banyak bermain,' katanya.",
         '"Kami sudah siapkan dari formasi tahun ini," kata Bambang saat dikonfirmasi.'],
        ["Menu", "Seleb", "Pemerintah Buka Seleksi", "Komentar", "KG Media", "ruang kelas SD Negeri Tanjung 2 yang"],
    ),
    "antara-vaksin.html": (
        {"title": "Dinkes: Vaksinasi campak anak sekolah diperpanjang hingga akhir bulan", "date": "2025-01-18",
         "author": "Yusuf Ramadhan", "site": "Antara News"},
        ['"Masih banyak orang tua yang ragu, jadi kami datangi sekolah satu per satu," kata Kepala Dinas Kesehatan '
         "Kota Palu, Nurhayati Lamato, di Palu, Sabtu.",
         '"Efek sampingnya paling demam ringan satu hari. Itu wajar," ujarnya.'],
        ["Humaniora", "Anak saya sudah divaksin", "Menkes minta daerah", "menyuntikkan vaksin", "Harga emas",
         "Dilarang mengambil"],
    ),
}


def _extract(cli, *args: str) -> dict:
    r = cli("extract", "--fast", *args)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


@pytest.mark.parametrize("page", sorted(CASES))
def test_page_keeps_every_quoted_paragraph_and_drops_the_chrome(page):
    meta_want, keep, drop = CASES[page]
    text, meta = web.html_to_article((PAGES / page).read_text(encoding="utf-8"))
    lines = text.split("\n")
    assert lines[0] == meta_want["title"]  # the headline first, as in a text article
    for para in keep:
        assert para in lines, f"{page}: paragraph lost or cut: {para[:60]}"
    for chrome in drop:
        assert chrome not in text, f"{page}: site furniture kept: {chrome}"
    assert {k: meta.get(k) for k in meta_want} == meta_want
    # every quotation mark of the article's paragraphs is there, unchanged
    assert MARKS.findall("\n".join(keep)) == MARKS.findall("\n".join(p for p in lines if p in keep))


@pytest.mark.parametrize("page", sorted(CASES))
def test_html_page_output_has_meta_and_text_that_the_offsets_index(cli, schema, page):
    obj = _extract(cli, str(PAGES / page))
    jsonschema.validate(obj, schema)
    assert obj["schema_version"] == "1.1" and obj["meta"]["title"] == CASES[page][0]["title"]
    text = obj["text"]
    assert obj["quotes"], page
    for q in obj["quotes"]:
        assert text[q["start"]:q["end"]] == q["quote"]
        if q["cue_span"]:
            assert text[q["cue_span"][0]:q["cue_span"][1]] == q["cue"]
    quoted = " ".join(q["quote"] for q in obj["quotes"])
    for chrome in ("Baca juga", "ADVERTISEMENT", "SCROLL TO CONTINUE", "Gambas", "Pewarta"):
        assert chrome.lower() not in quoted.lower()  # what trafilatura leaves, quotecli's noise lines drop


def test_kompas_page_quotes_and_speakers(cli):
    obj = _extract(cli, str(PAGES / "kompas-jembatan.html"))
    said = {(q["speaker"], q["quote"]) for q in obj["quotes"] if q["type"] == "direct"}
    assert ("Darmawan", "Anak-anak kami harus memutar lima kilometer untuk ke sekolah,") in said
    assert ("Darmawan", "Kami hanya minta jembatan yang aman. Itu saja,") in said
    assert ("Hendra Wijaya", "Kontraktornya sedang kami cari. Paling lambat Maret pekerjaan dimulai,") in said


def test_stdin_with_input_format_html_and_a_directory_of_pages(cli, tmp_path):
    page = (PAGES / "detik-listrik.html").read_text(encoding="utf-8")
    obj = json.loads(cli("extract", "--fast", "--input-format", "html", "-", input=page).stdout)
    assert obj["source"] == "-" and obj["meta"]["author"] == "Fajar Nugroho"
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    (tmp_path / "b.htm").write_text((PAGES / "cnn-cabai.html").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "c.txt").write_text('"Kami siap," kata Budi.\n', encoding="utf-8")
    arr = _extract(cli, str(tmp_path))
    assert [Path(a["source"]).name for a in arr] == ["a.html", "b.htm", "c.txt"]
    assert "meta" in arr[0] and "meta" in arr[1] and "meta" not in arr[2] and "text" not in arr[2]


def test_html_field_in_a_jsonl_corpus(cli, tmp_path):
    rows = [{"url": "k", "body": (PAGES / "kompas-jembatan.html").read_text(encoding="utf-8")},
            {"url": "empty", "body": "<html><body><script>var x = 1;</script></body></html>"},
            {"url": "t", "body": 3}]
    corpus = tmp_path / "dump.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    r = cli("extract", "--fast", "--id-field", "url", "--html-field", "body", str(corpus))
    assert r.returncode == 1
    arr = json.loads(r.stdout)
    assert arr[0]["source"] == "k" and arr[0]["meta"]["author"] == "Rina Lestari" and arr[0]["quotes"]
    assert arr[1] == {"source": "empty", "error": "empty: no article text found in the page"}
    assert "no string field 'body'" in arr[2]["error"]
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 2


def test_with_text_adds_the_text_to_text_inputs_and_leaves_default_output_alone(cli, tmp_path):
    p = tmp_path / "a.txt"
    p.write_text('"Kami siap," kata Budi.\n', encoding="utf-8")
    plain = _extract(cli, str(p))
    assert set(plain) == {"source", "schema_version", "quotes", "speakers"}
    with_text = _extract(cli, "--with-text", str(p))
    assert with_text["text"] == '"Kami siap," kata Budi.\n' and "meta" not in with_text
    assert with_text["quotes"] == plain["quotes"]


def test_a_page_without_article_text_is_one_error_line(cli, tmp_path):
    p = tmp_path / "menu.html"
    p.write_text("<html><body><div><img src='x.jpg'></div></body></html>", encoding="utf-8")
    r = cli("extract", "--fast", str(p))
    assert r.returncode == 1 and json.loads(r.stdout)["error"].endswith("no article text found in the page")
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr


def test_charset_from_the_page_meta(cli, tmp_path):
    page = ('<html><head><meta charset="windows-1252"><title>Uji</title></head><body><article><p>'
            "\u201cKami sudah siap sejak pagi tadi di lokasi,\u201d kata Budi Santoso di Jakarta, Senin.</p>"
            "<p>Ia menambahkan semua petugas sudah berjaga di lokasi sejak malam.</p></article></body></html>")
    p = tmp_path / "cp.html"
    p.write_bytes(page.encode("cp1252"))
    obj = _extract(cli, str(p))
    assert "\u201cKami sudah siap" in obj["text"]
    assert obj["quotes"][0]["speaker"] == "Budi Santoso"


def test_worker_processes_read_pages_and_always_exit(cli):
    """Pool workers used to inherit the parent's SIGTERM handler (which only sets a flag), so the pool's
    terminate() at the end could wait on a worker for ever (about one run in eight here)."""
    first = None
    for _ in range(10):
        r = cli("extract", "--fast", "--workers", "2", str(PAGES), timeout=60)
        assert r.returncode == 0, r.stderr
        first = first or r.stdout
        assert r.stdout == first and len(json.loads(r.stdout)) == len(list(PAGES.glob("*.html")))
