"""Candidate speakers for each attributed quote, with the evidence for each.

The rules (``cues`` + ``resolve``) make one choice per quote; here every source of evidence proposes
candidates instead, and ``choose`` picks one with a fitted model. Proposers (each a small function):

  rules      the rules' speaker for the quote
  trim       the rules' mention (or a name run) less its first words ("Adapun Judha" -> Judha's full name)
  chain      the person named at the end of a title chain that the rules' mention only began ("Kepala
             Seksi Penyiapan dan Pemulangan Budi Santoso" -> Budi Santoso, not "Seksi Penyiapan")
  name       a capitalised name run in the cue's sentence or the one before it (outside quotation marks)
  org        an organisation phrase of the article in those sentences
  entity     a Stanza PERSON / ORGANISATION entity in those sentences (full pipeline only)
  subject    the subject (``nsubj``) or passive agent (``obl:agent``) of the verb of saying, from the
             dependency parse (full pipeline only)
  paragraph  a name run elsewhere in the quote's paragraph or the paragraph before
  previous   the speakers of the last three quotes before, up to three paragraphs back
  article    the three person names the article mentions most (two words or more)

Candidates with the same canonical name are merged; their features (``features``) are what the
fitted choice reads.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from . import titlechain
from .confidence import mention_kind
from .document import ArticleDoc
from .lexicon import Lexicon, grammar, load_list
from .model import Quote, SpeakerType
from .resolve import Registry
from .segment import tokens
from .speakers import _name_runs

PROPOSERS = ("rules", "trim", "chain", "name", "paragraph", "org", "entity", "subject", "previous", "article")
CUE_KINDS = ("after", "before", "inverted", "menurut", "verb", "passive", "inserted", "colon", "press",
             "backref", "signature", "continuation", "mixed", "none")
NOT_SPEAKER_START = frozenset(load_list("not_speaker_start"))
LEADING_ADVERBS = grammar()["leading_adverbs"]
GENERIC_PERSON_NOUNS = grammar()["generic_person_nouns"]
SUBJECT_RELATIONS = ("nsubj", "nsubj:pass", "obl:agent", "csubj")
_WORD = re.compile(r"\w+")


@dataclass
class Candidate:
    """One possible speaker of one quote."""

    name: str
    type: SpeakerType | None
    start: int  # the nearest mention's offsets (or -1 when proposed without a mention, e.g. 'previous')
    end: int
    proposers: set[str] = field(default_factory=set)
    features: dict[str, float] = field(default_factory=dict)


@dataclass
class Site:
    """Where a quote's attribution is: the cue's offsets (or the quote's when it has no cue)."""

    quote: Quote
    anchor: int
    anchor_end: int
    sentence: int | None


def site_of(doc: ArticleDoc, q: Quote) -> Site:
    if q.cue_span:
        a, b = q.cue_span
    elif q.speaker_span:
        a, b = q.speaker_span
    else:
        a, b = q.start, q.end
    return Site(q, a, b, doc.sentence_at(a))


def _add(found: dict[str, Candidate], name: str | None, typ: SpeakerType | None, start: int, end: int,
         proposer: str, site: Site) -> None:
    if not name:
        return
    c = found.get(name)
    if c is None:
        c = found[name] = Candidate(name, typ, start, end)
    elif start >= 0 and (c.start < 0 or _gap(start, end, site) < _gap(c.start, c.end, site)):
        c.start, c.end = start, end
    c.proposers.add(proposer)
    if c.type is None:
        c.type = typ


def _gap(start: int, end: int, site: Site) -> int:
    if end <= site.anchor:
        return site.anchor - end
    if start >= site.anchor_end:
        return start - site.anchor_end
    return 0


def _window(doc: ArticleDoc, site: Site) -> list[int]:
    """Sentences searched for names: the cue's sentence and the one before it, in the same paragraph."""
    k = site.sentence
    if k is None:
        return []
    out = [k]
    if k > 0 and doc.sentences[k - 1].paragraph == doc.sentences[k].paragraph:
        out.insert(0, k - 1)
    return out


def _names(doc: ArticleDoc, site: Site, reg: Registry, lex: Lexicon, found: dict[str, Candidate]) -> None:
    for k in _window(doc, site):
        toks = [t for t in doc.tokens_of(k) if not doc.inside_quote(t.start)]
        for a, b in _name_runs(toks, lex):
            if toks[b - 1].end - toks[a].start > 80:
                continue
            raw = doc.text[toks[a].start:toks[b - 1].end]
            name, typ = reg.canonical(raw, "name", toks[a].start)
            _add(found, name, typ, toks[a].start, toks[b - 1].end, "name", site)


def _orgs(doc: ArticleDoc, site: Site, reg: Registry, found: dict[str, Candidate]) -> None:
    sents = [doc.sentences[k] for k in _window(doc, site)]
    for org, positions in reg.orgs.items():
        for p in positions:
            if any(s.start <= p < s.end for s in sents) and not doc.inside_quote(p):
                name, typ = reg.canonical(org, "organisation", p)
                _add(found, name, typ, p, p + len(org), "org", site)


def _entities(doc: ArticleDoc, site: Site, reg: Registry, found: dict[str, Candidate]) -> None:
    sents = [doc.sentences[k] for k in _window(doc, site)]
    for s, e, kind in doc.entities:
        if kind == "location" or not any(x.start <= s < x.end for x in sents) or doc.inside_quote(s):
            continue
        name, typ = reg.canonical(doc.text[s:e], "organisation" if kind == "organisation" else "name", s)
        _add(found, name, typ, s, e, "entity", site)


def _subtree(words: list, head: int) -> tuple[int, int]:
    """First and last word index (0-based) of the subtree of word ``head`` (1-based)."""
    inside = {head}
    changed = True
    while changed:
        changed = False
        for w in words:
            if w.head in inside and w.index not in inside:
                inside.add(w.index)
                changed = True
    return min(inside) - 1, max(inside) - 1


def _subjects(doc: ArticleDoc, site: Site, reg: Registry, found: dict[str, Candidate]) -> None:
    """The subject or agent of the cue's verb, by the dependency parse."""
    words = doc.parse_of(site.anchor)
    cue = [w for w in words if w.start < site.anchor_end and site.anchor < w.end]
    if not cue:
        return
    verbs = {w.index for w in cue} | {w.head for w in cue if w.deprel in ("xcomp", "ccomp", "conj")}
    for w in words:
        if w.head in verbs and w.deprel in SUBJECT_RELATIONS:
            a, b = _subtree(words, w.index)
            start, end = words[a].start, words[b].end
            if doc.inside_quote(start) or end - start > 120:
                continue
            raw = doc.text[start:end]
            runs = _name_runs_in(doc, start, end, reg)
            if runs:
                s, e = runs[-1]
                name, typ = reg.canonical(doc.text[s:e], "name", s)
                _add(found, name, typ, s, e, "subject", site)
            elif w.upos == "PROPN":
                name, typ = reg.canonical(raw, "organisation", start)
                _add(found, name, typ, start, end, "subject", site)


def _name_runs_in(doc: ArticleDoc, start: int, end: int, reg: Registry) -> list[tuple[int, int]]:
    toks = tokens(doc.text, start, end)
    return [(toks[a].start, toks[b - 1].end) for a, b in _name_runs(toks, reg.lex)]


def _previous(quotes: list[Quote], i: int, site: Site, found: dict[str, Candidate]) -> dict[str, int]:
    """The speakers of the quotes before (three at most); returns how many speakers back each is."""
    q, back = quotes[i], {}
    for p in reversed(quotes[:i]):
        if len(back) == 3 or q.paragraph - p.paragraph > 3:
            break
        if p.speaker and p.speaker not in back:
            back[p.speaker] = len(back) + 1
            _add(found, p.speaker, p.speaker_type, -1, -1, "previous", site)
    return back


def _trims(doc: ArticleDoc, site: Site, reg: Registry, found: dict[str, Candidate]) -> None:
    """A mention less its first words: "Adapun Judha", "Kotim Halikinnor", "Sehingga polisi"."""
    spans = [(c.start, c.end) for c in found.values() if c.start >= 0 and c.proposers & {"rules", "name"}]
    for start, end in spans:
        toks = tokens(doc.text, start, end)
        for k in range(1, min(len(toks), 6)):
            if not toks[k].text[:1].isalnum():
                continue
            raw = doc.text[toks[k].start:end]
            kind = "name" if toks[k].text[:1].isupper() else "description"
            name, typ = reg.canonical(raw, "name", toks[k].start) if kind == "name" else (raw, "other")
            _add(found, name, typ, toks[k].start, end, "trim", site)


def _chain(doc: ArticleDoc, site: Site, reg: Registry, lex: Lexicon, found: dict[str, Candidate]) -> None:
    end = titlechain.chain_end(doc, site.quote, reg, lex)
    if end is not None:
        _add(found, end[0], "person", end[1], end[2], "chain", site)


def _paragraph_names(doc: ArticleDoc, site: Site, reg: Registry, lex: Lexicon,
                     found: dict[str, Candidate]) -> None:
    k = site.sentence
    if k is None:
        return
    para = doc.sentences[k].paragraph
    for j, s in enumerate(doc.sentences):
        if j in _window(doc, site) or not para - 1 <= s.paragraph <= para or doc.is_title(s.start):
            continue
        toks = [t for t in doc.tokens_of(j) if not doc.inside_quote(t.start)]
        for a, b in _name_runs(toks, lex):
            if (b - a >= 2 or _set_off(toks, a, b)) and toks[b - 1].end - toks[a].start <= 80:
                name, typ = reg.canonical(doc.text[toks[a].start:toks[b - 1].end], "name", toks[a].start)
                _add(found, name, typ, toks[a].start, toks[b - 1].end, "paragraph", site)


def _set_off(toks: list, a: int, b: int) -> bool:
    """A one-word name between commas ("Salah satu orang tua, Mariana, yang ..."): an apposition."""
    return 0 < a and b < len(toks) and toks[a - 1].text == "," and toks[b].text == ","


def gather(doc: ArticleDoc, quotes: list[Quote], reg: Registry, lex: Lexicon,
           only: set[int] | None = None) -> list[list[Candidate]]:
    """The candidates of each quote (same order as ``quotes``; with ``only``, of those quotes alone and
    none for the others), with their features."""
    if only is not None and not only:
        return [[] for _ in quotes]
    salience = _salience(doc, quotes)
    leading = _leading_people(doc, reg)
    titled = {reg.canonical(n, "name", p)[0] for p, _, _, n in reg.titled}
    out = []
    for i, q in enumerate(quotes):
        if only is not None and i not in only:
            out.append([])
            continue
        site = site_of(doc, q)
        found: dict[str, Candidate] = {}
        if q.speaker:
            s, e = q.speaker_span or (-1, -1)
            _add(found, q.speaker, q.speaker_type, s, e, "rules", site)
        _names(doc, site, reg, lex, found)
        _trims(doc, site, reg, found)
        _chain(doc, site, reg, lex, found)
        _paragraph_names(doc, site, reg, lex, found)
        _orgs(doc, site, reg, found)
        if doc.entities:
            _entities(doc, site, reg, found)
        if doc.parses:
            _subjects(doc, site, reg, found)
        back = _previous(quotes, i, site, found)
        for name, typ in leading:
            _add(found, name, typ, -1, -1, "article", site)
        # a pronoun is who it points to, never a speaker's name ("Justru dia" trimmed to "dia")
        cands = [c for c in found.values() if "rules" in c.proposers or c.name.lower() not in lex.pronouns]
        for c in cands:
            c.features = features(doc, site, c, lex, salience, titled)
            c.features.update(_context(doc, site, c, back))
            if "rules" in c.proposers:  # (the speaker one back is the previous quote's: the gate's reading)
                previous = next((n for n, k in back.items() if k == 1), None)
                c.features["pron_newcomer"] = float(pronoun_to_newcomer(q, lex, previous))
        _against_rules(cands)
        out.append(cands)
    return out


def _context(doc: ArticleDoc, site: Site, c: Candidate, back: dict[str, int]) -> dict[str, float]:
    """Where the candidate stands against the quote: sentences and paragraphs away, speakers back, and
    whether the rules' mention holds it."""
    q = site.quote
    f: dict[str, float] = {}
    if c.name in back:
        f["speakers_back"] = back[c.name] / 3
        f["previous_1"] = float(back[c.name] == 1)
    if c.start >= 0 and site.sentence is not None and (k := doc.sentence_at(c.start)) is not None:
        f["sentences_away"] = min(abs(site.sentence - k), 6) / 6
        f["paragraphs_away"] = min(abs(doc.sentences[site.sentence].paragraph - doc.sentences[k].paragraph), 3) / 3
    if q.speaker_span and c.start >= 0:
        a, b = q.speaker_span
        f["inside_rules_mention"] = float(a <= c.start and c.end <= b and (c.start, c.end) != (a, b))
    if q.rule == "continuation":
        f["continuation_previous"] = float(back.get(c.name) == 1)
    return f


RULES_DOUBTS = ("first_function_word", "first_verbish", "first_common", "first_lower", "all_title", "one_word",
                "not_in_body", "in_headline", "type_other", "entity_loc", "place", "person_noun", "dash_pair",
                "after_title", "log_quotes", "pron_not_person", "pron_newcomer")


def _against_rules(cands: list[Candidate]) -> None:
    """Each other candidate learns how doubtful the rules' choice looks (a pointwise model cannot
    compare candidates otherwise)."""
    ruled = next((c for c in cands if "rules" in c.proposers), None)
    for c in cands:
        if c is ruled:
            continue
        c.features["alternative"] = 1.0
        if ruled is None:
            c.features["alt_rules_none"] = 1.0
            continue
        c.features["alt_rules_conf"] = ruled.features.get("rules_conf", 0.0)
        for k in RULES_DOUBTS:
            if ruled.features.get(k):
                c.features["alt_rules_" + k] = ruled.features[k]


def _leading_people(doc: ArticleDoc, reg: Registry) -> list[tuple[str, SpeakerType]]:
    """The three person names of two words or more the article mentions most (by their last word)."""
    names = {}
    for raw, positions in reg.names.items():
        if len(raw.split()) >= 2 and any(not doc.is_title(p) for p in positions):
            name, typ = reg.canonical(raw, "name", positions[0])
            if typ == "person":
                names[name] = typ
    ranked = sorted(names, key=lambda n: (-_mentions(doc.body_text, n), n))
    return [(n, names[n]) for n in ranked[:3]]


def _salience(doc: ArticleDoc, quotes: list[Quote]) -> dict[str, int]:
    """How often each rules' speaker is given a quote in the article."""
    out: dict[str, int] = {}
    for q in quotes:
        if q.speaker:
            out[q.speaker] = out.get(q.speaker, 0) + 1
    return out


def _mentions(text: str, name: str) -> int:
    words = _WORD.findall(name)
    if not words:
        return 0
    return len(re.findall(r"\b" + re.escape(words[-1]) + r"\b", text))


def doubtful(q: Quote, lex: Lexicon, gate: list[str], previous: str | None = None) -> bool:
    """The rules' speaker of ``q`` (None: no speaker) has one of the ``gate`` features (computed as
    ``_shape``, ``pronoun_to_non_person`` and ``pronoun_to_newcomer`` do, without the others);
    ``previous``: the speaker of the quote before."""
    name = q.speaker
    if not name:
        return True
    words = _WORD.findall(name)
    if not words:
        return False
    tests = {"first_function_word": lambda: function_word(name.split()[0].strip(",.;:"), lex),
             "first_verbish": lambda: verbish(words[0].lower(), lex),
             "pron_not_person": lambda: pronoun_to_non_person(q, lex),
             "pron_newcomer": lambda: pronoun_to_newcomer(q, lex, previous)}
    return any(tests[k]() if k in tests else _shape(name, lex).get(k) for k in gate)


def pronoun_to_non_person(q: Quote, lex: Lexicon) -> bool:
    """The rules read a pronoun ("ia", "-nya") as someone who is not a person: an organisation, a
    place, or a phrase that begins with a common word that is not a person noun ("Sebagian saksi",
    "Identitas"; not "Pria berkaus hitam itu")."""
    if not q.speaker or mention_kind(q, lex) != "pronoun":
        return False
    shape = _shape(q.speaker, lex)
    if shape["person_noun"]:
        return False  # "Pria berkaus hitam itu", "seorang warga": a person described
    return q.speaker_type == "organisation" or bool(shape["first_common"] or shape["place"])


def pronoun_to_newcomer(q: Quote, lex: Lexicon, previous: str | None) -> bool:
    """The rules read a pronoun ("ujarnya") as a one-word name ("Krama", "Telkomsel") that is not the
    speaker of the quote before: on train such a reading is seldom right (a handle, "@ridwankamil",
    is a name of its own, and "Pria" of "pria berkaus hitam itu" a person the article does not name)."""
    name = q.speaker or ""
    return bool(name) and mention_kind(q, lex) == "pronoun" and len(_WORD.findall(name)) == 1 \
        and name != previous and not name.startswith("@") and name.lower() not in GENERIC_PERSON_NOUNS


def previous_speaker(quotes: list[Quote], i: int) -> str | None:
    """The speaker of the nearest quote before ``quotes[i]`` that has one, within three paragraphs."""
    for p in reversed(quotes[:i]):
        if quotes[i].paragraph - p.paragraph > 3:
            return None
        if p.speaker:
            return p.speaker
    return None


def function_word(word: str, lex: Lexicon) -> bool:
    """A preposition, conjunction or sentence adverb, unless it is a capitalised name's first word
    ("Lalu Muhamad Iqbal": Lalu is a Sasak title of birth as well as 'then')."""
    w = word.lower()
    if word[:1].isupper() and w in lex.name_prefixes:
        return False
    return w in NOT_SPEAKER_START or w in LEADING_ADVERBS


def verbish(word: str, lex: Lexicon) -> bool:
    """A common me-/di-/ber-/ter- word that names no organisation or office ("Ditemui", not "Dinas")."""
    return len(word) >= 5 and word.startswith(("me", "di", "ber", "ter")) and word in lex.common_words \
        and word not in lex.org_words and word not in lex.title_words() and word not in lex.places


def _shape(name: str, lex: Lexicon) -> dict[str, float]:
    words = _WORD.findall(name)
    low = [w.lower() for w in words]
    first = low[0] if low else ""
    return {
        "words": min(len(words), 6) / 6,
        "one_word": float(len(words) == 1),
        "first_lower": float(bool(name) and name[0].islower()),
        "first_function_word": float(bool(words) and function_word(name.split()[0].strip(",.;:"), lex)),
        "first_verbish": float(verbish(first, lex)),
        "first_common": float(first in lex.common_words and first not in lex.title_words()),
        "all_title": float(bool(low) and all(w in lex.title_words() or w in lex.org_words for w in low)),
        "last_title": float(bool(low) and low[-1] in lex.title_words()),
        "org_word": float(any(w in lex.org_words for w in low)),
        "pronoun": float(len(low) == 1 and first in lex.pronouns),
        "place": float(" ".join(low) in lex.places or (bool(low) and low[-1] in lex.places)),
        "person_noun": float(first in lex.person_nouns or first in lex.resident_nouns),
        "acronym": float(len(words) == 1 and words[0].isupper()),
        "dash_pair": float("-" in name and len(words) >= 2 and all(w[:1].isupper() for w in words)),
    }


def features(doc: ArticleDoc, site: Site, c: Candidate, lex: Lexicon, salience: dict[str, int],
             titled: set[str]) -> dict[str, float]:
    """What the fitted choice knows about one candidate (``titled``: names met right after a title)."""
    q = site.quote
    f: dict[str, float] = {"bias": 1.0}
    for p in PROPOSERS:
        f["by_" + p] = float(p in c.proposers)
    f["proposers"] = len(c.proposers) / len(PROPOSERS)
    kind = q.rule if q.rule in ("continuation", "mixed") else (_cue_kind(q) or "none")
    if "rules" in c.proposers:
        f["rules_conf"] = q.confidence
        f["pron_not_person"] = float(pronoun_to_non_person(q, lex))
        f["rules_" + (kind if kind in CUE_KINDS else "none")] = 1.0
    if c.start >= 0:
        gap = _gap(c.start, c.end, site)
        f["log_gap"] = math.log1p(gap) / 6
        f["before_cue"] = float(c.end <= site.anchor)
        f["same_sentence"] = float(doc.sentence_at(c.start) == site.sentence)
        f["in_quote_paragraph"] = float(doc.paragraph_at(c.start) == q.paragraph)
        f["in_headline"] = float(doc.is_title(c.start))
        f["entity_person"] = float(doc.entity_at(c.start, c.end) == "person")
        f["entity_org"] = float(doc.entity_at(c.start, c.end) == "organisation")
        f["entity_loc"] = float(doc.entity_at(c.start, c.end) == "location")
    else:
        f["no_mention"] = 1.0
    f.update(_shape(c.name, lex))
    f["type_person"] = float(c.type == "person")
    f["type_org"] = float(c.type == "organisation")
    f["type_other"] = float(c.type == "other")
    f["log_mentions"] = math.log1p(_mentions(doc.text, c.name)) / 3
    f["log_quotes"] = math.log1p(salience.get(c.name, 0)) / 3
    f["not_in_body"] = float(c.name not in doc.body_text)
    f["after_title"] = float(c.name in titled)
    return f


def _cue_kind(q: Quote) -> str | None:
    return q.rule if q.rule in CUE_KINDS else None
