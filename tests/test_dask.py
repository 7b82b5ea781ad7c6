"""quotecli on a Dask cluster: a LocalCluster of 2 worker processes with 1 thread each gives the output of a
local run (same quotes, same order), survives a worker killed mid-run, and turns a failing article into its
error record. Without --scheduler, Dask is never imported. Timeouts here only detect a hang."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import SAMPLES

distributed = pytest.importorskip("distributed", reason="Dask is an optional extra: pip install 'quotecli[dask]'")

HANG = 300  # seconds: far above any normal run on a loaded 2-core machine; reaching it means a hang
QC = [sys.executable, "-m", "quotecli", "extract"]
CLUSTER = ["--scheduler", "local:2"]


def _texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]


def _corpus(tmp_path, n: int, bad: bool = False):
    """A JSONL corpus of the samples repeated to n articles; with ``bad``, a record without text in the middle."""
    texts = _texts()
    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as f:
        for i in range(n):
            if bad and i == n // 2:
                f.write(json.dumps({"id": f"a{i}", "body": "no text field"}) + "\n")
                continue
            f.write(json.dumps({"id": f"a{i}", "text": texts[i % len(texts)]}, ensure_ascii=False) + "\n")
    return corpus


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*QC, *args], capture_output=True, text=True, timeout=HANG)


def _articles(jsonl: str) -> list:
    return [json.loads(x)["source"] for x in jsonl.splitlines() if '"record": "article"' in x]


# ---- Dask stays out of ordinary runs --------------------------------------------------------------------

def test_extract_without_scheduler_never_imports_dask():
    r = subprocess.run([sys.executable, "-X", "importtime", "-m", "quotecli", "extract", "--fast", "--workers", "2",
                        str(SAMPLES / "banjir-menteri.txt")], capture_output=True, text=True, timeout=HANG)
    assert r.returncode == 0, r.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in r.stderr.splitlines() if "|" in line}
    assert "quotecli.cli" in imported  # the import-time report is there ...
    assert not {m for m in imported if m.split(".")[0] in ("dask", "distributed") or m == "quotecli.dask"}


def test_the_quotecli_dask_module_uses_the_dask_library():
    code = ("import dask.bag as db, sys, quotecli.dask as q; b = q.extract_bag(db.from_sequence(['x']), fast=True); "
            "print(type(b).__module__, sys.modules['dask'].__file__)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=HANG)
    assert r.returncode == 0, r.stderr
    module, dask_file = r.stdout.split()
    assert module.startswith("dask.bag") and "quotecli" not in dask_file


def test_bad_scheduler_options_are_one_line_usage_errors(cli):
    sample = str(SAMPLES / "banjir-menteri.txt")
    for args, words in ((["--scheduler", "local:0"], "local:N"), (["--scheduler", "local:2", "--workers", "2"],
                        "--workers"), (["--unordered"], "--unordered needs --scheduler")):
        r = cli("extract", "--fast", *args, sample)
        assert r.returncode == 2 and r.stdout == ""
        assert len(r.stderr.splitlines()) == 1 and words in r.stderr and "Traceback" not in r.stderr


# ---- the CLI on a LocalCluster ---------------------------------------------------------------------------

def test_500_fast_articles_on_two_dask_workers_match_the_local_run(tmp_path):
    corpus = _corpus(tmp_path, 500, bad=True)
    args = ["--fast", "--input-format", "jsonl", "-f", "jsonl", str(corpus)]
    local, dask = _run(*args), _run(*CLUSTER, *args)
    assert local.returncode == dask.returncode == 1, dask.stderr  # 1: the record without text failed
    assert dask.stdout == local.stdout  # same quotes, same order, same error record
    assert '"record": "error"' in dask.stdout and "no string field 'text'" in dask.stderr
    assert len(_articles(dask.stdout)) == 499 and "Traceback" not in dask.stderr


def test_unordered_gives_the_same_records(tmp_path):
    corpus = _corpus(tmp_path, 200)
    args = ["--fast", "--input-format", "jsonl", "-f", "jsonl", str(corpus)]
    local, dask = _run(*args), _run(*CLUSTER, "--unordered", *args)
    assert local.returncode == dask.returncode == 0, dask.stderr
    assert sorted(dask.stdout.splitlines()) == sorted(local.stdout.splitlines())


@pytest.mark.pipeline
def test_20_full_mode_articles_on_two_dask_workers_match_the_local_run(tmp_path):
    corpus = _corpus(tmp_path, 20)
    args = ["--input-format", "jsonl", "-f", "jsonl", str(corpus)]
    local, dask = _run(*args), _run(*CLUSTER, *args)
    assert local.returncode == dask.returncode == 0, dask.stderr
    assert dask.stdout == local.stdout
    assert len(_articles(dask.stdout)) == 20 and dask.stdout.count('"record": "quote"') > 20


def test_resume_on_a_cluster_finishes_a_cut_short_local_run(tmp_path):
    corpus = _corpus(tmp_path, 120)
    out = tmp_path / "out.jsonl"
    args = ["--fast", "--input-format", "jsonl", "-f", "jsonl", "-o", str(out), str(corpus)]
    assert _run(*args).returncode == 0
    whole = out.read_text(encoding="utf-8")
    lines = whole.splitlines(keepends=True)
    out.write_text("".join(lines[:len(lines) // 3]) + lines[len(lines) // 3][:10], encoding="utf-8")  # torn
    r = _run(*CLUSTER, *args, "--resume")
    assert r.returncode == 0, r.stderr
    assert out.read_text(encoding="utf-8") == whole
    assert "--resume:" in r.stderr and "skipped" in r.stderr


def _dask_workers(pid: int) -> list[int]:
    """The worker processes a LocalCluster started under ``pid`` (spawned by multiprocessing)."""
    import psutil

    found = []
    for child in psutil.Process(pid).children(recursive=True):
        try:
            cmd = " ".join(child.cmdline())
        except psutil.Error:
            continue
        if "spawn_main" in cmd and "resource_tracker" not in cmd:
            found.append(child.pid)
    return found


def _wait_for_output(out, p, size: int) -> None:
    deadline = time.monotonic() + HANG
    while time.monotonic() < deadline and p.poll() is None and (not out.exists() or out.stat().st_size < size):
        time.sleep(0.05)


def test_a_dask_worker_killed_mid_run_costs_no_article(tmp_path):
    """SIGKILL one worker process (as the OOM killer would): Dask re-runs its tasks; every article once."""
    n = 6000
    corpus = _corpus(tmp_path, n)
    out = tmp_path / "out.jsonl"
    p = subprocess.Popen([*QC, *CLUSTER, "--fast", "--input-format", "jsonl", "-f", "jsonl", "-o", str(out),
                          str(corpus)], stderr=subprocess.PIPE, text=True, start_new_session=True)
    _wait_for_output(out, p, 20_000)
    workers = _dask_workers(p.pid)
    assert p.poll() is None and len(workers) == 2, "the run ended before a worker could be killed"
    os.kill(workers[0], signal.SIGKILL)
    _, err = p.communicate(timeout=HANG)
    assert p.returncode == 0, err
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["source"] for r in recs if r["record"] == "article"] == [f"a{i}" for i in range(n)]
    assert not [r for r in recs if r["record"] == "error"]


def test_interrupting_a_cluster_run_ends_cleanly(tmp_path):
    corpus = _corpus(tmp_path, 6000)
    out = tmp_path / "out.jsonl"
    p = subprocess.Popen([*QC, *CLUSTER, "--fast", "--input-format", "jsonl", "-f", "jsonl", "-o", str(out),
                          str(corpus)], stderr=subprocess.PIPE, text=True, start_new_session=True)
    _wait_for_output(out, p, 20_000)
    os.killpg(p.pid, signal.SIGINT)  # as Ctrl-C does: to the whole process group
    _, err = p.communicate(timeout=HANG)
    assert p.returncode == 130, err
    assert "Traceback" not in err
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]  # every line whole
    assert 0 < len([r for r in recs if r["record"] == "article"]) < 6000
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            os.killpg(p.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail("a Dask worker process was left behind")


# ---- the library: extract_bag and extract_frame ---------------------------------------------------------

_INTERRUPTED_SYNC = """
import os, signal, sys, threading, time
from distributed.utils import LoopRunner, sync
from quotecli.dask import quiet_interrupted_sync
quiet_interrupted_sync()
runner = LoopRunner(asynchronous=False)
runner.start()
async def work():
    return 1
def other_bug():
    return undefined_name  # noqa: F821 - a NameError of another callback must still be shown
runner.loop.add_callback(time.sleep, 0.6)  # the loop is busy: sync's coroutine has not started yet
threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGINT)).start()
try:
    sync(runner.loop, work)
except KeyboardInterrupt:
    print("interrupted", file=sys.stderr)
if sys.argv[1] == "other":
    runner.loop.add_callback(other_bug)
time.sleep(1)
runner.stop()
"""


@pytest.mark.parametrize("case", ["interrupt", "other"])
def test_ctrl_c_before_a_dask_call_starts_prints_no_traceback_but_other_errors_still_show(case):
    """Regression (CI on dfac134): Ctrl-C in distributed's sync() before its coroutine ran made Tornado log
    a NameError traceback from sync's cancel callback. quotecli drops that one record, and only that one."""
    r = subprocess.run([sys.executable, "-c", _INTERRUPTED_SYNC, case], capture_output=True, text=True,
                       timeout=HANG)
    assert "interrupted" in r.stderr
    assert ("Traceback" in r.stderr) == (case == "other"), r.stderr
    if case == "other":
        assert "undefined_name" in r.stderr


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c, \
            distributed.Client(c) as cl:
        yield cl


def test_extract_bag_gives_a_record_per_item_in_order_and_an_error_record_for_a_bad_one(client):
    import dask.bag as db

    from quotecli import extract

    texts = _texts()
    items = [{"id": f"t{i}", "text": t} for i, t in enumerate(texts)]
    items[2:2] = [{"id": "no-text"}, 42]  # extraction of these raises on the worker
    records = extract_bag_compute(db.from_sequence(items, npartitions=3))
    assert [r["source"] for r in records if r["source"] != records[3]["source"]] == [f"t{i}" for i in range(
        len(texts))][:2] + ["no-text"] + [f"t{i}" for i in range(2, len(texts))]
    assert records[3]["source"] == records[3]["key"] and "int" in records[3]["error"]  # "PARTITION:INDEX"
    assert "error" in records[2] and "text" in records[2]["error"] and "error" in records[3]
    good = [r for r in records if "error" not in r]
    assert len(good) == len(texts)
    for rec, text in zip(good, texts, strict=True):
        expected = extract(text, source=rec["source"], fast=True).to_dict()
        assert {k: v for k, v in rec.items() if k != "key"} == expected


def extract_bag_compute(bag):
    from quotecli.dask import extract_bag

    return extract_bag(bag, fast=True).compute()


def test_extract_frame_writes_parquet_with_a_row_per_quote(client, tmp_path):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    import dask.bag as db

    from quotecli import extract
    from quotecli.dask import extract_frame

    texts = _texts()
    frame = extract_frame(db.from_sequence([*texts, None], npartitions=2), fast=True)
    frame.to_parquet(tmp_path / "quotes")
    back = pd.read_parquet(tmp_path / "quotes")
    assert len(back) == sum(len(extract(t, fast=True).quotes) for t in texts) + 1  # + the bad item's error row
    assert list(back["type"]).count("error") == 1
    first = extract(texts[0], fast=True).quotes[0]
    row = back[back["source"] == "0:0"].iloc[0]
    assert (row["quote"], int(row["start"]), row["speaker"]) == (first.quote, first.start, first.speaker)


# ---- docs/scale.md: the Dask example runs, the Spark recipe's function works --------------------------------

SCALE = (SAMPLES.parent / "docs" / "scale.md").read_text(encoding="utf-8")


def _python_block(marker: str) -> str:
    import re

    return next(b for b in re.findall(r"```python\n(.*?)```", SCALE, flags=re.S) if marker in b)


@pytest.mark.pipeline
def test_the_dask_example_in_docs_scale_writes_jsonl_partitions_and_parquet(tmp_path):
    pd = pytest.importorskip("pandas")
    import shutil

    shutil.copytree(SAMPLES, tmp_path / "samples")
    (tmp_path / "example.py").write_text(_python_block("LocalCluster"), encoding="utf-8")
    r = subprocess.run([sys.executable, "example.py"], cwd=tmp_path, capture_output=True, text=True, timeout=HANG)
    assert r.returncode == 0, r.stderr
    records = [json.loads(x) for f in sorted((tmp_path / "out").glob("articles-*.jsonl"))
               for x in f.read_text(encoding="utf-8").splitlines()]
    assert [r["source"] for r in records] == sorted(f"samples/{p.name}" for p in SAMPLES.glob("*.txt"))
    quotes = pd.read_parquet(tmp_path / "out" / "quotes.parquet")
    assert len(quotes) == sum(len(r["quotes"]) for r in records) > 0
    assert "Basuki Hadimuljono" in set(quotes["speaker"]) and "Basuki Hadimuljono" in r.stdout


@pytest.mark.pipeline
def test_the_spark_recipes_partition_function_gives_a_row_per_quote():
    pd = pytest.importorskip("pandas")
    from quotecli import extract
    from quotecli.dask import QUOTE_COLUMNS, spark_schema

    code = _python_block("mapInPandas").split("\nquotes = ")[0]  # the function, without a Spark session
    scope: dict = {}
    exec(code, scope)  # noqa: S102 - the documented recipe itself
    texts = _texts()
    frames = [pd.DataFrame({"id": [f"t{i}" for i in range(k, k + 4)], "text": texts[k:k + 4]}) for k in (0, 4)]
    out = pd.concat(list(scope["extract_quotes"](iter(frames))))
    assert len(out) == sum(len(extract(t).quotes) for t in texts)
    assert list(out.columns) == list(QUOTE_COLUMNS) == [c.split()[0].strip("`") for c in spark_schema().split(", ")]
