"""The library entry point: ``extract(text)`` runs the stages and returns an ``ArticleResult``.

read -> segment (paragraphs, sentences) -> spans (quotation marks) -> [nlp: Stanza entities on the
sentences that matter] -> cues (direct and reported speech) -> resolve (speakers, pronouns, canonical
names) -> ArticleResult.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import segment, spans
from .cues import Attribution, CueFinder
from .lexicon import Lexicon, default_lexicon
from .model import ArticleResult, Mention, Paragraph, Quote, QuoteSpan, Sentence, SpeakerType
from .resolve import Registry, Salience, SalienceEvent, build_speakers
from .speakers import ANAPHOR_END

# Base confidence of each rule: how often its speaker is right (calibrated on the dev set, see
# docs/confidence.md). Resolution through a pronoun or a description lowers it.
BASE_CONFIDENCE = {
    ("after", "name"): 0.95, ("after", "pronoun"): 0.85, ("after", "description"): 0.75,
    ("after", "organisation"): 0.85, ("after", "handle"): 0.9,
    ("press", "organisation"): 0.9, ("press", "name"): 0.9,
    ("inverted", "name"): 0.9, ("inverted", "organisation"): 0.85,
    ("before", "name"): 0.85, ("before", "pronoun"): 0.75, ("before", "organisation"): 0.8,
    ("before", "handle"): 0.85, ("before", "description"): 0.7, ("inverted", "pronoun"): 0.75,
    ("inverted", "handle"): 0.85, ("inverted", "description"): 0.7, ("press", None): 0.6,
    ("passive", "name"): 0.7, ("menurut", "organisation"): 0.8, ("inserted", "description"): 0.6,
    ("colon", "organisation"): 0.65, ("colon", "handle"): 0.7, ("verb", "handle"): 0.75,
    ("colon", "name"): 0.7,
    ("continuation", None): 0.7,
    ("menurut", "name"): 0.85, ("menurut", "pronoun"): 0.75, ("menurut", "description"): 0.7,
    ("inserted", "pronoun"): 0.7, ("inserted", "name"): 0.8,
    ("verb", "name"): 0.75, ("verb", "pronoun"): 0.65, ("verb", "organisation"): 0.65,
    ("verb", "description"): 0.55, ("passive", "pronoun"): 0.55, ("passive", None): 0.4,
    ("fragment", None): 0.5,
}


def _confidence(rule: str, kind: str | None, resolved: bool) -> float:
    base = BASE_CONFIDENCE.get((rule, kind), BASE_CONFIDENCE.get((rule, None), 0.5))
    return round(base if resolved else base * 0.5, 2)


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
    return _resolve(prep.source, prep.text, direct, indirect, finder, registry, lex)


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


def _resolve(source: str, text: str, direct: list[Attribution], indirect: list[Attribution],
             finder: CueFinder, registry: Registry, lex: Lexicon) -> ArticleResult:
    # mixed: quoted fragments inside reported speech take its speaker; other fragments are dropped
    kept: list[Attribution] = []
    for a in direct:
        if a.rule == "fragment":
            host = next((r for r in indirect if r.start <= a.start and a.end <= r.end), None)
            if host is None:
                continue
            a.cue, a.mention, a.rule = host.cue, host.mention, "mixed"
        kept.append(a)
    # a reported clause that only repeats a direct quotation is not a second quote
    indirect = [r for r in indirect if not any(d.start <= r.start and r.end <= d.end for d in kept)]
    items = sorted(kept + indirect, key=lambda a: (a.start, a.type != "indirect"))

    salience = Salience()
    subjects = sorted(finder.subjects(), key=lambda x: x[0])
    mentions: dict[str, list[Mention]] = {}
    types: dict[str, SpeakerType] = {}
    titles: dict[str, str | None] = {}
    quotes: list[Quote] = []
    last_direct: dict[int, Quote] = {}
    si = 0

    def feed_subjects(upto: int) -> None:
        nonlocal si
        while si < len(subjects) and subjects[si][0] < upto:
            pos, para, m = subjects[si]
            si += 1
            if m.kind in ("name", "handle") and m.name:
                name, typ = registry.canonical(m.name, m.kind, pos)
                if len(name.split()) >= 2 or m.kind == "handle" or registry.is_known_name(name):
                    salience.add(SalienceEvent(pos, para, name, typ, m.title))
            elif m.kind == "description" and m.title:
                salience.add(SalienceEvent(pos, para, m.title, "other", m.title))
            elif m.kind == "organisation" and m.name:
                name, typ = registry.canonical(m.name, m.kind, pos)
                salience.add(SalienceEvent(pos, para, name, "organisation", None))

    for a in items:
        anchor = a.cue.span.start if a.cue else a.start
        feed_subjects(min(anchor, a.start))
        m = a.mention
        speaker: str | None = None
        stype: SpeakerType | None = None
        resolved = True
        kind = m.kind if m else None
        if a.rule == "continuation":
            prev = _previous_direct(quotes, a.paragraph)
            if prev is not None:
                speaker, stype = prev.speaker, prev.speaker_type
            else:
                ev = salience.latest(a.start, a.paragraph, ("person",), max_back=1)
                speaker, stype, resolved = (ev.name, ev.type, False) if ev else (None, None, False)
        elif m is None or m.kind == "pronoun" or (m.kind == "description" and _anaphoric(m)):
            words = set(m.title.lower().split()) if m is not None and m.kind == "description" and m.title else None
            plural = m is not None and m.span.text.lower() == "mereka"
            head = (m.title or "").lower().split()[:1] if m is not None and m.kind == "description" else []
            institution = bool(head and head[0] in lex.org_words)  # "kementerian tersebut", "lembaga itu"
            types_: tuple[str, ...] = ("person", "other", "organisation") if plural else \
                ("organisation",) if institution else ("person",)
            ev = salience.latest(anchor, a.paragraph, types_,
                                 title_words=None if institution else _role_words(words, lex))
            if ev is None and words and not institution:
                ev = salience.latest(anchor, a.paragraph, ("person",))
            if ev is not None:
                speaker, stype = ev.name, ev.type
            elif m is not None and m.kind == "description" and m.title:
                speaker, stype = m.title, "other"  # a new, unnamed speaker: "penjaga warung ... itu"
            else:
                resolved = False
        elif m.kind == "description" or (m.kind == "organisation" and m.span.text.split()[0].lower()
                                          in lex.title_words()):
            # "sambung Kapolres", "Ketua Komisi Pemberantasan Korupsi (KPK)": a role without a name names
            # the person who holds it in this article
            holder = registry.holder_of(m.span.text)
            role = _role_words(set((m.title or m.span.text).lower().split()), lex)
            bare = m.kind == "description" and role is not None and \
                all(w in lex.title_words() for w in (m.title or "").lower().split())
            ev = salience.latest(anchor, a.paragraph, ("person",), title_words=role) if bare else None
            if holder is not None:
                speaker, stype = registry.canonical(holder, "name", m.span.start)
            elif ev is not None:
                speaker, stype = ev.name, ev.type
            elif m.kind == "organisation":
                speaker, stype = registry.canonical(m.name or m.span.text, m.kind, m.span.start)
            else:
                speaker, stype = m.title or m.span.text, "other"
        else:
            speaker, stype = registry.canonical(m.name or m.span.text, m.kind, m.span.start)
        if speaker and m is not None and m.kind != "pronoun":
            mentions.setdefault(speaker, []).append(m)
            if m.title and not titles.get(speaker):
                titles[speaker] = m.title
        if speaker and stype:
            types.setdefault(speaker, stype)
            salience.add(SalienceEvent(anchor, a.paragraph, speaker, stype, m.title if m else None))
        qtype = "mixed" if a.rule == "mixed" else a.type
        q = Quote(
            quote=text[a.start:a.end], type=qtype, start=a.start, end=a.end,
            speaker=speaker, speaker_type=stype,
            speaker_mention=m.span.text if m else None, speaker_span=m.span.to_list() if m else None,
            cue=a.cue.span.text if a.cue else None, cue_span=a.cue.span.to_list() if a.cue else None,
            via=a.cue.via if a.cue else None,
            confidence=_confidence("continuation" if a.rule == "continuation" else
                                   (a.cue.kind if a.cue else a.rule), kind, resolved and speaker is not None),
            rule=a.rule, paragraph=a.paragraph,
        )
        quotes.append(q)
        if q.type == "direct":
            last_direct[a.paragraph] = q
    quotes.sort(key=lambda q: q.start)
    return ArticleResult(source=source, quotes=quotes, speakers=build_speakers(quotes, mentions, types, titles))


def _previous_direct(quotes: list[Quote], paragraph: int) -> Quote | None:
    for q in reversed(quotes):
        if q.type == "direct" and q.paragraph <= paragraph and paragraph - q.paragraph <= 2:
            return q
    return None


def _anaphoric(m: Mention) -> bool:
    words = (m.span.text or "").lower().split()
    return bool(words) and words[-1] in ANAPHOR_END


def _role_words(words: set[str] | None, lex: Lexicon) -> set[str] | None:
    if not words:
        return None
    roles = words & lex.title_words()
    return roles or None
