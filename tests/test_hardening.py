"""Issue 18's adversarial cases, each through the real command: nothing lost, nothing hangs, no input
trusted. (Scaling and line endings have their own tests in test_scaling.py.)"""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile

import pytest
from conftest import SAMPLES

ARTICLE = "“Kami sudah siap menghadapi banjir,” kata Kepala BPBD Jakarta Budi Santoso.\n"


def jsonl(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


# 1. -o naming an input is refused before anything is written ----------------------------------------

@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_output_that_is_an_input_is_refused_and_the_input_kept(cli, tmp_path, fmt):
    a = tmp_path / "a.txt"
    a.write_text(ARTICLE, encoding="utf-8")
    r = cli("extract", "--fast", "-f", fmt, str(a), "-o", str(a))
    assert r.returncode == 2 and "also an input" in r.stderr
    assert a.read_text(encoding="utf-8") == ARTICLE


def test_jsonl_corpus_as_its_own_output_is_refused(cli, tmp_path):
    c = tmp_path / "c.jsonl"
    c.write_text(json.dumps({"id": "x", "text": ARTICLE}) + "\n", encoding="utf-8")
    before = c.read_bytes()
    r = cli("extract", "--fast", "--input-format", "jsonl", "-f", "jsonl", str(c), "-o", str(c))
    assert r.returncode == 2 and c.read_bytes() == before


def test_output_inside_an_input_directory_is_refused(cli, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    r = cli("extract", "--fast", str(tmp_path), "-o", str(tmp_path / "out.txt"))
    assert r.returncode == 2 and "inside the input directory" in r.stderr
    assert not (tmp_path / "out.txt").exists()


# 2. a per-article time budget ------------------------------------------------------------------------

def test_article_over_the_time_budget_gets_an_error_record_and_the_batch_goes_on(cli, tmp_path):
    a, b = SAMPLES / "banjir-menteri.txt", SAMPLES / "warga-pasar.txt"
    r = cli("extract", "--fast", "--article-timeout", "0.000001", str(a), str(b))
    arts = json.loads(r.stdout)
    assert r.returncode == 1 and len(arts) == 2
    assert all("--article-timeout" in x["error"] for x in arts)
    r = cli("extract", "--fast", "--article-timeout", "0", str(a), str(b))  # 0: no budget
    assert r.returncode == 0 and all(x["quotes"] for x in json.loads(r.stdout))


# 3. one bad string never ends the batch ---------------------------------------------------------------

def test_lone_surrogates_in_a_jsonl_record_are_replaced_and_later_records_kept(cli, tmp_path):
    c = tmp_path / "c.jsonl"
    lines = [json.dumps({"id": "s1", "text": ARTICLE}), json.dumps({"id": "s2\ud800", "text": "\udc00" + ARTICLE}),
             json.dumps({"id": "s3", "text": ARTICLE})]
    c.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = cli("extract", "--fast", "--input-format", "jsonl", "-f", "jsonl", str(c))
    assert r.returncode == 0, r.stderr
    recs = jsonl(r.stdout)
    assert [x["source"] for x in recs if x["record"] == "article"] == ["s1", "s2\ufffd", "s3"]
    second = [x for x in recs if x["source"] == "s2\ufffd" and x["record"] == "quote"][0]
    assert second["start"] == len(ARTICLE.split("Kami")[0]) + 1  # the replacement keeps offsets
    assert "lone surrogate" in r.stderr


def test_file_name_that_is_not_utf8_is_read_and_printed_as_valid_utf8(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    with open(os.path.join(os.fsencode(d), b"caf\xe9.txt"), "w", encoding="utf-8") as f:
        f.write(ARTICLE)
    r = subprocess.run([sys.executable, "-m", "quotecli", "extract", "--fast", str(d)], capture_output=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    arts = json.loads(r.stdout.decode("utf-8"))  # strict UTF-8
    assert len(arts) == 2 and all(a["quotes"] for a in arts)
    assert any("\ufffd" in a["source"] for a in arts)


# 4. resume: explicit records, unfinished work redone, foreign files refused ------------------------------

def _run_jsonl(cli, out, *inputs, resume=False, extra=()):
    args = ["extract", "--fast", "-f", "jsonl", "-o", str(out), *extra, *map(str, inputs)]
    return cli(*args, *(["--resume"] if resume else []))


def _quote_keys(out) -> list[tuple]:
    recs = jsonl(out.read_text(encoding="utf-8"))
    return [(x["source"], x["start"], x["end"]) for x in recs if x["record"] == "quote"]


def test_resume_redoes_an_article_cut_in_the_middle_without_duplicates(cli, tmp_path):
    out = tmp_path / "out.jsonl"
    inputs = sorted(SAMPLES.glob("*.txt"))
    _run_jsonl(cli, out, *inputs)
    full = out.read_text(encoding="utf-8").splitlines()
    cut = 3  # keep the first article, and only some quote lines of the second
    first_end = next(i for i, x in enumerate(full) if json.loads(x)["record"] == "article")
    out.write_text("\n".join(full[:first_end + 1 + cut]) + "\n" + full[first_end + 1 + cut][:20], encoding="utf-8")
    r = _run_jsonl(cli, out, *inputs, resume=True)
    assert r.returncode == 0, r.stderr
    assert sorted(_quote_keys(out)) == sorted(json.loads(x)["source"] and (json.loads(x)["source"],
                                              json.loads(x)["start"], json.loads(x)["end"])
                                              for x in full if json.loads(x)["record"] == "quote")
    assert "1 article already" in r.stderr


def test_resume_retries_inputs_that_failed(cli, tmp_path):
    out, late = tmp_path / "out.jsonl", tmp_path / "late.txt"
    r = _run_jsonl(cli, out, SAMPLES / "warga-pasar.txt", late)
    assert r.returncode == 1 and '"record": "error"' in out.read_text(encoding="utf-8")
    late.write_text(ARTICLE, encoding="utf-8")  # the failure is fixed
    r = _run_jsonl(cli, out, SAMPLES / "warga-pasar.txt", late, resume=True)
    assert r.returncode == 0, r.stderr
    recs = jsonl(out.read_text(encoding="utf-8"))
    assert not any(x["record"] == "error" for x in recs)
    assert [os.path.basename(str(x["source"])) for x in recs if x["record"] == "article"] == \
        ["warga-pasar.txt", "late.txt"]


def test_resume_keeps_both_records_of_a_duplicate_id(cli, tmp_path):
    c, out = tmp_path / "c.jsonl", tmp_path / "out.jsonl"
    c.write_text(json.dumps({"id": "d", "text": ARTICLE}) + "\n", encoding="utf-8")
    _run_jsonl(cli, out, c, extra=["--input-format", "jsonl"])
    with c.open("a", encoding="utf-8") as f:
        f.write(json.dumps({"id": "d", "text": ARTICLE}) + "\n")
    r = _run_jsonl(cli, out, c, resume=True, extra=["--input-format", "jsonl"])
    assert r.returncode == 0
    assert [x["source"] for x in jsonl(out.read_text(encoding="utf-8")) if x["record"] == "article"] == ["d", "d"]


@pytest.mark.parametrize("content", ['{"source": "x.txt", "quote": "dari alat lain"}\n', "catatan pribadi\n"])
def test_resume_refuses_a_file_quotecli_did_not_write(cli, tmp_path, content):
    out = tmp_path / "notes.jsonl"
    out.write_text(content, encoding="utf-8")
    r = _run_jsonl(cli, out, SAMPLES / "warga-pasar.txt", resume=True)
    assert r.returncode == 2 and "did not write" in r.stderr
    assert out.read_text(encoding="utf-8") == content


def test_resume_matches_a_path_however_it_is_spelled(cli, tmp_path, monkeypatch):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    _run_jsonl(cli, out, d)
    before = out.read_text(encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "quotecli", "extract", "--fast", "-f", "jsonl", "-o", str(out),
                        "--resume", "./in"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert out.read_text(encoding="utf-8") == before


# 5. terminal injection -------------------------------------------------------------------------------------

def test_table_prints_markup_literally_and_strips_escape_sequences(cli, tmp_path):
    p = tmp_path / "evil.txt"
    p.write_text("“Awas \x1b[2J [link=http://x]klik[/link] [/b] [/caption] \x1b]8;;http://x\x07,” kata Budi Santoso.\n",
                 encoding="utf-8")
    r = cli("extract", "--fast", "--format", "table", str(p))
    assert r.returncode == 0, r.stderr
    assert "\x1b" not in r.stdout and "\x07" not in r.stdout
    assert "[link=http://x]klik[/link]" in r.stdout and "[/caption]" in r.stdout


# 6. CSV formula injection ---------------------------------------------------------------------------------

def test_csv_neutralises_formula_prefixes(cli, tmp_path):
    p = tmp_path / "f.txt"
    p.write_text("“=1+1+cmd|x!A0 siap,” kata Budi Santoso.\n“@SUM(A1) juga,” kata Budi Santoso.\n", encoding="utf-8")
    r = cli("extract", "--fast", "--format", "csv", str(p))
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert [row["quote"][:2] for row in rows] == ["'=", "'@"]


# 7. special files: refused, never read forever -----------------------------------------------------------

def test_fifo_is_refused_named_directly_or_through_a_glob(cli, tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    for arg in (str(fifo), str(tmp_path / "pipe*.txt")):
        r = cli("extract", "--fast", arg, timeout=60)
        assert r.returncode == 1 and "FIFO" in r.stderr


def test_device_is_refused_and_binary_stdin_stops_early(cli):
    r = cli("extract", "--fast", "--max-chars", "0", "/dev/zero", timeout=60)
    assert r.returncode == 1 and "device" in r.stderr
    with open("/dev/zero", "rb") as zero:
        r = subprocess.run([sys.executable, "-m", "quotecli", "extract", "--fast", "--max-chars", "0", "-"],
                           stdin=zero, capture_output=True, text=True, timeout=60)
    assert r.returncode == 1 and "binary" in r.stderr


# 8. nothing skipped in silence -----------------------------------------------------------------------------

def test_symlinked_subdirectory_is_followed_once(cli, tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (real / "a.txt").write_text(ARTICLE, encoding="utf-8")
    top = tmp_path / "top"
    top.mkdir()
    (top / "linked").symlink_to(real, target_is_directory=True)
    (top / "loop").symlink_to(top, target_is_directory=True)
    r = cli("extract", "--fast", str(top))
    assert r.returncode == 0 and len(json.loads(r.stdout)) == 1


@pytest.mark.skipif(os.geteuid() == 0 and shutil.which("setpriv") is None, reason="needs a non-root user")
def test_unreadable_directory_is_an_error_not_a_silent_skip():
    base = tempfile.mkdtemp(prefix="quotecli-perm-")
    try:
        os.chmod(base, 0o755)
        for sub in ("ok", "closed"):
            os.mkdir(os.path.join(base, sub))
            with open(os.path.join(base, sub, "a.txt"), "w", encoding="utf-8") as f:
                f.write(ARTICLE)
            os.chmod(os.path.join(base, sub, "a.txt"), 0o644)
            os.chmod(os.path.join(base, sub), 0o755)
        os.chmod(os.path.join(base, "closed"), 0o000)
        cmd = [sys.executable, "-m", "quotecli", "extract", "--fast", base]
        if os.geteuid() == 0:
            cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "HOME": base}
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env)
        assert r.returncode == 1, r.stderr
        arts = json.loads(r.stdout)
        assert sum("error" in a for a in arts) == 1 and "cannot list directory" in r.stderr
    finally:
        os.chmod(os.path.join(base, "closed"), 0o755)
        shutil.rmtree(base)


# 10. encodings -------------------------------------------------------------------------------------------

def test_one_bad_byte_does_not_cost_the_curly_quotes_of_the_file(cli, tmp_path):
    p = tmp_path / "mixed.txt"
    p.write_bytes(b"Caf" + b"\xe9 buka.\n" + ARTICLE.encode("utf-8"))
    r = cli("extract", "--fast", str(p))
    obj = json.loads(r.stdout)
    assert r.returncode == 0 and obj["quotes"][0]["quote"] == "Kami sudah siap menghadapi banjir,"
    assert "cp1252" in r.stderr


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-8-sig"])
def test_text_with_a_byte_order_mark_is_decoded(cli, tmp_path, encoding):
    p = tmp_path / "bom.txt"
    p.write_bytes(ARTICLE.encode(encoding))
    r = cli("extract", "--fast", str(p))
    obj = json.loads(r.stdout)
    assert r.returncode == 0, r.stderr
    assert obj["quotes"][0]["speaker"] == "Budi Santoso"


# 11. I/O errors are exit 1 with the system's reason ---------------------------------------------------------

@pytest.mark.parametrize("target, reason", [("missing-dir/out.json", "No such file"), ("/dev/full", "No space")])
def test_output_errors_exit_1_with_the_os_message(cli, tmp_path, target, reason):
    out = target if target.startswith("/") else str(tmp_path / target)
    r = cli("extract", "--fast", str(SAMPLES / "warga-pasar.txt"), "-o", out)
    assert r.returncode == 1 and reason in r.stderr and "internal error" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


# 12. a broken models directory: one error, and nothing written into it --------------------------------------

@pytest.mark.pipeline
def test_broken_models_directory_fails_once_and_is_not_written_to(cli, tmp_path):
    from quotecli.nlp import BUNDLED_DIR
    from quotecli.training.config import MODEL_FILES

    models = tmp_path / "models"
    models.mkdir()
    for name in MODEL_FILES.values():
        (models / name).symlink_to(BUNDLED_DIR / name)
    (models / MODEL_FILES["tokenize"]).unlink()
    (models / MODEL_FILES["tokenize"]).write_bytes(b"not a model")
    before = sorted(os.listdir(models))
    r = cli("extract", "--models", str(models), *[str(p) for p in sorted(SAMPLES.glob("*.txt"))[:3]])
    assert r.returncode == 1
    assert len(r.stderr.strip().splitlines()) == 1 and "cannot load" in r.stderr
    assert sorted(os.listdir(models)) == before


# 13. JSONL ids stay what they were ---------------------------------------------------------------------------

def test_jsonl_ids_keep_their_json_type(cli, tmp_path):
    c = tmp_path / "c.jsonl"
    recs = [{"id": 9, "text": ARTICLE}, {"id": "9", "text": ARTICLE}, {"id": None, "text": ARTICLE},
            {"id": {"nested": 1}, "text": ARTICLE}]
    c.write_text("".join(json.dumps(x) + "\n" for x in recs), encoding="utf-8")
    r = cli("extract", "--fast", "--input-format", "jsonl", "-f", "jsonl", str(c))
    out = jsonl(r.stdout)
    closing = [x["source"] for x in out if x["record"] == "article"]
    assert closing == [9, "9", f"{c}:3"]
    errors = [x for x in out if x["record"] == "error"]
    assert len(errors) == 1 and "string or a number" in errors[0]["error"] and r.returncode == 1


# 2. signals are honoured in the middle of an article -----------------------------------------------------------

@pytest.mark.pipeline
def test_sigterm_in_the_middle_of_a_long_article_ends_the_run_at_once(tmp_path):
    """A 4 MB article takes Stanza minutes; SIGTERM while it runs must end the run long before that."""
    import signal
    import time

    text = "".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt")))
    big = tmp_path / "big.txt"
    big.write_text(text * (4_000_000 // len(text)), encoding="utf-8")
    p = subprocess.Popen([sys.executable, "-m", "quotecli", "extract", "-f", "jsonl", str(big)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(20)  # models loaded, the article under way
    assert p.poll() is None, "the article finished before the signal: make it longer"
    p.send_signal(signal.SIGTERM)
    out, err = p.communicate(timeout=60)  # a hang, not a time, is what this detects
    assert p.returncode == 130 and "interrupted" in err and out == ""
