"""``quotecli eval GOLD...``: how well quotecli does on annotated articles (docs/evaluation.md).

Runs the extraction in-process on each gold article's text (or reads ready predictions with ``--pred``)
and prints detection, speaker and end-to-end figures per class; the scoring is ``quotecli.evaluate``.
"""
from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .errors import QuotecliError, UsageError
from .evaluate import Figures, GoldArticle, Prediction, PredQuote, Report, load_golds, read_predictions, score


class Format(str, Enum):
    table = "table"
    json = "json"


CLASS_LABELS = {"direct": "direct+mixed", "indirect": "indirect", "all": "all"}


def _err(msg: str) -> None:
    sys.stderr.write(f"quotecli: {msg}\n")
    sys.stderr.flush()


def eval_command(
    gold: Annotated[list[str], typer.Argument(
        metavar="GOLD...", help="Gold files or folders of them (*.json, see docs/evaluation.md).")],
    pred: Annotated[str | None, typer.Option(
        "--pred", help="Score these predictions instead of running quotecli: a folder of <id>.json, or one "
        "JSON / JSON Lines file of quotecli's output whose 'source' names the gold id.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table or json.")] = Format.table,
    verbose: Annotated[bool, typer.Option("--verbose", "-v",
                                          help="List every miss, wrong speaker and extra with its file.")] = False,
    fast: Annotated[bool, typer.Option("--fast", help="Rules only: no Stanza, no torch.")] = False,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1,
                                         help="Worker processes (each loads Stanza once).")] = 1,
    threads: Annotated[int | None, typer.Option("--threads", help="Torch threads per process.")] = None,
    models: Annotated[Path | None, typer.Option("--models", help="Directory of Stanza models to use.",
                                                envvar="QUOTECLI_MODELS")] = None,
    save_pred: Annotated[Path | None, typer.Option(
        "--save-pred", help="Also write each article's output to DIR/<id>.json (to rescore with --pred).")] = None,
    progress: Annotated[bool | None, typer.Option(
        "--progress/--no-progress", help="Progress bar on stderr (default: when stderr is a terminal).")] = None,
) -> None:
    """Score quotecli against GOLD annotations: detection, speaker and end-to-end precision, recall and F1
    for direct (with mixed) and indirect quotes. Exit 0, 1 when some articles had no prediction, 2 when
    a gold or prediction file cannot be read."""
    try:
        if pred is not None and (fast or workers > 1 or save_pred is not None):
            raise UsageError("--fast, --workers and --save-pred run quotecli; with --pred nothing is run")
        golds = load_golds(gold)
        if pred is not None:
            report = score(golds, read_predictions(pred, golds))
            mode = f"predictions from {pred}"
        else:
            show = sys.stderr.isatty() if progress is None else progress
            t0 = time.perf_counter()
            preds = dict(_predict(golds, fast=fast, workers=workers, threads=threads,
                                  models=str(models) if models else None, save=save_pred, progress=show))
            report = score(golds, preds, seconds=time.perf_counter() - t0)
            mode = "--fast (rules only)" if fast else "full (Stanza + rules)"
    except QuotecliError as e:
        _err(f"eval: {e}")
        raise typer.Exit(e.exit_code) from None
    for msg in report.errors:
        _err(f"eval: {msg}")
    if fmt is Format.json:
        out = report.to_dict(findings=verbose)
        out["mode"] = "predictions" if pred is not None else ("fast" if fast else "full")
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        if verbose:
            for f in report.findings:
                typer.echo(f.line())
        print_table(report, mode)
    raise typer.Exit(1 if report.errors else 0)


def _predict(golds: list[GoldArticle], *, fast: bool, workers: int, threads: int | None, models: str | None,
             save: Path | None, progress: bool) -> Iterator[tuple[str, Prediction]]:
    """Run quotecli on every gold text (the batch machinery: chunks, workers, one Stanza load per
    process) and yield (gold id, prediction) in order."""
    from . import render
    from .batch import BatchOptions, _Progress, results
    from .read import Document

    if save is not None:
        save.mkdir(parents=True, exist_ok=True)
    opts = BatchOptions(inputs=[], fast=fast, models=models, workers=workers, threads=threads)
    bar = _Progress(progress, len(golds))
    try:
        docs = (Document(g.id, g.text) for g in golds)
        for g, r in zip(golds, results(docs, opts), strict=True):
            if save is not None:
                (save / f"{g.id}.json").write_text(render.article_json(r) + "\n", encoding="utf-8")
            if r.error is not None:
                yield g.id, Prediction(error=r.error)
            else:
                yield g.id, Prediction([PredQuote(q.quote, q.type, q.speaker) for q in r.quotes])
            bar.advance()
    finally:
        bar.close()


def _row(label: str, figs: dict[str, Figures], value: Callable[[Figures], str]) -> list[str]:
    return [label, *(value(figs[k]) for k in CLASS_LABELS)]


def print_table(report: Report, mode: str) -> None:
    """The figures as a rich table: one column per class, one row per figure."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    figs = report.figures()
    table = Table(title=Text(f"quotecli eval: {mode}"), title_justify="left")
    table.add_column("")
    for label in CLASS_LABELS.values():
        table.add_column(label, justify="right")
    rows: list[tuple[str, Callable[[Figures], str]]] = [
        ("gold quotes", lambda f: str(f.gold)),
        ("predicted", lambda f: str(f.pred)),
        ("detection P / R / F1", lambda f: f"{f.detect_p:.3f} / {f.detect_r:.3f} / {f.detect_f1:.3f}"),
        ("speaker accuracy", lambda f: f"{f.speaker_acc:.3f}"),
        ("canonical-name accuracy", lambda f: f"{f.canonical_acc:.3f}"),
        ("end-to-end P / R / F1", lambda f: f"{f.e2e_p:.3f} / {f.e2e_r:.3f} / {f.e2e_f1:.3f}"),
        ("strict (0.8) P / R / F1",
         lambda f: f"{f.strict_e2e_p:.3f} / {f.strict_e2e_r:.3f} / {f.strict_e2e_f1:.3f}"),
    ]
    for label, value in rows:
        table.add_row(*(Text(cell) for cell in _row(label, figs, value)))
    console = Console(width=None if sys.stdout.isatty() else 100, highlight=False)
    console.print(table)
    console.print(f"all end-to-end F1 {figs['all'].e2e_f1:.3f}  files {report.files}  errors {len(report.errors)}  "
                  f"seconds {report.seconds:.1f}", markup=False)
