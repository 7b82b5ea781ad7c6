"""Speaker mentions: where a mention ends, and which part of it is a name, a title or a description.

"juru bicara Kremlin, Dmitry Peskov" -> name "Dmitry Peskov", title "juru bicara Kremlin";
"penjaga warung yang tak mau disebutkan namanya itu" -> description "penjaga warung";
"ia" / "-nya" -> pronoun; "@Fahrihamzah" -> handle. Names are told from titles and organisation words
with the lexicons (titles.txt, org_words.txt, common_words.txt) and, when Stanza ran, its entities.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .lexicon import Lexicon, default_lexicon, grammar
from .model import Mention, Span
from .segment import ABBREVIATIONS, Token, tokens

_G = grammar()  # quotecli/data/grammar.toml
DAY_MONTH = _G["day_month"]
NAME_CONNECTORS = _G["name_connectors"]
TITLE_WORDS = default_lexicon().title_words()
LEADING_ADVERBS = _G["leading_adverbs"]
LEGAL_FORMS = _G["legal_forms"]
ANAPHOR_END = _G["anaphor_end"]
DESCRIPTION_DET = _G["description_determiners"]
BALINESE_NAMES = _G["balinese_names"]
# EntityLookup(start, end) -> "person" | "organisation" | "location" | None for a stretch of the text.
EntityLookup = Callable[[int, int], "str | None"]


def is_acronym(w: str) -> bool:
    return len(w) >= 2 and w.isupper() and w.isalpha()


_NAME_WORD_CACHE: dict[tuple[int, str], bool] = {}


def is_name_word(tok: Token, lex: Lexicon) -> bool:
    """A capitalised word that can be part of a personal name."""
    key = (id(lex), tok.text)
    got = _NAME_WORD_CACHE.get(key)
    if got is None:
        if len(_NAME_WORD_CACHE) > 200_000:
            _NAME_WORD_CACHE.clear()
        got = _NAME_WORD_CACHE[key] = _is_name_word(tok.text, lex)
    return got


_ARTICLE_NAME = re.compile(r"^(?:al|el|ad|ar|as|at|az|an|ud|ul)-[A-Z]\w+$")  # "al-Ansari", "el-Sisi"


def _is_name_word(w: str, lex: Lexicon) -> bool:
    if _ARTICLE_NAME.match(w):
        return True
    if not w[:1].isupper() or not re.match(r"^\w[\w'’-]*$", w) or len(w) == 1:
        return False  # (a letter alone, "Komisi D", is no name; an initial starts one: see _name_runs)
    low = w.lower()
    if low in lex.org_words or low in DAY_MONTH or low in lex.pronouns or low in lex.places:
        return False
    if low in lex.title_words() and not w.isupper():
        return False
    if low in lex.common_words or low in lex.cue_passive or low in lex.reporting_verbs:
        return False  # ("Ditegaskan Budi, ...": a fronted verb of saying is not the name's first word)
    if low.endswith("nya") and (low[:-3] in lex.common_words or low[:-3] in lex.cue_after or low[:-3] == "menurut"):
        return False
    return not is_acronym(w)


def mention_end(text: str, toks: list[Token], i: int, lex: Lexicon, limit: int = 14) -> int:
    """Index (exclusive) of the token that ends a mention starting at toks[i] after a cue."""
    j = i
    seen_name = False
    while j < len(toks) and j - i < limit:
        t = toks[j]
        if t.lower in ANAPHOR_END and j > i:
            j += 1
            if _appositive_name(toks, j, lex):
                j += 1  # "Kapolres yang baru dilantik itu, AKBP Rio Wibowo": the name follows
                continue
            break
        if t.lower == "yang" and j > i:
            j, goes_on = _after_relative_clause(toks, i, j, lex, limit, seen_name)
            if goes_on:
                continue
            break
        if seen_name and t.text[:1].islower() and t.lower not in NAME_CONNECTORS and not _honorific(toks, j, lex):
            break  # (but "Direktur RSUD Tarakan dr. Dian Ekowati" goes on after the doctor's title)
        if is_name_word(t, lex):
            seen_name = True
        elif t.text == ",":
            seen_name = False
        if _stops_mention(toks, i, j, lex):
            break
        j += 1
    # a parenthesis opened inside must close inside
    while j > i and toks[j - 1].text in ",(":
        j -= 1
    return j


def _after_relative_clause(toks: list[Token], i: int, j: int, lex: Lexicon, limit: int,
                           seen_name: bool) -> tuple[int, bool]:
    """A relative clause at toks[j] ("yang ..."): where the mention stands after it, and whether it goes on."""
    k = _clause_end(toks, i, j, lex, limit)
    if toks[k - 1].lower in ANAPHOR_END:
        if _appositive_name(toks, k, lex):
            return k + 1, True
        return k, False
    if not seen_name:  # "salah satu keluarga WNI yang tersandera (dalam video ...)"
        return _identifying_clause_end(toks, j, k, lex), False
    return j, False


def _clause_end(toks: list[Token], i: int, j: int, lex: Lexicon, limit: int) -> int:
    """Where the relative clause at toks[j] ends: at punctuation, a stop word or the length limit."""
    k = j + 1
    while k < len(toks) and k - i < limit + 8 and toks[k].text not in ",.!?;:\"“”" and \
            not (k > j + 1 and toks[k].lower in lex.stop_after_speaker):
        k += 1
    return k


def _identifying_clause_end(toks: list[Token], j: int, k: int, lex: Lexicon) -> int:
    """The end of a short clause that identifies the speaker (up to three words, not an anonymity
    formula), which belongs to the mention; else j, where the clause begins."""
    m = j + 1
    while m < k and not (toks[m].lower in lex.stop_after_speaker and m > j + 1):
        m += 1
    clause = [x.lower for x in toks[j + 1:m]]
    if 1 <= len(clause) <= 3 and not ANONYMITY & set(clause):
        return m
    return j


def _stops_mention(toks: list[Token], i: int, j: int, lex: Lexicon) -> bool:
    """toks[j] ends the mention: punctuation, a comma not followed by a name, a stop word or a date."""
    t = toks[j]
    if t.text in ".!?;:\"“”»(" and not (t.text == "(" and _short_form_follows(toks, j)) \
            and not abbreviation_period(toks, j, i):
        return True
    if t.text == ",":
        return _comma_ends_mention(toks, i, j, lex)
    if t.text[:1].islower() and t.lower in lex.stop_after_speaker and j > i:
        return True
    return t.text[:1].isupper() and t.lower in DAY_MONTH and j > i and _is_date(toks, j, lex)


def _short_form_follows(toks: list[Token], j: int) -> bool:
    """A short form in brackets at toks[j]: an acronym ("(BPS)") or one capitalised word ("(Kemenkeu)")."""
    if j + 1 >= len(toks):
        return False
    nxt = toks[j + 1].text
    return is_acronym(nxt) or (nxt[:1].isupper() and nxt.isalpha() and j + 2 < len(toks) and toks[j + 2].text == ")")


def _comma_ends_mention(toks: list[Token], i: int, j: int, lex: Lexicon) -> bool:
    """The comma at toks[j] ends the mention unless a capitalised word (not a day or month) follows it."""
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    if nxt is None or not nxt.text[:1].isupper() or nxt.lower in DAY_MONTH or j == i:
        return True
    return nxt.text[:1].islower() and nxt.lower in lex.stop_after_speaker


DEGREES = _G["degrees"]


def _is_degree(toks: list[Token]) -> bool:
    """Academic degrees after a name: "M.Si", "S.H", "Ph.D", "MBA" (short capitalised pieces with
    periods, or a known degree); a specialist's grade in parentheses goes with it ("Sp.A(K)")."""
    toks = [t for t in toks if t.text not in "()"]
    return bool(toks) and all(t.text == "." or (t.text[:1].isupper() and t.text.isalpha() and len(t.text) <= 4)
                              for t in toks) \
        and (any(t.text == "." for t in toks) or all(t.lower in DEGREES for t in toks))


def abbreviation_period(toks: list[Token], j: int, i: int) -> bool:
    """The period of a title or an initial inside a mention ("Prof. Hikmahanto Juwana", "dr. Siti Nadia",
    "Dr. Ir. H. Budi Santoso, M.Si.", "Penny K. Lukito"): the mention goes on after it."""
    if toks[j].text != "." or j <= i or j + 1 >= len(toks):
        return False
    prev, nxt = toks[j - 1], toks[j + 1]
    return prev.end == toks[j].start and prev.lower in ABBREVIATIONS and nxt.text[:1].isupper()


def _is_date(toks: list[Token], j: int, lex: Lexicon) -> bool:
    """A day or month name at toks[j] that dates the statement ("kata Budi, Senin (3/6)", "di Jakarta
    Senin"), not part of a place name ("pedagang Pasar Minggu"): after a capitalised word other than a
    known place, only a date in parentheses or a number after it makes it a date."""
    prev = toks[j - 1].text
    if not prev[:1].isupper() or prev.lower() in DAY_MONTH:
        return True
    nxt = toks[j + 1].text if j + 1 < len(toks) else ""
    return nxt == "(" or nxt[:1].isdigit() or toks[j - 1].lower in lex.places


def _appositive_name(toks: list[Token], j: int, lex: Lexicon) -> bool:
    """A comma at toks[j] followed by a name (or a rank and a name): "... itu, AKBP Rio Wibowo"."""
    return j + 1 < len(toks) and toks[j].text == "," and (
        is_name_word(toks[j + 1], lex)
        or (toks[j + 1].lower in TITLE_WORDS and j + 2 < len(toks) and is_name_word(toks[j + 2], lex)))


def _initial_at(toks: list[Token], m: int, lex: Lexicon) -> int:
    """"M. Fikser": toks[m] is an initial; its period and the next name word continue the run (2)."""
    t = toks[m + 1]
    if len(toks[m].text) == 1 and toks[m].text.isupper() and toks[m].lower not in lex.honorifics \
            and t.text == "." and t.start == toks[m].end \
            and m + 2 < len(toks) and is_name_word(toks[m + 2], lex):
        return 2
    return 0


def _initial_next(toks: list[Token], m: int, lex: Lexicon) -> int:
    """"John E. Johnson": the initial, its period and the next name word continue the run (3)."""
    t = toks[m + 1]
    if len(t.text) == 1 and t.text.isupper() and m + 3 < len(toks) and toks[m + 2].text == "." \
            and is_name_word(toks[m + 3], lex):
        return 3
    return 0


def _name_word_next(toks: list[Token], m: int, lex: Lexicon) -> int:
    """A name word continues the run (1)."""
    return 1 if is_name_word(toks[m + 1], lex) else 0


def _regnal_number(toks: list[Token], m: int, lex: Lexicon) -> int:
    """"Hamengku Buwono X", "Paus Leo XIV": a regnal number ends the name (1)."""
    return 1 if re.fullmatch(r"[IVX]{1,5}", toks[m + 1].text) and is_name_word(toks[m], lex) else 0


def _name_connector(toks: list[Token], m: int, lex: Lexicon) -> int:
    """"Mohammed bin Salman", "Giovanni van Bronckhorst": a connector and the next name word (2)."""
    if toks[m + 1].text in NAME_CONNECTORS and m + 2 < len(toks) and is_name_word(toks[m + 2], lex):
        return 2
    return 0


def _place_word_in_name(toks: list[Token], m: int, lex: Lexicon) -> int:
    """"Hotman Paris Hutapea": a place's name inside a person's, before another name word (1)."""
    t = toks[m + 1]
    if t.lower in lex.places and t.text[:1].isupper() and not is_acronym(t.text) and m + 2 < len(toks) \
            and is_name_word(toks[m + 2], lex):
        return 1
    return 0


def _title_word_as_name(toks: list[Token], m: int, lex: Lexicon) -> int:
    """"Arya Perdana": a word of a longer title ("perdana menteri") used as a name (1)."""
    t = toks[m + 1]
    low = t.lower
    if t.text[:1].isupper() and low in lex.title_words() and low not in lex.titles and \
            (m + 2 >= len(toks) or f"{low} {toks[m + 2].lower}" not in lex.titles):
        return 1
    return 0


def _common_word_as_name(toks: list[Token], m: int, lex: Lexicon) -> int:
    """"Sikvenson Weo Mata": a capitalised common word continues the run (1)."""
    return 1 if _common_capitalised(toks[m + 1], lex) else 0


# the ways a name run goes on after toks[m], tried in order: the first that fits gives the step
_RUN_STEPS = (
    _initial_at,
    _initial_next,
    _name_word_next,
    _regnal_number,
    _name_connector,
    _place_word_in_name,
    _title_word_as_name,
    _common_word_as_name,
)


def _continues_run(toks: list[Token], m: int, lex: Lexicon) -> int:
    """How many tokens after toks[m] continue a name run: 1 for a name word (or a capitalised common
    word such as "Mata" in "Sikvenson Weo Mata"), 2 for an initial with its period ("John E. Johnson")."""
    if m + 1 >= len(toks):
        return 0
    for step in _RUN_STEPS:
        n = step(toks, m, lex)
        if n:
            return n
    return 0


ROMAN = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"}


def _common_capitalised(t: Token, lex: Lexicon) -> bool:
    low = t.lower
    return t.text[:1].isupper() and t.text[1:].islower() and low in lex.common_words \
        and low not in lex.org_words and low not in lex.title_words() and low not in lex.places \
        and low not in DAY_MONTH


def _name_after_comma(toks: list[Token], k: int, lex: Lexicon) -> bool:
    """A capitalised common word right after a comma, before a name word, starts an appositive name
    ("juru bicara Kemlu, Lalu Muhamad Iqbal")."""
    t = toks[k]
    return (0 < k < len(toks) - 1 and toks[k - 1].text == "," and t.text[:1].isupper() and t.text[1:].islower()
            and t.lower in lex.common_words and t.lower not in lex.title_words() and t.lower not in lex.org_words
            and is_name_word(toks[k + 1], lex))


def _skipped_capital(toks: list[Token], k: int, lex: Lexicon) -> bool:
    """toks[k] cannot start a name: a lower-case word, a hashtag's word, or a district's number."""
    if not toks[k].text[:1].isupper() and not _ARTICLE_NAME.match(toks[k].text):  # most words: nothing to look up
        return True
    if k > 0 and toks[k - 1].text == "#" and toks[k - 1].end == toks[k].start:
        return True  # "#SaveKPK": a hashtag, not a name
    # "dapil Sulsel I Andi Iwan": the district's number, not the Balinese "I"
    return toks[k].text in ROMAN and k > 0 and toks[k - 1].lower in lex.places \
        and not (k + 1 < len(toks) and toks[k + 1].lower in BALINESE_NAMES)


def _starts_name(toks: list[Token], k: int, lex: Lexicon) -> bool:
    """toks[k] starts a name: a name word, an initial with its period, the Balinese "I" ("I Wayan"),
    or a capitalised word after a comma before a name word."""
    initial = len(toks[k].text) == 1 and toks[k].lower not in lex.honorifics and k + 2 < len(toks) \
        and toks[k + 1].text == "." and toks[k + 1].start == toks[k].end and is_name_word(toks[k + 2], lex)
    balinese = toks[k].text == "I" and k + 1 < len(toks) and toks[k + 1].lower in BALINESE_NAMES  # I Wayan
    return is_name_word(toks[k], lex) or initial or balinese or _name_after_comma(toks, k, lex)


def _name_runs(toks: list[Token], lex: Lexicon) -> list[tuple[int, int]]:
    """The runs of name words in ``toks``, as (start, end) token indices."""
    runs, k, n = [], 0, len(toks)
    while k < n:
        if _skipped_capital(toks, k, lex) or not _starts_name(toks, k, lex):
            k += 1
            continue
        m = k
        while (step := _continues_run(toks, m, lex)):
            m += step
        a = k
        if a >= 2 and is_acronym(toks[a - 2].text) and _common_capitalised(toks[a - 1], lex) \
                and (not runs or runs[-1][1] < a - 1):
            a -= 1  # "KLHK Rasio Ridho Sani": a first name that is also a word, after the agency
        runs.append((a, m + 1))
        k = m + 1
    return runs


PLACE_PREPOSITIONS = _G["place_prepositions"]


def _outside_place_phrase(toks: list[Token], low: list[str], runs: list[tuple[int, int]],
                          lex: Lexicon) -> list[tuple[int, int]]:
    """Runs that may name the speaker of "Warga di sekitar TPA Suwung, Denpasar" (none: the names after
    "di" up to the comma are a place, and a known place after the comma is one too), but "warga di
    Denpasar, Ketut Sudana" keeps the name after the comma."""
    prep = next((k for k, w in enumerate(low) if w in PLACE_PREPOSITIONS and k > 0), None)
    if prep is None or "," in [t.text for t in toks[:prep]]:
        return runs
    comma = next((k for k in range(prep, len(toks)) if toks[k].text == ","), len(toks))
    return [(a, b) for a, b in runs
            if a > comma and not all(t.lower in lex.places for t in toks[a:b])]


def _quoted_indices(toks: list[Token]) -> set[int]:
    """Indices of the tokens between paired quotation marks inside a mention."""
    marks = [k for k, t in enumerate(toks) if t.text in "\"“”„‟«»"]
    out: set[int] = set()
    for a, b in zip(marks[::2], marks[1::2], strict=False):  # an odd last mark pairs with nothing
        out.update(range(a, b + 1))
    return out


Run = tuple[int, int]


def _run_after_paren(toks: list[Token], runs: list[Run]) -> Run | None:
    """"Kepala BNPB (BNPB) Suharyanto" (not "Jubir TKN Jokowi-Ma'ruf, Ace Hasan")."""
    after = [r for r in runs if r[0] > 0 and toks[r[0] - 1].text == ")"]
    return after[-1] if after and after[-1] == runs[-1] else None


def _run_with_age(toks: list[Token], runs: list[Run]) -> Run | None:
    """"Sugiyem (45), warga Desa Sukorejo": the age follows the person's name."""
    aged = [r for r in runs if r[1] + 2 < len(toks) and toks[r[1]].text == "(" and toks[r[1] + 1].text.isdigit()
            and toks[r[1] + 2].text == ")"]
    return aged[-1] if aged else None


def _run_then_office(toks: list[Token], runs: list[Run]) -> Run | None:
    """"Kalvin Yap, founder dan CEO PT Paprika Multi Media": the name, then his office."""
    first = runs[0]
    if first[0] == 0 and first[1] + 1 < len(toks) and toks[first[1]].text == "," \
            and toks[first[1] + 1].lower in TITLE_WORDS:
        return first
    return None


def _run_after_acronym(toks: list[Token], runs: list[Run]) -> Run | None:
    """"Deputi Bidang Meteorologi BMKG Guswanto": the name after the organisation ends the mention."""
    last = runs[-1]
    return last if last[1] == len(toks) and last[0] > 0 and is_acronym(toks[last[0] - 1].text) else None


def _closing_apposition(toks: list[Token], runs: list[Run]) -> Run | None:
    """"Ketua Persatuan Guru Republik Indonesia (PGRI) Jawa Tengah, Muhdi": the name after one comma."""
    last = runs[-1]
    if last[1] == len(toks) and last[0] > 1 and toks[last[0] - 1].text == "," and toks[last[0] - 2].text != ",":
        return last
    return None


def _run_after_title(toks: list[Token], runs: list[Run]) -> Run | None:
    """"Kapolda Metro Jaya Irjen Karyoto": the last run, right after a title word."""
    titled = [r for r in runs if r[0] > 0 and toks[r[0] - 1].lower in TITLE_WORDS]
    return titled[-1] if titled and titled[-1] == runs[-1] else None


#: the readings of pick_run, the first that applies wins
_RUN_READINGS = (_run_after_paren, _run_with_age, _run_then_office, _run_after_acronym, _closing_apposition,
                 _run_after_title)


def pick_run(toks: list[Token], runs: list[Run]) -> Run:
    """The person-name run of a mention: one of the readings above, else its last run of two words or
    more, else its last run ("Menteri Kehakiman Jerman, Heiko Maas" -> "Heiko Maas")."""
    for reading in _RUN_READINGS:
        found = reading(toks, runs)
        if found is not None:
            return found
    multi = [r for r in runs if r[1] - r[0] >= 2]
    return multi[-1] if multi else runs[-1]


@dataclass
class _MentionView:
    """A mention being classified: the text, the mention's tokens, span and lower-cased words."""

    text: str
    toks: list[Token]
    span: Span
    low: list[str]
    lex: Lexicon
    entities: EntityLookup | None


def _mention_tokens(text: str, start: int, end: int) -> list[Token]:
    """The tokens of text[start:end] without punctuation at either end or academic degrees after a comma."""
    toks = [t for t in tokens(text, start, end)]
    while toks and toks[-1].text in ",.;:-–—":
        toks.pop()
    while toks and toks[0].text in ",.;:-–—":
        toks.pop(0)
    while "," in [t.text for t in toks]:  # "Budi Santoso, M.Si." / "Siti, S.H., M.H.": degrees, not names
        c = max(k for k, t in enumerate(toks) if t.text == ",")
        if not _is_degree(toks[c + 1:]):
            break
        toks = toks[:c]
    return toks


def _organisation(m: _MentionView, name: str) -> Mention:
    """The mention as an organisation called ``name``."""
    return Mention(m.span, "organisation", name=name, entity_type="organisation")


def _description(m: _MentionView, title: str) -> Mention:
    """The mention as an unnamed speaker described by ``title``."""
    return Mention(m.span, "description", title=title, entity_type="other")


def _lone_pronoun(m: _MentionView) -> Mention | None:
    """A pronoun alone: "ia", "dia", "beliau"."""
    if len(m.toks) == 1 and m.low[0] in m.lex.pronouns:
        return Mention(m.span, "pronoun")
    return None


STATEMENT_NOUNS = _G["statement_nouns"]
STATEMENT_KINDS = _G["statement_kinds"]


def _statement_of(m: _MentionView) -> Mention | None:
    """A statement or document as the subject: "Keputusan WHO" is WHO's; "Pernyataan itu" is the last
    speaker's (read like a pronoun)."""
    if len(m.toks) < 2 or m.low[0] not in STATEMENT_NOUNS:
        return None
    k = 2 if m.low[1] in STATEMENT_KINDS and len(m.toks) > 2 else 1  # "Siaran Pers Bank Indonesia"
    if m.low[k] in ANAPHOR_END:
        return Mention(Span(m.toks[0].start, m.toks[k].end, m.text[m.toks[0].start:m.toks[k].end]), "pronoun")
    if m.toks[k].text[:1].isupper():
        return parse_mention(m.text, m.toks[k].start, m.toks[-1].end, m.lex, m.entities)
    return None


_NOT_BEFORE_PRONOUN = _G["prepositions"] | _G["description_determiners"] | {"satu", "kedua", "semua", "antara"}


def _adverbs_then_pronoun(m: _MentionView) -> Mention | None:
    """Adverbs the subject cut left before a pronoun ("Sayangnya dia", "Kali ini ia"): the pronoun alone
    (not "salah satu dari mereka", a description, nor a name or a title before it)."""
    if len(m.toks) < 2 or len(m.toks) > 4 or m.low[-1] not in m.lex.pronouns:
        return None
    for t, w in zip(m.toks[:-1], m.low[:-1], strict=True):
        if w in _NOT_BEFORE_PRONOUN or w in m.lex.person_nouns or w in m.lex.title_words():
            return None
        if t.text[:1].isupper() and t is not m.toks[0]:
            return None
        if t.text[:1].isupper() and not (w in m.lex.common_words or w.removesuffix("nya") in m.lex.common_words):
            return None
    last = m.toks[-1]
    return Mention(Span(last.start, last.end, last.text), "pronoun")


def _name_then_role(m: _MentionView) -> Mention | None:
    """"Rosul anggota Panwaslu Sidoarjo": a name, then a role in lower case; the name is the speaker's,
    the rest his title (not "Panwaslu", the body the role belongs to)."""
    k = 0
    while k < len(m.toks) and is_name_word(m.toks[k], m.lex) and m.low[k] not in TITLE_WORDS \
            and m.low[k] not in m.lex.places and m.low[k] not in m.lex.common_words:
        k += 1
    if k == 0 or k + 1 >= len(m.toks) or not m.toks[k].text[:1].islower() \
            or not (m.low[k] in TITLE_WORDS or m.low[k] in m.lex.person_nouns):
        return None
    name = m.text[m.toks[0].start:m.toks[k - 1].end]
    return Mention(m.span, "name", name=name, title=m.text[m.toks[k].start:m.toks[-1].end], entity_type="person")


def _lone_acronym(m: _MentionView) -> Mention | None:
    """An acronym alone ("KPK") is an organisation."""
    if len(m.toks) == 1 and is_acronym(m.toks[0].text):
        return _organisation(m, m.toks[0].text)
    return None


def _pihak_organisation(m: _MentionView) -> Mention | None:
    """"pihak Gulkarmat": the organisation itself."""
    toks = m.toks
    if m.low[0] == "pihak" and len(toks) > 1 and toks[1].text[:1].isupper():
        return _organisation(m, m.text[toks[1].start:toks[-1].end])
    return None


def _short_form_organisation(m: _MentionView) -> Mention | None:
    """"Badan Meteorologi, Klimatologi, dan Geofisika (BMKG)", "Kementerian Luar Negeri Republik Indonesia
    (Kemlu RI)": the organisation, by its short form."""
    toks = m.toks
    if len(toks) < 4 or toks[-1].text != ")":
        return None
    o = next((k for k in (len(toks) - 3, len(toks) - 4) if k > 0 and toks[k].text == "("), None)
    if o is None:
        return None
    inner = toks[o + 1:-1]
    if not inner[0].text[:1].isupper() or (len(inner) == 2 and not is_acronym(inner[1].text)):
        return None  # (a short form and an acronym after it: "Kemlu RI"; nothing else)
    if not (any(t.lower in m.lex.org_words for t in toks[:o]) or _common_long_form(m, toks[:o], inner[0])):
        return None
    if len(inner) == 1 and inner[0].lower in LEGAL_FORMS:  # "PT Pertamina (Persero)": a legal form, not a name
        return _organisation(m, m.span.text)
    return _organisation(m, m.text[inner[0].start:inner[-1].end])


def _common_long_form(m: _MentionView, words: list[Token], short: Token) -> bool:
    """"Survei Geologi Amerika Serikat", "Jaksa Penuntut Umum" before an acronym in brackets: capitalised
    dictionary, office and place words, a body's long form ("Agus Harimurti Yudhoyono (AHY)" is a name)."""
    return is_acronym(short.text) and mostly_dictionary_words([t.text for t in words], m.lex)


def mostly_dictionary_words(words: list[str], lex: Lexicon) -> bool:
    """Two capitalised words or more, most of them dictionary, office or place words: the long form of
    a body ("Survei Geologi Amerika Serikat"), not a person's name ("Agus Harimurti Yudhoyono")."""
    caps = [w.lower() for w in words if w[:1].isupper() and w.lower() not in LEADING_ADVERBS]
    known = [w for w in caps if w in lex.common_words or w in TITLE_WORDS or w in lex.places]
    return len(caps) >= 2 and 2 * len(known) > len(caps)


def _handle(m: _MentionView) -> Mention | None:
    """A social-media handle ("@Fahrihamzah"): the last one in the mention."""
    handles = [t for t in m.toks if t.text.startswith("@") and len(t.text) > 1]
    if handles:
        return Mention(m.span, "handle", name=handles[-1].text, entity_type="person")
    return None


def _residents(m: _MentionView) -> Mention | None:
    """"warga Tambaklorok": residents of a place, unnamed ("warga Cimahi, Dedi" has its comma)."""
    if len(m.toks) >= 2 and m.low[0] in m.lex.resident_nouns and all(t.text[:1].isupper() for t in m.toks[1:]):
        return _description(m, m.span.text)
    return None


def _last_entity(m: _MentionView) -> tuple[int, str | None]:
    """The last token inside the mention (not between quotation marks) that Stanza puts in a person
    or an organisation, with that kind; (-1, None) when none."""
    assert m.entities is not None
    in_quotes = _quoted_indices(m.toks)
    for k in range(len(m.toks) - 1, -1, -1):
        kind = m.entities(m.toks[k].start, m.toks[k].end) if k not in in_quotes else None
        if kind in ("person", "organisation"):
            return k, kind
    return -1, None


def _entity_first(m: _MentionView, k: int, kind: str) -> int:
    """The first token of the entity of ``kind`` that ends at toks[k], without the titles before its name."""
    toks, entities, lex = m.toks, m.entities, m.lex
    assert entities is not None
    first = k
    while first > 0 and entities(toks[first - 1].start, toks[first - 1].end) == kind and toks[first - 1].text != ",":
        first -= 1
    titled = [x for x in range(first, k) if toks[x].lower in TITLE_WORDS or _honorific(toks, x, lex)]
    if titled:
        first = titled[-1] + 1  # "Jatim Kombes Dirmanto": the name follows the last title
    if kind == "person":  # the model may see only part of a name: "Ibnu [Grahan]"
        while first > 0 and is_name_word(toks[first - 1], lex) and \
                entities(toks[first - 1].start, toks[first - 1].end) not in ("organisation", "location"):
            first -= 1
        while first < k and (is_acronym(toks[first].text) or toks[first].lower in lex.places):
            first += 1  # "[BPBD Sulteng Andi Sembiring]": the agency and the province are not his
    return first


def _stanza_entity(m: _MentionView) -> Mention | None:
    """Stanza's entities first: the last person inside the mention, or an organisation that is the
    whole mention. Titles the model swept into the entity are given back to the title."""
    if m.entities is None or m.low[-1] in ANAPHOR_END:
        return None
    k, kind = _last_entity(m)
    if kind is None:
        return None
    toks = m.toks
    first = _entity_first(m, k, kind)
    if not _model_names(m, first, k, kind):
        return None
    name = m.text[toks[first].start:toks[k].end]
    title = _title_text(m.text[toks[0].start:toks[first].start], m.lex)
    return Mention(m.span, "name" if kind == "person" else "organisation", name=name, title=title,
                   entity_type=kind)


def _model_names(m: _MentionView, first: int, k: int, kind: str) -> bool:
    """The entity toks[first:k+1] of ``kind`` names the speaker; where the model is often wrong, the
    rules decide instead."""
    ent = [t.lower for t in m.toks[first:k + 1]]
    lex = m.lex
    refusals = (
        kind == "person" and any(w in lex.org_words for w in ent),  # "Kemhan Rusia" is an organisation
        kind == "person" and all(w in lex.places for w in ent),  # "Kajati Maluku": a region after a title
        all(w in lex.title_words() for w in ent),  # "tutur Kajati", "Pak Kades": an office, its holder the rules'
        # a model's guess over lower-case words
        not all(t.text[:1].isupper() or t.lower in NAME_CONNECTORS or not t.text[:1].isalpha()
                for t in m.toks[first:k + 1]),
        # an organisation the model sees only part of ("[Departemen X] dan Kehutanan Y")
        kind != "person" and (first != 0 or any(t.text[:1].isupper() for t in m.toks[k + 1:])),
        # an organisation of two name words or more and no organisation word ("Aura Kasih"): a person's name
        kind == "organisation" and len(ent) >= 2 and not any(w in lex.org_words for w in ent)
        and all(is_name_word(t, lex) for t in m.toks[first:k + 1]),
    )
    return not any(refusals)


def _candidate_runs(m: _MentionView) -> list[tuple[int, int]]:
    """The name runs of the mention that may name the speaker (not a quoted title, not a place phrase)."""
    runs = _name_runs(m.toks, m.lex)
    quoted = _quoted_indices(m.toks)
    runs = [(a, b) for a, b in runs if not any(k in quoted for k in range(a, b))]  # a film's title, not a name
    if runs and (m.low[0] in m.lex.person_nouns or m.low[0] in m.lex.resident_nouns
                 or (m.low[0] in m.lex.org_words and len(m.low) > 1 and m.toks[1].text[:1].islower())):
        # ("Kantor media pemerintah di Gaza": a body described, with its place)
        runs = _outside_place_phrase(m.toks, m.low, runs, m.lex)
    return runs


def _one_organisation_name(m: _MentionView, a: int) -> bool:
    """The capitalised words before the run at toks[a] hold an organisation word and no title:
    "Kementerian Pertahanan Rusia" is one organisation's name, not a title and a person. When the first
    word is an organisation's, only a word that begins a title counts: "Badan Pusat Statistik" is one
    name ("pusat" is a word of the title "kepala pusat", but no title begins with it)."""
    low = m.low
    titles = m.lex.title_heads() if low[0] in m.lex.org_words else m.lex.title_words()
    return all(t.text[:1].isupper() for t in m.toks[:a]) and any(t in m.lex.org_words for t in low[:a]) \
        and not any(t in titles for t in low[:a]) and low[0] not in m.lex.person_nouns


def _name_run(m: _MentionView) -> Mention | None:
    """"Ketua KPK La Ode Syarif": the run of name words is the name, the words before it the title."""
    runs = _candidate_runs(m)
    if not runs or m.low[-1] in ANAPHOR_END:
        return None
    toks = m.toks
    a, b = pick_run(toks, runs)
    if m.entities is not None:  # "Bupati Banyuwangi Ipuk ...": a place the model knows is not the name
        while b - a > 2 and m.entities(toks[a].start, toks[a].end) == "location":
            a += 1
    title = _title_text(m.text[toks[0].start:toks[a].start], m.lex)
    name = m.text[toks[a].start:toks[b - 1].end]
    if title and _one_organisation_name(m, a):
        return _organisation(m, m.span.text)
    if (a, b) == (0, 1) and len(toks) > 1 and all(is_acronym(t.text) and len(t.text) >= 3 for t in toks[1:]):
        return _organisation(m, m.span.text)  # "Pusdalops BNPB": a unit of BNPB (not "Mahfud MD")
    return Mention(m.span, "name", name=name, title=title, entity_type="person")


def _determined_description(m: _MentionView) -> Mention | None:
    """"salah satu keluarga WNI", "seorang pedagang": an unnamed speaker, even with an acronym inside."""
    if m.low[0] in DESCRIPTION_DET and m.low[0] != "pihak" and not _named_after_comma(m.toks, m.lex):
        d = m.toks[:_description_end(m.low)] or m.toks
        return _description(m, m.text[d[0].start:d[-1].end])
    return None


def _lone_person_noun(m: _MentionView) -> Mention | None:
    """"Pria", "Warga" opening a sentence: unnamed."""
    if len(m.low) == 1 and m.low[0] in m.lex.person_nouns:
        return _description(m, m.span.text)
    return None


def _bare_title(m: _MentionView) -> Mention | None:
    """"Kapolres", "Juru Bicara": a role without a name."""
    if all(t in TITLE_WORDS for t in m.low):
        return _description(m, m.span.text)
    return None


def _capitalised_organisation(m: _MentionView) -> Mention | None:
    """Capitalised words with an organisation word, a place or an acronym, or all capitalised: an organisation."""
    caps = [t for t in m.toks if t.text[:1].isupper()]
    if caps and m.low[-1] not in ANAPHOR_END and (any(t in m.lex.org_words or t in m.lex.places for t in m.low)
                                                   or any(is_acronym(t.text) for t in m.toks)
                                                   or len(caps) == len(m.toks)):
        return _organisation(m, m.span.text)
    return None


def _plain_description(m: _MentionView) -> Mention | None:
    """A description: "seorang warga", "pria itu", "penjaga warung"."""
    low, toks = m.low, m.toks
    if low[-1] in ANAPHOR_END or low[0] in DESCRIPTION_DET or all(t.text[:1].islower() for t in toks):
        cut = _description_end(low)
        d = toks[:cut] or toks
        if d[-1].lower in ANAPHOR_END and len(d) > 1 and cut == len(toks):
            d = d[:-1]
        return _description(m, m.text[d[0].start:d[-1].end])
    return None


# the readings of a mention, tried in order: the first that fits classifies it (else an organisation)
_MENTION_READINGS = (
    _lone_pronoun,
    _statement_of,
    _adverbs_then_pronoun,
    _lone_acronym,
    _pihak_organisation,
    _short_form_organisation,
    _handle,
    _residents,
    _name_then_role,
    _stanza_entity,
    _name_run,
    _determined_description,
    _lone_person_noun,
    _bare_title,
    _capitalised_organisation,
    _plain_description,
)


def parse_mention(text: str, start: int, end: int, lex: Lexicon | None = None,
                  entities: EntityLookup | None = None) -> Mention | None:
    """Classify the mention text[start:end] and split it into name and title."""
    lex = lex or default_lexicon()
    toks = _mention_tokens(text, start, end)
    if not toks:
        return None
    span = Span(toks[0].start, toks[-1].end, text[toks[0].start:toks[-1].end])
    m = _MentionView(text, toks, span, [t.lower for t in toks], lex, entities)
    for reading in _MENTION_READINGS:
        found = reading(m)
        if found is not None:
            return found
    return _organisation(m, span.text)


ANONYMITY = _G["anonymity"]


def _description_end(low: list[str]) -> int:
    """Where an unnamed speaker's description ends: before a relative clause, unless the clause is short
    and identifies the speaker ("salah satu keluarga WNI yang tersandera"); an anonymity formula
    ("yang enggan disebut namanya") never belongs to it."""
    if "yang" not in low:
        return len(low)
    k = low.index("yang")
    clause = [w for w in low[k + 1:] if w not in ANAPHOR_END]
    if 1 <= len(clause) <= 3 and not ANONYMITY & set(clause):
        return len(low) - (1 if low[-1] in ANAPHOR_END else 0)
    return k


def _named_after_comma(toks: list[Token], lex: Lexicon) -> bool:
    """The mention names someone after its description: "seorang warga, Ama Lodo"."""
    return any(t.text == "," for t in toks) and bool(_name_runs(toks, lex))


def _title_text(title: str, lex: Lexicon) -> str | None:
    """The words before a name, without the academic titles that stand right before it: "Direktur RSUD
    Bagas Waras dr." -> "Direktur RSUD Bagas Waras" ("Prof." alone stays: it is all there is)."""
    title = title.strip(" ,")
    while True:
        head, _, last = title.rpartition(" ")
        if head and last.endswith(".") and last[:-1].lower() in lex.honorifics:
            title = head.strip(" ,")
        else:
            return title or None


def _honorific(toks: list[Token], x: int, lex: Lexicon) -> bool:
    """toks[x] is "Prof", "dr", "H" ... with its period, or that period."""
    if toks[x].text == "." and x > 0:
        x -= 1
    return toks[x].lower in lex.honorifics and x + 1 < len(toks) and toks[x + 1].text == "." \
        and toks[x + 1].start == toks[x].end
