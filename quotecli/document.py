"""One document per article: the text, its paragraphs, sentences, quotation spans, word tokens and the
Stanza layers (entities; words with tag, lemma, head and relation for the sentences with a cue), made
once and read by the stages that choose speakers. Standard library only: Stanza fills ``entities`` and
``parses`` in ``quotecli.nlp``; ``--fast`` leaves them empty.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

from .model import Paragraph, QuoteSpan, Sentence
from .segment import Token, tokens


@dataclass(frozen=True)
class Word:
    """One word of a parsed sentence, with article offsets (``head`` is the 1-based index of its head in
    the sentence, 0 for the root, as in Universal Dependencies)."""

    index: int
    start: int
    end: int
    text: str
    upos: str
    lemma: str
    head: int
    deprel: str


@dataclass
class ArticleDoc:
    """An article and every layer computed for it."""

    text: str
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    spans: list[QuoteSpan]
    #: (start, end, kind) of the entities Stanza found; kind is person | organisation | location
    entities: list[tuple[int, int, str]] = field(default_factory=list)
    #: parsed sentences (by the sentence's start offset): their words, in order
    parses: dict[int, list[Word]] = field(default_factory=dict)
    _starts: list[int] = field(default_factory=list, repr=False)
    #: the body paragraphs (not the headline or site furniture), joined
    body_text: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        self._starts = [s.start for s in self.sentences]
        quoted = sorted((q.start, q.end) for q in self.spans)
        self._quote_starts = [a for a, _ in quoted]
        self._quote_reach = list(accumulate((b for _, b in quoted), max))  # furthest end so far
        self.body_text = "\n".join(self.text[p.start:p.end] for p in self.paragraphs if p.body and not p.title)

    def sentence_at(self, pos: int) -> int | None:
        """Index (into ``sentences``) of the sentence holding offset ``pos``."""
        k = bisect_right(self._starts, pos) - 1
        if k >= 0 and pos < self.sentences[k].end:
            return k
        return None

    def paragraph_at(self, pos: int) -> int:
        """Index of the paragraph whose sentence holds offset ``pos`` (-1 when none does)."""
        k = self.sentence_at(pos)
        return self.sentences[k].paragraph if k is not None else -1

    def tokens_of(self, k: int) -> list[Token]:
        s = self.sentences[k]
        return tokens(self.text, s.start, s.end)

    def inside_quote(self, pos: int) -> bool:
        """``pos`` lies between quotation marks: some span starting at or before it ends after it."""
        k = bisect_right(self._quote_starts, pos) - 1
        return k >= 0 and self._quote_reach[k] > pos

    def is_title(self, pos: int) -> bool:
        """The offset lies in the headline (or a non-body line)."""
        for p in self.paragraphs:
            if p.start <= pos < p.end:
                return p.title or not p.body
        return False

    def entity_at(self, start: int, end: int) -> str | None:
        """The kind of an entity overlapping text[start:end], if any."""
        for s, e, kind in self.entities:
            if s < end and start < e:
                return kind
        return None

    def words_at(self, start: int, end: int) -> list[Word]:
        """Parsed words overlapping text[start:end] (only in sentences that were parsed)."""
        k = self.sentence_at(start)
        if k is None:
            return []
        return [w for w in self.parses.get(self.sentences[k].start, []) if w.start < end and start < w.end]

    def parse_of(self, pos: int) -> list[Word]:
        k = self.sentence_at(pos)
        return self.parses.get(self.sentences[k].start, []) if k is not None else []
