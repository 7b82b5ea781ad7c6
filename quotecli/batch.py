"""Batch runs: many inputs in, a stream of results out, in input order.

Each article is written whole (and flushed) as soon as it is done, so an interrupted run leaves a valid
file of finished articles. In JSON Lines every finished article ends with an ``article`` record (see
render.py); ``--resume`` counts those, drops what an earlier run left unfinished (quotes of an article
cut short, error records, which are retried) and appends the rest. ``--workers N`` runs N processes
(started fresh, not forked), each loading the Stanza pipeline once; they ignore Ctrl-C and are ended by
this process, so a run always ends.
"""
from __future__ import annotations

import json
import os
import signal
import sys
import tempfile
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from . import read, render, web
from .errors import QuotecliError, UsageError
from .model import ArticleResult

DEFAULT_ARTICLE_TIMEOUT = 600.0  # seconds; a 1 MB article in full mode takes far less (bench/run.py)


@dataclass
class BatchOptions:
    inputs: list[str]
    fmt: str = "json"
    fast: bool = False
    models: str | None = None
    input_format: str = "text"
    id_field: str = "id"
    text_field: str = "text"
    output: str | None = None
    resume: bool = False
    workers: int = 1
    threads: int | None = None
    max_chars: int = read.DEFAULT_MAX_CHARS
    progress: bool = False
    article_timeout: float = DEFAULT_ARTICLE_TIMEOUT
    summary: bool = False
    html_field: str | None = None  # JSONL corpus: the field holding each article's HTML page
    with_text: bool = False  # add the analysed text to each result (always on for web pages)
    timeout: float = 20.0  # URL inputs: seconds to wait for the server
    scheduler: str | None = None  # a Dask scheduler address or local:N (quotecli/dask.py); None: this machine
    unordered: bool = False  # with a scheduler: results as they finish, not in input order


class OutputError(QuotecliError):
    """The output cannot be opened or written (exit 1, with the system's reason)."""


def documents(opts: BatchOptions) -> Iterator[read.Document]:
    for item in read.iter_inputs(opts.inputs):
        if item.error is not None:
            name = read.display_name(item.path)
            yield read.Document(name, error=item.error, key=name)
            continue
        pages = web.documents(item.path, opts)  # URLs, HTML files, --input-format html, --html-field
        if pages is not None:
            yield from (_keyed(d, item.path, opts) for d in pages)
        elif opts.input_format == "jsonl":
            yield from web.keep_text(read.read_jsonl(item.path, opts.id_field, opts.text_field, opts.max_chars), opts)
        else:
            yield from web.keep_text([read.read_text(item.path, opts.max_chars)], opts)


def _keyed(doc: read.Document, path: str, opts: BatchOptions) -> read.Document:
    """A web document's key for --resume: the URL, the page's absolute path, or the JSONL id."""
    if not doc.key:
        if opts.input_format == "jsonl":
            doc.key = json.dumps(doc.source, ensure_ascii=True)
        else:
            doc.key = path if web.is_url(path) or path == "-" else os.path.abspath(path)
    return doc


# ---- the output path must never be an input ---------------------------------------------------------

def check_output_path(opts: BatchOptions) -> None:
    """Refuse (before anything is opened) an output that is a directory, one of the inputs, or inside an
    input directory: writing it would destroy an input or read the output back as one."""
    if not opts.output:
        return
    out = Path(opts.output)
    if out.is_dir():
        raise UsageError(f"--output {opts.output} is a directory; give a file name")
    real = os.path.realpath(out)
    for item in opts.inputs:
        if item == "-":
            continue
        if os.path.isdir(item):
            top = os.path.realpath(item)
            if os.path.commonpath([top, real]) == top:
                raise UsageError(f"--output {opts.output} is inside the input directory {item}; write it elsewhere")
            continue
        paths = [i.path for i in read.iter_inputs([item])] if read.is_glob(item) else [item]
        for p in paths:
            if os.path.exists(p) and os.path.realpath(p) == real:
                raise UsageError(f"--output {opts.output} is also an input ({p}); it would be overwritten")


# ---- resume ----------------------------------------------------------------------------------------

@dataclass
class Ledger:
    """What an earlier run finished: articles per key, and what had to be dropped from its output."""

    done: Counter
    kept: int = 0
    dropped: int = 0


def _record(raw: bytes, path: str, n: int) -> dict[str, Any]:
    try:
        rec = json.loads(raw)
    except ValueError:
        rec = None
    if not isinstance(rec, dict) or "source" not in rec or rec.get("record") not in ("quote", "article", "error"):
        raise UsageError(f"--resume: line {n} of {path} is not a quotecli JSON Lines record; "
                         "refusing to append to a file quotecli did not write (use a new --output)")
    return rec


def read_ledger(path: str) -> Ledger:
    """Read an earlier output for ``--resume`` and rewrite it (atomically) without unfinished articles:
    quote lines not followed by their ``article`` record, and error records (those inputs are retried).
    A torn last line is dropped. A file that holds anything but quotecli records is refused."""
    p = Path(path)
    ledger = Ledger(Counter())
    if not p.exists():
        return ledger
    data = p.read_bytes()
    lines = data.split(b"\n")
    torn = lines.pop() != b""  # text after the last newline: a line cut short
    keep: list[bytes] = []
    pending: list[bytes] = []
    pending_source: Any = None
    for n, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        rec = _record(raw, path, n)
        if pending and rec["source"] != pending_source:
            ledger.dropped += len(pending)
            pending = []
        if rec["record"] == "quote":
            pending.append(raw)
            pending_source = rec["source"]
        elif rec["record"] == "article":
            keep.extend(pending)
            keep.append(raw)
            pending = []
            ledger.done[rec.get("key") or json.dumps(rec["source"])] += 1
        else:
            ledger.dropped += len(pending) + 1
            pending = []
    ledger.dropped += len(pending) + int(torn)
    ledger.kept = len(keep)
    if ledger.dropped:
        _replace(p, b"".join(line + b"\n" for line in keep))
    return ledger


def _replace(p: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=f".{p.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _unfinished(docs: Iterator[read.Document], done: Counter, skipped: list[int]) -> Iterator[read.Document]:
    """The documents not finished yet: the n-th document of a key is done when the ledger has n of it."""
    seen: Counter = Counter()
    for d in docs:
        seen[d.key] += 1
        if seen[d.key] <= done.get(d.key, 0):
            skipped[0] += 1
            continue
        yield d


# ---- one chunk of articles (in this process or a worker) ---------------------------------------------

_STATE: dict[str, Any] = {}


class ArticleTimeout(BaseException):
    """An article took longer than ``--article-timeout`` (a BaseException, so that no ``except Exception``
    inside the extraction can swallow it)."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ArticleTimeout in this (main) thread after ``seconds``; no limit off the main thread or for 0."""
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return

    def on_alarm(signum: int, frame: Any) -> None:
        raise ArticleTimeout(f"took longer than --article-timeout {seconds:g} s; skipped")

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _analyzer() -> Any:
    if _STATE.get("fast"):
        return None
    if _STATE.get("analyzer") is None:
        from . import nlp

        _STATE["analyzer"] = nlp.Analyzer(models_dir=_STATE.get("models"), threads=_STATE.get("threads"))
    return _STATE["analyzer"]


def _one_line(e: BaseException) -> str:
    return " ".join(f"{type(e).__name__}: {e}".split()) if not isinstance(e, ArticleTimeout) else str(e)


def process(doc: read.Document) -> ArticleResult:
    """One document -> its result; every failure becomes an error result."""
    return process_many([doc])[0]


def process_many(docs: list[read.Document]) -> list[ArticleResult]:
    """Documents -> results in the same order, with one Stanza call for the chunk. A failure (or a
    timeout) in the chunk is retried article by article, so one bad article never costs the others."""
    results: list[ArticleResult | None] = [
        ArticleResult(source=d.source, error=d.error or "no text", key=d.key)
        if d.error is not None or d.text is None else None for d in docs]
    todo = [(i, d) for i, d in enumerate(docs) if results[i] is None]
    analyzer = _analyzer() if todo else None
    if len(todo) > 1:
        done = _extract_together([d for _, d in todo], analyzer)
        if done is not None and len(done) == len(todo):
            for (i, _), r in zip(todo, done, strict=True):
                results[i] = r
    for i, d in todo:
        if results[i] is None:
            results[i] = _extract_alone(d, analyzer)
    out = [r for r in results if r is not None]
    for r, d in zip(out, docs, strict=True):
        r.warnings.extend(d.warnings)
        r.key = d.key
        web.attach(r, d)  # a web page's meta and the analysed text
    return out


def _extract_together(docs: list[read.Document], analyzer: Any) -> list[ArticleResult] | None:
    """The documents' results from one call, or None when the call failed or timed out (each is then
    redone alone); no models stops the batch with one clear line."""
    from .api import extract_many
    from .errors import ModelError

    try:
        with time_limit(_STATE.get("timeout")):
            return extract_many([(d.source, d.text or "") for d in docs], fast=bool(_STATE.get("fast")),
                                nlp=analyzer)
    except ModelError:
        raise  # no models: every article would fail the same way
    except (Exception, ArticleTimeout):  # noqa: BLE001 - fall back to one article at a time
        return None


def _extract_alone(d: read.Document, analyzer: Any) -> ArticleResult:
    """One document's result, or its error record: one bad article never stops the batch."""
    from .api import extract_many
    from .errors import ModelError

    try:
        with time_limit(_STATE.get("timeout")):
            return extract_many([(d.source, d.text or "")], fast=bool(_STATE.get("fast")), nlp=analyzer)[0]
    except ModelError:
        raise
    except (Exception, ArticleTimeout) as e:
        return ArticleResult(source=d.source, error=f"{d.source}: {_one_line(e)}")


def _init_worker(fast: bool, models: str | None, threads: int | None, timeout: float | None) -> None:
    """A worker process: Ctrl-C is the parent's to handle; SIGTERM ends it; it dies with its parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()
    _STATE.update(fast=fast, models=models, threads=threads, timeout=timeout, analyzer=None)


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


# ---- results in input order, in this process or from worker processes ---------------------------------

CHUNK = 8  # articles per Stanza call (and per unit of work for a worker process)
JOIN_TIMEOUT = 10.0  # seconds a worker gets to end after the run before it is killed


def _chunks(docs: Iterator[read.Document], n: int) -> Iterator[list[read.Document]]:
    chunk: list[read.Document] = []
    for d in docs:
        chunk.append(d)
        if len(chunk) >= n:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def results(docs: Iterable[read.Document], opts: BatchOptions) -> Iterator[ArticleResult]:
    """Extract documents with the options' mode, workers and threads; results in input order (used by
    ``quotecli eval``)."""
    return _results(iter(docs), opts)


def _results(docs: Iterator[read.Document], opts: BatchOptions) -> Iterator[ArticleResult]:
    chunks = _chunks(docs, CHUNK)
    if opts.scheduler:
        from .dask import cluster_results  # Dask is imported only when a scheduler is asked for

        yield from cluster_results(chunks, opts)
        return
    if opts.workers <= 1:
        _STATE.update(fast=opts.fast, models=opts.models, threads=opts.threads, timeout=opts.article_timeout)
        _STATE.setdefault("analyzer", None)
        for chunk in chunks:
            yield from process_many(chunk)
        return
    yield from _pool_results(chunks, opts)


def _pool_results(chunks: Iterator[list[read.Document]], opts: BatchOptions) -> Iterator[ArticleResult]:
    """Chunks processed by ``opts.workers`` fresh processes, yielded in input order. A worker that dies
    (killed, out of memory) costs a restart of the pool; a chunk that kills it twice gets error records."""
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    ctx = mp.get_context("spawn")
    args = (opts.fast, opts.models, opts.threads or 1, opts.article_timeout)  # one torch thread per worker

    def new_pool() -> ProcessPoolExecutor:
        with _born_ignoring_ctrl_c():  # the queues start Python's resource tracker
            return ProcessPoolExecutor(opts.workers, mp_context=ctx, initializer=_init_worker, initargs=args)

    # a worker that dies must not kill this process through its pipe: write errors instead of SIGPIPE
    # (a closed stdout then raises BrokenPipeError, which the command handles quietly). It stays so after
    # the pool: the executor's threads and its exit handler may still write to a dead worker's pipe (a
    # SIGTERM to the whole group once ended the command with SIGPIPE, exit -13, under load)
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    pool = new_pool()
    inflight: deque[tuple[list[read.Document], Any, int]] = deque()  # (chunk, future or None, tries)

    def submit(docs: list[read.Document], tries: int) -> None:
        inflight.append((docs, _submit(pool, docs, opts.workers) if tries < 2 else None, tries))

    try:
        exhausted = False
        while True:
            while not exhausted and len(inflight) < 2 * opts.workers:
                chunk = next(chunks, None)
                exhausted = chunk is None
                if chunk is not None:
                    submit(chunk, 0)
            if not inflight:
                break
            docs, fut, tries = inflight.popleft()
            if fut is None:
                yield from _died(docs)
                continue
            try:
                if fut is _BROKEN:
                    raise BrokenProcessPool("the pool broke before this chunk was sent")
                results = _result(fut, pool)
            except BrokenProcessPool:
                retry = [(docs, tries if fut is _BROKEN else tries + 1), *((d, t) for d, _, t in inflight)]
                inflight.clear()
                _end_workers(pool, wait=False)
                pool = new_pool()
                for d, t in retry:
                    submit(d, t)
                continue
            yield from results
    finally:
        _end_workers(pool, wait=True)


_BROKEN = object()  # a chunk that could not be sent because the pool had broken


def _submit(pool: Any, docs: list[read.Document], workers: int) -> Any:
    """The chunk's future, or ``_BROKEN`` when a worker died before its failure reached a result (the
    chunk is retried). A submit starts a worker process while the pool has fewer than ``workers``; only
    then is SIGINT set aside (a Ctrl-C that comes in the instant before it is set aside is lost, so the
    instants are kept few: not one per chunk)."""
    from concurrent.futures.process import BrokenProcessPool

    starting = len(getattr(pool, "_processes", None) or {}) < workers
    try:
        with _born_ignoring_ctrl_c() if starting else nullcontext():
            return pool.submit(process_many, docs)
    except BrokenProcessPool:
        return _BROKEN


STALL_POLL = 1.0  # seconds between checks that a worker the pool still counts on is alive


def _result(fut: Any, pool: Any) -> Any:
    """``fut.result()``, but never for ever: when a worker has died and the pool has not noticed (its
    manager thread is stuck reading the dead worker's half-written result, and a live worker waits on
    the lock the dead one held), the workers are ended and the pool breaks, so the chunks are retried."""
    from concurrent.futures import TimeoutError as FutureTimeout

    dead_since: float | None = None
    while True:
        try:
            return fut.result(timeout=STALL_POLL)
        except FutureTimeout:
            pass
        procs = list((getattr(pool, "_processes", None) or {}).values())
        if getattr(pool, "_broken", False) or all(p.exitcode is None for p in procs):
            dead_since = None
            continue
        dead_since = dead_since or time.monotonic()
        if time.monotonic() - dead_since > STALL_POLL:  # a dead worker the manager has not seen: stuck
            manager, results_pipe = _executor_internals(pool)
            _kill(procs)
            _release_manager(manager, results_pipe)


@contextmanager
def _born_ignoring_ctrl_c() -> Iterator[None]:
    """Processes started inside ignore SIGINT from their first instruction (an ignored signal stays ignored
    across exec, and Python keeps it so), so a Ctrl-C to the process group while a worker is still
    starting gives no traceback from it. This process keeps SIGINT blocked meanwhile: a Ctrl-C that comes
    then is delivered when the block ends, not lost. (One that comes in the instant between the block and
    the ignoring is dropped by the kernel: use it only while a process may start.)"""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, handler)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def _died(docs: list[read.Document]) -> list[ArticleResult]:
    return [ArticleResult(source=d.source, key=d.key, error=f"{d.source}: a worker process died twice on "
                          "this part of the input; skipped") for d in docs]


def _end_workers(pool: Any, wait: bool) -> None:
    """Shut the pool down and make sure every worker process, and the executor's own thread, has ended
    (terminate, then kill)."""
    import multiprocessing as mp

    procs = list((getattr(pool, "_processes", None) or {}).values()) or mp.active_children()
    manager, results_pipe = _executor_internals(pool)  # shutdown() below forgets them
    pool.shutdown(wait=False, cancel_futures=True)
    deadline = time.monotonic() + (JOIN_TIMEOUT if wait else 0.5)
    for p in procs:
        p.join(max(0.0, deadline - time.monotonic()))
    _kill(procs)
    _release_manager(manager, results_pipe)


def _kill(procs: list[Any]) -> None:
    for p in procs:
        if p.is_alive():
            p.terminate()
            p.join(2)
        if p.is_alive():
            p.kill()
            p.join(2)


def _executor_internals(pool: Any) -> tuple[Any, Any]:
    """The executor's manager thread and the queue it reads results from (None where Python has none)."""
    return getattr(pool, "_executor_manager_thread", None), getattr(pool, "_result_queue", None)


def _release_manager(manager: Any, results_pipe: Any, wait: float = 2.0) -> None:
    """Let the executor's manager thread end once every worker is gone. A worker killed half-way through
    writing a result (SIGTERM to the group, the OOM killer) leaves that thread reading the rest of the
    message for ever: this process holds the pipe's write end too, so no end-of-file comes, and Python
    joins the thread at exit, so the command would hang after its last line. Closing our write end gives
    the read its end-of-file; the executor then marks itself broken and its thread ends."""
    if manager is None or not manager.is_alive():
        return
    manager.join(wait)
    if manager.is_alive() and results_pipe is not None:
        results_pipe._writer.close()
        manager.join(wait)


# ---- writing ---------------------------------------------------------------------------------------

class Writer:
    """Writes finished articles in the chosen format; every write error becomes an OutputError."""

    def __init__(self, fmt: str, out: TextIO, name: str, single: bool, console: Any = None) -> None:
        self.fmt, self.out, self.name, self.single, self.console = fmt, out, name, single, console
        self.n = 0
        self.csv: Any = None
        self.pages: list[ArticleResult] = []  # --format html: one page for the whole run, written at the end

    def _guard(self, action: Callable[[], None]) -> None:
        try:
            action()
            self.out.flush()
        except BrokenPipeError:
            raise
        except OSError as e:
            raise OutputError(f"cannot write {self.name}: {e.strerror or e}") from None

    def start(self) -> None:
        if self.fmt == "csv":
            self._guard(lambda: setattr(self, "csv", render.write_csv_header(self.out)))

    def _text(self, r: ArticleResult) -> str:
        if self.fmt == "json":
            s = render.article_json(r)
            return s if self.single else ("[\n" if self.n == 0 else ",\n") + s
        return "".join(line + "\n" for line in render.quote_lines(r))

    def write(self, r: ArticleResult) -> None:
        if self.fmt in ("json", "jsonl"):
            text = self._text(r)  # rendered in full before a byte is written
            self._guard(lambda: self.out.write(text))
        elif self.fmt == "csv":
            rows = render.csv_rows(r)
            self._guard(lambda: self.csv.writerows(rows))
        elif self.fmt == "html":
            self.pages.append(r)
        else:
            self._guard(lambda: render.table(r, self.console))
        self.n += 1

    def finish(self) -> None:
        if self.fmt == "json":
            end = "\n" if self.single else ("[]\n" if self.n == 0 else "\n]\n")
            self._guard(lambda: self.out.write(end))
        elif self.fmt == "html":
            from .render_html import evidence_page

            page = evidence_page(self.pages)
            self._guard(lambda: self.out.write(page))


def _open_output(opts: BatchOptions) -> TextIO:
    if not opts.output:
        return sys.stdout
    try:
        return open(opts.output, "a" if opts.resume else "w", encoding="utf-8", newline="" if opts.fmt == "csv"
                    else None)
    except OSError as e:
        raise OutputError(f"cannot write {opts.output}: {e.strerror or e}") from None


def _single(opts: BatchOptions) -> bool:
    """One JSON object (not an array) when exactly one file or stdin is named: not a directory, a glob or
    a JSON Lines corpus, whatever they hold."""
    return (len(opts.inputs) == 1 and opts.input_format in ("text", "html") and opts.fmt == "json"
            and not os.path.isdir(opts.inputs[0]) and not read.is_glob(opts.inputs[0]))


class _Signals:
    """SIGINT/SIGTERM end the run at once, except while an article is being written: then right after it,
    so the output only ever holds whole articles."""

    def __init__(self) -> None:
        self.writing = False
        self.pending = False
        self.old: dict[int, Any] = {}

    def __enter__(self) -> _Signals:
        self.old = {s: signal.signal(s, self._on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
        return self

    def __exit__(self, *exc: Any) -> None:
        for s, h in self.old.items():
            signal.signal(s, h)

    def _on_signal(self, signum: int, frame: Any) -> None:
        if self.writing:
            self.pending = True
        else:
            raise KeyboardInterrupt

    @contextmanager
    def writing_record(self) -> Iterator[None]:
        self.writing = True
        try:
            yield
        finally:
            self.writing = False
        if self.pending:
            raise KeyboardInterrupt


@dataclass
class Tally:
    articles: int = 0
    failed: int = 0
    quotes: int = 0
    skipped: int = 0


def run_batch(opts: BatchOptions, err: Callable[[str], None]) -> int:
    """Run the batch; returns the exit code (0, 1 when an input failed, 130 when interrupted)."""
    if opts.resume and (opts.output is None or opts.fmt != "jsonl"):
        raise UsageError("--resume needs --output FILE and --format jsonl")
    check_output_path(opts)
    ledger = read_ledger(opts.output) if opts.resume and opts.output else Ledger(Counter())
    skipped = [0]
    docs = _unfinished(documents(opts), ledger.done, skipped)
    out = _open_output(opts)
    writer = _writer(opts, out)
    tally = Tally()
    started = time.monotonic()
    progress = _Progress(opts.progress, _total(opts, ledger), loading=not opts.fast)
    interrupted = False
    results = _results(docs, opts)
    try:
        with _Signals() as signals:
            try:
                writer.start()
                for result in results:
                    _report(result, err, tally)
                    with signals.writing_record():
                        writer.write(result)
                    progress.advance()
                with signals.writing_record():
                    writer.finish()
            except KeyboardInterrupt:
                interrupted = True
                results.close()
                if opts.fmt == "json" and not writer.single:
                    writer.finish()  # the array of finished articles stays valid JSON
            except QuotecliError as e:
                results.close()
                if opts.fmt == "json" and not writer.single and not isinstance(e, OutputError):
                    writer.finish()
                raise
    finally:
        results.close()
        progress.close()
        if out is not sys.stdout:
            out.close()
    tally.skipped = skipped[0]
    _closing_messages(opts, err, tally, ledger, interrupted, time.monotonic() - started)
    if interrupted:
        return 130
    return 1 if tally.failed else 0


def _writer(opts: BatchOptions, out: TextIO) -> Writer:
    console = None
    if opts.fmt == "table":
        from rich.console import Console

        console = Console(file=out, highlight=False, emoji=False, markup=False)
    return Writer(opts.fmt, out, opts.output or "standard output", _single(opts), console)


def _closing_messages(opts: BatchOptions, err: Callable[[str], None], tally: Tally, ledger: Ledger,
                      interrupted: bool, seconds: float) -> None:
    """What the run says on stderr when it ends: no inputs, what --resume skipped, the summary, an
    interruption."""
    if tally.articles == 0 and not tally.skipped and not interrupted:
        err("warning: no articles in the inputs (directories are searched for .txt, .text, .md and "
            "suffix-less files)")
    if opts.resume and (tally.skipped or ledger.dropped):
        err(f"--resume: {_n(tally.skipped, 'article')} already in {opts.output}, skipped; "
            f"{_n(ledger.dropped, 'line')} of unfinished or failed articles removed, those articles redone")
    if opts.summary:
        _summary(err, tally, seconds)
    if interrupted:
        err("interrupted: every finished article was written")


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _report(result: ArticleResult, err: Callable[[str], None], tally: Tally) -> None:
    tally.articles += 1
    tally.quotes += len(result.quotes)
    if result.error is not None:
        tally.failed += 1
        src = str(result.source)
        err(result.error if src in result.error else f"{src}: {result.error}")
    for w in result.warnings:
        err(f"warning: {w}")


def _summary(err: Callable[[str], None], tally: Tally, seconds: float) -> None:
    failed = f", {tally.failed} failed" if tally.failed else ""
    skipped = f", {tally.skipped} skipped (--resume)" if tally.skipped else ""
    err(f"{_n(tally.articles, 'article')}{failed}{skipped}, {_n(tally.quotes, 'quotation')} in {seconds:.1f} s")


def _total(opts: BatchOptions, ledger: Ledger) -> int | None:
    """How many articles the progress bar expects (text inputs only: a JSONL corpus is not read twice)."""
    if not opts.progress or opts.input_format != "text":
        return None
    return max(0, sum(1 for _ in read.iter_inputs(opts.inputs)) - sum(ledger.done.values()))


class _Progress:
    """A rich progress bar on stderr: 'loading models' until the first article is done, then articles
    done, articles/s, elapsed time and ETA (when the total is known)."""

    def __init__(self, enabled: bool, total: int | None = None, loading: bool = False) -> None:
        self.p = None
        if enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                ProgressColumn,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )
            from rich.text import Text

            class Rate(ProgressColumn):
                def render(self, task):  # noqa: ANN001, ANN201 - rich's column interface
                    return Text(f"{task.speed or 0:.1f} articles/s")

            self.p = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                              Rate(), TimeElapsedColumn(), TimeRemainingColumn(), console=Console(stderr=True),
                              transient=True)
            self.p.start()
            self.task = self.p.add_task("loading models" if loading else "extracting", total=total)
            self.first = True

    def advance(self) -> None:
        if self.p is not None:
            if self.first:
                self.p.update(self.task, description="extracting")
                self.first = False
            self.p.advance(self.task)

    def close(self) -> None:
        if self.p is not None:
            self.p.stop()
