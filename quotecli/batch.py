"""Batch runs: many inputs in, a stream of results out, in input order.

Each article is written whole (and flushed) as soon as it is done, so an interrupted run leaves a
valid file of finished articles; ``--resume`` skips the sources already in ``--output``. With
``--workers N`` a pool of processes each loads the Stanza pipeline once.
"""
from __future__ import annotations

import json
import signal
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from . import read, render, web
from .model import ArticleResult


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
    html_field: str | None = None  # JSONL corpus: the field holding each article's HTML page
    with_text: bool = False  # add the analysed text to each result (always on for web pages)
    timeout: float = 20.0  # URL inputs: seconds to wait for the server


def documents(opts: BatchOptions) -> Iterator[read.Document]:
    for path in read.expand_paths(opts.inputs):
        pages = web.documents(path, opts)  # URLs, HTML files, --input-format html, --html-field
        if pages is not None:
            yield from pages
        elif opts.input_format == "jsonl":
            yield from web.keep_text(read.read_jsonl(path, opts.id_field, opts.text_field, opts.max_chars), opts)
        else:
            yield from web.keep_text([read.read_text(path, opts.max_chars)], opts)


# ---- per-process worker state ------------------------------------------------------------------
_STATE: dict[str, Any] = {}


def _init_worker(fast: bool, models: str | None, threads: int | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's handler only sets a flag: Pool.terminate() hung
    _STATE.update(fast=fast, models=models, threads=threads, analyzer=None)


def process(doc: read.Document) -> ArticleResult:
    """One document -> its result; every failure becomes an error result."""
    return process_many([doc])[0]


def process_many(docs: list[read.Document]) -> list[ArticleResult]:
    """Documents -> results in the same order, with one Stanza call for the chunk. A failure in the
    chunk is retried article by article, so one bad article never costs the others."""
    from .api import extract_many
    from .errors import ModelError

    results: list[ArticleResult | None] = [
        ArticleResult(source=d.source, error=d.error or "no text") if d.error is not None or d.text is None else None
        for d in docs]
    todo = [(i, d) for i, d in enumerate(docs) if results[i] is None]
    analyzer = None
    if not _STATE.get("fast") and todo:
        if _STATE.get("analyzer") is None:
            from . import nlp

            _STATE["analyzer"] = nlp.Analyzer(models_dir=_STATE.get("models"), threads=_STATE.get("threads"))
        analyzer = _STATE["analyzer"]
    fast = bool(_STATE.get("fast"))
    groups = [todo] if len(todo) > 1 else []
    try:
        for group in groups:
            done = extract_many([(d.source, d.text or "") for _, d in group], fast=fast, nlp=analyzer)
            for (i, _), r in zip(group, done, strict=True):
                results[i] = r
    except ModelError:
        raise  # no models: every article would fail the same way; stop with one clear line
    except Exception:  # noqa: BLE001 - fall back to one article at a time below
        pass
    for i, d in todo:
        if results[i] is None:
            try:
                results[i] = extract_many([(d.source, d.text or "")], fast=fast, nlp=analyzer)[0]
            except ModelError:
                raise
            except Exception as e:  # one bad article never stops the batch
                results[i] = ArticleResult(source=d.source, error=f"{type(e).__name__}: {e}")
    out = [r for r in results if r is not None]
    for r, d in zip(out, docs, strict=True):
        r.warnings.extend(d.warnings)
        web.attach(r, d)  # a web page's meta and the analysed text
    return out


class Writer:
    def __init__(self, fmt: str, out: TextIO, console: Any = None) -> None:
        self.fmt, self.out, self.console = fmt, out, console
        self.n = 0
        self.csv = None
        self.pages: list[ArticleResult] = []  # --format html: one page for the whole run, written at the end

    def start(self) -> None:
        if self.fmt == "csv":
            self.csv = render.write_csv_header(self.out)

    def write(self, r: ArticleResult, single: bool) -> None:
        if self.fmt == "json":
            s = render.article_json(r)
            self.out.write(s if single else ("[\n" if self.n == 0 else ",\n") + s)
        elif self.fmt == "jsonl":
            for line in render.quote_lines(r):
                self.out.write(line + "\n")
        elif self.fmt == "csv":
            assert self.csv is not None
            self.csv.writerows(render.csv_rows(r))
        elif self.fmt == "html":
            self.pages.append(r)
        else:
            render.table(r, self.console)
        self.n += 1
        self.out.flush()

    def finish(self, single: bool) -> None:
        if self.fmt == "json":
            if single:
                self.out.write("\n")
            else:
                self.out.write("[]\n" if self.n == 0 else "\n]\n")
        elif self.fmt == "html":
            from .render_html import evidence_page

            self.out.write(evidence_page(self.pages))
        self.out.flush()


def done_sources(path: str) -> set[str]:
    """Sources already in a JSON Lines output (for --resume); a torn last line is ignored."""
    seen: set[str] = set()
    p = Path(path)
    if not p.exists():
        return seen
    for line in p.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(rec, dict) and "source" in rec:
            seen.add(str(rec["source"]))
    return seen


def run_batch(opts: BatchOptions, err: Callable[[str], None]) -> int:
    from .errors import UsageError

    if opts.resume and (opts.output is None or opts.fmt != "jsonl"):
        raise UsageError("--resume needs --output FILE and --format jsonl")
    if opts.output and Path(opts.output).is_dir():
        raise UsageError(f"--output {opts.output} is a directory; give a file name")
    skip = done_sources(opts.output) if opts.resume and opts.output else set()
    if opts.resume and opts.output:
        _truncate_torn_line(opts.output)
    out: TextIO = open(opts.output, "a" if opts.resume else "w", encoding="utf-8") if opts.output else sys.stdout
    console = None
    if opts.fmt == "table":
        from rich.console import Console

        console = Console(file=out)
    writer = Writer(opts.fmt, out, console)
    first = opts.inputs[0] if opts.inputs else ""
    single = len(opts.inputs) == 1 and opts.input_format in ("text", "html") and opts.fmt == "json" and \
        not Path(first).is_dir() and (web.is_url(first) or not any(c in first for c in "*?["))
    docs: Iterator[read.Document] = (d for d in documents(opts) if d.source not in skip)
    stop = {"flag": False}

    def on_signal(signum: int, frame: Any) -> None:
        stop["flag"] = True

    old = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    failed = 0
    writer.start()
    total = None
    if opts.progress and opts.input_format == "text":
        total = sum(1 for p in read.expand_paths(opts.inputs) if p not in skip)
    progress = _Progress(opts.progress, total)
    completed = False
    try:
        for result in _results(docs, opts):
            if result.error is not None:
                failed += 1
                err(result.error if result.source in result.error else f"{result.source}: {result.error}")
            for w in result.warnings:
                err(f"warning: {w}")
            writer.write(result, single)
            progress.advance()
            if stop["flag"]:
                break
        completed = True
    finally:
        progress.close()
        for s, h in old.items():
            signal.signal(s, h)
        if completed and not stop["flag"]:
            writer.finish(single)
        elif opts.fmt == "json" and not single:
            writer.out.write("\n]\n" if writer.n else "[]\n")
            writer.out.flush()
        if out is not sys.stdout:
            out.close()
    if stop["flag"]:
        err("interrupted: every finished article was written")
        return 130
    return 1 if failed else 0


def _truncate_torn_line(path: str) -> None:
    p = Path(path)
    if not p.exists():
        return
    data = p.read_bytes()
    if data and not data.endswith(b"\n"):
        p.write_bytes(data[: data.rfind(b"\n") + 1])


def _results(docs: Iterator[read.Document], opts: BatchOptions) -> Iterator[ArticleResult]:
    chunks = _chunks(docs, CHUNK)
    if opts.workers <= 1:
        _init_worker_inline(opts)
        for chunk in chunks:
            yield from process_many(chunk)
        return
    import multiprocessing as mp

    ctx = mp.get_context("spawn" if sys.platform == "darwin" else "fork")
    threads = opts.threads or 1  # one torch thread per worker process (see nlp.Analyzer)
    with ctx.Pool(opts.workers, initializer=_init_worker, initargs=(opts.fast, opts.models, threads)) as pool:
        for results in pool.imap(process_many, chunks):
            yield from results


CHUNK = 8  # articles per Stanza call (and per unit of work for a worker process)


def _chunks(docs: Iterator[read.Document], n: int) -> Iterator[list[read.Document]]:
    chunk: list[read.Document] = []
    for d in docs:
        chunk.append(d)
        if len(chunk) >= n:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _init_worker_inline(opts: BatchOptions) -> None:
    _STATE.update(fast=opts.fast, models=opts.models, threads=opts.threads)
    _STATE.setdefault("analyzer", None)


class _Progress:
    """A rich progress bar on stderr: articles done, articles/s, elapsed time and ETA (when the total is
    known: plain file inputs are counted up front, JSONL corpora are not)."""

    def __init__(self, enabled: bool, total: int | None = None) -> None:
        self.p = None
        if enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                ProgressColumn,
                SpinnerColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )
            from rich.text import Text

            class Rate(ProgressColumn):
                def render(self, task):  # noqa: ANN001, ANN201 - rich's column interface
                    return Text(f"{task.speed or 0:.1f} articles/s")

            self.p = Progress(SpinnerColumn(), BarColumn(), MofNCompleteColumn(), Rate(), TimeElapsedColumn(),
                              TimeRemainingColumn(), console=Console(stderr=True), transient=True)
            self.p.start()
            self.task = self.p.add_task("extract", total=total)

    def advance(self) -> None:
        if self.p is not None:
            self.p.advance(self.task)

    def close(self) -> None:
        if self.p is not None:
            self.p.stop()
