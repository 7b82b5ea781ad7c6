"""``quotecli find`` (who really said this?) and ``quotecli speakers`` (who gets quoted).

Both read SOURCES (quotecli JSON/JSONL output, annotated articles, or articles extracted on the fly;
see ``quotecli.sources``) and give every speaker a corpus-level id (``quotecli.corpus_speakers``).
"""
from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from .errors import UsageError

if TYPE_CHECKING:
    import numpy as np

    from .corpus_speakers import CorpusSpeaker
    from .find import Hit
    from .sources import Corpus, QuoteRecord


class FindFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


class SpeakersFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class QuoteType(str, Enum):
    direct = "direct"
    mixed = "mixed"
    indirect = "indirect"


class SpeakerType(str, Enum):
    person = "person"
    organisation = "organisation"


class By(str, Enum):
    outlet = "outlet"
    month = "month"


def _err(msg: str) -> None:
    sys.stderr.write(f"quotecli: {msg}\n")
    sys.stderr.flush()


def _load(sources: list[str], fast: bool) -> tuple[Corpus, list[CorpusSpeaker]]:
    from .corpus_speakers import cluster
    from .sources import load_sources

    corpus = load_sources(sources, fast=fast, err=_err)
    if corpus.failed and not corpus.records and not corpus.articles:
        raise typer.Exit(1)
    return corpus, cluster(corpus.records)


# ---- find ---------------------------------------------------------------------------------------
def hit_dict(rank: int, hit: Hit, names: dict[str, str]) -> dict[str, Any]:
    """One search result as JSON: score, the quote, its speaker (article canonical, corpus id and
    display name, mention), where it is (source, paragraph, context) and the article's meta."""
    r = hit.record
    return {
        "rank": rank, "score": hit.score, "quote": r.quote, "type": r.type,
        "speaker": r.speaker, "speaker_id": r.speaker_id, "speaker_name": names.get(r.speaker_id or ""),
        "speaker_mention": r.speaker_mention, "source": r.source, "paragraph": r.paragraph,
        "context": r.context, "confidence": r.confidence, "meta": r.meta,
    }


def find(
    claim: str = typer.Argument(..., help="The claim to look for, in any wording."),
    sources: list[str] = typer.Argument(..., help="quotecli JSON/JSONL output (- for stdin), annotated "
                                                  "articles, articles (extracted on the fly) or directories."),
    speaker: str | None = typer.Option(None, "--speaker", "-s",
                                       help="Only quotes of this speaker (any of their names or aliases)."),
    types: list[QuoteType] | None = typer.Option(None, "--type", "-t", help="Only this quote type (repeatable)."),
    min_score: float = typer.Option(50.0, "--min-score", min=0, max=100, help="Leave out hits scoring below this."),
    top: int = typer.Option(10, "--top", "-n", min=1, help="How many hits to show."),
    fmt: FindFormat | None = typer.Option(None, "--format", "-f",
                                          help="table (default on a terminal), json (default when piped), jsonl."),
    fast: bool = typer.Option(False, "--fast", help="Articles extracted by the rules only (no Stanza)."),
) -> None:
    """Find who said CLAIM: rank every quote in SOURCES by how closely it matches (docs/find.md)."""
    from .find import QuoteIndex, normalize

    if not normalize(claim):
        raise UsageError("find: the claim has no words to match")
    corpus, speakers = _load(sources, fast)
    index = QuoteIndex(corpus.records)
    mask = _mask(corpus.records, speakers, speaker, {t.value for t in types} if types else None)
    hits = index.search(claim, top=top, mask=mask, min_score=min_score)
    names = {sp.speaker_id: sp.name for sp in speakers}
    rows = [hit_dict(i + 1, h, names) for i, h in enumerate(hits)]
    fmt = fmt or (FindFormat.table if sys.stdout.isatty() else FindFormat.json)
    if fmt == FindFormat.json:
        typer.echo(json.dumps({"claim": claim, "quotes_searched": len(index), "hits": rows}, ensure_ascii=False))
    elif fmt == FindFormat.jsonl:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
    else:
        _find_table(claim, rows, len(index))
    raise typer.Exit(1 if corpus.failed else 0)


def _mask(records: list[QuoteRecord], speakers: list[CorpusSpeaker], speaker: str | None,
          types: set[str] | None) -> np.ndarray | None:
    """Which quotes ``--speaker`` (any name or alias of a corpus speaker) and ``--type`` keep; None: all."""
    import numpy as np

    if not speaker and not types:
        return None
    ids = {sp.speaker_id for sp in speakers if sp.matches(speaker)} if speaker else None
    if speaker and not ids:
        _err(f"find: no speaker named {speaker!r} in the sources")
    return np.array([(ids is None or r.speaker_id in ids) and (types is None or r.type in types)
                     for r in records], dtype=bool)


def _find_table(claim: str, rows: list[dict[str, Any]], searched: int) -> None:
    from rich.markup import escape
    from rich.table import Table

    t = Table(title=escape(f"{claim!r}: {len(rows)} of {searched:,} quotes"), show_lines=True)
    for col in ("#", "score", "speaker", "quote / context", "type", "source"):
        t.add_column(col, overflow="fold")
    for r in rows:
        who = r["speaker_name"] or r["speaker"] or "unknown"
        if r["speaker_mention"] and r["speaker_mention"] != who:
            who += f"\n({r['speaker_mention']})"
        body = escape(r["quote"]) + (f"\n[dim]{escape(r['context'])}[/dim]" if r["context"] else "")
        where = r["source"] + "".join(f"\n{r['meta'][k]}" for k in ("outlet", "date") if r["meta"].get(k))
        if r["paragraph"] is not None:
            where += f"\n¶ {r['paragraph']}"
        t.add_row(str(r["rank"]), f"{r['score']:.1f}", escape(who), body, escape(r["type"]), escape(where))
    _console().print(t)


# ---- speakers -----------------------------------------------------------------------------------
def speaker_row(sp: CorpusSpeaker) -> dict[str, Any]:
    """One corpus speaker as JSON: counts, articles, outlets, dates, titles and names seen."""
    recs = sp.records
    dates = sorted(r.date for r in recs if r.date)
    outlets = sorted({r.outlet for r in recs if r.outlet})
    return {
        "speaker_id": sp.speaker_id, "name": sp.name, "type": sp.type, "named": not sp.local,
        "quotes": len(recs),
        "direct": sum(r.type == "direct" for r in recs), "indirect": sum(r.type == "indirect" for r in recs),
        "mixed": sum(r.type == "mixed" for r in recs),
        "articles": len({r.source for r in recs}), "outlets": outlets,
        "first_date": dates[0] if dates else None, "last_date": dates[-1] if dates else None,
        "titles": sorted({t.casefold(): t for t in sorted(sp.titles, reverse=True)}.values()),
        "names": sorted(sp.names),
    }


def breakdown(sp: CorpusSpeaker, by: str) -> list[dict[str, Any]]:
    """A speaker's quotes and articles per outlet or per month (``unknown`` where not known)."""
    groups: dict[str, list[QuoteRecord]] = {}
    for r in sp.records:
        if by == "outlet":
            key = r.outlet or "unknown"
        else:
            key = r.date[:7] if r.date and len(r.date) >= 7 and r.date[4] == "-" else "unknown"
        groups.setdefault(key, []).append(r)
    rows = [{by: k, "quotes": len(v), "articles": len({r.source for r in v})} for k, v in groups.items()]
    return sorted(rows, key=lambda x: (x[by] == "unknown", x[by]) if by == "month" else (-x["quotes"], x[by]))


def speakers(
    sources: list[str] = typer.Argument(..., help="quotecli JSON/JSONL output (- for stdin), annotated "
                                                  "articles, articles (extracted on the fly) or directories."),
    top: int | None = typer.Option(None, "--top", "-n", min=1, help="Only the N most quoted speakers."),
    kind: SpeakerType | None = typer.Option(None, "--type", "-t", help="Only people or only organisations."),
    min_quotes: int = typer.Option(1, "--min-quotes", min=1, help="Only speakers with at least this many quotes."),
    fmt: SpeakersFormat | None = typer.Option(None, "--format", "-f",
                                              help="table (default on a terminal), json (default when piped), csv."),
    by: By | None = typer.Option(None, "--by", help="Break each speaker's quotes down per outlet or per month."),
    plot: Path | None = typer.Option(None, "--plot", help="Draw a bar chart of the top speakers to this PNG file."),
    fast: bool = typer.Option(False, "--fast", help="Articles extracted by the rules only (no Stanza)."),
) -> None:
    """Who is quoted in SOURCES: per speaker (merged across articles), quotes, articles, outlets, dates."""
    if plot is not None and (plot.is_dir() or not plot.parent.exists() and str(plot.parent) != ""):
        raise UsageError(f"speakers: --plot {plot}: not a file in an existing folder")
    corpus, all_speakers = _load(sources, fast)
    chosen = [sp for sp in all_speakers if len(sp.records) >= min_quotes and (kind is None or sp.type == kind.value)]
    chosen = chosen[:top] if top else chosen
    rows = [speaker_row(sp) for sp in chosen]
    if by is not None:
        for row, sp in zip(rows, chosen, strict=True):
            row["by"] = breakdown(sp, by.value)
    _print_speakers(rows, fmt or (SpeakersFormat.table if sys.stdout.isatty() else SpeakersFormat.json),
                    by.value if by else None, len(corpus.articles))
    if plot is not None:
        _speakers_plot(rows, plot)
    raise typer.Exit(1 if corpus.failed else 0)


def _print_speakers(rows: list[dict[str, Any]], fmt: SpeakersFormat, by: str | None, articles: int) -> None:
    if fmt == SpeakersFormat.json:
        typer.echo(json.dumps(rows, ensure_ascii=False))
    elif fmt == SpeakersFormat.csv:
        _speakers_csv(rows, by)
    else:
        _speakers_table(rows, by, articles)


def _speakers_plot(rows: list[dict[str, Any]], plot: Path) -> None:
    """The bar chart of the top 20 speakers, or a one-line error and exit code 1."""
    from .plot import bar_chart

    try:
        bar_chart(rows[:20], plot)
    except ImportError:
        _err("speakers: --plot needs matplotlib (pip install 'quotecli[plot]')")
        raise typer.Exit(1) from None
    except OSError as e:
        _err(f"speakers: cannot write {plot} ({e.strerror or e})")
        raise typer.Exit(1) from None


CSV_FIELDS = ["speaker_id", "name", "type", "named", "quotes", "direct", "indirect", "mixed", "articles",
              "outlets", "first_date", "last_date", "titles", "names"]


def _speakers_csv(rows: list[dict[str, Any]], by: str | None) -> None:
    fields = CSV_FIELDS + ([by, f"{by}_quotes", f"{by}_articles"] if by else [])
    w = csv.DictWriter(sys.stdout, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for row in rows:
        flat = {k: "; ".join(v) if isinstance(v, list) else v for k, v in row.items() if k != "by"}
        for part in row.get("by", [None]) if by else [None]:
            extra = {by: part[by], f"{by}_quotes": part["quotes"], f"{by}_articles": part["articles"]} if part else {}
            w.writerow({**flat, **extra})


def _speakers_table(rows: list[dict[str, Any]], by: str | None, articles: int) -> None:
    from rich.markup import escape
    from rich.table import Table

    t = Table(title=f"{len(rows)} speakers in {articles} articles", show_lines=bool(by))
    cols = ["speaker", "type", "quotes", "direct / indirect / mixed", "articles", "outlets", "dates", "titles"]
    for c in cols + ([by] if by else []):
        t.add_column(c, overflow="fold", justify="right" if c in ("quotes", "articles") else "left")
    for r in rows:
        dates = " … ".join(dict.fromkeys(d for d in (r["first_date"], r["last_date"]) if d))
        cells = [f"{escape(r['name'])}\n[dim]{escape(r['speaker_id'])}[/dim]", "org." if r["type"] == "organisation"
                 else r["type"], str(r["quotes"]), f"{r['direct']} / {r['indirect']} / {r['mixed']}",
                 str(r["articles"]), escape(", ".join(r["outlets"][:3]) + (" …" if len(r["outlets"]) > 3 else "")),
                 dates, escape("; ".join(r["titles"][:2]))]
        if by:
            cells.append(escape("\n".join(f"{p[by]}: {p['quotes']}" for p in r["by"])))
        t.add_row(*cells)
    _console().print(t)


def _console() -> Any:
    """rich's console on stdout; 120 columns when stdout is not a terminal (a file, a pipe)."""
    from rich.console import Console

    console = Console()
    return console if console.is_terminal else Console(width=120)
