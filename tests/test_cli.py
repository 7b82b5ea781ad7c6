"""The real command: formats, batches, bad inputs, exit codes, pipes. All in --fast mode here; the
Stanza path is exercised in test_pipeline.py."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import jsonschema
import pytest
from conftest import SAMPLES


def articles(stdout: str) -> list[dict]:
    data = json.loads(stdout)
    return data if isinstance(data, list) else [data]


def test_extract_one_file_prints_one_object_valid_against_the_schema(cli, schema):
    r = cli("extract", "--fast", "--format", "json", str(SAMPLES / "kemenlu-pernyataan.txt"))
    assert r.returncode == 0, r.stderr
    obj = json.loads(r.stdout)
    jsonschema.validate(obj, schema)
    assert obj["source"].endswith("kemenlu-pernyataan.txt")
    text = (SAMPLES / "kemenlu-pernyataan.txt").read_text(encoding="utf-8")
    for q in obj["quotes"]:
        assert text[q["start"]:q["end"]] == q["quote"]
    assert any(s["name"] == "Kementerian Luar Negeri" for s in obj["speakers"])


def test_piped_output_defaults_to_json(cli):
    r = cli("extract", "--fast", str(SAMPLES / "warga-pasar.txt"))
    assert json.loads(r.stdout)["quotes"]


def test_batch_good_missing_binary_good_keeps_both_results_and_exits_1(cli, tmp_path, schema):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    good = str(SAMPLES / "warga-pasar.txt")
    r = cli("extract", "--fast", "--format", "json", good, str(tmp_path / "missing.txt"), str(binary), good)
    assert r.returncode == 1
    arts = articles(r.stdout)
    assert len(arts) == 4
    for a in arts:
        jsonschema.validate(a, schema)
    assert [("error" in a) for a in arts] == [False, True, True, False]
    assert arts[0]["quotes"] and arts[3]["quotes"]
    assert "no such file" in arts[1]["error"] and "binary" in arts[2]["error"]
    assert len([line for line in r.stderr.splitlines() if line.strip()]) == 2
    assert "Traceback" not in r.stderr


def test_jsonl_gives_one_line_per_quote_with_source(cli):
    r = cli("extract", "--fast", "--format", "jsonl", str(SAMPLES / "banjir-menteri.txt"),
            str(SAMPLES / "warga-pasar.txt"))
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    quotes = [x for x in lines if x["record"] == "quote"]
    assert len(quotes) > 5
    assert {os.path.basename(x["source"]) for x in quotes} == {"banjir-menteri.txt", "warga-pasar.txt"}
    assert all("quote" in x and "speaker" in x for x in quotes)
    closing = [x for x in lines if x["record"] == "article"]  # one per article, after its quotes
    assert [os.path.basename(x["source"]) for x in closing] == ["banjir-menteri.txt", "warga-pasar.txt"]
    assert sum(x["quote_count"] for x in closing) == len(quotes) == len(lines) - 2


def test_csv_has_header_and_rows(cli):
    r = cli("extract", "--fast", "--format", "csv", str(SAMPLES / "warga-pasar.txt"))
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert rows and {"source", "quote", "speaker", "cue", "confidence"} <= set(rows[0])


def test_stdin_and_empty_input(cli):
    r = cli("extract", "--fast", "-", input='"Kami siap," kata Menteri Keuangan Sri Mulyani.')
    assert json.loads(r.stdout)["quotes"][0]["speaker"] == "Sri Mulyani"
    r = cli("extract", "--fast", "-", input="")
    assert r.returncode == 0 and json.loads(r.stdout)["quotes"] == []


def test_directory_is_expanded_recursively(cli):
    r = cli("extract", "--fast", str(SAMPLES))
    assert len(articles(r.stdout)) == len(list(SAMPLES.glob("*.txt")))


def test_cp1252_input_is_decoded_with_a_warning(cli, tmp_path):
    p = tmp_path / "win.txt"
    p.write_bytes('"Caf\u00e9 itu tutup," kata pemilik kafe, Budi Santoso.'.encode("cp1252"))
    r = cli("extract", "--fast", str(p))
    assert r.returncode == 0
    assert "cp1252" in r.stderr
    assert json.loads(r.stdout)["quotes"][0]["quote"] == "Caf\u00e9 itu tutup,"


def test_max_chars_refuses_with_the_limit_in_the_message(cli, tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("kata " * 100, encoding="utf-8")
    r = cli("extract", "--fast", "--max-chars", "50", str(p))
    assert r.returncode == 1 and "50" in json.loads(r.stdout)["error"] and "Traceback" not in r.stderr


@pytest.mark.parametrize("args", [["extract", "--no-such-option", "x.txt"], ["extract", "--format", "xml", "x.txt"],
                                  ["extract", "--workers", "0", "x.txt"], ["no-such-command"]])
def test_usage_errors_are_one_line_and_exit_2(cli, args):
    r = cli(*args)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


def test_invalid_jsonl_corpus_lines_get_error_records(cli, tmp_path):
    p = tmp_path / "corpus.jsonl"
    p.write_text('{"id": "a1", "text": "\\"Kami siap,\\" kata Ketua KPU Hasyim Asyari."}\nnot json\n{"id": 3}\n',
                 encoding="utf-8")
    r = cli("extract", "--fast", "--input-format", "jsonl", "--format", "jsonl", str(p))
    recs = [json.loads(x) for x in r.stdout.splitlines()]
    assert r.returncode == 1
    assert recs[0]["source"] == "a1" and recs[0]["speaker"] == "Hasyim Asyari"
    assert sum(x["record"] == "error" for x in recs) == 2


def test_resume_skips_finished_articles(cli, tmp_path):
    out = tmp_path / "out.jsonl"
    a, b = str(SAMPLES / "banjir-menteri.txt"), str(SAMPLES / "warga-pasar.txt")
    cli("extract", "--fast", "--format", "jsonl", "-o", str(out), a)
    first = out.read_text(encoding="utf-8").splitlines()
    r = cli("extract", "--fast", "--format", "jsonl", "-o", str(out), "--resume", a, b)
    assert r.returncode == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[:len(first)] == first
    sources = [json.loads(x)["source"] for x in lines]
    assert sources.count(a) == len(first) and b in sources
    assert "1 article" in r.stderr and "skipped" in r.stderr


def test_closed_pipe_ends_quietly(tmp_path):
    cmd = f"{sys.executable} -m quotecli extract --fast --format jsonl {SAMPLES} {SAMPLES} {SAMPLES} | head -1"
    r = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=120)
    assert len(r.stdout.splitlines()) == 1 and "Traceback" not in r.stderr and "Error" not in r.stderr


def test_schema_command_prints_the_schema(cli, schema):
    r = cli("schema")
    assert json.loads(r.stdout) == schema


@pytest.mark.parametrize("args", [["--help"], ["extract", "--help"], ["schema", "--help"]])
def test_every_command_has_help(cli, args):
    r = cli(*args)
    assert r.returncode == 0 and "Usage" in r.stdout
