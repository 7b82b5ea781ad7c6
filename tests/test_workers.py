"""Worker processes always end: after a normal run, on SIGINT/SIGTERM (to the main process or to the
whole process group, as Ctrl-C does), and when the reader of a pipe goes away. Timeouts here only
detect a hang; nothing is timed."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import SAMPLES

HANG = 180  # seconds: far above any normal run; reaching it means the run hung


def _corpus(tmp_path, n: int):
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"a{i}", "text": texts[i % len(texts)]}, ensure_ascii=False) + "\n")
    return corpus


def _group_is_gone(pgid: int, wait: float = 15.0) -> bool:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


def test_two_workers_over_300_articles_finish_every_time(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    texts = sorted(SAMPLES.glob("*.txt"))
    for i in range(300):
        src = texts[i % len(texts)]
        (d / f"{i:03d}-{src.name}").write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    expected = None
    for _ in range(10):
        p = subprocess.Popen([sys.executable, "-m", "quotecli", "extract", "--fast", "--workers", "2", "-f", "jsonl",
                              str(d)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             start_new_session=True)
        out, err = p.communicate(timeout=HANG)
        assert p.returncode == 0, err
        assert _group_is_gone(p.pid)
        closing = [json.loads(x)["source"] for x in out.splitlines() if '"record": "article"' in x]
        assert len(closing) == 300
        expected = expected or out
        assert out == expected  # same output, same order, every run


def _interrupt(tmp_path, sig: int, fast: bool, group: bool, n: int) -> None:
    corpus = _corpus(tmp_path, n)
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "quotecli", "extract", *(["--fast"] if fast else []), "--workers", "2",
           "--input-format", "jsonl", "--format", "jsonl", "-o", str(out), str(corpus)]
    p = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + HANG
    while time.monotonic() < deadline and (not out.exists() or out.stat().st_size < 3000) and p.poll() is None:
        time.sleep(0.05)
    os.killpg(p.pid, sig) if group else p.send_signal(sig)
    _, err = p.communicate(timeout=HANG)
    assert p.returncode == 130, err
    assert "Traceback" not in err
    assert _group_is_gone(p.pid), "a worker process was left behind"
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]  # every line whole
    done = [r["source"] for r in recs if r["record"] == "article"]
    assert 0 < len(done) < n
    r = subprocess.run([*cmd, "--resume"], capture_output=True, text=True, timeout=HANG * 3)
    assert r.returncode == 0, r.stderr
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["source"] for r in recs if r["record"] == "article"] == [f"a{i}" for i in range(n)]
    keys = [(r["source"], r["start"], r["end"], r["type"]) for r in recs if r["record"] == "quote"]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
@pytest.mark.parametrize("group", [False, True], ids=["process", "group"])
def test_interrupting_two_fast_workers_ends_cleanly_and_resume_completes(tmp_path, sig, group):
    _interrupt(tmp_path, sig, fast=True, group=group, n=3000)


@pytest.mark.pipeline
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_interrupting_two_full_mode_workers_ends_cleanly_and_resume_completes(tmp_path, sig):
    _interrupt(tmp_path, sig, fast=False, group=True, n=120)


def test_closed_pipe_with_two_workers_leaves_no_worker_behind():
    cmd = f"{sys.executable} -m quotecli extract --fast --workers 2 -f jsonl {SAMPLES} {SAMPLES} {SAMPLES} | head -1"
    p = subprocess.Popen(cmd, shell=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         start_new_session=True)
    out, err = p.communicate(timeout=HANG)
    assert len(out.splitlines()) == 1 and "Traceback" not in err
    assert _group_is_gone(p.pid), "a worker process was left behind"


def test_a_worker_killed_mid_run_costs_no_article(tmp_path):
    """A worker that dies (here: SIGKILL, as the OOM killer does) is replaced; every article is there once."""
    corpus = _corpus(tmp_path, 3000)
    p = subprocess.Popen([sys.executable, "-m", "quotecli", "extract", "--fast", "--workers", "2", "--input-format",
                          "jsonl", "-f", "jsonl", str(corpus)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, start_new_session=True)
    time.sleep(3)
    children = subprocess.run(["pgrep", "-P", str(p.pid)], capture_output=True, text=True).stdout.split()
    workers = [int(c) for c in children
               if "multiprocessing" in open(f"/proc/{c}/cmdline", encoding="utf-8", errors="replace").read()
               and "resource_tracker" not in open(f"/proc/{c}/cmdline", encoding="utf-8", errors="replace").read()]
    if workers:
        os.kill(workers[0], signal.SIGKILL)
    out, err = p.communicate(timeout=HANG)
    closing = [json.loads(x)["source"] for x in out.splitlines() if '"record": "article"' in x]
    errors = [json.loads(x)["source"] for x in out.splitlines() if '"record": "error"' in x]
    assert sorted(closing + errors, key=lambda s: int(s[1:])) == [f"a{i}" for i in range(3000)]
    assert not errors, err
    assert p.returncode == 0, err


STALL = '''
import os, struct, sys, time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
import multiprocessing as mp
from quotecli import batch

def half_written_result():
    """As a worker killed while writing its result: the message's header and a few bytes, the pipe's lock
    still held, then death."""
    f = sys._getframe()
    while "result_queue" not in f.f_locals:
        f = f.f_back
    q = f.f_locals["result_queue"]
    q._wlock.acquire()
    q._writer._send(struct.pack("!i", 100000) + b"x" * 10)
    os._exit(1)

if __name__ == "__main__":
    ctx = mp.get_context("spawn")
    pool = ProcessPoolExecutor(1, mp_context=ctx)
    fut = pool.submit(half_written_result)
    if sys.argv[1] == "wait":  # the batch waits for this chunk's result
        try:
            batch._result(fut, pool)
        except BrokenProcessPool:
            print("broken")
    else:  # the batch is interrupted: the worker is dead, the pool is ended
        while not any(p.exitcode is not None for p in pool._processes.values()):
            time.sleep(0.05)
        print("ended")
    batch._end_workers(pool, wait=True)
'''


@pytest.mark.parametrize("when", ["wait", "end"])
def test_a_worker_dying_half_way_through_its_result_hangs_nothing(tmp_path, when):
    """A worker killed while writing its result once left the executor's thread reading the rest for ever:
    the command printed 'interrupted' and never exited (CI, SIGTERM to the group). Waiting for that chunk
    now breaks the pool (its chunks are retried), and ending the pool lets the process exit."""
    script = tmp_path / "stall.py"
    script.write_text(STALL, encoding="utf-8")
    r = subprocess.run([sys.executable, str(script), when], capture_output=True, text=True, timeout=HANG)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["broken" if when == "wait" else "ended"]
