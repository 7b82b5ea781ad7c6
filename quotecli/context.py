"""The words around a quotation, for a reader who wants to check it: the sentence(s) that hold the
quote, its cue and the speaker's mention, within the quote's paragraph (``Quote.context``)."""
from __future__ import annotations

from bisect import bisect_right

from .model import Paragraph, Quote, Sentence

MAX_CONTEXT = 1200  # characters: a quotation that fills a long paragraph keeps its paragraph, cut here


def add_context(text: str, quotes: list[Quote], sentences: list[Sentence], paragraphs: list[Paragraph]) -> None:
    """Set ``context`` on every quote: the sentences around it (and its cue and speaker, when they are
    in the same paragraph), whitespace trimmed."""
    starts = [s.start for s in sentences]
    for q in quotes:
        para = paragraphs[q.paragraph] if 0 <= q.paragraph < len(paragraphs) else None
        lo, hi = q.start, q.end
        for span in (q.cue_span, q.speaker_span):
            if span and para is not None and para.start <= span[0] and span[1] <= para.end:
                lo, hi = min(lo, span[0]), max(hi, span[1])
        first = max(bisect_right(starts, lo) - 1, 0)
        a, b = lo, hi
        for s in sentences[first:]:
            if s.start >= hi:
                break
            if s.end > lo:
                a, b = min(a, s.start), max(b, s.end)
        if para is not None:
            a, b = max(a, min(para.start, lo)), min(b, max(para.end, hi))
        q.context = text[a:b].strip()[:MAX_CONTEXT]
