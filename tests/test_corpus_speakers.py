"""Speakers across articles: pairs that must merge, pairs that must not, and ``quotecli speakers``.
Names are of public figures or invented; every text was written for the project."""
from __future__ import annotations

import csv
import io
import json

import pytest

from quotecli.corpus_speakers import cluster, name_core
from quotecli.sources import QuoteRecord


def rec(source: str, speaker: str, aliases: tuple[str, ...] = (), kind: str | None = "person",
        qtype: str = "direct", title: str | None = None, mention: str | None = None) -> QuoteRecord:
    return QuoteRecord(quote=f"kutipan dari {speaker} di {source}", type=qtype, source=source, speaker=speaker,
                       speaker_type=kind, aliases=aliases or (speaker,), title=title, speaker_mention=mention)


def ids(records: list[QuoteRecord]) -> list[str | None]:
    cluster(records)
    return [r.speaker_id for r in records]


@pytest.mark.parametrize("records", [
    # a nickname given as an alias in one article, used alone in another, with a title in a third
    [rec("a1", "Joko Widodo", ("Joko Widodo", "Jokowi")), rec("a2", "Jokowi"),
     rec("a3", "Jokowi", ("Jokowi", "Presiden Jokowi"), mention="Presiden Jokowi")],
    # the nickname list joins an article that never gives the full name
    [rec("a1", "Joko Widodo"), rec("a2", "Jokowi")],
    # a title in the canonical name is not part of the person's name
    [rec("b1", "Sri Mulyani Indrawati"), rec("b2", "Menkeu Sri Mulyani")],
    # a shorter name at the start of exactly one longer one
    [rec("c1", "Retno Marsudi"), rec("c2", "Retno Marsudi Wibowo")],
    # one body named with its place
    [rec("t1", "Polda Metro Jaya", kind="organisation"), rec("t2", "Polda Metro Jaya", kind="organisation")],
    # an organisation and its acronym
    [rec("d1", "Komisi Pemberantasan Korupsi", ("Komisi Pemberantasan Korupsi", "KPK"), kind="organisation"),
     rec("d2", "KPK", kind="organisation")],
    # a long one-word name, and honorifics
    [rec("e1", "Suharyanto"), rec("e2", "Suharyanto", title="Kepala BNPB")],
    [rec("f1", "Prof. Hikmahanto Juwana"), rec("f2", "Hikmahanto Juwana")],
    # a rank before the name
    [rec("g1", "Kapolres Metro Jakarta Barat Kombes Pasma Royce"), rec("g2", "Pasma Royce")],
])
def test_must_merge(records):
    got = ids(records)
    assert len(set(got)) == 1 and got[0] is not None


@pytest.mark.parametrize("records", [
    # two different Kapolres: a title alone is a role, not a person
    [rec("h1", "Kapolres Metro Jakarta Barat"), rec("h2", "Kapolres Metro Jakarta Barat")],
    # unnamed descriptions
    [rec("i1", "seorang warga"), rec("i2", "seorang warga")],
    # a common short given name in two unrelated articles
    [rec("j1", "Agus"), rec("j2", "Agus")],
    # a name inside two different longer names: ambiguous, stays apart
    [rec("k1", "Budi Santoso"), rec("k2", "Budi Santoso Wibowo"), rec("k3", "Wahyu Budi Santoso")],
    # a person and an organisation with the same name
    [rec("l1", "Gojek", kind="organisation"), rec("l2", "Gojek", kind="person")],
    # two speakers of one article are two people, whatever their names
    [rec("m1", "Made Sudarta"), rec("m1", "Made Sudarta Putra")],
    # a surname alias is not a link between different people
    [rec("n1", "Basuki Hadimuljono", ("Basuki Hadimuljono", "Basuki")), rec("n2", "Basuki Tjahaja Purnama")],
    # a title with its body, and a kind of body alone: which one?
    [rec("q1", "Ketua DPR"), rec("q2", "Ketua DPR")],
    [rec("r1", "Pemerintah", kind="organisation"), rec("r2", "Pemerintah", kind="organisation")],
    [rec("s1", "Polres", kind="organisation"), rec("s2", "Polres", kind="organisation")],
    # a role alias with an organisation in it is no link either
    [rec("o1", "Dmitry Peskov", ("Dmitry Peskov", "juru bicara Kremlin")),
     rec("o2", "Maria Zakharova", ("Maria Zakharova", "juru bicara Kremlin"))],
])
def test_must_not_merge(records):
    got = ids(records)
    assert len(set(got)) == len(got)


def test_one_word_names_merge_with_a_shared_title():
    got = ids([rec("p1", "Agus", title="Kapolsek Tebet"), rec("p2", "Agus", ("Agus", "Kapolsek Tebet Agus"))])
    assert got[0] == got[1]


def test_display_name_ids_titles_and_speakerless_quotes():
    records = [rec("a1", "Jokowi", ("Jokowi", "Presiden Jokowi")), rec("a2", "Joko Widodo"),
               QuoteRecord(quote="tanpa pembicara", type="direct", source="a3")]
    speakers = cluster(records)
    assert [(s.speaker_id, s.name) for s in speakers] == [("joko-widodo", "Joko Widodo")]
    assert speakers[0].titles == {"Presiden"} and records[2].speaker_id is None
    assert speakers[0].matches("Presiden Jokowi") and speakers[0].matches("joko widodo")
    assert speakers[0].matches("Presiden Republik Indonesia Joko Widodo")  # a long title before the name
    assert not speakers[0].matches("Widodo Santoso")


def test_local_speakers_get_ids_of_their_article():
    a, b = rec("h1", "Kapolres Metro Jakarta Barat"), rec("h2", "Kapolres Metro Jakarta Barat")
    cluster([a, b])
    assert a.speaker_id.startswith("kapolres-metro-jakarta-barat@") and a.speaker_id != b.speaker_id


def test_name_core():
    assert name_core("Presiden Joko Widodo") == "Joko Widodo" and name_core("Prof. Dr. Budi Santoso") == "Budi Santoso"
    assert name_core("Juru Bicara Dmitry Peskov") == "Dmitry Peskov"
    assert name_core("Ketua KPK Firli Bahuri") == "Firli Bahuri" and name_core("Polda Metro Jaya") == "Polda Metro Jaya"
    assert name_core("pria itu") is None and name_core("Kapolres Metro Jakarta Barat") is None


# ---- the command ------------------------------------------------------------------------------
def _corpus(tmp_path):
    """Three articles of quotecli output with meta: Jokowi in two outlets, two months."""
    arts = [
        {"source": "a1.txt", "meta": {"outlet": "kabar.id", "date": "2024-01-15"}, "quotes": [
            {"quote": "Ekonomi tumbuh", "type": "direct", "speaker": "Joko Widodo", "speaker_type": "person"},
            {"quote": "Kami siap", "type": "indirect", "speaker": "Joko Widodo", "speaker_type": "person"},
            {"quote": "Data sudah lengkap", "type": "direct", "speaker": "Badan Pusat Statistik",
             "speaker_type": "organisation"}],
         "speakers": [{"name": "Joko Widodo", "type": "person", "aliases": ["Joko Widodo", "Presiden Jokowi"],
                       "title": "Presiden", "quote_count": 2}]},
        {"source": "a2.txt", "meta": {"outlet": "warta.id", "date": "2024-03-02"}, "quotes": [
            {"quote": "Harga stabil", "type": "direct", "speaker": "Jokowi", "speaker_type": "person"}]},
        {"source": "a3.txt", "quotes": [
            {"quote": "Kami menolak", "type": "mixed", "speaker": "Siti Aminah", "speaker_type": "person"}]},
    ]
    p = tmp_path / "out.json"
    p.write_text(json.dumps(arts), encoding="utf-8")
    return p


def test_speakers_json(cli, tmp_path):
    r = cli("speakers", str(_corpus(tmp_path)), "-f", "json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    top = rows[0]
    assert top["speaker_id"] == "joko-widodo" and top["quotes"] == 3 and top["direct"] == 2 and top["indirect"] == 1
    assert top["articles"] == 2 and top["outlets"] == ["kabar.id", "warta.id"]
    assert (top["first_date"], top["last_date"]) == ("2024-01-15", "2024-03-02") and "Presiden" in top["titles"]
    assert [x["name"] for x in rows] == ["Joko Widodo", "Badan Pusat Statistik", "Siti Aminah"]


def test_speakers_filters(cli, tmp_path):
    path = str(_corpus(tmp_path))
    names = lambda *a: [x["name"] for x in json.loads(cli("speakers", path, "-f", "json", *a).stdout)]  # noqa: E731
    assert names("--type", "organisation") == ["Badan Pusat Statistik"]
    assert names("--min-quotes", "2") == ["Joko Widodo"]
    assert names("--top", "2") == ["Joko Widodo", "Badan Pusat Statistik"]


def test_speakers_by_outlet_and_month(cli, tmp_path):
    path = str(_corpus(tmp_path))
    top = json.loads(cli("speakers", path, "-f", "json", "--by", "outlet").stdout)[0]
    assert top["by"] == [{"outlet": "kabar.id", "quotes": 2, "articles": 1},
                         {"outlet": "warta.id", "quotes": 1, "articles": 1}]
    rows = json.loads(cli("speakers", path, "-f", "json", "--by", "month").stdout)
    assert [p["month"] for p in rows[0]["by"]] == ["2024-01", "2024-03"] and rows[2]["by"][0]["month"] == "unknown"


def test_speakers_csv_and_table(cli, tmp_path):
    path = str(_corpus(tmp_path))
    r = cli("speakers", path, "-f", "csv", "--by", "outlet")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert r.returncode == 0 and rows[0]["name"] == "Joko Widodo" and rows[0]["outlet"] == "kabar.id"
    assert rows[1]["outlet_quotes"] == "1" and rows[0]["outlets"] == "kabar.id; warta.id"
    r = cli("speakers", path, "-f", "table")
    assert r.returncode == 0 and "Widodo" in r.stdout and "3 speakers in 3 articles" in r.stdout


def test_speakers_plot_writes_a_png(cli, tmp_path):
    pytest.importorskip("matplotlib")
    out = tmp_path / "top.png"
    r = cli("speakers", str(_corpus(tmp_path)), "-f", "json", "--plot", str(out))
    assert r.returncode == 0, r.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 5000


def test_speakers_bad_input(cli, tmp_path):
    r = cli("speakers", str(tmp_path / "nope.jsonl"))
    assert r.returncode == 1 and r.stderr.strip().count("\n") == 0 and "no such file" in r.stderr
    r = cli("speakers", str(_corpus(tmp_path)), "--plot", str(tmp_path / "no-dir" / "x.png"))
    assert r.returncode == 2 and "--plot" in r.stderr and "Traceback" not in r.stderr
    r = cli("speakers", str(_corpus(tmp_path)), "--by", "year")
    assert r.returncode == 2 and "--by" in r.stderr
