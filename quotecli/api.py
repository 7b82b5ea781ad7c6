"""The library entry point: ``extract(text)`` runs the stages and returns an ``ArticleResult``.

read -> segment (paragraphs, sentences) -> spans (quotation marks) -> [nlp: Stanza entities on the
sentences that matter] -> cues (direct and reported speech) -> resolve (speakers, pronouns, canonical
names) -> ArticleResult.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import segment, spans
from .context import add_context
from .cues import CueFinder
from .groups import assign_groups
from .lexicon import Lexicon, default_lexicon
from .model import ArticleResult, Paragraph, QuoteSpan, Sentence
from .resolve import Registry, SpeakerResolver


@dataclass
class Prepared:
    """An article after the cheap, rule-based stages: what the NLP stage needs to see."""

    source: str
    text: str
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    spans: list[QuoteSpan]


def prepare(text: str, source: str = "<text>", lexicon: Lexicon | None = None) -> Prepared:
    """Segment the article and pair its quotation marks."""
    lex = lexicon or default_lexicon()
    paras = segment.paragraphs(text, lex)
    sents = segment.sentences(text, paras)
    return Prepared(source, text, paras, sents, spans.find_spans(text, paras))


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
    add_context(prep.text, quotes, prep.sentences, prep.paragraphs)
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
