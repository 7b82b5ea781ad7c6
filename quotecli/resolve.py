"""Resolution across the article: pronouns and role descriptions to earlier speakers, short names and
abbreviations to the fullest name the article gives, and the per-article ``speakers`` list.

Canonical name = the longest name in the article that contains the mention's name words
("Peskov" -> "Dmitry Peskov"), a parenthesised long form ("JK" -> "Jusuf Kalla" from "Jusuf Kalla (JK)"),
or an organisation whose spelled-out form the abbreviation abbreviates ("Kemenhan Rusia" ->
"Kementerian Pertahanan Rusia": the letters of "Kemenhan" are drawn, in order, from "Kementerian
Pertahanan", and the remaining words agree).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .cues import Attribution
from .groups import counted
from .intervals import FirstCovering, Reach
from .lexicon import Lexicon, default_lexicon, grammar, load_list
from .model import Mention, Paragraph, Quote, Speaker, SpeakerType
from .segment import tokens
from .speakers import (
    ANAPHOR_END,
    DESCRIPTION_DET,
    LEGAL_FORMS,
    NAME_CONNECTORS,
    _name_runs,
    is_acronym,
    is_name_word,
    mostly_dictionary_words,
)

# capitalised phrases ("Kementerian Pertahanan Rusia", "Badan Meteorologi, Klimatologi, dan Geofisika")
FAMILIAR_ADDRESS = grammar()["familiar_address"]
FORMS_OF_ADDRESS = grammar()["forms_of_address"]
GENERIC_PERSON = grammar()["generic_person_nouns"]
APPEARANCE = grammar()["appearance_words"]
COMPANY_HEADS = grammar()["company_heads"]
_CAP_PHRASE = re.compile(r"[A-Z][\w'’-]*(?:\s(?:(?:dan|untuk|for|of|and|&)\s)?[A-Z][\w'’-]*)*")
_ALIAS = re.compile(r"((?:[A-Z][\w'’-]*\s?){1,4})\salias\s((?:[A-Z][\w'’-]*\s?){1,3})")  # "Suhendri alias Hendri"
# nicknames: "Boim, sapaan akrab Adryanto" (or "Jojo--sapaan Jonatan"), "Ridwan Kamil yang akrab disapa Kang
# Emil" and "Julia Perez atau biasa disapa Jupe"
_NICK_FIRST = re.compile(r"([A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?)(?:, | ?--? ?| ?[—–] ?)sapaan(?: akrab)? "
                         r"((?:[A-Z][\w'’-]*\s?){1,4})")
# "Bung Towel, sapaan akrabnya, ...": the nickname of the person just named
_NICK_BACK = re.compile(r"([A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?), (?:sapaan|panggilan)(?: akrab)?nya\b")
_NICK_AFTER = re.compile(r"((?:[A-Z][\w'’-]*\s?){1,6}),? (?:yang|atau(?: yang)?) (?:akrab |biasa )?(?:disapa|dipanggil|"
                         r"dikenal dengan sapaan) ((?:[A-Z][\w'’-]*\s?){1,3})")
#: the signature line of an embedded post: "— Carlo Ancelotti (@MrAncelotti) November 12, 2015"
_POST_SIGNATURE = re.compile(r"[—–-]{1,2}\s*([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){1,4}) \(@\w+\)")
_LONG_FORM = re.compile(  # "Long Form (ABBR)", "Long Form (Abbr RI)", "Name (Nickname)"
    r"((?:[A-Z][\w'’-]*,?\s(?:(?:dan|untuk|for|of|and|&)\s)?){1,10})\((\w[\w-]{1,20}(?: [A-Z]{2,5})?)\)")


_WORD = re.compile(r"\w+")
#: words that begin a sentence, not a name: "Pihak Kementan", "Menurut Survei Geologi AS (USGS)", "Keputusan WHO"
_LEADS = frozenset({"pihak", "menurut", *grammar()["front_cues"], *grammar()["statement_nouns"],
                    *grammar()["statement_kinds"], *load_list("not_speaker_start")})


def _without_lead(phrase: str) -> str:
    """A capitalised phrase without the words that only begin its sentence."""
    words = phrase.split(" ")
    k = 0
    while k < len(words) - 1 and words[k].lower() in _LEADS:
        k += 1
    return " ".join(words[k:])


@lru_cache(maxsize=1 << 16)
def _word_tuple(s: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(s.lower()))


def _words(s: str) -> list[str]:
    return list(_word_tuple(s))  # (a fresh list: callers may keep or change it)


#: two names joined by a dash, each capitalised and of three letters or more at the dash: an electoral
#: pair or a match ("Prabowo-Sandi", "Willy-Wahyudi"), not a hyphenated name ("Muhammad Al-Amin", "Tae-yong")
_DASH_PAIR = re.compile(r"(?:[A-Z][\w'’]+ )*[A-Z][\w'’]{2,}-[A-Z][\w'’]{2,}(?: [A-Z][\w'’]+)*")


def _abbreviates(short: str, long: str) -> bool:
    """"kemenhan" abbreviates "kementerian pertahanan": same first letter, letters in order, and
    every long word contributes its first letter or a later syllable."""
    s = short.lower()
    words = long.lower().split()
    if not s or not words or s[0] != words[0][0] or len(s) < 3:
        return False
    joined = "".join(words)
    k = 0
    for c in joined:
        if k < len(s) and c == s[k]:
            k += 1
    if k < len(s):
        return False
    return len(s) >= 4 or all(w[0] in s for w in words)


class _ByWord:
    """Strings (names, organisations) by the words they hold, each list in the strings' order: the
    candidates for "holds these words" without reading every name of the article."""

    def __init__(self, strings: Iterable[str]) -> None:
        self.rank: dict[str, int] = {}
        self.by_word: dict[str, list[str]] = {}
        for x in strings:
            if x in self.rank:
                continue
            self.rank[x] = len(self.rank)
            for w in dict.fromkeys(_words(x)):
                self.by_word.setdefault(w, []).append(x)

    def holding(self, *words: str) -> list[str]:
        """The strings that hold one of ``words`` at least, in order, each once."""
        if len(words) == 1:
            return self.by_word.get(words[0], [])
        found = {x for w in words for x in self.by_word.get(w, [])}
        return sorted(found, key=self.rank.__getitem__)

    def holding_all(self, words: list[str]) -> Iterable[str]:
        """A superset, in order, of the strings that hold every one of ``words`` (not empty): those that
        hold the rarest of them."""
        return min((self.by_word.get(w, []) for w in words), key=len)


class Registry:
    """Names of the article, found once, with their positions."""

    def __init__(self, text: str, paragraphs: list[Paragraph], lex: Lexicon | None = None) -> None:
        self.text = text
        self.lex = lex or default_lexicon()
        self.names: dict[str, list[int]] = {}  # person-like names -> positions
        self.orgs: dict[str, list[int]] = {}
        self.parens: dict[str, str] = {}  # "JK" -> "Jusuf Kalla"
        self.companies: dict[str, str] = {}  # "Sinar Laut Abadi" -> "PT Sinar Laut Abadi Tbk"
        self.titled: list[tuple[int, set[str], set[str], str]] = []  # (pos, title words, org words, name)
        # the registry is fixed once built: the answers of canonical() and the other questions below
        # are remembered per name (each would otherwise read every name of the article again)
        self._memo: dict[tuple, Any] = {}
        self._index: _Lookup | None = None
        self._following: set[str] = set()
        #: short names resolved from their spelling alone ("Alex", "Jokowi", "SBY"): a little less sure
        self.guessed: set[str] = set()
        org_led: set[str] = set()
        org_named: set[str] = set()
        nick_back: list[tuple[str, int]] = []  # ("Bung Towel", position) from "Bung Towel, sapaan akrabnya"
        for p in paragraphs:
            if not p.noise:
                self._read_paragraph(p, org_led, org_named, nick_back)
            if not p.body:
                self._read_post_signature(p)
        self.trimmed = self._trim_org_led(org_led, org_named)
        self._trim_spelled_out(org_named)
        self._follow_trim_chains()
        self._merge_trimmed()
        if nick_back:
            self._read_nicknames_back(nick_back)
        self._read_familiar_address()

    # ---- the passes that build the registry ---------------------------------------------------------
    def _read_paragraph(self, p: Paragraph, org_led: set[str], org_named: set[str],
                        nick_back: list[tuple[str, int]]) -> None:
        """Names, organisations, aliases, nicknames and long forms of one paragraph."""
        line = self.text[p.start:p.end]
        self._read_name_runs(p, tokens(self.text, p.start, p.end), org_led, org_named)
        self._read_org_phrases(p, line)
        self._read_aliases(p, line, nick_back)
        self._read_long_forms(line)

    def _read_name_runs(self, p: Paragraph, toks: list, org_led: set[str], org_named: set[str]) -> None:
        """The rules' name runs of a paragraph, noted with their titles and any organisation before them."""
        for a, b in _name_runs(toks, self.lex):
            if p.title or not p.body:
                # Title Case (a headline, a photo caption): "Raffi Ahmad Ungkap Alasan" is Raffi Ahmad and
                # the headline's words
                if not any(t.lower in self.lex.title_words() for t in toks[max(0, a - 3):a]):
                    continue  # only a name after a title ("Ketua KPK Setyo Budianto") is sure enough
                b = next((k for k in range(a + 1, b) if toks[k].lower in self.lex.common_words), b)
            name = self.text[toks[a].start:toks[b - 1].end]
            self.names.setdefault(name, []).append(toks[a].start)
            if a > 0 and toks[a - 1].lower in self.lex.org_words:
                org_named.add(name)  # "Kabupaten Sigi", "PT Pertamina Patra Niaga": not a person's
            if a > 0 and toks[a - 1].lower in COMPANY_HEADS and toks[a - 1].text[:1].isupper():
                self.companies.setdefault(name, self._company_form(toks, a - 1, b))
            if b - a >= 2:
                self._note_title(toks, a, name)
            if b - a >= 3 and a > 0 and self._may_lead_an_org(toks[a - 1].lower):
                org_led.add(name)  # "Bank Permata Josua Pardede": the first words may be the bank's

    def _read_post_signature(self, p: Paragraph) -> None:
        """The author of an embedded post, as its signature line names them (a line that is not body,
        whose other names are not read): their full name, where the body may write only the surname."""
        m = _POST_SIGNATURE.match(self.text, p.start, p.end)
        if m is not None:
            self.names.setdefault(m.group(1), []).append(m.start(1))

    def _company_form(self, toks: list, head: int, b: int) -> str:
        """"PT Sinar Laut Abadi Tbk", "PT Pertamina (Persero)": the head, the name, a legal form after it."""
        if b < len(toks) and toks[b].lower in LEGAL_FORMS:
            b += 1
        elif b + 2 < len(toks) and toks[b].text == "(" and toks[b + 1].lower in LEGAL_FORMS and toks[b + 2].text == ")":
            b += 3
        return self.text[toks[head].start:toks[b - 1].end]

    def _read_org_phrases(self, p: Paragraph, line: str) -> None:
        """Capitalised runs holding an organisation word: "Kementerian Pertahanan Rusia"."""
        for m in _CAP_PHRASE.finditer(line):
            whole = m.group().strip()
            phrase = _without_lead(whole)  # a suffix of the whole
            start = p.start + m.start() + len(whole) - len(phrase)
            ws = phrase.lower().split()
            if len(ws) >= 2 and any(w in self.lex.org_words for w in ws):
                self.orgs.setdefault(phrase, []).append(start)

    def _read_aliases(self, p: Paragraph, line: str, nick_back: list[tuple[str, int]]) -> None:
        """"Suhendri alias Hendri", "Boim, sapaan akrab Adryanto", "... atau biasa disapa Jupe", and
        the nicknames given after a name ("Bung Towel, sapaan akrabnya"), resolved later."""
        for m in (_ALIAS.finditer(line) if " alias " in line else ()):
            self.parens[m.group(2).strip()] = m.group(1).strip()
        for m in (_NICK_FIRST.finditer(line) if "sapaan" in line else ()):
            self.parens[m.group(1).strip().rstrip("-")] = m.group(2).strip()  # "Jojo--sapaan Jonatan"
        for m in (_NICK_BACK.finditer(line) if "sapaan" in line else ()):
            nick_back.append((m.group(1).strip(), p.start + m.start()))
        for m in (_NICK_AFTER.finditer(line) if " yang " in line or " atau " in line else ()):
            self.parens[m.group(2).strip()] = m.group(1).strip()

    def _read_long_forms(self, line: str) -> None:
        """"Long Form (ABBR)" and "Name (Nickname)": the short form stands for the long one."""
        for m in (_LONG_FORM.finditer(line) if "(" in line else ()):
            long, short = _without_lead(m.group(1).strip().rstrip(",")), m.group(2)
            lw = long.split()
            while len(lw) > 1 and lw[0].lower() in self.lex.title_words():
                lw = lw[1:]  # "Ketua Komisi Pemberantasan Korupsi (KPK)": KPK is the commission
            long = " ".join(lw)
            if short[0].isupper():
                self.parens[short] = long

    def _trim_spelled_out(self, org_named: set[str]) -> None:
        """Names that begin with an organisation spelled out elsewhere, or with a place named as one,
        lose that first word."""
        places = {n for n in org_named if " " not in n}  # "Kabupaten Agam" -> Agam
        for name in list(self.names):
            first, _, rest = name.partition(" ")
            long = self.parens.get(first)
            if len(rest.split()) >= 2 and (
                    # "Kominfo Semuel Abrijani Pangerapan", Kominfo spelled out earlier
                    (long and any(w in self.lex.org_words for w in _words(long)))
                    # "BPBD Agam Budi Perwira Negara", with "Kabupaten Agam" in the article
                    or (first in places and name not in org_named)):
                self.trimmed.setdefault(name, rest)

    def _follow_trim_chains(self) -> None:
        """"Bank Permata Josua Pardede" -> "Permata Josua Pardede" -> "Josua Pardede": follow the chain
        to its end, whatever the set order."""
        for full in list(self.trimmed):
            seen = {full}
            while self.trimmed[full] in self.trimmed and self.trimmed[full] not in seen:
                seen.add(self.trimmed[full])
                self.trimmed[full] = self.trimmed[self.trimmed[full]]

    def _merge_trimmed(self) -> None:
        """The positions of each trimmed name go to its short form."""
        for full, short in self.trimmed.items():
            self.names.setdefault(short, []).extend(self.names.pop(full, []))

    def _read_nicknames_back(self, nick_back: list[tuple[str, int]]) -> None:
        """The nickname of the person named last before it: the largest (position, name) before it, of a
        name other than it."""
        named = sorted((q, n) for n, ps in self.names.items()
                       if len(_words(n)) >= 2 and not _has_org_word(n, self.lex) for q in ps)
        for nick, at in nick_back:
            k = bisect_left(named, (at,))
            while k > 0 and named[k - 1][1] == nick:
                k -= 1
            if k > 0:
                self.parens.setdefault(nick, named[k - 1][1])

    def _read_familiar_address(self) -> None:
        """"Kang Ridwan" is the article's "Ridwan Kamil": the one fuller name that holds its words."""
        by_word = _ByWord(self.names)
        for name in list(self.names):
            ws = _words(name)
            if len(ws) >= 2 and ws[0] in FAMILIAR_ADDRESS and name not in self.parens:
                fuller = {c for c in by_word.holding_all(ws[1:]) if c != name and len(_words(c)) > len(ws) - 1
                          and _words(c)[0] not in FAMILIAR_ADDRESS and _contains_words(_words(c), ws[1:])}
                if len(fuller) == 1:
                    self.parens[name] = fuller.pop()

    def _may_lead_an_org(self, word: str) -> bool:
        """A word after which a name may begin with an organisation's or a region's: "Bank", "Bupati",
        "CEO" (roles), but not a rank or an academic title ("Jenderal Listyo Sigit Prabowo")."""
        lex = self.lex
        return word in lex.org_heads or word in lex.region_titles or \
            (word in lex.title_words() and word not in lex.ranks and word not in lex.honorifics)

    def _trim_org_led(self, org_led: set[str], org_named: set[str]) -> dict[str, str]:
        """Names after an organisation word, a regional title or a role that begin with the
        organisation's or region's own name: "Bank Permata Josua Pardede" -> "Josua Pardede" when the
        article later calls him "Josua" (or "Josua Pardede") and never uses "Permata" alone as a name;
        "Bupati Sigi Mohamad Irwan Lapatta" -> "Mohamad Irwan Lapatta" from a later "Irwan". Without
        such evidence the name is left whole."""
        out: dict[str, str] = {}
        # (indexes: the names that hold a word, and in how many organisation names each word is)
        names = _ByWord(self.names) if org_led else None
        org_word_count = Counter(w for n in org_named for w in set(_words(n)))
        for full in org_led:
            toks = list(re.finditer(r"\w+", full))
            ws = [t.group().lower() for t in toks]

            # other names of the article; the same mention with more words before it ("Bank Permata
            # Josua Pardede", an entity model's span) is not another name
            def others(*words: str, ws: list[str] = ws) -> Iterator[list[str]]:
                assert names is not None
                return (o for o in map(_words, names.holding(*words)) if not _contains_words(o, ws))

            # words of other organisations and places ("PT Pertamina Patra Niaga", "Kabupaten Sigi"):
            # using them alone elsewhere does not make them a person's
            own = set(_words(full)) if full in org_named else set()

            def org_name_word(w: str, own: set[str] = own) -> bool:
                return org_word_count[w] - (w in own) > 0

            for j in range(1, len(ws) - 1):  # at least two words stay: "Josua Pardede"
                head, tail = ws[:j], ws[j:]
                if toks[j].group() in NAME_CONNECTORS:
                    continue  # "Giovanni van Bronckhorst": "van" is inside the name
                # named later by the rest ("Josua"), or past a first word such as Mohamad ("Irwan")
                # (a name that starts the tail, or its second word, holds that word)
                named_later = any(o and (tail[:len(o)] == o or (tail[0] in self.lex.name_prefixes
                                                                 and tail[1:1 + len(o)] == o))
                                  for o in others(*tail[:2]))
                head_is_name = any(w in o for w in head if not org_name_word(w) for o in others(w)) \
                    or head[0] in self.lex.name_prefixes
                if named_later and not head_is_name:
                    out[full] = full[toks[j].start():]
                    break
        return out

    def _note_title(self, toks: list, a: int, name: str) -> None:
        """Remember "Ketua KPK Setyo Budianto": title {ketua}, organisation {kpk} -> Setyo Budianto."""
        titles, orgs = set(), set()
        k = a - 1
        if k >= 1 and toks[k].text == "." and toks[k - 1].lower in self.lex.honorifics:
            k -= 2  # "Pj Kepala Desa (Kades) Prasung H. Yusuf Rizal": the honorific is his, the title before it
        while k >= 0 and a - k <= 8 and toks[k].text not in ".;:\"“”":
            w = toks[k].lower
            if w in self.lex.title_words():
                titles.add(w)
            elif toks[k].text == ")" and k >= 2 and toks[k - 2].text == "(" \
                    and toks[k - 1].lower in self.lex.title_words():
                titles.add(toks[k - 1].lower)  # "Kepala Kejaksaan Tinggi (Kajati) Maluku Rorogo Zega"
                k -= 2
            elif toks[k].text[:1].isupper() or toks[k].text == ",":
                if toks[k].text != ",":
                    orgs.add(w)
            else:
                break
            k -= 1
        if titles:
            self.titled.append((toks[a].start, titles, orgs, name))

    def _org_words(self, words: set[str]) -> set[str]:
        out = set(words)
        ix = self._lookup()
        for w in words:  # an acronym stands for its long form, and the long form for its acronym
            out |= ix.long_of_short.get(w, set())
            out |= ix.shorts_of_word.get(w, set())
        return out - self.lex.title_words()

    def _lookup(self) -> _Lookup:
        if self._index is None:
            self._index = _Lookup(self)
        return self._index

    def holder_of(self, role: str) -> str | None:
        """The named person who holds a role in this article ("Ketua Komisi Pemberantasan Korupsi (KPK)"
        -> "Setyo Budianto", from "Ketua KPK Setyo Budianto"), or None when it is not clear."""
        return self._remembered(("holder", role), lambda: self._holder_of(role))

    def _holder_of(self, role: str) -> str | None:
        words = [w for w in _words(role) if w not in FORMS_OF_ADDRESS]  # "Pak Kades" is the Kades
        titles = {w for w in words if w in self.lex.title_words()}
        orgs = self._org_words({w for w in words if w not in titles and w not in ("dan", "di", "untuk")})
        if not titles:
            return None
        ix = self._lookup()
        long_forms = ix.long_forms
        found = {name for _, t, o, name in ix.titled_by_word.get(min(titles), [])
                 if titles <= t and (not orgs or self._org_words(o) & orgs)
                 and not any(set(_words(name)) <= lf for lf in long_forms)}
        return found.pop() if len(found) == 1 else None

    @contextmanager
    def _follow(self, name: str) -> Iterator[None]:
        """While a long form is followed from ``name``: a chain of long forms that comes back to a name
        already followed ("A" for "B", "B" for "A") stops there instead of going round for ever."""
        self._following.add(name)
        try:
            yield
        finally:
            self._following.discard(name)

    def _remembered(self, key: tuple, compute: Any) -> Any:
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def is_known_name(self, name: str) -> bool:
        """A one-word name that is part of a longer name of the article, or was met mid-sentence."""
        return self._remembered(("known", name), lambda: self._is_known_name(name))

    def _is_known_name(self, name: str) -> bool:
        w = _words(name)
        holders = self._lookup().names.holding_all(w) if w else self.names
        return any(len(_words(c)) >= 2 and _contains_words(_words(c), w) for c in holders) or \
            any(self.text[p - 2:p] not in (". ", "\n", "") and p > 0 and self.text[p - 1] != "\n"
                for p in self.names.get(name, []))

    def canonical(self, name: str, kind: str, at: int) -> tuple[str, SpeakerType]:
        """The fullest form of ``name`` in the article (and its type). (``at`` does not change it.)"""
        return self._remembered(("canonical", name, kind), lambda: self._canonical(name, kind, at))

    def _canonical(self, name: str, kind: str, at: int) -> tuple[str, SpeakerType]:
        if kind == "handle":
            return name, "person"
        name = self.trimmed.get(name, name)
        words = _words(name)
        if name in self.parens and name not in self._following:
            return self._by_long_form(name, at)
        if len(words) == 1 and is_acronym(name) and self._org_long(name) == name \
                and (person := self._contraction_of(name)):
            self.guessed.add(name)
            return person, "person"  # "SBY" for Susilo Bambang Yudhoyono (no organisation spelled out)
        if kind == "organisation" and len(words) == 1 and not is_acronym(name):
            person = self._longest_person(name, words)
            if person != name:  # "Menurut Georgieva": the model's ORGANISATION is Kristalina Georgieva
                return person, "person"
        if kind == "organisation" or (len(words) == 1 and is_acronym(name)):
            return self._org_long(name), "organisation"
        if _DASH_PAIR.fullmatch(name):
            return name, "other"  # "Willy-Wahyudi", "Jokowi-Ma'ruf": a pair of candidates, nobody's pronoun
        person = self._longest_person(name, words)
        if person in self.companies:  # "Sinar Laut" of "PT Sinar Laut Abadi Tbk": the company
            return self.companies[person], "organisation"
        return person, "person"

    def _by_long_form(self, name: str, at: int) -> tuple[str, SpeakerType]:
        """A short form or nickname the article spells out ("Kemlu" -> the ministry, "Boim" -> Adryanto
        Pratono): the person named at the end of the long form, else the organisation it is."""
        long = self.parens[name]
        toks = tokens(long)
        runs = _name_runs(toks, self.lex)
        # (not "Survei Geologi Amerika Serikat (USGS)": a body's long form in dictionary words)
        if runs and not _has_org_word(long, self.lex) \
                and not (is_acronym(name) and mostly_dictionary_words(long.split(), self.lex)):
            a, b = runs[-1]
            with self._follow(name):  # ("Santoso" for "Hal Santoso": a long form that leads back)
                return self.canonical(long[toks[a].start:toks[b - 1].end], "name", at)
        return self._org_long(long), "organisation"

    def is_ambiguous(self, name: str) -> bool:
        """A short name that two different full names of the article hold ("Santoso": Budi Santoso and
        Agus Santoso)."""
        return self._remembered(("ambiguous", name), lambda: self._is_ambiguous(name))

    def _is_ambiguous(self, name: str) -> bool:
        words = _words(name)
        holders = [c for c in (self._lookup().names.holding_all(words) if words else self.names)
                   if len(_words(c)) > len(words) and _contains_words(_words(c), words)
                   and c not in self.parens
                   and not _has_org_word(c, self.lex)]
        maximal = {c for c in holders if not any(c != d and _contains_words(_words(d), _words(c)) for d in holders)}
        return len(maximal) > 1

    def _longest_person(self, name: str, words: list[str]) -> str:
        """The longest name of the article that holds ``name`` (of two as long, the one met last)."""
        best, best_key = name, (len(words), 0)
        # (a name that holds the words holds the first: in the names' order, as a scan would meet them)
        for cand in (self._lookup().names.holding_all(words) if words else self.names):
            positions = self.names[cand]
            cw = _words(cand)
            if len(cw) <= len(words) or not _contains_words(cw, words) or cand in self.parens:
                continue  # (an alias, "Kang Ridwan", is not a fuller name)
            if _has_org_word(cand, self.lex) or (_DASH_PAIR.fullmatch(cand) and not _DASH_PAIR.fullmatch(name)):
                continue  # (nor is a pair, "China-Jepang", "Prabowo-Sandi", one's fuller name)
            key = (len(cw), max(positions))
            if key > best_key:
                best, best_key = cand, key
        if best == name and len(words) == 1:  # "Alex" for Alexander Marwata, "Jokowi" for Joko Widodo
            guess = self._prefix_holder(name, words[0]) or self._contraction_of(name)
            if guess:
                self.guessed.add(name)
                return guess
        return best

    def _contraction_of(self, name: str) -> str | None:
        """The one person name of the article that ``name`` shortens: its initials ("SBY", "JK") or
        the beginnings of its words run together ("Jokowi" = Joko + Widodo, "Zulhas" = Zulkifli +
        Hasan). None when no name, or more than one, fits."""
        w = name.lower()
        if not w.isalpha() or len(w) < 2:
            return None
        initials = is_acronym(name) and len(name) <= 4
        if not initials and (len(w) < 5 or not name[:1].isupper() or not name[1:].islower()):
            return None
        found = set()
        ix = self._lookup()
        # (the initials, or the first three letters of the first word, must agree)
        for cand in ix.by_initials.get(w, []) if initials else ix.by_first3.get(w[:3], []):
            cw = _words(cand)
            if len(cw) < 2 or cand in self.parens or _has_org_word(cand, self.lex):
                continue
            if initials:
                if len(cw) == len(w) and "".join(x[0] for x in cw) == w:
                    found.add(cand)
            elif _runs_together(w, cw):
                found.add(cand)
        return found.pop() if len(found) == 1 else None

    def _prefix_holder(self, name: str, word: str) -> str | None:
        """"Alex" for "Alexander Marwata": a one-word name of four letters or more that begins one word
        of exactly one longer person name of the article (and is not that whole word)."""
        if len(word) < 4 or not name[:1].isupper():
            return None
        words = self._lookup().words
        found = set()
        for k in range(bisect_left(words, (word,)), len(words)):  # the words that begin with ``word``
            w, cand = words[k]
            if not w.startswith(word):
                break
            if len(w) > len(word) and len(_words(cand)) >= 2 and not _has_org_word(cand, self.lex):
                found.add(cand)
        maximal = {c for c in found if not any(c != d and _contains_words(_words(d), _words(c)) for d in found)}
        return maximal.pop() if len(maximal) == 1 else None

    def _org_long(self, name: str) -> str:
        return self._remembered(("org_long", name), lambda: self._org_long_of(name))

    def _org_long_of(self, name: str) -> str:
        words = _words(name)
        if name in self.parens and name not in self._following:
            with self._follow(name):
                return self._org_long(self.parens[name])
        if " ".join(words) in self.lex.places:
            return name
        best = name
        titles = self.lex.title_words()
        ix = self._lookup()
        # an organisation that holds these words holds the first, or (one word abbreviated, see
        # _abbreviated_phrase) all the others; one that a single word abbreviates begins with its
        # letter: in order
        cands = (sorted(set(ix.orgs.holding(words[0])) | set(ix.orgs.holding_all(words[1:])),
                        key=ix.orgs.rank.__getitem__) if len(words) > 1 else
                 sorted(set(ix.orgs.holding(words[0])) | set(ix.orgs_by_letter.get(words[0][0], [])),
                        key=ix.orgs.rank.__getitem__)) if words else ix.orgs.rank
        for cand in cands:
            cw = _words(cand)
            if len(cw) <= len(words):
                continue
            if cw[0] in titles or any(is_name_word(t, self.lex) for t in tokens(cand)):
                continue  # "Kepala Dinas ... Dedi Supandi" is a person with a title, not an organisation
            if _contains_words(cw, words) or _abbreviated_phrase(words, cw):
                if len(cw) > len(_words(best)):
                    best = cand
        return best


class _Lookup:
    """Indexes over a finished registry, so that a question about one name reads only the names that
    can answer it (those that hold its words, begin with its letters, carry its title), in the order
    a scan of every name would meet them."""

    def __init__(self, reg: Registry) -> None:
        lex = reg.lex
        self.names = _ByWord(reg.names)
        # (word, name) of the person names of two words or more, sorted: the words beginning with a prefix
        self.words = sorted({(w, n) for n in reg.names if len(_words(n)) >= 2 and not _has_org_word(n, lex)
                             for w in _words(n)})
        self.by_initials: dict[str, list[str]] = {}
        self.by_first3: dict[str, list[str]] = {}
        for n in reg.names:
            cw = _words(n)
            if cw:
                self.by_initials.setdefault("".join(x[0] for x in cw), []).append(n)
                self.by_first3.setdefault(cw[0][:3], []).append(n)
        self.orgs = _ByWord([*reg.orgs, *reg.parens.values()])
        self.orgs_by_letter: dict[str, list[str]] = {}
        for x in self.orgs.rank:
            cw = _words(x)
            if cw:
                self.orgs_by_letter.setdefault(cw[0][0], []).append(x)
        self.long_forms = [set(_words(x)) for x in reg.parens.values()]
        self.titled_by_word: dict[str, list[tuple[int, set[str], set[str], str]]] = {}
        for entry in reg.titled:
            for w in entry[1]:
                self.titled_by_word.setdefault(w, []).append(entry)
        # an acronym stands for its long form, and the long form's words for the acronym
        self.long_of_short: dict[str, set[str]] = {}
        self.shorts_of_word: dict[str, set[str]] = {}
        for short, long in reg.parens.items():
            lw = set(_words(long))
            self.long_of_short.setdefault(short.lower(), set()).update(lw)
            for w in lw:
                self.shorts_of_word.setdefault(w, set()).add(short.lower())


def _runs_together(w: str, words: list[str]) -> bool:
    """``w`` is the beginnings (three letters or more, then two or more) of two or more consecutive
    words from the first: "jokowi" = "joko" + "wi"."""
    def fits(rest: str, k: int, first: bool) -> bool:
        if not rest:
            return k >= 2
        if k >= len(words):
            return False
        least = 3 if first else 2
        return any(words[k].startswith(rest[:n]) and fits(rest[n:], k + 1, False)
                   for n in range(min(len(rest), len(words[k])), least - 1, -1))
    return fits(w, 0, True)


def _has_org_word(name: str, lex: Lexicon) -> bool:
    """An organisation word in a name ("Kejaksaan Agung"), but not a lower-case name connector that is
    also an acronym ("Mohammed bin Salman" is not BIN's)."""
    return any(w.lower() in lex.org_words for w in re.findall(r"\w+", name) if w not in NAME_CONNECTORS)


def _contains_words(longer: list[str], shorter: list[str]) -> bool:
    n = len(shorter)
    return any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1))


def _abbreviated_phrase(short: list[str], long: list[str]) -> bool:
    """["kemenhan", "rusia"] vs ["kementerian", "pertahanan", "rusia"]: one abbreviated word for a
    stretch of long words, the rest equal."""
    if len(short) < 1:
        return False
    for i, w in enumerate(short):
        head, tail = short[:i], short[i + 1:]
        if long[:len(head)] != head:
            continue
        rest = long[len(head):]
        if tail and rest[len(rest) - len(tail):] != tail:
            continue
        middle = rest[:len(rest) - len(tail)] if tail else rest
        if len(middle) >= 2 and _abbreviates(w, " ".join(middle)):
            return True
    return False


@dataclass
class SalienceEvent:
    pos: int
    paragraph: int
    name: str
    type: SpeakerType
    title: str | None = None
    personal: bool = False  # an unnamed person ("seorang pedagang"): a singular pronoun can mean it


class Salience:
    """Who the article is talking about, as it goes: the latest speaker or subject mentioned.

    ``latest`` answers as a scan of every event would (the matching event with the largest position,
    the first added among equals), but reads only the events of the paragraphs it may return, each
    paragraph's from the position asked for backwards, until one matches."""

    def __init__(self) -> None:
        self.events: list[SalienceEvent] = []
        self._paragraphs: list[int] = []  # the paragraphs that have events, in order
        # per paragraph: its events as (pos, order added, event), sorted, and their positions
        self._by_paragraph: dict[int, tuple[list[tuple[int, int, SalienceEvent]], list[int]]] = {}

    def add(self, event: SalienceEvent) -> None:
        seq = len(self.events)
        self.events.append(event)
        if event.paragraph not in self._by_paragraph:
            insort(self._paragraphs, event.paragraph)
            self._by_paragraph[event.paragraph] = ([], [])
        group, positions = self._by_paragraph[event.paragraph]
        k = bisect_right(positions, event.pos)  # after the events at the same position: added later
        group.insert(k, (event.pos, seq, event))
        positions.insert(k, event.pos)

    def latest(self, pos: int, paragraph: int, types: tuple[str, ...] = ("person",),
               max_back: int = 5, title_words: set[str] | None = None,
               personal: bool = False) -> SalienceEvent | None:
        def fits(ev: SalienceEvent) -> bool:
            if ev.type not in types and not (personal and ev.personal):
                return False
            return not title_words or bool(ev.title and title_words & set(_words(ev.title)))

        best: tuple[int, int, SalienceEvent] | None = None
        # paragraph - ev.paragraph <= max_back: the paragraphs from paragraph - max_back on
        paragraphs = self._paragraphs
        for x in range(bisect_left(paragraphs, paragraph - max_back), len(paragraphs)):
            group, positions = self._by_paragraph[paragraphs[x]]
            k = bisect_left(positions, pos)  # the events before pos
            found = None
            while k > 0:
                k -= 1
                at = group[k][0]
                if found is not None and at < found[0]:
                    break  # (the first added among events at the same position)
                if best is not None and at < best[0]:
                    break  # cannot beat what another paragraph gave
                if fits(group[k][2]):
                    found = group[k]
            if found is not None and (best is None or found[0] > best[0]
                                      or (found[0] == best[0] and found[1] < best[1])):
                best = found
        return best[2] if best is not None else None


def build_speakers(quotes: list, mentions: dict[str, list[Mention]], types: dict[str, SpeakerType],
                   titles: dict[str, str | None]) -> list[Speaker]:
    counts: dict[str, int] = {}
    for q in counted(quotes):
        if q.speaker:
            counts[q.speaker] = counts.get(q.speaker, 0) + 1
    out = []
    for name, n in counts.items():
        aliases = [name]
        for m in mentions.get(name, []):
            for s in (m.span.text, m.name, m.title):
                if s and s not in aliases and len(s) > 1:
                    aliases.append(s)
        out.append(Speaker(name=name, type=types.get(name, "other"), aliases=aliases,
                           title=titles.get(name), quote_count=n))
    out.sort(key=lambda s: (-s.quote_count, s.name))
    return out


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
    ("signature", "handle"): 0.8, ("signature", "name"): 0.8,
    ("backref", "name"): 0.85, ("backref", "organisation"): 0.8, ("backref", "handle"): 0.8,
}


def _confidence(rule: str, kind: str | None, resolved: bool) -> float:
    base = BASE_CONFIDENCE.get((rule, kind), BASE_CONFIDENCE.get((rule, None), 0.5))
    return round(base if resolved else base * 0.5, 2)


@dataclass(frozen=True)
class _AnaphorReading:
    """How a pronoun or an anaphoric description is read: whom it may mean, among the earlier speakers."""

    description: bool  # "pelatih itu", not a pronoun
    words: frozenset[str]  # the description's words
    institution: bool  # "kementerian tersebut", "lembaga itu": an organisation
    plural: bool  # "mereka": a person, a group or an organisation
    generic: bool  # "pria yang enggan disebut namanya itu": someone, not a role
    described: bool  # "pria berkaus hitam itu": an unnamed person of the article, by sight
    role: frozenset[str] | None  # the description's title words ("pelatih"), if any

    @classmethod
    def of(cls, m: Mention | None, lex: Lexicon) -> _AnaphorReading:
        description = m is not None and m.kind == "description"
        words = frozenset(m.title.lower().split()) if description and m is not None and m.title else frozenset()
        head = (m.title or "").lower().split()[:1] if description and m is not None else []
        generic = bool(head and head[0] in GENERIC_PERSON)
        role = _role_words(set(words), lex)
        return cls(description=description, words=words,
                   institution=bool(head and head[0] in lex.org_words),
                   plural=m is not None and m.span.text.lower() == "mereka",
                   generic=generic, described=generic and bool(words & APPEARANCE),
                   role=frozenset(role) if role else None)

    @property
    def types(self) -> tuple[str, ...]:
        """The kinds of speaker it may mean (none when described by sight: no one named)."""
        if self.described:
            return ()
        if self.plural:
            return ("person", "other", "organisation")
        return ("organisation",) if self.institution else ("person",)

    @property
    def title_words(self) -> set[str] | None:
        """The role the earlier speaker must hold ("pelatih itu": a coach), if any."""
        return None if self.institution or self.generic or self.role is None else set(self.role)

    @property
    def personal(self) -> bool:
        """A singular person's pronoun or a generic description: the last person, not a group."""
        return not self.institution and not self.plural and (not self.description or self.generic)


class SpeakerResolver:
    """Gives every attribution its speaker, in text order, keeping track of who the article is about."""

    def __init__(self, text: str, registry: Registry, subjects: list[tuple[int, int, Mention]],
                 lex: Lexicon) -> None:
        self.text, self.registry, self.lex = text, registry, lex
        self.subjects = sorted(subjects, key=lambda x: x[0])
        self.salience = Salience()
        self._next_subject = 0
        # the direct quotes among the quotes done so far (indices), and the largest paragraph up to each
        self._done: tuple[list[Quote] | None, int, list[int], list[int]] = (None, 0, [], [])  # (list, length read, ...)

    # ---- salience ----------------------------------------------------------------------------------
    def _feed_subjects(self, upto: int) -> None:
        """Sentence subjects before ``upto`` become salience events (who "ia" or "-nya" can be)."""
        while self._next_subject < len(self.subjects) and self.subjects[self._next_subject][0] < upto:
            pos, para, m = self.subjects[self._next_subject]
            self._next_subject += 1
            if m.kind in ("name", "handle") and m.name:
                name, typ = self.registry.canonical(m.name, m.kind, pos)
                if len(name.split()) >= 2 or m.kind == "handle" or self.registry.is_known_name(name):
                    self.salience.add(SalienceEvent(pos, para, name, typ, m.title))
            elif m.kind == "description" and m.title:
                self.salience.add(SalienceEvent(pos, para, m.title, "other", m.title, self._personal(m.title)))
            elif m.kind == "organisation" and m.span.text.split()[0].lower() in self.lex.title_words():
                # "Gubernur Sumut menjawab ...": a role, held by a person of the article or unnamed
                name, typ, _ = self._role(m, pos, para)
                if name:
                    self.salience.add(SalienceEvent(pos, para, name, typ or "other", m.span.text,
                                                    typ != "person"))
            elif m.kind == "organisation" and m.name:
                name, _ = self.registry.canonical(m.name, m.kind, pos)
                self.salience.add(SalienceEvent(pos, para, name, "organisation", None))

    def _personal(self, description: str) -> bool:
        """An unnamed person: "seorang pedagang", "pria itu", "Kapolres" (not "kebijakan itu")."""
        words = description.lower().split()
        while len(words) > 1 and words[0] in DESCRIPTION_DET | {"satu"}:
            words = words[1:]  # "salah satu warga" -> "warga"
        return bool(words) and (words[0] in self.lex.person_nouns or words[0] in self.lex.title_words())

    # ---- one method per kind of mention ------------------------------------------------------------
    def _continuation(self, a: Attribution, done: list[Quote]) -> tuple[str | None, SpeakerType | None, bool]:
        """A quote without a cue continues the direct quote of the last two paragraphs."""
        ev = self.salience.latest(a.start, a.paragraph, ("person",), max_back=1)
        for q in self._direct_before(done, a.paragraph - 2):
            if q.paragraph <= a.paragraph and a.paragraph - q.paragraph <= 2:
                if ev is not None and ev.pos > q.end and ev.name != q.speaker and a.span is not None \
                        and a.span.open_mark >= 0:
                    break  # someone else became the subject in between: "Y membantah. \"...\""
                return q.speaker, q.speaker_type, True
        return (ev.name, ev.type, False) if ev else (None, None, False)

    def _direct_before(self, done: list[Quote], lowest: int) -> Iterator[Quote]:
        """The direct quotes of ``done``, last first, as far back as one can be in paragraph ``lowest``
        or later (``done`` only grows between calls: the index of its direct quotes is kept)."""
        key, seen, direct, reach = self._done
        if key is not done or seen > len(done):
            key, seen, direct, reach = done, 0, [], []
        for i in range(seen, len(done)):
            if done[i].type == "direct":
                direct.append(i)
                reach.append(max(reach[-1], done[i].paragraph) if reach else done[i].paragraph)
        self._done = (key, len(done), direct, reach)
        for k in range(len(direct) - 1, -1, -1):
            if reach[k] < lowest:
                return  # no direct quote up to here is that recent
            yield done[direct[k]]

    def _anaphor(self, m: Mention | None, anchor: int, paragraph: int) -> tuple[str | None, SpeakerType | None, bool]:
        """ia, dia, beliau, -nya, mereka, and descriptions ending in itu/tersebut."""
        r = _AnaphorReading.of(m, self.lex)
        if r.description and m is not None:
            anchor = min(anchor, m.span.start)  # before the description itself, which is a subject too
        ev = self.salience.latest(anchor, paragraph, r.types, title_words=r.title_words, personal=r.personal)
        if ev is None and r.words and not r.institution and not r.described:
            ev = self.salience.latest(anchor, paragraph, ("person",))
        if ev is not None:
            return ev.name, ev.type, True
        if r.description and m is not None and m.title:
            return m.title, "other", True  # a new, unnamed speaker: "penjaga warung ... itu"
        return None, None, False

    def _role(self, m: Mention, anchor: int, paragraph: int) -> tuple[str | None, SpeakerType | None, bool]:
        """A role without a name ("sambung Kapolres", "Ketua Komisi Pemberantasan Korupsi (KPK)") names
        the person who holds it in this article; otherwise the description is the speaker."""
        holder = self.registry.holder_of(m.span.text)
        if holder is not None:
            name, typ = self.registry.canonical(holder, "name", m.span.start)
            return name, typ, True
        role = _role_words(set((m.title or m.span.text).lower().split()), self.lex)
        bare = m.kind == "description" and role is not None and \
            all(w in self.lex.title_words() for w in (m.title or "").lower().split())
        ev = self.salience.latest(anchor, paragraph, ("person",), title_words=role) if bare else None
        if ev is not None:
            return ev.name, ev.type, True
        if m.kind == "organisation":
            name, typ = self.registry.canonical(m.name or m.span.text, m.kind, m.span.start)
            return name, typ, True
        return m.title or m.span.text, "other", True

    def _speaker(self, a: Attribution, anchor: int, done: list[Quote]) -> tuple[str | None, SpeakerType | None, bool]:
        m = a.mention
        if a.rule == "continuation":
            return self._continuation(a, done)
        if m is not None and m.span.text.lower().split()[-1] == "pihaknya" and done and done[-1].speaker is not None:
            return done[-1].speaker, done[-1].speaker_type, True  # "his side": the body of who spoke last
        if m is None or m.kind == "pronoun" or (m.kind == "description" and _anaphoric(m)):
            return self._anaphor(m, anchor, a.paragraph)
        if m.kind == "description" or (m.kind == "organisation"
                                       and m.span.text.split()[0].lower() in self.lex.title_words()):
            return self._role(m, anchor, a.paragraph)
        name, typ = self.registry.canonical(m.name or m.span.text, m.kind, m.span.start)
        return name, typ, True

    # ---- the pass ----------------------------------------------------------------------------------
    def attribute(self, direct: list[Attribution], indirect: list[Attribution]) -> tuple[list[Quote], list[Speaker]]:
        """Quotes with speakers, in text order, and the article's speakers list."""
        kept = _mixed_or_dropped(direct, indirect)
        # a reported clause inside a direct quotation is not a second quote
        quoted = Reach(kept, key=lambda d: (d.start, d.end))
        indirect = [r for r in indirect if not quoted.covers(r.start, r.end)]
        # the subject of reported content ("Menurut dia, sebagian besar pedagang ...") is not who speaks
        # next: the speaker of that content is
        reported = Reach(indirect, key=lambda r: (r.start, r.end))
        self.subjects = [x for x in self.subjects if not reported.holds(x[0])]
        mentions: dict[str, list[Mention]] = {}
        types: dict[str, SpeakerType] = {}
        titles: dict[str, str | None] = {}
        quotes: list[Quote] = []
        for a in sorted(kept + indirect, key=lambda a: (a.start, a.type != "indirect")):
            anchor = a.cue.span.start if a.cue else a.start
            self._feed_subjects(min(anchor, a.start))
            speaker, stype, resolved = self._speaker(a, anchor, quotes)
            m = a.mention
            if speaker and m is not None and m.kind != "pronoun":
                mentions.setdefault(speaker, []).append(m)
                if m.title and not titles.get(speaker):
                    titles[speaker] = m.title
            if speaker and stype:
                types.setdefault(speaker, stype)
                self.salience.add(SalienceEvent(anchor, a.paragraph, speaker, stype, m.title if m else None,
                                                stype == "other" and self._personal(speaker)))
            quotes.append(self._quote(a, speaker, stype, resolved))
        quotes.sort(key=lambda q: q.start)
        return quotes, build_speakers(quotes, mentions, types, titles)

    def _quote(self, a: Attribution, speaker: str | None, stype: SpeakerType | None, resolved: bool) -> Quote:
        """The output quote of an attribution, with its speaker and confidence."""
        m = a.mention
        return Quote(
            quote=self.text[a.start:a.end], type="mixed" if a.rule == "mixed" else a.type,
            start=a.start, end=a.end, speaker=speaker, speaker_type=stype,
            speaker_mention=m.span.text if m else None, speaker_span=m.span.to_list() if m else None,
            cue=a.cue.span.text if a.cue else None, cue_span=a.cue.span.to_list() if a.cue else None,
            via=a.cue.via if a.cue else None,
            confidence=self._confidence_of(a, speaker, resolved),
            rule=a.rule, paragraph=a.paragraph,
        )

    def _confidence_of(self, a: Attribution, speaker: str | None, resolved: bool) -> float:
        """How sure the speaker of an attribution is: by its rule and mention, less when it was not
        resolved, is ambiguous or was guessed from a short name's spelling."""
        m = a.mention
        rule = "continuation" if a.rule == "continuation" else (a.cue.kind if a.cue else a.rule)
        # "kata Santoso" with Budi Santoso and Agus Santoso in the article: a guess
        ambiguous = m is not None and m.kind == "name" and bool(m.name) and (
            self.registry.is_ambiguous(m.name) or _joint(m, self.text, self.lex))
        return round(_confidence(rule, m.kind if m else None, resolved and speaker is not None and not ambiguous)
                     * (0.9 if m is not None and m.name in self.registry.guessed else 1.0), 2)


def _mixed_or_dropped(direct: list[Attribution], indirect: list[Attribution]) -> list[Attribution]:
    """The direct attributions kept: quoted fragments inside reported speech are "mixed" and take its
    speaker; other fragments (scare quotes, titles, terms) are dropped."""
    kept: list[Attribution] = []
    hosts = FirstCovering([(r.start, r.end, r) for r in indirect])
    for a in direct:
        if a.rule == "fragment":
            found = hosts.find(a.start, a.end)
            if found is None:
                continue
            host = found[2]
            a.cue, a.mention, a.rule = host.cue, host.mention, "mixed"
        kept.append(a)
    return kept


def _joint(m: Mention, text: str, lex: Lexicon) -> bool:
    """Two people speaking together ("Ketua DPR Puan Maharani dan Wakil Ketua DPR Sufmi Dasco Ahmad
    mengatakan"): the quote is given to the last one, as a guess."""
    if " dan " not in m.span.text:
        return False
    toks = tokens(text, m.span.start, m.span.end)
    cut = next((k for k, t in enumerate(toks) if t.lower == "dan"), None)
    if cut is None:
        return False
    return all(any(b - a >= 2 for a, b in _name_runs(side, lex)) for side in (toks[:cut], toks[cut + 1:]))


def _anaphoric(m: Mention) -> bool:
    words = (m.span.text or "").lower().split()
    # "pelatih itu", "pria tersebut", and "sang pelatih" (the coach already named)
    return bool(words) and (words[-1] in ANAPHOR_END or (words[0] == "sang" and len(words) > 1))


def _role_words(words: set[str] | None, lex: Lexicon) -> set[str] | None:
    if not words:
        return None
    return (words & lex.title_words()) or None
