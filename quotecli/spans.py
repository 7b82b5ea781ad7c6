"""Find quoted passages: pair quotation marks, paragraph by paragraph.

Handles straight and curly double marks, „ “ and « », curly single marks (and straight single marks
at word boundaries), mismatched glyphs (a ” used to open), unbalanced marks, quotes that are reopened
at every paragraph and closed only at the last, and quotes inside quotes (a single-marked passage
inside a double-marked one stays part of the outer quote). Whether a passage is someone's words or a
scare quote, title or term is decided later, with its cue (see ``cues.py``).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

from .model import Paragraph, QuoteSpan

DOUBLE = "\"“”„‟«»"
OPEN_GLYPHS = "“„‟«"
CLOSE_GLYPHS = "”»"
SINGLE_OPEN, SINGLE_CLOSE = "‘", "’"
_DOUBLE_RE = re.compile("[" + re.escape(DOUBLE) + "]")
_SINGLE_RE = re.compile("[‘’']")
OPEN_LEFT = "([{—–-/"
CLOSE_RIGHT = ",.;:!?)]}—–-…/"


#: two single marks typed for one double mark ("‘’Saya tidak terima,’’ ujar ..."): read as “ and ”
_DOUBLED_OPEN = re.compile(r"(?:(?<=\s)|^)(?:‘’|‘‘|’’|'')(?=\w)", re.MULTILINE)
_DOUBLED_CLOSE = re.compile(r"(?<=[\w,.!?…])(?:’’|‘’|'')(?=[\s,.;:!?)]|$)", re.MULTILINE)


def unify_doubled_marks(text: str) -> str:
    """``text`` with a pair of single marks that stands for a double mark read as one double mark and
    a space, so that every offset stays where it was: "‘’Saya ...,’’ ujar" -> "“ Saya ..., ” ujar"."""
    if "‘’" not in text and "’’" not in text and "''" not in text and "‘‘" not in text:
        return text
    text = _DOUBLED_OPEN.sub("“ ", text)
    return _DOUBLED_CLOSE.sub(" ”", text)


def _role(text: str, i: int, lo: int, hi: int) -> str:
    """'open', 'close' or 'either' for the mark at text[i], from the characters around it."""
    left = text[i - 1] if i > lo else " "
    right = text[i + 1] if i + 1 < hi else " "
    opener = (left.isspace() or left in OPEN_LEFT or left in DOUBLE) and not right.isspace()
    closer = (right.isspace() or right in CLOSE_RIGHT or right in DOUBLE) and not left.isspace()
    if opener and not closer:
        return "open"
    if closer and not opener:
        return "close"
    c = text[i]
    return "open" if c in OPEN_GLYPHS else "close" if c in CLOSE_GLYPHS else "either"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _carried_quote(text: str, p: Paragraph, marks: list[int]) -> tuple[int | None, int | None, list[int]]:
    """A quote that ran on from the previous paragraph: it continues in ``p`` when ``p`` opens with a
    mark (the reopening convention, that mark then opens nothing) or, without one, when a closing mark
    comes later. (open mark -1 or None, where its words start here, the marks left to pair)."""
    lo, hi = p.start, p.end
    first_nonspace = next((i for i in range(lo, hi) if not text[i].isspace()), hi)
    if first_nonspace < hi and text[first_nonspace] in DOUBLE:
        return -1, first_nonspace + 1, [m for m in marks if m != first_nonspace]
    if any(_role(text, m, lo, hi) == "close" for m in marks):
        return -1, first_nonspace, marks
    return None, None, marks


def _double_spans(text: str, p: Paragraph, carried_open: bool) -> tuple[list[QuoteSpan], bool]:
    """Passages between double marks in paragraph ``p`` (the first one continuing a quote carried
    from the paragraph before), and whether a quote is still open at its end."""
    spans: list[QuoteSpan] = []
    lo, hi = p.start, p.end
    marks = [m.start() for m in _DOUBLE_RE.finditer(text, lo, hi)]
    open_at: int | None = None
    start_content: int | None = None
    if carried_open:
        open_at, start_content, marks = _carried_quote(text, p, marks)
    for i in marks:
        role = _role(text, i, lo, hi)
        if open_at is None:
            if role in ("open", "either"):
                open_at, start_content = i, i + 1
        elif role in ("close", "either"):
            s, e = _trimmed(text, start_content or i, i)
            if e > s:
                spans.append(QuoteSpan(s, e, open_at, i, p.index))
            open_at = start_content = None
    still_open = open_at is not None
    if still_open and start_content is not None:
        s, e = _trimmed(text, start_content, hi)
        if e > s:
            spans.append(QuoteSpan(s, e, open_at if open_at is not None else -1, -1, p.index))
        else:
            still_open = False
    return spans, still_open


def _single_spans(text: str, p: Paragraph, taken: list[QuoteSpan]) -> list[QuoteSpan]:
    """‘...’ and word-boundary '...' outside double-marked passages (mostly titles and terms)."""
    covered = _covered_by(taken)
    out: list[QuoteSpan] = []
    open_at: int | None = None
    for found in _SINGLE_RE.finditer(text, p.start, p.end):
        i = found.start()
        if covered(i):
            continue
        c = text[i]
        left = text[i - 1] if i > p.start else " "
        right = text[i + 1] if i + 1 < p.end else " "
        if open_at is None:
            if c in "‘'" and (left.isspace() or left in OPEN_LEFT) and right.isalnum():
                open_at = i
        elif (right.isspace() or right in CLOSE_RIGHT) and ((c in "’'" and left.isalnum()) or left in ".,!?"):
            s, e = _trimmed(text, open_at + 1, i)
            if e > s:
                out.append(QuoteSpan(s, e, open_at, i, p.index))
            open_at = None
    return out


def _covered_by(taken: list[QuoteSpan]) -> Callable[[int], bool]:
    """covered(i): some taken span has q.start - 1 <= i <= q.end. With the spans ordered by start, the
    candidates are a prefix and only its largest end matters: a bisection, not a scan of every span."""
    ordered = sorted(taken, key=lambda q: q.start)
    firsts = [q.start - 1 for q in ordered]
    reach: list[int] = []
    for q in ordered:
        reach.append(max(reach[-1], q.end) if reach else q.end)

    def covered(i: int) -> bool:
        k = bisect_right(firsts, i)
        return k > 0 and reach[k - 1] >= i

    return covered


def find_spans(text: str, paragraphs: list[Paragraph]) -> list[QuoteSpan]:
    """Quoted passages of the text, in order, one per paragraph of a multi-paragraph quote."""
    out: list[QuoteSpan] = []
    carried = False
    for p in paragraphs:
        if p.noise or p.title or p.end <= p.start:
            carried = carried and p.end <= p.start  # an empty line keeps a quote open; furniture ends it
            continue
        doubles, carried = _double_spans(text, p, carried)
        out.extend(doubles)
        out.extend(_single_spans(text, p, doubles))
    out.sort(key=lambda q: q.start)
    return out
