"""The library entry point: ``extract(text)`` runs the stages and returns an ``ArticleResult``.

read -> segment (paragraphs, sentences) -> spans (quotation marks) -> [nlp: Stanza entities on the
sentences that matter] -> cues (direct and reported speech) -> resolve (the rules' speakers, pronouns,
canonical names) -> [nlp: parse of the sentences with a cue] -> candidates (every proposed speaker, with
its evidence) -> choose (the fitted choice and its probability) -> ArticleResult.

Line endings: the stages read "\r\n" and a lone "\r" (old Mac files) as "\n", so that an article is
split into the same paragraphs and gives the same quotes whatever its line endings; the offsets of the
result still index the text exactly as given (``text[q.start:q.end] == q.quote``), "\r" included.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

from . import candidates, choose, confidence, fullnames, segment, spans, titlechain
from .context import add_context
from .cues import CueFinder
from .document import ArticleDoc
from .groups import assign_groups
from .lexicon import Lexicon, default_lexicon
from .model import ArticleResult, Paragraph, Quote, QuoteSpan, Sentence, Speaker
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
    #: the input with "\n" line endings, when ``text`` reads some of its marks otherwise (two single marks
    #: typed for one double mark, ``spans.unify_doubled_marks``): what quotes and contexts are cut from
    shown: str | None = None

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
    shown, dropped = unify_newlines(text)
    text = spans.unify_doubled_marks(shown)
    paras = segment.paragraphs(text, lex)
    sents = segment.sentences(text, paras)
    return Prepared(source, text, paras, sents, spans.find_spans(text, paras), dropped,
                    shown if text != shown else None)


#: the fitted choice reconsiders speakers in articles up to this many characters (news articles are a few
#: thousand; the corpus it was fitted on averages 1.7 KB); longer inputs keep the rules' speakers, so that
#: time stays linear in the size of the input (tests/test_scaling.py)
CHOICE_MAX_CHARS = 100_000


@dataclass
class Attributed:
    """An article after the rules: its document, the rules' quotes and speakers, and its names."""

    prep: Prepared
    doc: ArticleDoc
    quotes: list[Quote]
    speakers: list[Speaker]
    registry: Registry


def attribute(prep: Prepared, entities: Any = None, lexicon: Lexicon | None = None) -> Attributed:
    """The rules' quotes and speakers; ``entities`` is an ``nlp.EntityIndex`` (or None for rules only)."""
    lex = lexicon or default_lexicon()
    lookup = entities.kind_at if entities is not None else None
    finder = CueFinder(prep.text, prep.paragraphs, prep.sentences, prep.spans, lex, lookup)
    direct = finder.direct()
    indirect = finder.indirect()
    registry = Registry(prep.text, prep.paragraphs, lex)
    quotes, speakers = SpeakerResolver(prep.text, registry, finder.subjects(), lex).attribute(direct, indirect)
    doc = ArticleDoc(prep.text, prep.paragraphs, prep.sentences, prep.spans,
                     entities=list(entities.spans) if entities is not None else [])
    return Attributed(prep, doc, quotes, speakers, registry)


def reconsidered(att: Attributed, model: dict[str, Any], lexicon: Lexicon | None = None) -> set[int] | None:
    """Indices of the quotes whose speaker the fitted choice reconsiders (None: all of them): with a
    gate, only those whose rules' speaker is doubtful (none, or beginning with a function word or a verb)."""
    if len(att.prep.text) > CHOICE_MAX_CHARS:
        return set()  # the candidate search reads each quote's sentence and paragraph: not for a dump
    gate = model.get("gate")
    if not gate:
        return None
    lex = lexicon or default_lexicon()
    return {i for i, q in enumerate(att.quotes)
            if candidates.doubtful(q, lex, gate, candidates.previous_speaker(att.quotes, i))}


def cue_sentences(att: Attributed, only: set[int] | None = None) -> list[tuple[int, int]]:
    """(start, end) of the sentences holding the cue of a quote (of the quotes in ``only``): the ones
    the parser reads."""
    keep = {k for i, q in enumerate(att.quotes) if q.cue_span and (only is None or i in only)
            and (k := att.doc.sentence_at(q.cue_span[0])) is not None}
    return [(att.doc.sentences[k].start, att.doc.sentences[k].end) for k in sorted(keep)]


def decide(att: Attributed, lexicon: Lexicon | None = None, fast: bool = False) -> ArticleResult:
    """The passes after the rules: title chains, the fitted choice among each quote's candidates
    (``choose``, when its weights ship), the fullest names, then the calibrated confidence."""
    lex = lexicon or default_lexicon()
    model = choose.shipped_models().get("fast" if fast else "full")
    speakers = before_choice(att, lex)
    chosen: set[int] = set()
    if model and choose.enabled() and att.quotes:
        cands = candidates.gather(att.doc, att.quotes, att.registry, lex, reconsidered(att, model, lex))
        speakers = choose.apply(att.prep.text, att.quotes, speakers, cands, model, chosen)
    after_choice(att.prep.text, att.quotes, speakers, lex)
    if model and choose.enabled():
        confidence.apply(att.quotes, chosen, model.get("calibration", {}), lex)
    assign_groups(att.prep.text, att.quotes)  # after the choice: pieces of one quotation share a speaker
    _shown_strings(att.prep, att.quotes)
    add_context(att.prep.shown or att.prep.text, att.quotes, att.prep.sentences, att.prep.paragraphs)
    _to_input_offsets(att.prep, att.quotes)
    return ArticleResult(source=att.prep.source, quotes=att.quotes, speakers=speakers)


def before_choice(att: Attributed, lex: Lexicon) -> list[Speaker]:
    """The pass before the choice (in place): a title chain's quotes go to the name at its end.
    Returns the article's speakers."""
    if titlechain.follow_chains(att.doc, att.quotes, att.registry, lex):
        att.speakers = choose.rebuild_speakers(att.quotes, att.speakers)
    return att.speakers


def after_choice(text: str, quotes: list[Quote], speakers: list[Speaker], lex: Lexicon) -> None:
    """The pass after the choice (in place): each person's fullest name, initials kept."""
    fullnames.widen(text, quotes, speakers, lex)


def _shown_strings(prep: Prepared, quotes: list[Quote]) -> None:
    """Quotes, mentions and cues as the input writes them, where the stages read some marks otherwise."""
    if prep.shown is None:
        return
    read, shown = prep.text, prep.shown
    for q in quotes:
        if q.quote == read[q.start:q.end]:
            q.quote = shown[q.start:q.end]
        if q.speaker_span and q.speaker_mention == read[q.speaker_span[0]:q.speaker_span[1]]:
            q.speaker_mention = shown[q.speaker_span[0]:q.speaker_span[1]]
        if q.cue_span and q.cue == read[q.cue_span[0]:q.cue_span[1]]:
            q.cue = shown[q.cue_span[0]:q.cue_span[1]]


def _to_input_offsets(prep: Prepared, quotes: list[Quote]) -> None:
    """Offsets into the input as given, when "\r\n" line endings were read as "\n" (a quote, mention or
    cue never spans a line, so its words are the same)."""
    if not prep.dropped_cr:
        return
    at = prep.to_input
    for q in quotes:
        q.start, q.end = at(q.start), at(q.end)
        q.speaker_span = [at(x) for x in q.speaker_span] if q.speaker_span else q.speaker_span
        q.cue_span = [at(x) for x in q.cue_span] if q.cue_span else q.cue_span


def finish(prep: Prepared, entities: Any = None, lexicon: Lexicon | None = None) -> ArticleResult:
    """Cues, speakers and resolution for a prepared article, without the parser; ``entities`` is an
    ``nlp.EntityIndex`` (or None for rules only)."""
    return decide(attribute(prep, entities, lexicon), lexicon, fast=entities is None)


def extract_many(items: list[tuple[str, str]], *, fast: bool = False, nlp: Any = None,
                 lexicon: Lexicon | None = None) -> list[ArticleResult]:
    """``extract`` over several (source, text) pairs, with one Stanza call for all of their relevant
    sentences and one for their cue sentences (batched across articles)."""
    lex = lexicon or default_lexicon()
    preps = [prepare(text, source, lex) for source, text in items]
    if fast:
        return [finish(p, None, lex) for p in preps]
    return [decide(a, lex) for a in analyse(preps, nlp, lex)]


def analyse(preps: list[Prepared], nlp: Any = None, lexicon: Lexicon | None = None,
            parse_all: bool = False) -> list[Attributed]:
    """The rules with Stanza's layers: entities on the relevant sentences, then the parse of the
    sentences with the cue of a quote the fitted choice reconsiders (``parse_all``: of every quote, as
    the training needs), added to each article's document."""
    from . import nlp as nlp_mod

    lex = lexicon or default_lexicon()
    analyzer = nlp or nlp_mod.default_analyzer()
    wanted = [(p.text, nlp_mod.relevant_sentences(p.text, p.sentences, p.spans, lex)) for p in preps]
    atts = [attribute(p, ents, lex) for p, ents in zip(preps, analyzer.entities_many(wanted), strict=True)]
    model = choose.shipped_models().get("full", {})
    if parse_all or (choose.enabled() and model.get("uses_parse")):
        wanted = [(a.prep.text, cue_sentences(a, None if parse_all else reconsidered(a, model, lex))) for a in atts]
        parses = analyzer.parse_many(wanted)
        for a, parsed in zip(atts, parses, strict=True):
            a.doc.parses = parsed
    return atts


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
