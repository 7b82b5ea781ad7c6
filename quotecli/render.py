"""Output: JSON, JSON Lines, CSV and a rich table. JSON is written with ensure_ascii=False."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from .model import ArticleResult

CSV_FIELDS = ["source", "quote", "type", "speaker", "speaker_type", "speaker_mention", "cue", "via",
              "start", "end", "confidence"]


def article_json(result: ArticleResult) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False)


def quote_lines(result: ArticleResult) -> Iterable[str]:
    """JSON Lines records of one article: one per quote, each with its source; one error record."""
    if result.error is not None:
        yield json.dumps({"source": result.source, "error": result.error}, ensure_ascii=False)
        return
    for q in result.quotes:
        rec: dict[str, Any] = {"source": result.source}
        rec.update(q.to_dict())
        yield json.dumps(rec, ensure_ascii=False)


def csv_rows(result: ArticleResult) -> list[dict[str, Any]]:
    if result.error is not None:
        return [{"source": result.source, "quote": "", "type": "error", "speaker": result.error}]
    return [{k: (result.source if k == "source" else getattr(q, k)) for k in CSV_FIELDS} for q in result.quotes]


def write_csv_header(out: TextIO) -> csv.DictWriter:
    w = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore")
    w.writeheader()
    return w


def table(result: ArticleResult, console: Any) -> None:
    from rich.table import Table

    if result.error is not None:
        msg = result.error if result.error.startswith(result.source) else f"{result.source}: {result.error}"
        console.print(msg, style="red", markup=False, highlight=False)
        return
    t = Table(title=result.source, show_lines=True)
    for col in ("type", "speaker", "cue", "quote", "conf."):
        t.add_column(col, overflow="fold")
    for q in result.quotes:
        t.add_row(q.type, q.speaker or "[dim]unknown[/dim]", q.cue or "", q.quote, f"{q.confidence:.2f}")
    console.print(t)
