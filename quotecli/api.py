"""The library entry point: ``extract(text)`` runs the stages and returns an ``ArticleResult``.

read -> segment (paragraphs, sentences) -> spans (quotation marks) -> [nlp: Stanza entities on the
sentences that matter] -> cues (direct and reported speech) -> resolve (speakers, pronouns, canonical
names) -> ArticleResult.

Line endings: the stages read "\r\n" and a lone "\r" (old Mac files) as "\n", so that an article is
split into the same paragraphs and gives the same quotes whatever its line endings; the offsets of the
result still index the text exactly as given (``text[q.start:q.end] == q.quote``), "\r" included.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

from . import segment, spans
from .cues import CueFinder
from .groups import assign_groups
from .lexicon import Lexicon, default_lexicon
from .model import ArticleResult, Paragraph, QuoteSpan, Sentence
from .resolve import Registry, SpeakerResolver


@dataclass
class Prepared:
    """An article after the cheap, rule-based stages: what the NLP stage needs to see."""

    source: str
    text: str  #: the text analysed: the input with "\n" line endings (offsets below index it)
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    spans: list[QuoteSpan]
    #: where, in ``text``, a newline stands whose "\r" of a "\r\n" was left out (see ``to_input``)
    dropped_cr: list[int] = field(default_factory=list)

    def to_input(self, pos: int) -> int:
        """An offset into ``text`` as an offset into the input as given."""
        return pos + bisect_left(self.dropped_cr, pos) if self.dropped_cr else pos


def unify_newlines(text: str) -> tuple[str, list[int]]:
    """``text`` with "\r\n" and a lone "\r" as "\n", and the positions (in the result) of the newlines
    that lost the "\r" before them. A lone "\r" keeps its place, so only "\r\n" shifts offsets."""
    if "\r" not in text:
        return text, []
    dropped, k = [], text.find("\r\n")
    while k >= 0:
        dropped.append(k - len(dropped))
        k = text.find("\r\n", k + 2)
    return text.replace("\r\n", "\n").replace("\r", "\n"), dropped


def prepare(text: str, source: str = "<text>", lexicon: Lexicon | None = None) -> Prepared:
    """Segment the article and pair its quotation marks (line endings read as "\n")."""
    lex = lexicon or default_lexicon()
    text, dropped = unify_newlines(text)
    paras = segment.paragraphs(text, lex)
    sents = segment.sentences(text, paras)
    return Prepared(source, text, paras, sents, spans.find_spans(text, paras), dropped)


def finish(prep: Prepared, entities: Any = None, lexicon: Lexicon | None = None) -> ArticleResult:
    """Cues, speakers and resolution for a prepared article; ``entities`` is an ``nlp.EntityIndex`` (or
    None for rules only)."""
    lex = lexicon or default_lexicon()
    lookup = entities.kind_at if entities is not None else None
    finder = CueFinder(prep.text, prep.paragraphs, prep.sentences, prep.spans, lex, lookup)
    direct = finder.direct()
    indirect = finder.indirect()
    registry = Registry(prep.text, prep.paragraphs, lex, entities.spans if entities is not None else None)
    quotes, speakers = SpeakerResolver(prep.text, registry, finder.subjects(), lex).attribute(direct, indirect)
    assign_groups(prep.text, quotes)
    if prep.dropped_cr:  # offsets into the input as given (a quote, mention or cue never spans a line)
        at = prep.to_input
        for q in quotes:
            q.start, q.end = at(q.start), at(q.end)
            q.speaker_span = [at(x) for x in q.speaker_span] if q.speaker_span else q.speaker_span
            q.cue_span = [at(x) for x in q.cue_span] if q.cue_span else q.cue_span
    return ArticleResult(source=prep.source, quotes=quotes, speakers=speakers)


def extract_many(items: list[tuple[str, str]], *, fast: bool = False, nlp: Any = None,
                 lexicon: Lexicon | None = None) -> list[ArticleResult]:
    """``extract`` over several (source, text) pairs, with ONE Stanza call for all of their relevant
    sentences (batched across articles)."""
    lex = lexicon or default_lexicon()
    preps = [prepare(text, source, lex) for source, text in items]
    if fast:
        return [finish(p, None, lex) for p in preps]
    from . import nlp as nlp_mod

    analyzer = nlp or nlp_mod.default_analyzer()
    wanted = [(p.text, nlp_mod.relevant_sentences(p.text, p.sentences, p.spans, lex)) for p in preps]
    return [finish(p, ents, lex) for p, ents in zip(preps, analyzer.entities_many(wanted), strict=True)]


def extract(text: str, source: str = "<text>", *, fast: bool = False, nlp: Any = None,
            lexicon: Lexicon | None = None) -> ArticleResult:
    """Every quotation in ``text`` with its speaker.

    Args:
        text: the article, plain text, paragraphs separated by newlines.
        source: a name for the input, copied to the result.
        fast: rules only; Stanza (and torch) are not used.
        nlp: a ``quotecli.nlp.Analyzer`` to use instead of the default bundled pipeline.
        lexicon: the linguistic lists to use (default: the bundled ``quotecli/data``).

    Returns:
        An ``ArticleResult`` whose quotes carry offsets into ``text``.
    """
    return extract_many([(source, text)], fast=fast, nlp=nlp, lexicon=lexicon)[0]
