"""A title chain keeps the name at its end: "kata Kepala Seksi Penyiapan dan Penempatan TKI BP3TKI NTT,
John Salukh" is John Salukh's, not "Seksi Penyiapan"'s. The rules end a mention at "dan" or a comma; this
pass follows the chain on to the person it names, and gives that person the quotes the rules gave the
title's fragment.
"""
from __future__ import annotations

import re

from .document import ArticleDoc
from .lexicon import Lexicon, grammar
from .model import Quote
from .resolve import Registry
from .segment import Token, tokens

#: what may stand between a title and the name it leads to: office words, "dan", commas, brackets, a rank's period
CHAIN_JOINERS = frozenset({"dan", "&", ",", ".", "(", ")", "/", "-", "serta", "untuk"})
CHAIN_MAX_TOKENS = 30
DAY_MONTH = grammar()["day_month"]
_WORD = re.compile(r"\w+")


def chain_end(doc: ArticleDoc, q: Quote, reg: Registry, lex: Lexicon) -> tuple[str, int, int] | None:
    """The person at the end of the title chain the rules' mention begins: the mention holds a title or
    rank word and the same sentence goes on, through capitalised or office words and joiners only, to
    a person's name ("Kasie Penkum dan Humas Kejati Maluku, Wahyudi Kareba"; "AKP. Kukuh Islami")."""
    if not q.speaker_span or not q.speaker_mention:
        return None
    titles = lex.title_or_rank_words
    if not any(w.lower() in titles for w in _WORD.findall(q.speaker_mention)):
        return None
    chain = _chain_after(doc, q, lex, titles)
    if chain is None:
        return None
    if chain and chain[0].text.lower() != "dan" and _ends_in_name(q.speaker_mention, lex):
        return None  # "dr. Ratna Kusumawati, M.Kes.": the mention already ends in a name
    name_toks = _chain_name(chain, lex)
    if name_toks:
        a, b = name_toks[0].start, name_toks[-1].end
        name, typ = reg.canonical(doc.text[a:b], "name", a)
        if typ == "person" and name != q.speaker:
            return name, a, b
    return None


def _chain_after(doc: ArticleDoc, q: Quote, lex: Lexicon, titles: frozenset[str]) -> list[Token] | None:
    """The words after the rules' mention that may still belong to its title chain: capitalised, office
    or title words and joiners, up to a date, a place word, a quotation or any other word (None when
    the mention is in no sentence)."""
    assert q.speaker_span is not None and q.speaker_mention is not None
    k = doc.sentence_at(q.speaker_span[0])
    if k is None:
        return None
    start, end = q.speaker_span[1], doc.sentences[k].end
    if q.speaker_mention.lower() in lex.ranks and k + 1 < len(doc.sentences):
        end = doc.sentences[k + 1].end  # "ujar AKP. Kukuh Islami": the rank's period ended a sentence
    chain: list[Token] = []
    for t in tokens(doc.text, start, end)[:CHAIN_MAX_TOKENS]:
        w = t.text.lower()
        if (w in lex.stop_after_speaker and w not in CHAIN_JOINERS) or w in DAY_MONTH:
            break  # "..., John Salukh, Senin": the date or place ends the mention
        if doc.inside_quote(t.start) or not (t.text[:1].isupper() or w in CHAIN_JOINERS or w in titles
                                              or w in lex.org_words):
            break
        chain.append(t)
    return chain


def _chain_name(chain: list[Token], lex: Lexicon) -> list[Token]:
    """The name that ends a title chain: its last run of capitalised words, less the office, title,
    organisation and place words before the name ("Zoonotik Kemenkes Didik Budijanto" -> Didik Budijanto)."""
    end = len(chain)
    while end and not _name_word(chain[end - 1].text):
        end -= 1
    start = end
    while start > 0 and end - start < 4 and _name_word(chain[start - 1].text):
        w = chain[start - 1].text.lower()
        if w in lex.org_words or w in lex.title_words() or w in lex.ranks or w in lex.places \
                or w in lex.honorifics or chain[start - 1].text.isupper() or _office_noun(w, lex):
            break
        start -= 1
    return chain[start:end]


def follow_chains(doc: ArticleDoc, quotes: list[Quote], reg: Registry, lex: Lexicon) -> bool:
    """Give the person at the end of a title chain the quotes the rules gave the chain's fragment (the
    quote whose mention begins the chain, and those the rules gave the same fragment by a pronoun or
    a repeat); True when some speaker changed."""
    renamed: dict[str, tuple[str, int, int]] = {}
    for q in quotes:
        if q.speaker and q.speaker not in renamed and (end := chain_end(doc, q, reg, lex)) is not None:
            renamed[q.speaker] = end
    for q in quotes:
        if q.speaker in renamed:
            name, a, b = renamed[q.speaker]
            if q.speaker_span and q.speaker_span[1] <= a and doc.paragraph_at(q.speaker_span[0]) == doc.paragraph_at(a):
                q.speaker_span = [q.speaker_span[0], b]  # this mention began the chain: it now runs to the name
                q.speaker_mention = doc.text[q.speaker_span[0]:b]
            q.speaker, q.speaker_type = name, "person"
    return bool(renamed)


def _office_noun(word: str, lex: Lexicon) -> bool:
    """A pe-/per-/ke-...-an noun ("Perhubungan", "Penertiban", "Kesehatan"): it names an office's field,
    not a person (a name ending in -an, "Gunawan", is neither a dictionary word nor pe-/ke-...-an)."""
    return word.startswith(("pe", "ke")) and word.endswith("an") and (word in lex.common_words or len(word) >= 9)



def _name_word(word: str) -> bool:
    """A capitalised word of letters ("Kusumawati", "Al-Amin"), not a degree or initials ("M.Kes", "S.H")."""
    return word[:1].isupper() and word.replace("-", "").replace("'", "").isalpha()


def _ends_in_name(mention: str, lex: Lexicon) -> bool:
    """The mention's last word is a name's, not an office's or a rank's ("Kusumawati", not "Penertiban")."""
    words = _WORD.findall(mention)
    if not words or not _name_word(words[-1]) or (len(words[-1]) > 1 and words[-1].isupper()):
        return False  # (an acronym ends an office: "Duta Besar Uni Emirat Arab (UEA)")
    w = words[-1].lower()
    return not (w in lex.common_words or w in lex.title_words() or w in lex.ranks or w in lex.org_words
                or _office_noun(w, lex))
