"""Output: JSON, JSON Lines, CSV and a rich table. JSON is written with ensure_ascii=False.

JSON Lines has three record types, told apart by ``record``: ``quote`` (one per quotation), then
``article`` (one per finished article, after its quotes, also when it has none) or ``error`` (one per
failed input). An ``article`` record is what ``--resume`` counts as done.

Text from the article never reaches a terminal or a spreadsheet as instructions: the table strips
control characters and prints markup literally; CSV cells that a spreadsheet would run as a formula
(``=``, ``+``, ``-``, ``@``, tab, CR first) get a leading apostrophe, as OWASP recommends.
"""
from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from typing import Any, TextIO

from .model import SCHEMA_VERSION, ArticleResult

CSV_FIELDS = ["source", "quote", "type", "speaker", "speaker_type", "speaker_mention", "cue", "via",
              "start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end", "confidence", "rule",
              "paragraph", "quote_group", "context", "error"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


#: ``json.dumps(x, ensure_ascii=False)`` without building an encoder for every record (the same text)
_dumps = json.JSONEncoder(ensure_ascii=False).encode


def article_json(result: ArticleResult) -> str:
    return _dumps(result.to_dict())


def quote_lines(result: ArticleResult) -> Iterable[str]:
    """JSON Lines records of one article: its quotes, then one ``article`` record; or one ``error`` record."""
    if result.error is not None:
        yield _dumps({"source": result.source, "record": "error", "error": result.error})
        return
    for q in result.quotes:
        rec: dict[str, Any] = {"source": result.source, "record": "quote"}
        rec.update(q.to_dict())
        yield _dumps(rec)
    yield _dumps(article_record(result))


def article_record(result: ArticleResult) -> dict[str, Any]:
    """The JSON Lines record that closes an article: its counts and speakers (no quotes: they precede it)."""
    rec: dict[str, Any] = {"source": result.source, "record": "article", "schema_version": SCHEMA_VERSION,
                           "quote_count": len(result.quotes), "speakers": [s.to_dict() for s in result.speakers]}
    if result.key:
        rec["key"] = result.key
    if result.warnings:
        rec["warnings"] = list(result.warnings)
    return rec


def csv_safe(value: Any) -> Any:
    """A cell a spreadsheet shows as text: a leading formula character is escaped with an apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_rows(result: ArticleResult) -> list[dict[str, Any]]:
    if result.error is not None:
        return [{"source": csv_safe(str(result.source)), "type": "error", "error": csv_safe(result.error)}]
    rows = []
    for q in result.quotes:
        row: dict[str, Any] = {k: getattr(q, k) for k in CSV_FIELDS if hasattr(q, k)}
        row["source"] = result.source
        row["speaker_start"], row["speaker_end"] = q.speaker_span or ("", "")
        row["cue_start"], row["cue_end"] = q.cue_span or ("", "")
        rows.append({k: csv_safe(v) for k, v in row.items()})
    return rows


def write_csv_header(out: TextIO) -> csv.DictWriter:
    w = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore")
    w.writeheader()
    return w


def plain(s: Any) -> str:
    """Text safe for a terminal: control characters (escape sequences, bidi overrides) removed."""
    return _CONTROL.sub("", str(s)).replace("\n", " ")


def table(result: ArticleResult, console: Any) -> None:
    """One article as a rich table (every cell is literal text), then who was quoted how often."""
    from rich.table import Table
    from rich.text import Text

    source = plain(result.source)
    if result.error is not None:
        msg = plain(result.error)
        console.print(Text(msg if msg.startswith(source) else f"{source}: {msg}", style="red"))
        return
    if not result.quotes:
        console.print(Text(f"{source}: no quotations found", style="dim"))
        return
    t = Table(title=Text(source), show_lines=True)
    for col in ("¶", "type", "speaker", "cue", "quote", "conf."):
        t.add_column(col, overflow="fold")
    for q in result.quotes:
        speaker = Text(plain(q.speaker)) if q.speaker else Text("unknown", style="dim")
        t.add_row(str(q.paragraph), q.type, speaker, Text(plain(q.cue or "")), Text(plain(q.quote)),
                  f"{q.confidence:.2f}")
    console.print(t)
    counts = ", ".join(f"{plain(s.name)} ({s.quote_count})" for s in result.speakers)
    console.print(Text(f"{len(result.quotes)} quotations; speakers: {counts or 'none named'}"))
