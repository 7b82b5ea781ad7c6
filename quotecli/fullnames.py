"""Canonical names, last pass: a person's fullest name keeps its initials. The name runs of the rules
break at a lone capital ("Sigit K Yunianto" becomes "Sigit" and "Yunianto", "Jefirstson R Riwu Kore"
becomes "Riwu Kore"); here a speaker whose name the article also writes after a first name and initials,
or, for a first name, before initials and a surname, gets that fuller form, as the annotation guide asks
(the most complete name in the text).
"""
from __future__ import annotations

import re

from .lexicon import Lexicon
from .model import Quote, Speaker

#: a first name, then one to three initials (with or without a period), then any further name words
_PREFIX = r"\b([A-Z][a-z][\w'’-]*\s+(?:[A-Z]\.?\s+){1,3}(?:[A-Z][a-z][\w'’-]*\s+){0,2})"


def fuller(text: str, name: str, lex: Lexicon) -> str | None:
    """The fullest form of the person ``name`` with initials in it ("Sigit K Yunianto" for "Yunianto"),
    or None when the article has none. The first word must be a name's, not a title, office or place."""
    best = None
    for m in re.finditer(_PREFIX + re.escape(name) + r"\b", text):
        words = m.group(1).split()
        first = words[0].lower()
        if any(len(w.rstrip(".")) == 1 and w.rstrip(".").lower() in lex.honorifics | lex.name_prefixes
               for w in words[1:]):
            continue  # "H. Yusuf Rizal", "I Made Agra": a title of pilgrimage or a Balinese name's first word
        if first in lex.title_words() or first in lex.org_words or first in lex.places or first in lex.ranks \
                or first in lex.common_words or first in lex.honorifics:
            continue
        found = " ".join((m.group(1) + name).split())
        if best is None or len(found) > len(best):
            best = found
    return best or _after_first_name(text, name, lex)


#: initials, then one or two name words: what may follow a first name ("Sigit [K Yunianto]")
_SUFFIX = r"\s+((?:[A-Z]\.?\s+){1,3}[A-Z][a-z][\w'’-]*(?:\s+[A-Z][a-z][\w'’-]*)?)"


def _after_first_name(text: str, name: str, lex: Lexicon) -> str | None:
    """"Sigit K Yunianto" for the one-word name "Sigit", when the article writes one such form only."""
    if " " in name:
        return None
    forms = set()
    for m in re.finditer(r"\b" + re.escape(name) + _SUFFIX + r"\b", text):
        words = m.group(1).split()
        while words and _not_a_name_word(words[-1].lower(), lex):
            words.pop()  # "Sigit K Yunianto Senin": the day is not his
        if words and len(words[-1].rstrip(".")) > 1:
            forms.add(" ".join([name, *words]))
    return forms.pop() if len(forms) == 1 else None


def _not_a_name_word(low: str, lex: Lexicon) -> bool:
    return low in lex.common_words or low in lex.title_words() or low in lex.places


#: a first name and an initial after it somewhere in the text: without one, there is nothing to widen
_ANY_INITIALS = re.compile(r"\b[A-Z][a-z][\w'’-]*\s+[A-Z]\.?\s+[A-Z]")


def widen(text: str, quotes: list[Quote], speakers: list[Speaker], lex: Lexicon) -> None:
    """Rename, in place, each person speaker whose fuller form with initials the article holds; the
    old name stays among the speaker's aliases."""
    if not _ANY_INITIALS.search(text):
        return
    for s in speakers:
        if s.type != "person" or (new := fuller(text, s.name, lex)) is None or new == s.name:
            continue
        for q in quotes:
            if q.speaker == s.name:
                q.speaker = new
        s.aliases = [new] + [a for a in s.aliases if a != new]
        s.name = new
    _merge_same_names(speakers)


def _merge_same_names(speakers: list[Speaker]) -> None:
    """One entry per name, in place, after renaming ("Sigit" became "Sigit K Yunianto", who was there)."""
    merged: dict[str, Speaker] = {}
    for s in speakers:
        if s.name not in merged:
            merged[s.name] = s
            continue
        kept = merged[s.name]
        kept.aliases += [a for a in s.aliases if a not in kept.aliases]
        kept.quote_count += s.quote_count
        kept.title = kept.title or s.title
    if len(merged) < len(speakers):
        speakers[:] = sorted(merged.values(), key=lambda s: (-s.quote_count, s.name))
