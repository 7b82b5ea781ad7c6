"""Paragraphs, noise lines, sentences and word tokens, with offsets into the original text.

This stage is rule-based and cheap: it decides which lines are article body and where sentences end
(never inside a quotation), so that later stages only look at - and Stanza only analyses - the
sentences that matter.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from .lexicon import Lexicon, default_lexicon, grammar, load_list
from .model import Paragraph, Sentence

# zero-width spaces and joiners (pasted from web pages) are not tokens
WORD_RE = re.compile(r"@\w+|\w+(?:[-'’]\w+)*|[^\s\u200b\u200c\u200d\u2060\ufeff]", re.UNICODE)
TERMINAL = ".!?…"
QUOTE_CHARS = "\"“”„‟«»‘’'"
# quotecli/data/grammar.toml; a rank is written with a period too ("AKP. Kukuh Islami", "Kombes. Pol.")
ABBREVIATIONS = grammar()["abbreviations"] | set(load_list("honorifics")) | set(load_list("ranks"))


class Token(NamedTuple):
    """A word or punctuation mark with its offsets into the original text."""

    start: int
    end: int
    text: str
    lower: str  # text.lower(), computed once


_new_tuple = tuple.__new__  # Token(...) without the generated Python __new__ (one call per token saved)


def _scan(text: str, start: int, end: int) -> list[Token]:
    return [_new_tuple(Token, (a + start, b + start, w, w.lower()))
            for m in WORD_RE.finditer(text[start:end]) for (a, b), w in ((m.span(), m.group()),)]


class _Index:
    """The tokens of one text, their starts, and (on demand) where tokens of a given text stand."""

    __slots__ = ("toks", "starts", "_where")

    def __init__(self, text: str) -> None:
        self.toks = _scan(text, 0, len(text))
        self.starts = [t.start for t in self.toks]
        self._where: dict[frozenset[str], list[int]] = {}

    def where(self, texts: frozenset[str]) -> list[int]:
        """Indices of the tokens whose text is one of ``texts``, in order."""
        got = self._where.get(texts)
        if got is None:
            got = self._where[texts] = [k for k, t in enumerate(self.toks) if t.text in texts]
        return got


_INDEX: dict[str, _Index] = {}
_INDEXED_LENGTH = 512  # shorter strings (names, phrases) are scanned directly: they never evict an article


def _index(text: str) -> _Index:
    index = _INDEX.get(text)
    if index is None:
        if len(_INDEX) >= 8:
            _INDEX.pop(next(iter(_INDEX)))
        index = _INDEX[text] = _Index(text)
    return index


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word tokens of ``text[start:end]`` with absolute offsets.

    A long text is tokenised once (the last few texts are kept) and ranges are sliced from it; a
    range whose edge falls inside a token is scanned on its own, so the result is always exactly what
    tokenising ``text[start:end]`` gives."""
    end = len(text) if end is None else end
    if len(text) < _INDEXED_LENGTH:
        return _scan(text, start, end)
    index = _index(text)
    toks, starts = index.toks, index.starts
    i, j = bisect_left(starts, start), bisect_left(starts, end)
    if (i > 0 and toks[i - 1].end > start) or (j > 0 and toks[j - 1].end > end):
        return _scan(text, start, end)  # an edge inside a token
    return toks[i:j]


class TokenView(Sequence):
    """``tokens(text, start, end)`` without copying: a read-only view of a text's token index, for
    scans that usually stop after a few tokens of a long range (a slice gives a list)."""

    __slots__ = ("_index", "_i", "_n")

    def __init__(self, index: _Index, i: int, j: int) -> None:
        self._index, self._i, self._n = index, i, max(0, j - i)

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, k):  # type: ignore[override]
        toks = self._index.toks
        if isinstance(k, slice):
            return [toks[self._i + x] for x in range(*k.indices(self._n))]
        if k < 0:
            k += self._n
        if not 0 <= k < self._n:
            raise IndexError(k)
        return toks[self._i + k]

    def __iter__(self) -> Iterator[Token]:
        toks = self._index.toks
        for x in range(self._i, self._i + self._n):
            yield toks[x]

    def sub(self, a: int, b: int) -> TokenView:
        """The view of [a:b] of this one (0 <= a, b: as a slice, without copying)."""
        a, b = min(max(a, 0), self._n), min(max(b, 0), self._n)
        return TokenView(self._index, self._i + a, self._i + max(a, b))

    def where(self, texts: frozenset[str]) -> Iterator[int]:
        """Indices (in this view) of the tokens whose text is one of ``texts``, in order, found by
        bisection in the text's index rather than by reading every token."""
        found = self._index.where(texts)
        end = self._i + self._n
        for x in range(bisect_left(found, self._i), len(found)):
            if found[x] >= end:
                break
            yield found[x] - self._i


def token_view(text: str, start: int, end: int) -> Sequence[Token]:
    """The same tokens as ``tokens(text, start, end)``, as a view when they can be had without copying."""
    if len(text) < _INDEXED_LENGTH:
        return _scan(text, start, end)
    index = _index(text)
    toks, starts = index.toks, index.starts
    i, j = bisect_left(starts, start), bisect_left(starts, end)
    if (i > 0 and toks[i - 1].end > start) or (j > 0 and toks[j - 1].end > end):
        return _scan(text, start, end)
    return TokenView(index, i, j)


_NOISE_RE: dict[int, re.Pattern[str]] = {}


def _is_noise(line: str, lex: Lexicon) -> bool:
    pattern = _NOISE_RE.get(id(lex))
    if pattern is None:
        pattern = _NOISE_RE[id(lex)] = re.compile("|".join(re.escape(n) for n in lex.noise))
    return pattern.match(line.strip().lower()) is not None


def _headline_like(line: str) -> bool:
    """A related-article headline: no closing punctuation, or mostly capitalised words."""
    words = [w for w in line.split() if w[:1].isalpha()]
    if not words:
        return True
    caps = sum(w[:1].isupper() for w in words) / len(words)
    if line.rstrip()[-1:] == "." and any(c in line for c in "\"“”"):
        return False  # '"Kami siap," ujar Direktur RSUD Tarakan dr. Dian Ekowati.': a quoted sentence
    return line.rstrip()[-1:] not in TERMINAL + "\"”" or caps > 0.6


def _is_title(line: str) -> bool:
    """The article's headline as its first line: Title Case (or capitals), no sentence-final punctuation
    ('Jokowi: "Kita Harus Bersatu"', 'Sri Mulyani Sebut Ekonomi RI "Tahan Banting"'). Its quotations
    are the body's, shortened: the annotation guide skips headlines."""
    words = [w.strip("\"“”‘’'«»(") for w in line.split()]
    words = [w for w in words if w[:1].isalpha()]
    if not words or len(words) > 25:
        return False
    if line.rstrip().rstrip("\"“”’'»").rstrip()[-1:] in TERMINAL + ",;":
        return False
    caps = sum(w[:1].isupper() for w in words if len(w) > 3 or w[:1].isupper()) / max(
        1, sum(1 for w in words if len(w) > 3 or w[:1].isupper()))
    return caps > 0.6


def paragraphs(text: str, lex: Lexicon | None = None) -> list[Paragraph]:
    """Split on newlines. ``noise``: site furniture (BACA JUGA, ADVERTISEMENT ...) and the related
    headline after a bare "Baca Juga:" line; ``body``: prose (ends like a sentence or holds a quotation)."""
    lex = lex or default_lexicon()
    out: list[Paragraph] = []
    pos, prev_bare_marker, seen_text = 0, False, False
    for i, line in enumerate(text.split("\n")):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        noise, prev_bare_marker = _furniture(stripped, prev_bare_marker, lex)
        title = False
        if stripped and not seen_text:
            seen_text = True
            title = not noise and _is_title(stripped)
        body = not noise and not title and _is_body(stripped)
        out.append(Paragraph(i, start, end, body, noise, title))
    if sum(1 for p in out if text[p.start:p.end].strip()) == 1:  # a one-line input has no headline
        out = [_untitled(text, p) if p.title else p for p in out]
    return out


def _furniture(stripped: str, after_bare_marker: bool, lex: Lexicon) -> tuple[bool, bool]:
    """Whether a stripped line is site furniture (a noise line, the headline after a bare "Baca Juga:",
    a short line ending in "|": a menu), and whether it is itself such a bare marker."""
    furniture = _is_noise(stripped, lex)
    noise = furniture or (after_bare_marker and bool(stripped) and _headline_like(stripped)) \
        or (stripped[-1:] == "|" and len(stripped) < 120)
    bare_marker = bool(stripped) and furniture and len(stripped.split()) <= 3 and stripped.endswith(":")
    return noise, bare_marker


def _is_body(stripped: str) -> bool:
    """A line of prose: it ends like a sentence, holds a quotation, or runs on at length."""
    if not stripped:
        return False
    words = stripped.split()
    has_quote = any(c in stripped for c in "\"“”„«»")
    ends_sentence = stripped.rstrip(")]").rstrip()[-1:] in TERMINAL + "\"”’»:"
    return (ends_sentence and len(words) >= 4) or (has_quote and len(words) >= 6) or _prose(words)


def _prose(words: list[str]) -> bool:
    """A long line of running prose that lost its final period ("Budi mengatakan hingga pukul 10.00
    banjir masih menggenangi ... 1,4 meter"): fifteen words or more, most of them lower-case."""
    if len(words) < 15:
        return False
    return sum(w[:1].islower() for w in words) / len(words) >= 0.5


def _untitled(text: str, p: Paragraph) -> Paragraph:
    stripped = text[p.start:p.end].strip()
    return Paragraph(p.index, p.start, p.end, len(stripped.split()) >= 4, False, False)


_QUOTE_CHAR = re.compile(r'["“„«”»]')
_TERMINAL_RE = re.compile(r"[.!?…]")


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"  # exactly the characters of the regular expression \w


def _last_word(text: str, lo: int, i: int) -> str | None:
    r"""The word that ends at ``i`` (as ``re.search(r"\w+$", text[lo:i])`` finds it), read backwards from
    ``i``: the time is the word's length, not the distance from ``lo``."""
    e = i
    if e <= lo:
        return None
    if not _is_word_char(text[e - 1]):
        if text[e - 1] != "\n":  # "$" also matches before a final newline
            return None
        e -= 1
    s = e
    while s > lo and _is_word_char(text[s - 1]):
        s -= 1
    return text[s:e] if e > s else None


def _quote_toggles(text: str, start: int, end: int) -> tuple[list[int], list[bool]]:
    """Positions of the double quotation marks in text[start:end] and whether a quotation is open just
    after each (an approximation, for sentence splitting only)."""
    positions, states, inside = [], [], False
    for m in _QUOTE_CHAR.finditer(text, start, end):
        i, c = m.start(), m.group()
        if c in "“„«":
            inside = True
        elif c in "”»":
            inside = False
        else:
            before = text[i - 1] if i > start else " "
            inside = True if (before.isspace() or before in "([") else not inside
        positions.append(i)
        states.append(inside)
    return positions, states


def _glued(mark: str, prev: str | None, after: str) -> bool:
    """A period typed without the space after it ("... tahun 2018.Rifky bilang", "tuturnya.Ditegaskan"),
    as copied web text often has: after a lowercase word or a number, before a capitalised word. Not
    after an initial or a short abbreviation ("S.Pd", "Dr.Budi"), not before an acronym or a domain."""
    return (mark == "." and prev is not None and len(prev) >= 3 and (prev.islower() or prev.isdigit())
            and len(after) == 2 and after[0].isupper() and after[1].islower())


def sentences(text: str, paras: list[Paragraph]) -> list[Sentence]:
    """Sentences of every non-empty paragraph. A sentence ends at . ! ? (or after a closing quotation
    mark that follows one) before a capital letter, digit or opening mark, never inside a quotation
    and never after a known abbreviation or an initial."""
    out: list[Sentence] = []
    for p in paras:
        if p.end <= p.start or not text[p.start:p.end].strip():
            continue
        s = p.start
        for j, k in _sentence_breaks(text, p):
            out.append(Sentence(len(out), p.index, s, j))
            s = k
        e = p.end
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Sentence(len(out), p.index, s, e))
    return out


def _sentence_breaks(text: str, p: Paragraph) -> Iterator[tuple[int, int]]:
    """(where a sentence ends, where the next begins) for each sentence break in paragraph ``p``."""
    positions, states = _quote_toggles(text, p.start, p.end)
    s = p.start
    for m in _TERMINAL_RE.finditer(text, p.start, p.end):
        i = m.start()
        if i < s:
            continue
        q = bisect_left(positions, i) - 1
        if q >= 0 and states[q]:
            continue  # inside a quotation
        j = i + 1
        while j < p.end and text[j] in TERMINAL + ")”\"’»":
            j += 1
        k = j
        while k < p.end and text[k] == " ":
            k += 1
        if k < p.end and _breaks_before(text, m.group(), _last_word(text, p.start, i), j, k):
            yield j, k
            s = k


def _breaks_before(text: str, mark: str, prev: str | None, j: int, k: int) -> bool:
    """Whether the terminal ``mark`` after the word ``prev``, whose run of marks ends at j, ends a
    sentence whose successor starts at k: a capital, digit or opening mark after a space (or a glued
    capitalised word), and not after a known abbreviation."""
    starts = k > j and (text[k].isupper() or text[k].isdigit() or text[k] in "\"“„«‘(") \
        or k == j and _glued(mark, prev, text[k:k + 2])
    return starts and not (mark == "." and prev is not None and prev.lower() in ABBREVIATIONS)


_DATELINE = re.compile(r"([^\n]{1,70}?)\s*(?:--\s*|[-–—|]\s+)")
_DATELINE_COLON = re.compile(r"([A-Z][\w.]+)\s*:\s+(?=[A-Z])")
_DATELINE_BRACKETS = re.compile(r"\[[A-Z][A-Z .,]{1,40}\]\s+")  # "[JAKARTA] "


def _dateline_words(words: list[str]) -> bool:
    """Whether the words before a dash can be a dateline's: up to six, each capitalised, abbreviated,
    bracketed or a lower-case non-word (a web address); a capitalised dictionary word is a sentence's
    ("Presiden - ..."), unless the outlet's name, in brackets or as a web address, says that this is a
    dateline ("Kota Gaza, Palestina (ANTARA)")."""
    if not words or len(words) > 6:
        return False
    common = default_lexicon().common_words
    if not all(w[:1].isupper() or "." in w or w[:1] == "(" or (w.islower() and w not in common) for w in words):
        return False
    outlet = any(w[:1] == "(" or "." in w.rstrip(".") for w in words)
    return outlet or not any(w.lower() in common and not w.isupper() for w in words)


def dateline_end(text: str, start: int, end: int) -> int:
    """Offset after a dateline at the start of a paragraph ("JAKARTA - ", "Liputan6.com, Jakarta - ",
    "Washington (ANTARA) - ", "Kota Gaza, Palestina (ANTARA) - ", "Harianjogja.com, JOGJA--",
    "Porostimur.com | Sanana: ", "Jakarta: ", "[JAKARTA] "), or ``start`` when there is none."""
    m = _DATELINE_BRACKETS.match(text, start, end)
    if m:
        return m.end()
    pos = start
    for _ in range(3):
        m = _DATELINE.match(text, pos, end)
        if not m or not _dateline_words(m.group(1).replace(",", " ").split()):
            break
        pos = m.end()
    if pos == start or text[pos - 2:pos].strip() == "|":
        m = _DATELINE_COLON.match(text, pos, end)
        if m and '"' not in m.group(0) and "“" not in m.group(0):
            pos = m.end()
    return pos
