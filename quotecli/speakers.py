"""Speaker mentions: where a mention ends, and which part of it is a name, a title or a description.

"juru bicara Kremlin, Dmitry Peskov" -> name "Dmitry Peskov", title "juru bicara Kremlin";
"penjaga warung yang tak mau disebutkan namanya itu" -> description "penjaga warung";
"ia" / "-nya" -> pronoun; "@Fahrihamzah" -> handle. Names are told from titles and organisation words
with the lexicons (titles.txt, org_words.txt, common_words.txt) and, when Stanza ran, its entities.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from .lexicon import Lexicon, default_lexicon, grammar
from .model import Mention, Span
from .segment import ABBREVIATIONS, Token, tokens

_G = grammar()  # quotecli/data/grammar.toml
DAY_MONTH = _G["day_month"]
NAME_CONNECTORS = _G["name_connectors"]
TITLE_WORDS = default_lexicon().title_words()
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
    if low in lex.common_words:
        return False
    if low.endswith("nya") and (low[:-3] in lex.common_words or low[:-3] in lex.cue_after or low[:-3] == "menurut"):
        return False
    return not is_acronym(w)


def mention_end(text: str, toks: list[Token], i: int, lex: Lexicon, limit: int = 14) -> int:
    """Index (exclusive) of the token that ends a mention starting at toks[i] after a cue."""
    j = i
    seen_name = False
    while j < len(toks) and j - i < limit:
        t = toks[j]
        low = t.lower
        if low in ANAPHOR_END and j > i:
            j += 1
            if _appositive_name(toks, j, lex):
                j += 1  # "Kapolres yang baru dilantik itu, AKBP Rio Wibowo": the name follows
                continue
            break
        if low == "yang" and j > i:
            k = j + 1
            while k < len(toks) and k - i < limit + 8 and toks[k].text not in ",.!?;:\"“”" and \
                    not (k > j + 1 and toks[k].lower in lex.stop_after_speaker):
                k += 1
            if toks[k - 1].lower in ANAPHOR_END:
                j = k
                if _appositive_name(toks, j, lex):
                    j += 1
                    continue
            elif not seen_name:  # "salah satu keluarga WNI yang tersandera (dalam video ...)"
                m = j + 1
                while m < k and not (toks[m].lower in lex.stop_after_speaker and m > j + 1):
                    m += 1
                clause = [x.lower for x in toks[j + 1:m]]
                if 1 <= len(clause) <= 3 and not ANONYMITY & set(clause):
                    j = m
            break
        if seen_name and t.text[:1].islower() and low not in NAME_CONNECTORS and not _honorific(toks, j, lex):
            break  # (but "Direktur RSUD Tarakan dr. Dian Ekowati" goes on after the doctor's title)
        if is_name_word(t, lex):
            seen_name = True
        elif t.text == ",":
            seen_name = False
        if t.text in ".!?;:\"“”»(" and not (t.text == "(" and j + 1 < len(toks) and is_acronym(toks[j + 1].text)) \
                and not abbreviation_period(toks, j, i):
            break
        if t.text == ",":
            nxt = toks[j + 1] if j + 1 < len(toks) else None
            if nxt is None or not nxt.text[:1].isupper() or nxt.lower in DAY_MONTH or j == i:
                break
            if nxt.text[:1].islower() and nxt.lower in lex.stop_after_speaker:
                break
        elif t.text[:1].islower() and low in lex.stop_after_speaker and j > i:
            break
        elif t.text[:1].isupper() and low in DAY_MONTH and j > i and _is_date(toks, j, lex):
            break
        j += 1
    # a parenthesis opened inside must close inside
    while j > i and toks[j - 1].text in ",(":
        j -= 1
    return j


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


def _continues_run(toks: list[Token], m: int, lex: Lexicon) -> int:
    """How many tokens after toks[m] continue a name run: 1 for a name word (or a capitalised common
    word such as "Mata" in "Sikvenson Weo Mata"), 2 for an initial with its period ("John E. Johnson")."""
    if m + 1 >= len(toks):
        return 0
    t = toks[m + 1]
    if len(toks[m].text) == 1 and toks[m].text.isupper() and toks[m].lower not in lex.honorifics \
            and t.text == "." and t.start == toks[m].end \
            and m + 2 < len(toks) and is_name_word(toks[m + 2], lex):
        return 2  # "M. Fikser": an initial, its period and the next name word
    if len(t.text) == 1 and t.text.isupper() and m + 3 < len(toks) and toks[m + 2].text == "." \
            and is_name_word(toks[m + 3], lex):
        return 3  # "John E. Johnson": the initial, its period and the next name word
    if is_name_word(t, lex):
        return 1
    if re.fullmatch(r"[IVX]{1,5}", t.text) and is_name_word(toks[m], lex):
        return 1  # "Hamengku Buwono X", "Paus Leo XIV": a regnal number ends the name
    low = t.lower
    if t.text in NAME_CONNECTORS and m + 2 < len(toks) and is_name_word(toks[m + 2], lex):
        return 2  # "Mohammed bin Salman", "Giovanni van Bronckhorst"
    if low in lex.places and t.text[:1].isupper() and not is_acronym(t.text) and m + 2 < len(toks) \
            and is_name_word(toks[m + 2], lex):
        return 1  # "Hotman Paris Hutapea
    if t.text[:1].isupper() and low in lex.title_words() and low not in lex.titles and \
            (m + 2 >= len(toks) or f"{low} {toks[m + 2].lower}" not in lex.titles):
        return 1  # "Arya Perdana": a word of a longer title ("perdana menteri") used as a name
    if t.text[:1].isupper() and t.text[1:].islower() and low in lex.common_words and low not in lex.org_words \
            and low not in lex.title_words() and low not in lex.places and low not in DAY_MONTH:
        return 1
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


def _name_runs(toks: list[Token], lex: Lexicon) -> list[tuple[int, int]]:
    runs, k, n = [], 0, len(toks)
    while k < n:
        if not toks[k].text[:1].isupper() and not _ARTICLE_NAME.match(toks[k].text):  # most words: nothing to look up
            k += 1
            continue
        if k > 0 and toks[k - 1].text == "#" and toks[k - 1].end == toks[k].start:
            k += 1  # "#SaveKPK": a hashtag, not a name
            continue
        if toks[k].text in ROMAN and k > 0 and toks[k - 1].lower in lex.places \
                and not (k + 1 < len(toks) and toks[k + 1].lower in BALINESE_NAMES):
            k += 1  # "dapil Sulsel I Andi Iwan": the district's number, not the Balinese "I"
            continue
        initial = len(toks[k].text) == 1 and toks[k].lower not in lex.honorifics and k + 2 < len(toks) \
            and toks[k + 1].text == "." and toks[k + 1].start == toks[k].end and is_name_word(toks[k + 2], lex)
        balinese = toks[k].text == "I" and k + 1 < len(toks) and toks[k + 1].lower in BALINESE_NAMES  # I Wayan
        if is_name_word(toks[k], lex) or initial or balinese or _name_after_comma(toks, k, lex):
            m = k
            while (step := _continues_run(toks, m, lex)):
                m += step
            a = k
            if a >= 2 and is_acronym(toks[a - 2].text) and _common_capitalised(toks[a - 1], lex) \
                    and (not runs or runs[-1][1] < a - 1):
                a -= 1  # "KLHK Rasio Ridho Sani": a first name that is also a word, after the agency
            runs.append((a, m + 1))
            k = m + 1
        else:
            k += 1
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


def pick_run(toks: list[Token], runs: list[tuple[int, int]]) -> tuple[int, int]:
    """The person-name run of a mention: its last run of two words or more, else its first run
    ("Menteri Kehakiman Jerman, Heiko Maas" -> "Heiko Maas")."""
    after_paren = [r for r in runs if r[0] > 0 and toks[r[0] - 1].text == ")"]
    if after_paren:
        return after_paren[-1]  # "Kepala BNPB (BNPB) Suharyanto"
    aged = [r for r in runs if r[1] + 2 < len(toks) and toks[r[1]].text == "(" and toks[r[1] + 1].text.isdigit()
            and toks[r[1] + 2].text == ")"]
    if aged:
        return aged[-1]  # "Sugiyem (45), warga Desa Sukorejo": the age follows the person's name
    last = runs[-1]
    if last[1] == len(toks) and last[0] > 0 and is_acronym(toks[last[0] - 1].text):
        return last  # "Deputi Bidang Meteorologi BMKG Guswanto": the name after the organisation ends it
    titled = [r for r in runs if r[0] > 0 and toks[r[0] - 1].lower in TITLE_WORDS]
    if titled and titled[-1] == runs[-1]:
        return titled[-1]  # "Kapolda Metro Jaya Irjen Karyoto"
    multi = [r for r in runs if r[1] - r[0] >= 2]
    return multi[-1] if multi else runs[-1]


def parse_mention(text: str, start: int, end: int, lex: Lexicon | None = None,
                  entities: EntityLookup | None = None) -> Mention | None:
    """Classify the mention text[start:end] and split it into name and title."""
    lex = lex or default_lexicon()
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
    if not toks:
        return None
    span = Span(toks[0].start, toks[-1].end, text[toks[0].start:toks[-1].end])
    low = [t.lower for t in toks]
    if len(toks) == 1 and low[0] in lex.pronouns:
        return Mention(span, "pronoun")
    if len(toks) == 1 and is_acronym(toks[0].text):
        return Mention(span, "organisation", name=toks[0].text, entity_type="organisation")
    if low[0] == "pihak" and len(toks) > 1 and toks[1].text[:1].isupper():
        rest = text[toks[1].start:toks[-1].end]  # "pihak Gulkarmat": the organisation itself
        return Mention(span, "organisation", name=rest, entity_type="organisation")
    if len(toks) >= 4 and toks[-1].text == ")" and toks[-3].text == "(" and toks[-2].text[:1].isupper() \
            and any(t.lower in lex.org_words for t in toks[:-3]):
        # "Badan Meteorologi, Klimatologi, dan Geofisika (BMKG)": the organisation, by its short form
        return Mention(span, "organisation", name=toks[-2].text, entity_type="organisation")
    handles = [t for t in toks if t.text.startswith("@") and len(t.text) > 1]
    if handles:
        h = handles[-1]
        return Mention(span, "handle", name=h.text, entity_type="person")
    if len(toks) >= 2 and low[0] in lex.resident_nouns and all(t.text[:1].isupper() for t in toks[1:]):
        # "warga Tambaklorok": residents of a place, unnamed ("warga Cimahi, Dedi" has its comma)
        return Mention(span, "description", title=span.text, entity_type="other")
    # Stanza's entities first: the last PERSON inside the mention, or an ORGANISATION that is the
    # whole mention. Titles the model swept into the entity are given back to the title.
    if entities is not None and low[-1] not in ANAPHOR_END:
        in_quotes = _quoted_indices(toks)
        for k in range(len(toks) - 1, -1, -1):
            kind = entities(toks[k].start, toks[k].end) if k not in in_quotes else None
            if kind in ("person", "organisation"):
                m = k
                while m > 0 and entities(toks[m - 1].start, toks[m - 1].end) == kind and toks[m - 1].text != ",":
                    m -= 1
                titled = [x for x in range(m, k) if toks[x].lower in TITLE_WORDS or _honorific(toks, x, lex)]
                if titled:
                    m = titled[-1] + 1  # "Jatim Kombes Dirmanto": the name follows the last title
                if kind == "person":  # the model may see only part of a name: "Ibnu [Grahan]"
                    while m > 0 and is_name_word(toks[m - 1], lex) and \
                            entities(toks[m - 1].start, toks[m - 1].end) not in ("organisation", "location"):
                        m -= 1
                    while m < k and (is_acronym(toks[m].text) or toks[m].lower in lex.places):
                        m += 1  # "[BPBD Sulteng Andi Sembiring]": the agency and the province are not his
                ent_toks = toks[m:k + 1]
                if kind == "person" and any(t.lower in lex.org_words for t in ent_toks):
                    break  # "Kemhan Rusia" is an organisation whatever the model says
                if not all(t.text[:1].isupper() or t.lower in NAME_CONNECTORS or not t.text[:1].isalpha()
                           for t in ent_toks):
                    break  # a model's guess over lower-case words: leave it to the rules
                if kind == "person" or m == 0:
                    name = text[toks[m].start:toks[k].end]
                    title = _title_text(text[toks[0].start:toks[m].start], lex)
                    return Mention(span, "name" if kind == "person" else "organisation", name=name, title=title,
                                   entity_type=kind)
                break
    runs = _name_runs(toks, lex)
    quoted = _quoted_indices(toks)
    runs = [(a, b) for a, b in runs if not any(k in quoted for k in range(a, b))]  # a film's title, not a name
    if runs and (low[0] in lex.person_nouns or low[0] in lex.resident_nouns):
        runs = _outside_place_phrase(toks, low, runs, lex)
    anaphoric = low[-1] in ANAPHOR_END
    if runs and not anaphoric:
        a, b = pick_run(toks, runs)
        if entities is not None:  # "Bupati Banyuwangi Ipuk ...": a place the model knows is not the name
            while b - a > 2 and entities(toks[a].start, toks[a].end) == "location":
                a += 1
        # "Ketua KPK La Ode Syarif": the run is the name; "Kemenhan Rusia": an organisation
        title = _title_text(text[toks[0].start:toks[a].start], lex)
        name = text[toks[a].start:toks[b - 1].end]
        if title and all(t.text[:1].isupper() for t in toks[:a]) and any(t in lex.org_words for t in low[:a]) \
                and not any(t in lex.title_words() for t in low[:a]) and low[0] not in lex.person_nouns:
            # "Kementerian Pertahanan Rusia": one capitalised organisation name, not title + person
            return Mention(span, "organisation", name=span.text, entity_type="organisation")
        return Mention(span, "name", name=name, title=title, entity_type="person")
    if low[0] in DESCRIPTION_DET and low[0] != "pihak" and not _named_after_comma(toks, lex):
        # "salah satu keluarga WNI", "seorang pedagang": an unnamed speaker, even with an acronym inside
        cut = _description_end(low)
        d = toks[:cut] or toks
        return Mention(span, "description", title=text[d[0].start:d[-1].end], entity_type="other")
    if len(low) == 1 and low[0] in lex.person_nouns:  # "Pria", "Warga" opening a sentence: unnamed
        return Mention(span, "description", title=span.text, entity_type="other")
    if all(t in TITLE_WORDS for t in low):  # "Kapolres", "Juru Bicara": a role without a name
        return Mention(span, "description", title=span.text, entity_type="other")
    caps = [t for t in toks if t.text[:1].isupper()]
    if caps and not anaphoric and (any(t in lex.org_words or t in lex.places for t in low)
                                    or any(is_acronym(t.text) for t in toks)
                                    or len(caps) == len(toks)):
        return Mention(span, "organisation", name=span.text, entity_type="organisation")
    if anaphoric or low[0] in DESCRIPTION_DET or all(t.text[:1].islower() for t in toks):
        # a description: "seorang warga", "pria itu", "penjaga warung"
        cut = _description_end(low)
        d = toks[:cut] or toks
        if d[-1].lower in ANAPHOR_END and len(d) > 1 and cut == len(toks):
            d = d[:-1]
        return Mention(span, "description", title=text[d[0].start:d[-1].end], entity_type="other")
    return Mention(span, "organisation", name=span.text, entity_type="organisation")


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


def strip_titles(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of an entity without the titles a model swept into it ("Presiden Joko Widodo",
    "H. Budi Santoso")."""
    toks = tokens(text, start, end)
    lex = default_lexicon()
    titled = [x for x in range(len(toks) - 1) if toks[x].lower in TITLE_WORDS or _honorific(toks, x, lex)]
    m = titled[-1] + 1 if titled else 0
    while m < len(toks) - 1 and (is_acronym(toks[m].text) or toks[m].lower in lex.places):
        m += 1  # "BPBD Sulteng Andi Sembiring": the agency and the province are not the person's
    return (toks[m].start, end) if m else (start, end)
