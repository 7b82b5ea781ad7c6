"""Pieces of one quotation: a shared ``quote_group`` for the parts of a quotation that its cue interrupts
(``"A," kata X, "B."``) or that runs on over paragraphs (a paragraph that opens with a quotation mark
continuing the quotation left open at the end of the one before). Every quote gets a group number,
0-based in text order; a quotation in one piece has a group of its own, so ``group_by(.quote_group)``
joins the pieces.

Also: which quotes count for a speaker's ``quote_count`` (a quoted fragment inside that speaker's
reported speech is part of it, not a second quotation).
"""
from __future__ import annotations

from bisect import bisect_right

from .model import Quote

_OPEN_OR_CLOSE = "\"'“”„‟«»‹›‘’‚"


def _continues(text: str, a: Quote, b: Quote) -> bool:
    """``b`` carries on ``a``: same speaker, both direct, and between them either the cue they share or
    only the end of a paragraph left open and the mark that reopens the next one."""
    if a.type != "direct" or b.type != "direct" or a.speaker != b.speaker:
        return False
    if a.cue_span is not None and a.cue_span == b.cue_span:
        return True
    gap = text[a.end:b.start]
    if "\n" not in gap:
        return False
    before, _, after = gap.partition("\n")
    return before.strip() == "" and after.strip(" \t\r\n" + _OPEN_OR_CLOSE) == "" and any(
        c in _OPEN_OR_CLOSE for c in after)


def assign_groups(text: str, quotes: list[Quote]) -> None:
    """Set ``quote_group`` on every quote (in text order)."""
    group = -1
    previous: Quote | None = None
    for q in sorted(quotes, key=lambda q: q.start):
        if previous is None or not _continues(text, previous, q):
            group += 1
        q.quote_group = group
        previous = q


def counted(quotes: list[Quote]) -> list[Quote]:
    """The quotes that count for their speaker: a ``mixed`` fragment inside a quote of the same speaker
    is part of that quote."""
    hosts = sorted((q.start, q.end, q.speaker) for q in quotes if q.type != "mixed")
    starts = [h[0] for h in hosts]
    out = []
    for q in quotes:
        if q.type == "mixed":
            k = bisect_right(starts, q.start) - 1
            if k >= 0 and hosts[k][1] >= q.end and hosts[k][2] == q.speaker:
                continue
        out.append(q)
    return out
