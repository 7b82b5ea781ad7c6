"""Issue 17's rough edges, through the real command: the output's shape, per-article records, CSV
columns, help and messages, the table view, quote groups and counts, and the README's tables."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES

ARTICLE = "“Kami sudah siap,” kata Budi Santoso, “tanggul sudah diperbaiki.”\n"
README = (ROOT / "README.md").read_text(encoding="utf-8")


# the output's shape: one object for one file or stdin, an array for anything else -------------------------

@pytest.mark.parametrize("make_args, shape", [
    (lambda d: [str(d / "a.txt")], dict),
    (lambda d: ["-"], dict),
    (lambda d: [str(d / "missing.txt")], dict),
    (lambda d: [str(d)], list),  # a directory, even one holding one file
    (lambda d: [str(d / "*.txt")], list),  # a glob, even one matching one file
    (lambda d: [str(d / "*.none")], list),  # a glob matching nothing: an array with its error
    (lambda d: [str(d / "a.txt"), str(d / "a.txt")], list),
])
def test_one_object_for_one_file_or_stdin_an_array_otherwise(cli, tmp_path, make_args, shape):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    r = cli("extract", "--fast", *make_args(tmp_path), input=ARTICLE)
    assert isinstance(json.loads(r.stdout), shape)


def test_the_readme_recipe_for_any_shape_gives_the_quotes(cli, tmp_path):
    if shutil.which("jq") is None:
        pytest.skip("jq is not installed")
    import subprocess

    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    for arg in (str(tmp_path / "a.txt"), str(tmp_path)):
        out = cli("extract", "--fast", arg).stdout
        r = subprocess.run(["jq", "-c", ".. | .quotes? // empty | .[]"], input=out, capture_output=True, text=True)
        assert len(r.stdout.splitlines()) == 2


# JSON Lines: an article with no quotes has its record; resume does not redo it ---------------------------

def test_article_without_quotes_has_a_record_and_resume_skips_it(cli, tmp_path):
    quiet = tmp_path / "quiet.txt"
    quiet.write_text("Hujan turun sejak pagi di Jakarta.\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    cli("extract", "--fast", "-f", "jsonl", "-o", str(out), str(quiet))
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert recs == [{"source": str(quiet), "record": "article", "schema_version": recs[0]["schema_version"],
                     "quote_count": 0, "speakers": [], "key": str(quiet.resolve())}]
    r = cli("extract", "--fast", "-f", "jsonl", "-o", str(out), "--resume", str(quiet))
    assert r.returncode == 0 and len(out.read_text(encoding="utf-8").splitlines()) == 1
    assert "1 article already" in r.stderr


def test_every_jsonl_line_is_valid_against_the_schema(cli, schema, tmp_path):
    import jsonschema

    line_schema = {**schema, "oneOf": None, "$ref": "#/$defs/jsonl_record"}
    del line_schema["oneOf"]
    r = cli("extract", "--fast", "-f", "jsonl", str(SAMPLES), str(tmp_path / "missing.txt"))
    kinds = set()
    for line in r.stdout.splitlines():
        rec = json.loads(line)
        jsonschema.validate(rec, line_schema)
        kinds.add(rec["record"])
    assert kinds == {"quote", "article", "error"}


# CSV: every field of a quote, and an error column --------------------------------------------------------

def test_csv_has_every_quote_field_and_errors_in_their_own_column(cli, tmp_path):
    r = cli("extract", "--fast", "-f", "csv", str(SAMPLES / "banjir-menteri.txt"), str(tmp_path / "missing.txt"))
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert {"paragraph", "rule", "speaker_start", "speaker_end", "cue_start", "cue_end", "quote_group",
            "error"} <= set(rows[0])
    good, bad = rows[:-1], rows[-1]
    text = (SAMPLES / "banjir-menteri.txt").read_text(encoding="utf-8")
    for row in good:
        assert text[int(row["start"]):int(row["end"])] == row["quote"] and row["error"] == ""
        if row["speaker_start"]:
            assert text[int(row["speaker_start"]):int(row["speaker_end"])] == row["speaker_mention"]
    assert bad["type"] == "error" and "no such file" in bad["error"] and bad["speaker"] == ""


# help and messages ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [[], ["models"], ["-h"], ["extract", "-h"], ["models", "list", "-h"]])
def test_help_is_printed_once_and_reads_like_prose(cli, args):
    r = cli(*args)
    assert r.returncode == 0
    assert r.stdout.count("Usage:") == 1
    assert not re.search(r"<(bool|list\[str\]|int range|int|str|path)>", r.stdout)


def test_extract_usage_names_articles(cli):
    assert "ARTICLES..." in cli("extract", "--help").stdout


@pytest.mark.parametrize("args, words", [
    (["extract", "--format", "xml", "x.txt"], "'xml' is not one of"),
    (["extract", "--workers", "0", "x.txt"], "--workers must be 1 or more"),
    (["extract", "--max-chars", "-1", "x.txt"], "--max-chars must be"),
])
def test_usage_errors_are_one_plain_line(cli, args, words):
    r = cli(*args)
    assert r.returncode == 2 and r.stderr.startswith("quotecli:") and words in r.stderr
    assert "Value error" not in r.stderr and "Input should be" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_models_download_offline_says_quotecli_not_error(cli, tmp_path):
    r = cli("models", "download", "--resources-url", "http://127.0.0.1:9/none", "--dir", str(tmp_path / "d"))
    assert r.returncode == 1 and r.stderr.startswith("quotecli: ") and not re.search(r"(^|\s)Error:", r.stderr)


def test_empty_directory_says_so(cli, tmp_path):
    r = cli("extract", "--fast", str(tmp_path))
    assert r.returncode == 0 and json.loads(r.stdout) == [] and "no articles" in r.stderr


# the table view -------------------------------------------------------------------------------------------

def test_table_shows_paragraphs_a_speaker_summary_and_says_when_nothing_was_found(cli, tmp_path):
    quiet = tmp_path / "quiet.txt"
    quiet.write_text("Hujan turun sejak pagi.\n", encoding="utf-8")
    r = cli("extract", "--fast", "-f", "table", str(SAMPLES / "warga-pasar.txt"), str(quiet))
    flat = " ".join(r.stdout.split())
    assert "¶" in flat and "speakers: Fithra Faisal (3)" in flat
    assert "quiet.txt: no quotations found" in flat


# quote groups and counts -------------------------------------------------------------------------------------

def test_pieces_of_one_quotation_share_a_group_and_a_fragment_is_not_counted_twice(cli, tmp_path):
    p = tmp_path / "g.txt"
    p.write_text(ARTICLE + "“Pompa sudah dicek. Semua baik.\n“Kami terus memantau,” ujarnya.\n"
                 "Ia mengatakan bahwa warga diminta tetap waspada dan “tidak panik” menghadapi hujan.\n",
                 encoding="utf-8")
    obj = json.loads(cli("extract", "--fast", str(p)).stdout)
    groups = [(q["quote"][:10], q["quote_group"]) for q in obj["quotes"]]
    assert [g for _, g in groups[:4]] == [0, 0, 1, 1]  # cue-interrupted; run on over a paragraph
    assert groups[4][1] != groups[5][1]
    assert obj["speakers"][0]["quote_count"] == 5  # four direct pieces and the reported clause


# the README's tables match the schema and the code -------------------------------------------------------------

def test_readme_documents_every_quote_field_of_the_schema(schema):
    fields = set(schema["$defs"]["quote"]["properties"])
    documented = set(re.findall(r"^\| `(\w+)`", README, flags=re.M))
    documented |= {f for row in re.findall(r"^\| (`\w+`(?:, `\w+`)+) \|", README, flags=re.M)
                   for f in re.findall(r"`(\w+)`", row)}
    assert fields <= documented, fields - documented
    assert "`warnings`" in README and "`record`" in README


def test_readme_exit_codes_are_the_ones_the_command_uses(cli, tmp_path):
    table = dict(re.findall(r"^\| (\d+) \| (.+) \|$", README, flags=re.M))
    assert set(table) == {"0", "1", "2", "3", "130"}
    assert cli("extract", "--fast", str(SAMPLES / "warga-pasar.txt")).returncode == 0
    assert cli("extract", "--fast", str(tmp_path / "missing.txt")).returncode == 1
    assert cli("extract", "--fast", "--no-such-flag", "x").returncode == 2
    assert "directory given as a file" not in table["1"]


def test_schema_file_and_command_agree(cli):
    assert json.loads(cli("schema").stdout) == json.loads(
        (ROOT / "quotecli" / "schema" / "output.schema.json").read_text(encoding="utf-8"))
    assert Path(ROOT / "quotecli" / "schema" / "output.schema.json").exists()


def test_progress_ends_with_a_summary_line(cli, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    r = cli("extract", "--fast", "--progress", str(tmp_path), str(tmp_path / "missing.txt"))
    assert r.returncode == 1
    assert re.search(r"2 articles, 1 failed, 2 quotations in [\d.]+ s", r.stderr), r.stderr
