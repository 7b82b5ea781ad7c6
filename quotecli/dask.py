"""Corpora on a Dask cluster: ``quotecli extract --scheduler ADDRESS`` and ``extract_bag`` for Dask users.

The CLI side (``cluster_results``) sends the batch's chunks of articles to a Dask distributed cluster as
tasks and yields their results in input order (or as they finish, ``--unordered``), so that the writer,
``--resume``, error records and Ctrl-C behave exactly as in a local run. ``--scheduler local:N`` starts
a LocalCluster of N worker processes with one thread each on this machine.

Each worker process loads the Stanza pipeline once: a task runs ``batch.process_many``, whose per-process
cache (``batch._STATE``) keeps the analyzer between tasks. A worker that dies has its tasks re-run
elsewhere by Dask; a chunk that kills ``distributed.scheduler.allowed-failures`` workers gets error
records; an article that fails gets its error record and the rest of its chunk is kept.

This module is imported only when Dask is asked for: ``quotecli extract`` without ``--scheduler`` never
imports it, nor Dask. Every ``import dask`` / ``import distributed`` below is absolute, so it reaches the
library, not this module.
"""
from __future__ import annotations

import logging
import os
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from . import batch, read
from .errors import QuotecliError, UsageError
from .model import ArticleResult

INSTALL_HINT = "pip install 'quotecli[dask]'"
CONNECT_TIMEOUT = 30  # seconds to reach a scheduler before giving up with one line
_LOCK = threading.Lock()  # one extraction at a time per worker process (Stanza is not thread-safe)


class ClusterError(QuotecliError):
    """The Dask cluster cannot be started or reached, or was lost during the run (exit 1)."""


@dataclass(frozen=True)
class Settings:
    """What a worker needs to know to process a chunk (sent with every task: no worker setup step)."""

    fast: bool = False
    models: str | None = None
    threads: int = 1
    timeout: float | None = None


# ---- on the workers ------------------------------------------------------------------------------------

def _configure(s: Settings) -> None:
    """Point this process's batch state at ``s``, keeping the analyzers already loaded (one per models and
    threads), so that a worker loads the Stanza pipeline once however many tasks it runs."""
    st = batch._STATE
    loaded = st.setdefault("analyzers", {})
    if st.get("analyzer") is not None:
        loaded[(st.get("models"), st.get("threads"))] = st["analyzer"]
    st.update(fast=s.fast, models=s.models, threads=s.threads, timeout=s.timeout,
              analyzer=loaded.get((s.models, s.threads)))


def run_chunk(docs: list[read.Document], settings: Settings) -> list[ArticleResult]:
    """A Dask task: documents -> their results, in order (every failure is an error result)."""
    with _LOCK:
        _configure(settings)
        return batch.process_many(docs)


def _document(item: Any, where: str, id_field: str, text_field: str) -> read.Document:
    """A bag item (a text, or a record with an id and a text) -> a Document; a bad item raises."""
    if isinstance(item, str):
        return read.Document(where, read.clean_string(item)[0], key=where)
    if not isinstance(item, dict):
        raise TypeError(f"an item must be a text or a record (a dict), not {type(item).__name__}")
    text = item.get(text_field)
    if not isinstance(text, str):
        raise TypeError(f"no string field {text_field!r}")
    source = item.get(id_field)
    if source is None:
        source = where
    elif isinstance(source, bool) or not isinstance(source, str | int | float):
        raise TypeError(f"field {id_field!r} must be a string or a number, not {type(source).__name__}")
    return read.Document(source, read.clean_string(text)[0], key=where)


def _safe_document(item: Any, where: str, id_field: str, text_field: str) -> read.Document:
    try:
        return _document(item, where, id_field, text_field)
    except Exception as e:  # noqa: BLE001 - a bad item is an error record, not a failed partition
        source = item.get(id_field, where) if isinstance(item, dict) else where
        if not isinstance(source, str | int | float) or isinstance(source, bool):
            source = where
        return read.Document(source, error=f"{source}: {type(e).__name__}: {e}", key=where)


def extract_partition(items: Iterable[Any], index: int, settings: Settings, id_field: str = "id",
                      text_field: str = "text") -> list[dict[str, Any]]:
    """One bag partition -> one result record per item, in order (see ``extract_bag``)."""
    docs = [_safe_document(x, f"{index}:{j}", id_field, text_field) for j, x in enumerate(items)]
    out: list[dict[str, Any]] = []
    for chunk in batch._chunks(iter(docs), batch.CHUNK):
        for r in run_chunk(chunk, settings):
            rec = r.to_dict()
            rec["key"] = r.key
            out.append(rec)
    return out


# ---- the library entry points ---------------------------------------------------------------------------

def extract_bag(texts: Any, *, fast: bool = False, models: str | None = None, threads: int = 1,
                id_field: str = "id", text_field: str = "text") -> Any:
    """A ``dask.bag.Bag`` of texts or records -> a Bag of result records, one per item, in order.

    Items are strings (their ``source`` is ``"PARTITION:INDEX"``) or dicts with ``id_field`` and
    ``text_field`` (a dask DataFrame with those columns is taken too). Each result record is what
    ``--format json`` prints for one article (``source``, ``schema_version``, ``quotes``, ``speakers``,
    ``warnings`` when there are some) plus ``key`` (``"PARTITION:INDEX"``); an item that cannot be read or
    whose extraction fails gives ``{"source", "error", "key"}`` and the rest of its partition is kept.
    """
    import dask
    import dask.bag as db

    bag = _as_bag(texts)
    s = Settings(fast=fast, models=str(models) if models else None, threads=threads)
    parts = [dask.delayed(extract_partition, pure=True)(p, i, s, id_field, text_field)
             for i, p in enumerate(bag.to_delayed())]
    return db.from_delayed(parts)


QUOTE_COLUMNS = {  # one row per quotation; an article without quotes has none, a failed one an error row
    "source": "object", "quote": "object", "type": "object", "speaker": "object", "speaker_type": "object",
    "speaker_mention": "object", "cue": "object", "via": "object", "start": "Int64", "end": "Int64",
    "speaker_start": "Int64", "speaker_end": "Int64", "cue_start": "Int64", "cue_end": "Int64",
    "confidence": "float64", "rule": "object", "paragraph": "Int64", "quote_group": "Int64", "error": "object",
}


def extract_frame(texts: Any, **kwargs: Any) -> Any:
    """Like ``extract_bag``, as a dask DataFrame of one row per quotation (columns ``QUOTE_COLUMNS``; a
    failed item gives one row with ``type`` "error" and its ``error``), ready for ``to_parquet``."""
    import dask
    import dask.dataframe as dd

    parts = [dask.delayed(quote_frame, pure=True)(p) for p in extract_bag(texts, **kwargs).to_delayed()]
    return dd.from_delayed(parts, meta=quote_frame([]), verify_meta=False)


def extract_records(items: Iterable[Any], *, fast: bool = False, models: str | None = None, threads: int = 1,
                    id_field: str = "id", text_field: str = "text") -> list[dict[str, Any]]:
    """Texts or records -> result records, in this process (as ``extract_bag`` does for one partition); for
    other engines' per-partition functions, e.g. Spark's ``mapInPandas`` (docs/scale.md)."""
    s = Settings(fast=fast, models=str(models) if models else None, threads=threads)
    return extract_partition(items, 0, s, id_field, text_field)


def quote_frame(records: Iterable[dict[str, Any]]) -> Any:
    """Result records -> a pandas DataFrame of one row per quotation (``QUOTE_COLUMNS``, their dtypes)."""
    rows: list[dict[str, Any]] = []
    for rec in records:
        source = str(rec["source"])
        if "error" in rec:
            rows.append({"source": source, "type": "error", "error": rec["error"]})
            continue
        for q in rec["quotes"]:
            row = {k: q.get(k) for k in QUOTE_COLUMNS if k in q}
            row["source"] = source
            row["speaker_start"], row["speaker_end"] = q.get("speaker_span") or (None, None)
            row["cue_start"], row["cue_end"] = q.get("cue_span") or (None, None)
            rows.append(row)
    import pandas as pd

    return pd.DataFrame(rows, columns=list(QUOTE_COLUMNS)).astype(QUOTE_COLUMNS)


def spark_schema() -> str:
    """``QUOTE_COLUMNS`` as a Spark DDL schema string, for ``mapInPandas(..., schema=spark_schema())``."""
    spark = {"object": "string", "Int64": "long", "float64": "double"}
    return ", ".join(f"`{name}` {spark[kind]}" for name, kind in QUOTE_COLUMNS.items())


def _as_bag(texts: Any) -> Any:
    import dask.bag as db

    if isinstance(texts, db.Bag):
        return texts
    if hasattr(texts, "to_bag"):  # a dask DataFrame: its rows as records
        return texts.to_bag(format="dict")
    raise TypeError(f"extract_bag takes a dask Bag (or DataFrame), not {type(texts).__name__}")


# ---- the CLI side: a batch's chunks on a cluster ---------------------------------------------------------

def parse_scheduler(value: str) -> int | str:
    """``local`` / ``local:N`` -> N (workers of a LocalCluster, default 2); anything else is an address."""
    if value == "local" or value.startswith("local:"):
        n = value.partition(":")[2] or "2"
        if not n.isdigit() or int(n) < 1:
            raise UsageError(f"--scheduler {value}: write local:N with N workers, 1 or more")
        return int(n)
    if not value.strip():
        raise UsageError("--scheduler needs an address (tcp://HOST:PORT) or local:N")
    return value


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise UsageError(f"--scheduler needs Dask, which is not installed: {INSTALL_HINT}") from None
    return distributed


def connect(scheduler: str) -> tuple[Any, Any]:
    """(client, cluster or None) for ``--scheduler``: a new LocalCluster for ``local:N``, else the
    scheduler at that address. Dask's own log lines are kept for errors only."""
    distributed = _distributed()
    target = parse_scheduler(scheduler)
    logging.getLogger("distributed").setLevel(logging.ERROR)
    quiet_interrupted_sync()
    try:
        if isinstance(target, int):
            return _local_cluster(distributed, target)
        return distributed.Client(target, timeout=CONNECT_TIMEOUT), None
    except (OSError, TimeoutError, ValueError) as e:
        raise ClusterError(f"cannot reach the Dask scheduler {scheduler}: {_one_line(e)}") from None


class _InterruptedSyncBug(logging.Filter):
    """Drops the one log record of a known Dask bug (distributed 2026.8, ``distributed.utils.sync``): a
    Ctrl-C that reaches the main thread before sync's coroutine has started schedules ``cancel``, which
    then reads an unset variable, and Tornado logs that NameError with its traceback. The interrupt itself
    is handled (exit 130, every finished article written); only the traceback went to the terminal."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if not isinstance(exc, NameError) or exc.__traceback__ is None:
            return True
        tb = exc.__traceback__
        while tb.tb_next is not None:
            tb = tb.tb_next
        code = tb.tb_frame.f_code
        return not (code.co_name == "cancel" and code.co_filename.endswith(os.path.join("distributed", "utils.py")))


_SYNC_FILTER = _InterruptedSyncBug()


def quiet_interrupted_sync() -> None:
    """Keep the traceback of Dask's interrupted-``sync`` bug off stderr (Tornado logs callback errors on
    ``tornado.application``); every other error of that logger still shows."""
    logging.getLogger("tornado.application").addFilter(_SYNC_FILTER)  # a no-op when already there


def _local_cluster(distributed: Any, n: int) -> tuple[Any, Any]:
    import dask

    from ._dask_worker import IgnoreInterrupts

    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # inherited by the worker processes
    # Dask starts workers with MALLOC_TRIM_THRESHOLD_=65536: glibc then hands memory back after nearly every
    # free, which made extraction take 1.4x the CPU time here (system time: 1.2 s against 0.05 s for 64
    # articles). quotecli's workers keep a steady few hundred MB; they run with glibc's default, as --workers.
    environ = dask.config.get("distributed.nanny.pre-spawn-environ", default={}) or {}
    dask.config.set({"distributed.nanny.pre-spawn-environ":
                     {k: v for k, v in environ.items() if k != "MALLOC_TRIM_THRESHOLD_"}})
    try:
        cluster = distributed.LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                                           silence_logs=logging.ERROR, plugins={IgnoreInterrupts()})
    except (RuntimeError, OSError, TimeoutError) as e:
        raise ClusterError(f"cannot start a local Dask cluster of {n} workers: {_one_line(e)}") from None
    return distributed.Client(cluster), cluster


def _one_line(e: BaseException) -> str:
    return " ".join(f"{type(e).__name__}: {e}".split())


def _slots(client: Any) -> int:
    try:
        return max(1, sum(client.nthreads().values()))
    except Exception:  # noqa: BLE001 - a count for the window only
        return 1


def cluster_results(chunks: Iterator[list[read.Document]], opts: batch.BatchOptions) -> Iterator[ArticleResult]:
    """The results of ``chunks`` computed on the Dask cluster ``opts.scheduler``: in input order, or as they
    finish with ``opts.unordered``. At most a few chunks per worker thread are in flight."""
    settings = Settings(fast=opts.fast, models=opts.models, threads=opts.threads or 1,
                        timeout=opts.article_timeout)
    # a worker connection that breaks must not kill this process with SIGPIPE (cli.main restores the default)
    old_sigpipe = signal.signal(signal.SIGPIPE, signal.SIG_IGN) if hasattr(signal, "SIGPIPE") else None
    client, cluster = connect(opts.scheduler or "local")
    try:
        window = 4 * _slots(client) + 2
        run = _as_finished if opts.unordered else _in_order
        yield from run(client, chunks, settings, window)
    finally:
        _close(client, cluster)
        if old_sigpipe is not None:
            signal.signal(signal.SIGPIPE, old_sigpipe)


def _submit(client: Any, docs: list[read.Document], settings: Settings) -> Any:
    return client.submit(run_chunk, docs, settings, pure=False)


def _in_order(client: Any, chunks: Iterator[list[read.Document]], settings: Settings,
              window: int) -> Iterator[ArticleResult]:
    inflight: deque[tuple[list[read.Document], Any]] = deque()
    exhausted = False
    while True:
        while not exhausted and len(inflight) < window:
            chunk = next(chunks, None)
            exhausted = chunk is None
            if chunk is not None:
                inflight.append((chunk, _submit(client, chunk, settings)))
        if not inflight:
            return
        docs, fut = inflight.popleft()
        yield from _outcome(docs, fut)


def _as_finished(client: Any, chunks: Iterator[list[read.Document]], settings: Settings,
                 window: int) -> Iterator[ArticleResult]:
    from distributed import as_completed

    docs_of: dict[str, list[read.Document]] = {}
    done = as_completed()
    for chunk in _take(chunks, window):
        fut = _submit(client, chunk, settings)
        docs_of[fut.key] = chunk
        done.add(fut)
    for fut in done:
        docs = docs_of.pop(fut.key)
        for chunk in _take(chunks, 1):
            nxt = _submit(client, chunk, settings)
            docs_of[nxt.key] = chunk
            done.add(nxt)
        yield from _outcome(docs, fut)


def _take(chunks: Iterator[list[read.Document]], n: int) -> Iterator[list[read.Document]]:
    for _ in range(n):
        chunk = next(chunks, None)
        if chunk is None:
            return
        yield chunk


def _outcome(docs: list[read.Document], fut: Any) -> list[ArticleResult]:
    """A finished task's results; error records when the chunk kept killing workers; a lost cluster or a
    missing model stops the run with one line."""
    from distributed import KilledWorker

    try:
        return fut.result()
    except KilledWorker:
        return [ArticleResult(source=d.source, key=d.key, error=f"{d.source}: Dask workers died on this part of "
                              "the input again and again; skipped") for d in docs]
    except QuotecliError:
        raise
    except Exception as e:  # noqa: BLE001 - the cluster is gone or broken: stop with one line
        raise ClusterError(f"the Dask cluster failed: {_one_line(e)}") from None


def _close(client: Any, cluster: Any) -> None:
    """Close the client, and the LocalCluster when this run started it. Its worker processes hold nothing
    once the run is over (every result is written, or the run was interrupted), so they are ended at once
    rather than left to unload torch and Stanza gracefully (seconds of a short run)."""
    for thing in (client, cluster):
        if thing is None:
            continue
        if thing is cluster:
            _end_local_workers(cluster)
        try:
            thing.close()
        except Exception:  # noqa: BLE001 - closing after a failure: nothing more to report
            pass


def _end_local_workers(cluster: Any) -> None:
    for nanny in list(getattr(cluster, "workers", {}).values()):
        pid = getattr(getattr(getattr(nanny, "process", None), "process", None), "pid", None)
        if pid:
            try:
                os.kill(pid, signal.SIGTERM)
            except OSError:  # already gone
                pass
