"""Canonical names, last pass: a person's fullest name keeps its initials. The name runs of the rules
break at a lone capital ("Sigit K Yunianto" becomes "Yunianto", "Jefirstson R Riwu Kore" becomes "Riwu
Kore"); here a speaker whose name the article also writes after a first name and initials gets that
fuller form, as the annotation guide asks (the most complete name in the text).
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
    return best


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
