"""Never crash, never lose a result: bad inputs, interrupted batches, resumes."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import pytest
from conftest import SAMPLES


def test_unreadable_path_gets_an_error_record(cli):
    bad = str(SAMPLES / "warga-pasar.txt" / "not-a-dir.txt")
    r = cli("extract", "--fast", bad)
    assert r.returncode == 1
    assert json.loads(r.stdout)["error"] and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_output_path_that_is_a_directory_is_a_clear_error(cli, tmp_path):
    r = cli("extract", "--fast", "-o", str(tmp_path), str(SAMPLES / "warga-pasar.txt"))
    assert r.returncode == 2 and "directory" in r.stderr and "Traceback" not in r.stderr


def test_resume_without_jsonl_output_is_a_usage_error(cli):
    r = cli("extract", "--fast", "--resume", str(SAMPLES / "warga-pasar.txt"))
    assert r.returncode == 2 and "--resume" in r.stderr


def test_empty_directory_gives_an_empty_array(cli, tmp_path):
    r = cli("extract", "--fast", str(tmp_path))
    assert r.returncode == 0 and json.loads(r.stdout) == []


def test_many_unbalanced_quotation_marks_do_not_break_offsets(cli, tmp_path):
    text = ('"Awal kalimat tanpa penutup, kata dia.\n' * 50) + ('“ ” „ « » \' ‘ ’ " ' * 100) + "\n"
    p = tmp_path / "marks.txt"
    p.write_text(text, encoding="utf-8")
    r = cli("extract", "--fast", str(p))
    assert r.returncode == 0
    for q in json.loads(r.stdout)["quotes"]:
        assert text[q["start"]:q["end"]] == q["quote"]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_interrupt_leaves_valid_jsonl_and_resume_completes_without_duplicates(tmp_path, sig):
    article = (SAMPLES / "banjir-menteri.txt").read_text(encoding="utf-8")
    corpus = tmp_path / "corpus.jsonl"
    n = 4000
    with corpus.open("w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"a{i}", "text": article}, ensure_ascii=False) + "\n")
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "quotecli", "extract", "--fast", "--input-format", "jsonl", "--format", "jsonl",
           "-o", str(out), str(corpus)]
    p = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while time.time() < deadline and (not out.exists() or out.stat().st_size < 5000):
        time.sleep(0.05)
    p.send_signal(sig)
    _, err = p.communicate(timeout=60)
    assert p.returncode == 130, err
    assert "Traceback" not in err
    lines = out.read_text(encoding="utf-8").splitlines()
    recs = [json.loads(x) for x in lines]  # every line is whole
    done = {r["source"] for r in recs if r["record"] == "article"}
    assert 0 < len(done) < n
    per_article = sum(r["record"] == "quote" for r in recs) // len(done)
    assert all(sum(1 for r in recs if r["source"] == s) == per_article + 1 for s in list(done)[:50])
    r = subprocess.run([*cmd, "--resume"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    keys = [(x["source"], x["start"], x["end"], x["type"]) for x in recs if x["record"] == "quote"]
    assert len(keys) == len(set(keys)) == n * per_article
    assert [x["source"] for x in recs if x["record"] == "article"] == [f"a{i}" for i in range(n)]


def test_huge_file_is_refused_before_it_is_read(cli, tmp_path):
    p = tmp_path / "dump.txt"
    with p.open("wb") as f:
        f.seek(60_000_000)
        f.write(b"x")
    r = cli("extract", "--fast", "--max-chars", "1000000", str(p))
    assert r.returncode == 1 and "--max-chars 1000000" in json.loads(r.stdout)["error"]


def test_zero_width_space_is_not_part_of_the_speaker_mention():
    from quotecli import extract

    text = "\u201cEkonomi tumbuh,\u201d ujar\u200b Sri Mulyani Indrawati."
    q = extract(text, fast=True).quotes[0]
    assert q.speaker_mention == "Sri Mulyani Indrawati"
    assert text[q.start:q.end] == q.quote


def test_html_character_references_get_a_warning_not_silence(cli, tmp_path):
    f = tmp_path / "scraped.txt"
    f.write_text("&quot;Kami siap,&quot; kata Budi Santoso.\n", encoding="utf-8")
    r = cli("extract", "--fast", str(f))
    assert r.returncode == 0
    assert "html.unescape" in r.stderr
    assert "html.unescape" in " ".join(json.loads(r.stdout)["warnings"])


@pytest.mark.parametrize("text", ['Menurut " kata', 'Menurut "', 'Kata "', 'Ujar dia "'])
def test_fronted_cue_word_alone_before_a_quotation_mark_does_not_crash(text):
    from quotecli import extract

    extract(text, fast=True)  # found by the fuzz test: 'Menurut " kata' raised IndexError
