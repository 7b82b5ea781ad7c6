"""Attribution cues: which words attribute a quoted passage or a reported clause, and to whom.

Direct quotations (a ``QuoteSpan``) are attributed by, in order of preference:
  after      "...," kata X. / "...," ujarnya. / "...," kata dia. / "...," lanjut X.
  press      "...," demikian pernyataan resmi X.
  inverted   "...," X menegaskan. / "...," X dalam keterangannya.
  before     X mengatakan, "..." / X menuliskan kalimat "..."
  colon      X: "..."
  continuation  a paragraph that continues the quote (or the quoting) of the paragraph before.
Reported speech (``indirect``) comes from verbs of saying (X mengatakan bahwa ...), "Menurut X, ...",
cues inserted in a sentence (", kata dia, ..."), and fronted passives ("Diakui X, ..."). A quoted
fragment inside reported speech is ``mixed``. The words themselves live in ``quotecli/data``.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice

from .intervals import in_order
from .lexicon import Lexicon, default_lexicon, grammar
from .model import Cue, Mention, Paragraph, QuoteSpan, QuoteType, Sentence, Span
from .segment import Token, TokenView, dateline_end, token_view, tokens
from .speakers import (
    ANAPHOR_END,
    DAY_MONTH,
    EntityLookup,
    _is_degree,
    abbreviation_period,
    is_name_word,
    mention_end,
    parse_mention,
)

_G = grammar()  # quotecli/data/grammar.toml
NEGATION = _G["negation"]
INTRO_WORDS = _G["intro_words"]
APPEARANCE = _G["appearance_words"]
LEADING_ADVERBS = _G["leading_adverbs"]
TRAILING_ADVERBS = _G["trailing_adverbs"]
CLAUSE_INTROS = _G["clause_intros"]
AUXILIARIES = _G["auxiliaries"]
BARE_VERBS = _G["bare_verbs"]
NOT_VERBS = _G["not_verbs"]
NOT_SUBJECTS = _G["not_subjects"]
MANNER_BEFORE_VERB = _G["manner_before_verb"]
PASSIVE_LEADERS = _G["passive_leaders"]
FRONT_CUES = _G["front_cues"]
SOURCE_NOUNS = _G["source_nouns"]
STATEMENT_BACK_REFERENCES = _G["statement_back_references"]
ADJUNCT_OPENERS = _G["adjunct_openers"]
TOPIC_WORDS = _G["topic_words"]
READER_PRONOUNS = _G["reader_pronouns"]
POSSESSED_SUBJECTS = _G["possessed_subjects"]
PREPOSITIONS = _G["prepositions"]
TIMES_OF_DAY = _G["times_of_day"]
DOUBLE_MARKS = "\"“”„‟«»"
_ATTRIBUTION_END = frozenset(DOUBLE_MARKS + ".!?")  # the tokens that can end the words after a quotation
_NOT_TRAILING = re.compile(r"[^ .,\n]")
_WORD_SPLIT = re.compile(r"\S+")  # the words of str.split()


# a signature at the end of a quoted post: a dash, then a hashtag, a handle or initials ("-#DuBesBlake")
_SIGNATURE = re.compile(r"(?<=[\s.!?,])[-–—]\s?([#@][A-Za-z]\w{1,30}|[A-Z]{2,5})\s*[.,]?\s*$")


def _is_date(seg: list[Token]) -> bool:
    """A comma-separated date: "Minggu (2/6/2024)", "Senin", "2 Juni 2024", "Senin pagi"."""
    return seg[0].lower in DAY_MONTH and all(
        t.lower in DAY_MONTH or t.lower in TIMES_OF_DAY
        or not t.text[:1].isalpha() for t in seg) or \
        (seg[0].text.isdigit() and any(t.lower in DAY_MONTH for t in seg[1:3]))


@dataclass
class Attribution:
    """A found quotation or reported clause before speaker resolution (internal to the pipeline)."""

    start: int
    end: int
    type: QuoteType
    rule: str
    cue: Cue | None = None
    mention: Mention | None = None
    span: QuoteSpan | None = None
    paragraph: int = 0

#: unions read per token in hot loops, made once
_INTROS_OR_TRAILING = CLAUSE_INTROS | TRAILING_ADVERBS
_TRAILING_OR_NEGATION = TRAILING_ADVERBS | NEGATION
_TRAILING_OR_LAGI = TRAILING_ADVERBS | {"lagi"}


def _is_predicate(tok: Token) -> bool:
    w = tok.lower
    if not tok.text[:1].islower():
        return False
    if w in AUXILIARIES or w in CLAUSE_INTROS or w in BARE_VERBS:
        return True
    if w in NOT_VERBS or not w.isalpha() or len(w) < 5:
        return False
    return w.startswith(("me", "di", "ber", "ter")) and not tok.text[:1].isupper()


def _after_comma(toks: Sequence[Token], k: int) -> bool:
    """toks[k] follows a comma, or a comma and "misalnya"/"menurutnya" ("..., misalnya kata Budi, ...")."""
    return toks[k - 1].text == "," or (k > 1 and toks[k - 2].text == ","
                                       and toks[k - 1].lower in {"misalnya", "menurutnya"})


def _negated(toks: list[Token], v: int) -> bool:
    """A negation among the three words before the verb, after any relative clause ends
    ("tidak mengatakan" is negated; "yang enggan disebut namanya mengungkapkan" is not)."""
    window = toks[max(0, v - 3):v]
    for k in range(len(window) - 1, -1, -1):
        if window[k].lower in ("yang", "namanya", ","):
            window = window[k + 1:]
            break
    return any(x.lower in NEGATION for x in window)


def looks_like_clause(toks: list[Token]) -> bool:
    """Reported content must be a clause: a predicate (me-/di-/ber-/ter- verb, auxiliary) or a clause
    introducer among its first words, before any relative "yang"."""
    for t in toks[:10]:
        if t.lower == "yang":
            return False
        if _is_predicate(t):
            return True
    return False


def _noun_phrase_object(toks: Sequence[Token], c: int) -> bool:
    """The verb's object at toks[c] is a noun phrase, not reported content: "hal itu" (and the like)
    followed by the sentence's end or an adjunct ("mengatakan hal itu saat meninjau lokasi": a statement
    reported before), or one possessed noun before "kepada"/"usai"."""
    for phrase in STATEMENT_BACK_REFERENCES:
        words = phrase.split()
        end = c + len(words)
        if [t.lower for t in toks[c:end]] == words:
            return end >= len(toks) or toks[end].text in ".,;!?" or toks[end].lower in ADJUNCT_OPENERS
    # "mengungkapkan perasaannya usai memenangi balapan", "menyampaikan keluhannya kepada DPRD": one
    # possessed noun, then to whom or after what
    w = toks[c].lower
    return w.endswith("nya") and len(w) > 6 and w not in POSSESSED_SUBJECTS and c + 1 < len(toks) \
        and toks[c + 1].lower in ("kepada", "usai", "seusai")


def _last_nonspace(text: str, start: int, end: int) -> str:
    """The last character of ``text[start:end].rstrip()`` ("" when none), read backwards from ``end``."""
    k = min(end, len(text))
    while k > start and text[k - 1].isspace():
        k -= 1
    return text[k - 1] if k > max(start, 0) else ""


def _strip_final(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and (text[end - 1] in ".!?;:, \t" or text[end - 1].isspace()):
        end -= 1
    while start < end and (text[start] in ",;: " or text[start].isspace()):
        start += 1
    return start, end


def _comma_segments(toks: Sequence[Token]) -> list[list[Token]]:
    """The non-empty stretches of ``toks`` between commas."""
    segs: list[list[Token]] = [[]]
    for t in toks:
        if t.text == ",":
            segs.append([])
        else:
            segs[-1].append(t)
    return [s for s in segs if s]


def _quotation_segment(s: list[Token], kept: list[list[Token]]) -> bool:
    """A segment with quotation marks: what came before it is no subject (but two close marks in an
    appositive after the subject are a title: "X, pemeran utama \"Budi Pekerti\", mengatakan")."""
    marks = [k for k, t in enumerate(s) if t.text in DOUBLE_MARKS]
    return bool(marks) and not (bool(kept) and len(marks) == 2 and marks[0] > 0 and marks[1] - marks[0] <= 7)


def _after_clause_segment(kept: list[list[Token]]) -> list[list[Token]]:
    """The segments after the last one with its own predicate, a clause before the subject ("Perlu
    diketahui, X ..."); the last segment is the subject's whatever it holds."""
    for k in range(len(kept) - 1, -1, -1):
        if any(_is_predicate(t) and t.lower not in _INTROS_OR_TRAILING for t in kept[k]) \
                and k < len(kept) - 1:
            return kept[k + 1:]
    return kept


def _before_own_predicate(flat: list[Token]) -> list[Token]:
    """The subject ends at its own predicate: "Keluarga korban pun merasa ..." -> "Keluarga korban pun"."""
    for k, t in enumerate(flat):
        if k > 0 and _is_predicate(t) and t.lower not in CLAUSE_INTROS and t.lower not in TRAILING_ADVERBS:
            return flat[:k]
    return flat


def _sub(toks: Sequence[Token], a: int, b: int) -> Sequence[Token]:
    """toks[a:b], a view when ``toks`` is one."""
    return toks.sub(a, b) if isinstance(toks, TokenView) else toks[a:b]


def _attribution_cut(toks: Sequence[Token]) -> int:
    """Where the words after a quotation end: at the next quotation mark or sentence end."""
    for k in (toks.where(_ATTRIBUTION_END) if isinstance(toks, TokenView) else range(len(toks))):
        t = toks[k]
        if t.text in DOUBLE_MARKS or t.text in ".!?" and k > 0 and not abbreviation_period(toks, k, 0):
            return k
    return len(toks)


def _closed_apposition(toks: list[Token], b: int, e: int) -> int:
    """Where a mention from toks[b] that ends at ``e`` really ends: an apposition after a comma must be
    closed by another comma (or end the sentence): "Menurut Kepala Desa, Budi Santoso, banjir ..." but
    "Menurut Budi Santoso, Camat Andi Wijaya sudah berjanji ...", whose second name begins the clause."""
    comma = next((j for j in range(b, e) if toks[j].text == ","), None)
    if comma is None or e >= len(toks) or toks[e].text in (",", ".", "!", "?"):
        return e
    return comma


def _agent_start(toks: list[Token], v: int) -> int:
    """Where the agent of the passive verb at toks[v] begins: after it, past an "oleh" ("disampaikan oleh X")."""
    return v + 2 if v + 2 < len(toks) and toks[v + 1].lower == "oleh" else v + 1


def _content_start(toks: list[Token], v: int) -> int:
    """Where the reported words after the verb at toks[v] begin: after "bahwa" when the verb's
    circumstances come first ("X mengatakan kepada wartawan di Jakarta, Senin, bahwa ..."), and after
    any comma, colon, "bahwa", "jika" or "kalau"."""
    c = v + 1
    bahwa = next((k for k in range(c, min(c + 12, len(toks))) if toks[k].lower == "bahwa"), None)
    if bahwa is not None and toks[c].lower in ("kepada", "di", "dalam", "saat", "ketika", "usai", "pada",
                                                "melalui", "lewat", "via"):
        c = bahwa
    while c < len(toks) and (toks[c].text in ",:" or toks[c].lower in ("bahwa", "jika", "kalau")):
        c += 1
    return c


class CueFinder:
    def __init__(self, text: str, paragraphs: list[Paragraph], sentences: list[Sentence],
                 spans: list[QuoteSpan], lex: Lexicon | None = None, entities: EntityLookup | None = None):
        self.text = text
        self.paragraphs = paragraphs
        self.sentences = sentences
        self.spans = spans
        self.lex = lex or default_lexicon()
        self.entities = entities
        self._stops_after_speaker = self.lex.stop_after_speaker | {"dalam"}  # (made once, read per token)
        self._tokens: dict[int, list[Token]] = {}
        self._last_via: str | None = None
        # indexes over spans and sentences, built on first use: every lookup is a bisection, so the
        # work per quotation does not grow with the article (see docs/performance.md)
        self._quote_reach: tuple[list[int], list[int]] | None = None
        self._sentence_index: tuple[list[int] | None, list[int]] | None = None
        self._para_spans: dict[int, tuple[list[QuoteSpan], list[int] | None, list[int]]] | None = None
        self._span_index: tuple[list[int] | None, list[int], list[int] | None, list[int]] | None = None
        self._mark_index: tuple[list[Token], list[int], list[int]] | None = None
        self._lower: tuple[str | None, dict[str, list[int]]] | None = None
        self._formula_len: int | None = None

    def _sentence_tokens(self, s: Sentence) -> list[Token]:
        cached = self._tokens.get(s.index)
        if cached is None:
            p = self.paragraphs[s.paragraph]
            start = dateline_end(self.text, s.start, s.end) if s.start == p.start else s.start
            cached = self._tokens[s.index] = tokens(self.text, start, s.end)
        return cached

    # ---- helpers -------------------------------------------------------------------------------
    def _mention(self, start: int, end: int) -> Mention | None:
        return parse_mention(self.text, start, end, self.lex, self.entities)

    def _inside_quote(self, pos: int) -> bool:
        """Some quote span has start <= pos < end: of the spans that start at or before pos, the
        largest end (a running maximum over the spans ordered by start) decides."""
        if self._quote_reach is None:
            ordered = sorted(self.spans, key=lambda q: q.start)
            reach: list[int] = []
            for q in ordered:
                reach.append(max(reach[-1], q.end) if reach else q.end)
            self._quote_reach = ([q.start for q in ordered], reach)
        starts, reach = self._quote_reach
        k = bisect_right(starts, pos)
        return k > 0 and reach[k - 1] > pos

    def _sentences_indexed(self) -> tuple[list[int] | None, list[int]]:
        """The starts of the sentences when they are in order and disjoint (as ``segment.sentences``
        makes them; None otherwise), and for each index i the first index >= i outside a noise paragraph."""
        if self._sentence_index is None:
            ss = self.sentences
            ordered = in_order(ss)
            not_noise = [len(ss)] * (len(ss) + 1)
            for i in range(len(ss) - 1, -1, -1):
                not_noise[i] = i if not self.paragraphs[ss[i].paragraph].noise else not_noise[i + 1]
            self._sentence_index = ([s.start for s in ss] if ordered else None, not_noise)
        return self._sentence_index

    def _sentence_at(self, pos: int) -> Sentence | None:
        starts, _ = self._sentences_indexed()
        if starts is None:
            return next((s for s in self.sentences if s.start <= pos < s.end), None)
        k = bisect_right(starts, pos) - 1  # in order and disjoint: only the last sentence that starts at
        if k >= 0 and pos < self.sentences[k].end:  # or before pos can hold it
            return self.sentences[k]
        return None

    def _first_sentence_after(self, pos: int) -> Sentence | None:
        """The first sentence (in order) that starts after ``pos`` outside a noise paragraph."""
        starts, not_noise = self._sentences_indexed()
        if starts is None:
            return next((s for s in self.sentences if s.start > pos and not self.paragraphs[s.paragraph].noise),
                        None)
        k = not_noise[bisect_right(starts, pos)]
        return self.sentences[k] if k < len(self.sentences) else None

    def _last_closed(self, paragraph: int, lo: int, hi: int) -> QuoteSpan | None:
        """The last span (in order) of ``paragraph`` whose closing mark lies in [lo, hi)."""
        if self._para_spans is None:
            groups: dict[int, list[QuoteSpan]] = {}
            for x in self.spans:
                groups.setdefault(x.paragraph, []).append(x)
            self._para_spans = {}
            for k, group in groups.items():
                starts = [x.start for x in group]
                reach: list[int] = []
                for x in group:
                    reach.append(max(reach[-1], x.close_mark) if reach else x.close_mark)
                # spans that start at or after hi close after it (a closing mark follows its words), so
                # the search may begin at the bisection; otherwise every span of the paragraph is read
                usable = starts == sorted(starts) and all(x.close_mark < 0 or x.close_mark >= x.start for x in group)
                self._para_spans[k] = (group, starts if usable else None, reach)
        found = self._para_spans.get(paragraph)
        if found is None:
            return None
        group, starts, reach = found
        k = bisect_left(starts, hi) if starts is not None else len(group)
        while k > 0:
            k -= 1
            if reach[k] < lo:
                return None  # no span up to here closes at or after lo
            x = group[k]
            if lo <= x.close_mark < hi:
                return x
        return None

    def _quoted_in(self, lo: int, hi: int) -> tuple[int, QuoteSpan | None]:
        """How many characters of [lo, hi) quote spans cover (a span counted once per overlap), and the
        first span (in order) whose opening mark lies in [lo, hi)."""
        if self._span_index is None:
            self._span_index = self._index_spans()
        return self._quoted_chars(lo, hi), self._first_opened(lo, hi)

    def _index_spans(self) -> tuple[list[int] | None, list[int], list[int] | None, list[int]]:
        """For ``_quoted_in``: the spans' starts (None unless disjoint and in order), the running sum of
        their lengths, their opening marks (None unless in order) and the span of each mark."""
        sp = self.spans
        lengths = [0]
        for q in sp:
            lengths.append(lengths[-1] + q.end - q.start)
        opened = [(q.open_mark, k) for k, q in enumerate(sp) if q.open_mark >= 0]
        marks_in_order = all(a[0] <= b[0] for a, b in zip(opened, opened[1:], strict=False))
        return ([q.start for q in sp] if in_order(sp) else None, lengths,
                [o for o, _ in opened] if marks_in_order else None, [k for _, k in opened])

    def _quoted_chars(self, lo: int, hi: int) -> int:
        """How many characters of [lo, hi) the quote spans cover (``_index_spans`` built first)."""
        assert self._span_index is not None
        starts, lengths, _, _ = self._span_index
        sp = self.spans
        if starts is None:
            return sum(min(q.end, hi) - max(q.start, lo) for q in sp if q.start < hi and q.end > lo)
        # disjoint and in order: the spans that overlap [lo, hi) are consecutive
        a = max(0, bisect_right(starts, lo) - 1)
        while a < len(sp) and sp[a].end <= lo:
            a += 1
        b = bisect_left(starts, hi)
        if a >= b:
            return 0
        # whole spans, less what the first and last have outside [lo, hi)
        return lengths[b] - lengths[a] - max(0, lo - sp[a].start) - max(0, sp[b - 1].end - hi)

    def _first_opened(self, lo: int, hi: int) -> QuoteSpan | None:
        """The first span (in order) whose opening mark lies in [lo, hi)."""
        assert self._span_index is not None
        _, _, marks, which = self._span_index
        if marks is None:
            return next((q for q in self.spans if lo <= q.open_mark < hi), None)
        k = bisect_left(marks, lo)
        return self.spans[which[k]] if k < len(marks) and marks[k] < hi else None

    def _lowered(self) -> str | None:
        """``self.text.lower()`` when lowering is one character for one, whatever the context (no "İ",
        which lowers to two, no "Σ", whose lower case depends on what follows): then the lowered
        slice text[a:b].lower() is that string's [a:b], and phrases can be looked up once for all."""
        if self._lower is None:
            safe = "\u0130" not in self.text and "\u03a3" not in self.text
            self._lower = (self.text.lower() if safe else None, {})
        return self._lower[0]

    def _occurrence(self, sub: str, start: int, end: int) -> int:
        """Where ``sub`` first occurs in the lowered text within [start, end) (-1: nowhere), by bisection
        in its occurrences; only when ``_lowered()`` is not None."""
        low, found = self._lower or (None, {})
        assert low is not None
        at = found.get(sub)
        if at is None:
            at = found[sub] = []
            k = low.find(sub)
            while k >= 0:
                at.append(k)
                k = low.find(sub, k + 1)
        x = bisect_left(at, max(start, 0))
        return at[x] if x < len(at) and at[x] + len(sub) <= min(end, len(low)) else -1

    def _lower_head(self, start: int, end: int) -> str:
        """Enough of ``self.text[start:end].lower()`` to test ``.startswith(f)`` for every press formula
        (all ASCII: the first len(f) characters lowered give the first len(f) of the whole)."""
        if self._formula_len is None:
            self._formula_len = max((len(f) for f in self.lex.press_formulas), default=0) \
                if all(f.isascii() for f in self.lex.press_formulas) else -1
        if self._formula_len < 0:
            return self.text[start:end].lower()
        return self.text[start:min(end, start + self._formula_len)].lower()

    def _via(self, start: int, end: int) -> str | None:
        low = self._lowered()
        if low is None:
            return self._via_sliced(start, end)
        for phrase in self.lex.relay:
            k = self._occurrence(phrase, start, end)
            if k >= 0 and (k == start or not low[k - 1].isalpha()):
                name = self._medium_name(token_view(self.text, k + len(phrase), end))
                if name:
                    return name
        return None

    def _via_sliced(self, start: int, end: int) -> str | None:
        low = self.text[start:end].lower()
        for phrase in self.lex.relay:
            k = low.find(phrase)
            if k >= 0 and (k == 0 or not low[k - 1].isalpha()):
                name = self._medium_name(tokens(self.text, start + k + len(phrase), end))
                if name:
                    return name
        return None

    def _medium_name(self, toks: Sequence[Token]) -> str | None:
        """The capitalised run that opens ``toks`` ("CNN", "The New York Times"): the medium relayed through."""
        name = []
        for t in toks:
            if t.text[:1].isupper() or (name and t.lower in {"of", "the"}):
                name.append(t)
            else:
                break
        return self.text[name[0].start:name[-1].end] if name else None

    def _is_relay(self, seg: list[Token]) -> bool:
        low = " ".join(t.lower for t in seg)
        return any(low == p or low.startswith(p + " ") for p in self.lex.relay)

    def _emptied_by_last_segment(self, toks: list[Token], v: int) -> bool:
        """Whether the last comma-separated segment of toks[:v] holds quotation marks that leave no
        subject whatever came before (the ``kept = []`` of ``_subject_segments`` below), decided from
        the positions of the commas and marks alone: in a long sentence with many verbs of saying the
        prefix is then not read again for every verb."""
        if self._mark_index is None or self._mark_index[0] is not toks:
            commas = [k for k, t in enumerate(toks) if t.text == ","]
            marks = [k for k, t in enumerate(toks) if t.text in DOUBLE_MARKS]
            self._mark_index = (toks, commas, marks)
        _, commas, marks = self._mark_index
        k = bisect_left(commas, v)
        c = commas[k - 1] + 1 if k else 0  # the last segment: toks[c:v]
        if c >= v:
            return False  # (empty: the segment before it is the last)
        first = toks[c]
        if first.lower == "yang" or first.lower in DAY_MONTH or (
                first.text.isdigit() and any(t.lower in DAY_MONTH for t in toks[c + 1:min(c + 3, v)])):
            return False  # skipped (a relative clause, or a date after a subject): not decided here
        a, b = bisect_left(marks, c), bisect_left(marks, v)
        if a == b:
            return False  # no quotation mark
        # "X, pemeran utama \"Budi Pekerti\", mengatakan": two close marks after a subject are a title
        return not (b - a == 2 and marks[a] > c and marks[a + 1] - marks[a] <= 7)

    def subject_before(self, toks: list[Token], v: int) -> Mention | None:
        """The subject of a verb at toks[v]: the noun phrase before it, intro phrases and relative
        clauses set aside ("Sebelumnya, Ketua RW 23, Priyo Handoko, mengakui ...")."""
        if v > 64 and self._emptied_by_last_segment(toks, v):
            return None
        if v > 0 and toks[v - 1].lower in MANNER_BEFORE_VERB:
            main = self._subject_verb(toks)  # "Dia membalas, dengan menyebut ...": the sentence's subject
            return self.subject_before(toks, main) if main is not None and main < v - 1 else None
        kept = self._subject_segments(toks, v)
        if not kept:
            return None
        flat = self._through_whom([t for s in kept for t in s])
        while flat and flat[0].lower in LEADING_ADVERBS:
            flat = flat[1:]
        return self._subject_phrase(flat)

    def _subject_phrase(self, flat: list[Token]) -> Mention | None:
        """The subject in the words before the verb, intro phrases already set aside: a described
        person, or a relative clause ending in itu/tersebut, whole; else the head noun phrase, trimmed."""
        # a subject ends at its own predicate ("Keluarga korban pun merasa ..."), but a relative clause
        # that ends in itu/tersebut belongs to it ("Pria yang akrab disapa Bapake itu menyebut ...")
        rel = next((k for k, t in enumerate(flat) if t.lower == "yang"), None)
        if rel is not None and flat[-1].lower in ANAPHOR_END:
            return self._mention(flat[0].start, flat[-1].end)
        described = self._described_person_end(flat)
        if described is not None:
            return self._mention(flat[0].start, flat[described].end)
        if rel is not None and rel > 0:
            flat = flat[:rel]  # "Sumber internal PSSI yang enggan disebut namanya": the head, not the clause
        return self._trimmed_subject(flat)

    def _trimmed_subject(self, flat: list[Token]) -> Mention | None:
        """The head noun phrase of a subject: cut before its own predicate, its manner phrase and the
        words after a name that end it; None when what is left is no speaker."""
        flat = self._before_manner(_before_own_predicate(flat))
        if self._noun_phrase_not_speaker(flat):
            return None
        flat = self._before_stop_after_name(flat)
        while flat and flat[-1].lower in _TRAILING_OR_NEGATION:
            flat = flat[:-1]
        if not flat or len(flat) > 16 or flat[0].lower in NOT_SUBJECTS:
            return None
        return self._mention(flat[0].start, flat[-1].end)

    def _through_whom(self, flat: list[Token]) -> list[Token]:
        """"Kapolres Bogor AKBP Budi Santoso melalui Kasat Reskrim AKP Andi Wijaya mengatakan ...": the
        officer speaks for his chief; who comes after "melalui" is the speaker when a title or a name
        opens it (not "melalui akun Instagramnya")."""
        k = next((i for i, t in enumerate(flat) if t.lower == "melalui"), None)
        if k is None or k == 0 or k + 1 >= len(flat):
            return flat
        nxt = flat[k + 1]
        if nxt.text[:1].isupper() and (nxt.lower in self.lex.title_or_rank_words or is_name_word(nxt, self.lex)):
            return flat[k + 1:]
        return flat

    def _subject_segments(self, toks: list[Token], v: int) -> list[list[Token]]:
        """The comma-separated segments before toks[v] that hold the subject: intro phrases, relays,
        dates, relative clauses, quotations, trailing degrees and clauses before the subject set aside."""
        segs = _comma_segments(toks[:v])
        kept: list[list[Token]] = []
        for i, s in enumerate(segs):
            if self._set_aside(s, kept, i == len(segs) - 1):
                continue
            if _quotation_segment(s, kept):
                kept = []  # (but "X, pemeran utama \"Budi Pekerti\", mengatakan": a title in an appositive)
                continue
            kept.append(s)
        while len(kept) > 1 and _is_degree(kept[-1]):
            kept.pop()  # "dr. Mike Kaltarina, Sp.A(K), M.Kes, mengatakan": degrees, not the subject
        return _after_clause_segment(kept)

    def _set_aside(self, s: list[Token], kept: list[list[Token]], last: bool) -> bool:
        """A segment that is not part of the subject: a relative clause, an intro phrase, a relay or a date."""
        first = s[0].lower
        if first == "yang" or (not kept and first in INTRO_WORDS and not last):
            return True
        if not kept and not last and self._is_relay(s):
            return True  # "Dikutip dari Antara, Gubernur X mengatakan ...": the medium, not the subject
        # "X dalam keterangan tertulisnya, Minggu (2/6/2024), menyampaikan": when, not who
        return _is_date(s) and (bool(kept) or not last)

    def _described_person_end(self, flat: list[Token]) -> int | None:
        """"Pria berkaus hitam itu": a person noun described up to itu/tersebut (ber- is not the verb);
        the index of that itu/tersebut, or None."""
        if not flat or flat[0].lower not in self.lex.person_nouns:
            return None
        end = next((k for k in range(1, min(6, len(flat))) if flat[k].lower in ANAPHOR_END), None)
        if end is not None and not any(_is_predicate(t) and t.lower not in APPEARANCE for t in flat[1:end]):
            return end
        return None

    def _before_manner(self, flat: list[Token]) -> list[Token]:
        """"Kementerian Kesehatan dalam siaran persnya menyatakan": a capitalised name, then how it spoke;
        only the name is the subject."""
        cut = next((k for k, t in enumerate(flat) if not t.text[:1].isupper()), None)
        if cut and flat[cut].lower in self._stops_after_speaker and cut < len(flat) - 1 \
                and flat[0].lower not in INTRO_WORDS \
                and any(is_name_word(t, self.lex) or t.lower in self.lex.org_words for t in flat[:cut]) \
                and not any(is_name_word(t, self.lex) for t in flat[cut:]):
            return flat[:cut]  # (but "Anggota DPR dari Fraksi PKS, Habib Aboe Bakar" names him after)
        return flat

    def _noun_phrase_not_speaker(self, flat: list[Token]) -> bool:
        """"Kunjungannya ke Deplu AS menekankan ...": a noun phrase, not a speaker."""
        return bool(flat) and flat[0].text[:1].isupper() and not is_name_word(flat[0], self.lex) \
            and flat[0].lower not in self.lex.title_words() and flat[0].lower not in self.lex.person_nouns \
            and any(t.lower in PREPOSITIONS for t in flat[:3])

    def _before_stop_after_name(self, flat: list[Token]) -> list[Token]:
        """Cut at a lowercase stop word after a name ("Ali Khamenei dalam akun Twitternya")."""
        seen = False
        for k, t in enumerate(flat):
            if is_name_word(t, self.lex) or t.text.startswith("@"):
                seen = True
            elif seen and t.text[:1].islower() and t.lower in self._stops_after_speaker:
                return flat[:k]
        return flat

    # ---- direct quotations ---------------------------------------------------------------------
    def _after(self, q: QuoteSpan) -> tuple[Cue, str] | None:
        """The cue after a quotation: '"...," kata X', '"...," demikian pernyataan X', '"...," X menegaskan'."""
        toks, intro_of_next = self._words_after(q)
        if not toks:
            return None
        end_all = toks[-1].end
        return self._after_cue(toks, end_all) or self._press_after(toks, end_all) \
            or self._inverted(toks, end_all, intro_of_next)

    def _words_after(self, q: QuoteSpan) -> tuple[Sequence[Token], bool]:
        """The words after a quotation up to the next quotation mark or sentence end (leading commas and
        dashes dropped), and whether they introduce the next quotation instead."""
        p = self.paragraphs[q.paragraph]
        toks = token_view(self.text, q.close_mark + 1, p.end)
        cut = _attribution_cut(toks)
        # "Kita harus ...." Prabowo menimpali, "Saya setuju ...": after a finished sentence, a subject and
        # verb ending in a comma or colon before the next quotation introduce that one
        intro_of_next = cut < len(toks) and toks[cut].text in DOUBLE_MARKS and cut > 0 \
            and toks[cut - 1].text in ",:" and self.text[q.start:q.end].rstrip()[-1:] in ".!?"
        toks = _sub(toks, 0, cut)
        while toks and toks[0].text in ",-–—":
            toks = _sub(toks, 1, len(toks))
        return toks, intro_of_next

    def _after_cue(self, toks: Sequence[Token], end_all: int) -> tuple[Cue, str] | None:
        """'"...," kata X.' / '"...," ujarnya.' / '"...," kata dia.': a cue word, then its speaker."""
        t0 = toks[0]
        is_cue, nya = self.lex.is_after_cue(t0.text)
        if t0.text[:1].isupper() and t0.lower in {"kata"} and len(toks) > 1 and toks[1].text in DOUBLE_MARKS:
            is_cue = False
        if not is_cue:
            return None
        if nya:
            ment = Mention(Span(t0.end - 3, t0.end, self.text[t0.end - 3:t0.end]), "pronoun")
            cue = Cue(Span(t0.start, t0.end, t0.text), "after", ment)
        elif len(toks) > 1 and toks[1].lower in self.lex.pronouns:
            t1 = toks[1]
            ment = Mention(Span(t1.start, t1.end, t1.text), "pronoun")
            cue = Cue(Span(t0.start, t1.end, self.text[t0.start:t1.end]), "after", ment)
        else:
            e = mention_end(self.text, toks, 1, self.lex)
            found = self._mention(toks[1].start, toks[e - 1].end) if e > 1 else None
            cue = Cue(Span(t0.start, t0.end, t0.text), "after", found)
        cue.via = self._via(cue.span.end, end_all)
        return cue, "after"

    def _press_after(self, toks: Sequence[Token], end_all: int) -> tuple[Cue, str] | None:
        """'"...," demikian pernyataan resmi X.': a press formula, then its source."""
        t0 = toks[0]
        low = self._lower_head(t0.start, end_all)
        for f in self.lex.press_formulas:
            if low.startswith(f):
                fend = t0.start + len(f)
                r = next((k for k, t in enumerate(toks) if t.start >= fend), len(toks))  # (in order)
                rest = _sub(toks, r, len(toks))
                ment = None
                if rest:
                    e = mention_end(self.text, rest, 0, self.lex)
                    ment = self._mention(rest[0].start, rest[e - 1].end) if e > 0 else None
                return Cue(Span(t0.start, fend, self.text[t0.start:fend]), "press", ment), "press"
        return None

    def _inverted(self, toks: Sequence[Token], end_all: int, intro_of_next: bool) -> tuple[Cue, str] | None:
        """'"...," X menegaskan.' / '"...," X dalam keterangannya.': a mention, then a verb of saying,
        a cue word or a press formula."""
        t0 = toks[0]
        for k in range(1, min(len(toks), 18)):
            t = toks[k]
            verb = self.lex.is_reporting_verb(t.text) or self.lex.is_after_cue(t.text)[0]
            formula = next((f for f in self.lex.press_formulas
                            if self._lower_head(t.start, end_all).startswith(f)), None)
            if verb or formula:
                if intro_of_next or not (t0.text[:1].isupper() or t0.lower in self.lex.pronouns
                                         or t0.text.startswith("@")):
                    return None
                ment = self._mention(t0.start, toks[k - 1].end)
                if ment is None:
                    return None
                cend = t.end if verb else t.start + len(formula or "")
                cue = Cue(Span(t.start, cend, self.text[t.start:cend]), "inverted", ment)
                cue.via = self._via(cend, end_all)
                return cue, "inverted"
        return None

    def _before(self, q: QuoteSpan) -> tuple[Cue, str] | None:
        """The cue before a quotation: 'X mengatakan, "..."', 'Menurut X, "..."', 'X: "..."'."""
        if q.open_mark < 0:
            return None
        toks, prev = self._words_before(q)
        if not toks:
            return self._intro_paragraph(q)
        if prev and toks[-1].text == "," and self.lex.is_after_cue(toks[0].text)[0]:
            # '"Perbedaan itu biasa," kata Ma'ruf, "tetapi ..."': the second part shares the first's cue
            found = self._after(prev)
            if found is not None:
                return found
        v = self._verb_before(toks)
        if v is not None and not (v == 0 and toks[v].lower in FRONT_CUES):
            return self._verb_cue_before(toks, v)
        # (a fronted cue: 'Ujar dia lagi, "..."': the speaker follows it, read below)
        return self._menurut_before(toks) or self._colon_before(toks)

    def _words_before(self, q: QuoteSpan) -> tuple[list[Token], QuoteSpan | None]:
        """The words of the sentence before a quotation, after any closed quotation there (returned too)."""
        p = self.paragraphs[q.paragraph]
        s = self._sentence_at(q.open_mark)
        lo = s.start if s else p.start
        prev = self._last_closed(q.paragraph, lo, q.open_mark)
        if prev:
            lo = prev.close_mark + 1
        return tokens(self.text, lo, q.open_mark), prev

    def _verb_before(self, toks: list[Token]) -> int | None:
        """The last verb of saying or cue word (not "kata") within the last few words ('X mengatakan
        kepada Kompas.com, "..."'), or None."""
        for v in range(len(toks) - 1, max(-1, len(toks) - 10), -1):
            t = toks[v]
            if self.lex.is_reporting_verb(t.text) or (self.lex.is_after_cue(t.text)[0] and t.lower != "kata"):
                return v
        return None

    def _verb_cue_before(self, toks: list[Token], v: int) -> tuple[Cue, str] | None:
        """'X mengatakan, "..."': the verb at toks[v] and its subject (none when the verb is negated)."""
        t = toks[v]
        if v > 0 and toks[v - 1].lower in NEGATION:
            return None
        ment = self.subject_before(toks, v)
        if ment is None:
            return None
        return Cue(Span(t.start, t.end, t.text), "before", ment), "before"

    def _menurut_before(self, toks: list[Token]) -> tuple[Cue, str] | None:
        """'Menurut Vini, "Musim hujan ..."' / 'Menurutnya, "..."' / 'Ujar dia lagi, "..."'."""
        front = toks[0].lower in FRONT_CUES and toks[0].text[:1].isupper() and len(toks) > 1
        if not ((toks[0].lower in ("menurut", "menurutnya") or front) and len(toks) <= 16):
            return None
        ment, e = self._speaker_after_front(toks)
        if ment is not None and all(x.text in ",:" or x.lower in _TRAILING_OR_LAGI for x in toks[e:]):
            return Cue(Span(toks[0].start, toks[0].end, toks[0].text), "menurut", ment), "menurut"
        return None

    def _speaker_after_front(self, toks: list[Token]) -> tuple[Mention | None, int]:
        """The speaker after "menurut" or a fronted cue at toks[0] ("-nya", a pronoun or a mention), and
        the index after it."""
        if toks[0].lower == "menurutnya":
            t = toks[0]
            return Mention(Span(t.end - 3, t.end, self.text[t.end - 3:t.end]), "pronoun"), 1
        if len(toks) > 1 and toks[1].lower in self.lex.pronouns:
            return Mention(Span(toks[1].start, toks[1].end, toks[1].text), "pronoun"), 2
        e = mention_end(self.text, toks, 1, self.lex)
        return (self._mention(toks[1].start, toks[e - 1].end) if e > 1 else None), e

    def _colon_before(self, toks: list[Token]) -> tuple[Cue, str] | None:
        """'X: "..."': a named speaker, then a colon."""
        if toks[-1].text == ":" and len(toks) > 1:
            ment = self.subject_before(toks, len(toks) - 1)
            if ment is not None and ment.kind in ("name", "organisation", "handle"):
                return Cue(Span(toks[-1].start, toks[-1].end, ":"), "colon", ment), "colon"
        return None

    def chains(self) -> list[list[QuoteSpan]]:
        """Quote spans grouped into multi-paragraph quotations (a span left open, then its continuations)."""
        out: list[list[QuoteSpan]] = []
        for q in self.spans:
            if out and q.open_mark < 0 and out[-1][-1].close_mark < 0:
                out[-1].append(q)
            else:
                out.append([q])
        return out

    def _intro_paragraph(self, q: QuoteSpan) -> tuple[Cue, str] | None:
        """A quotation that opens its paragraph after a paragraph ending in "X mengatakan:"."""
        n = len(self.paragraphs)
        upto = min(q.paragraph, n) if q.paragraph >= 0 else max(0, n + q.paragraph)  # paragraphs[:q.paragraph]
        prev = next((p for p in map(self.paragraphs.__getitem__, range(upto - 1, -1, -1))
                     if p.end > p.start and not p.noise), None)
        if prev is None or _last_nonspace(self.text, prev.start, prev.end) != ":":
            return None
        s = self._sentence_at(prev.end - 1) or self._sentence_at(prev.start)
        if s is None:
            return None
        toks = self._sentence_tokens(s)
        for v in range(len(toks) - 1, max(-1, len(toks) - 5), -1):
            if self.lex.is_reporting_verb(toks[v].text):
                ment = self.subject_before(toks, v)
                if ment is not None:
                    return Cue(Span(toks[v].start, toks[v].end, toks[v].text), "before", ment), "before"
        return None

    def _back_reference(self, q: QuoteSpan) -> tuple[Cue, str] | None:
        """A quotation that ends its paragraph, attributed by the next sentence: '"..." / Hal itu
        disampaikan Kapolresta Sleman Kombes Yuswanto Ardi saat ditemui ...'."""
        if q.close_mark < 0:
            return None
        p = self.paragraphs[q.paragraph]
        if _NOT_TRAILING.search(self.text, q.close_mark + 1, p.end):
            return None  # the paragraph goes on after the quotation: its own cue, if any, is there
        nxt = self._first_sentence_after(q.close_mark)
        if nxt is None or any(self.text[x.start:x.end].strip() for x in self.paragraphs[q.paragraph + 1:nxt.paragraph]):
            return None  # only the next paragraph (blank lines aside) can attribute it
        return self._back_reference_cue(self._sentence_tokens(nxt))

    def _back_reference_cue(self, toks: list[Token]) -> tuple[Cue, str] | None:
        """The cue and speaker of a sentence that opens by referring to the quotation before it ("Hal itu
        disampaikan X", "Demikian kata X", "Begitu ujar X"), or None."""
        low = " ".join(t.lower for t in toks[:4])
        opener = next((o for o in self.lex.back_reference if low == o or low.startswith(o + " ")), None)
        if opener is None:
            return None
        v = len(opener.split())
        while v < len(toks) and toks[v].lower in ("juga", "pun", "lah"):
            v += 1
        if v + 1 >= len(toks) or not (toks[v].lower in self.lex.cue_passive
                                      or (opener in ("demikian", "begitu") and self.lex.is_after_cue(toks[v].text)[0])):
            return None  # "Hal itu disampaikan X", "Demikian kata X", "Begitu ujar X"
        if toks[v + 1].lower == "oleh":
            v += 1
        e = mention_end(self.text, toks, v + 1, self.lex)
        ment = self._mention(toks[v + 1].start, toks[e - 1].end) if e > v + 1 else None
        if ment is None or ment.kind not in ("name", "organisation", "handle"):
            return None
        return Cue(Span(toks[v].start, toks[v].end, toks[v].text), "backref", ment), "backref"

    def direct(self) -> list[Attribution]:
        """Direct and mixed quotations, chain by chain, each chain attributed by one cue when it has one."""
        out: list[Attribution] = []
        for chain in self.chains():
            first, last = chain[0], chain[-1]
            double = first.open_mark < 0 or self.text[first.open_mark] in DOUBLE_MARKS
            found = self._signature(last) or (self._after(last) if last.close_mark >= 0 else None) \
                or self._before(first) or self._back_reference(last)
            for q in chain:
                a = self._chain_member(q, chain, found, double)
                if a is not None:
                    out.append(a)
        return out

    def _chain_member(self, q: QuoteSpan, chain: list[QuoteSpan], found: tuple[Cue, str] | None,
                      double: bool) -> Attribution | None:
        """One span of a chain: attributed by the chain's cue, a continuation, a whole quoted sentence,
        or a fragment (None: a short single-quoted term, or a single-quoted span without a cue)."""
        words = len(self.text[q.start:q.end].split())
        if found:
            cue, rule = found
            if not double and words < 4 and rule not in ("after", "press"):
                return None  # a short single-quoted term before a verb is a title, not speech
            fragment = rule == "before" and (self._mid_sentence(q) or self._after_words(cue, q))
            qtype: QuoteType = "mixed" if fragment else "direct"
            return Attribution(q.start, q.end, qtype, rule, cue, cue.mention, q, q.paragraph)
        if not double:
            return None
        if q.open_mark < 0 or len(chain) > 1:
            return Attribution(q.start, q.end, "direct", "continuation", None, None, q, q.paragraph)
        if self._starts_sentence(q) and (words >= 4 or (
                words >= 2 and self.text[q.start:q.start + 1].isupper()
                and self.text[q.start:q.end].rstrip()[-1:] in ".!?")):
            # a whole sentence in quotes, even a short one ("Puskesmas sering kewalahan.")
            return Attribution(q.start, q.end, "direct", "continuation", None, None, q, q.paragraph)
        return Attribution(q.start, q.end, "mixed", "fragment", None, None, q, q.paragraph)

    def _signature(self, q: QuoteSpan) -> tuple[Cue, str] | None:
        """A post signed inside its own quotation marks ("... tidak benar. -#DuBesBlake", "... –SBY"):
        the signature is the author."""
        m = _SIGNATURE.search(self.text, q.start, q.end)
        if m is None:
            return None
        s, e = m.start(1), m.end(1)
        sig = self.text[s:e]
        kind = "handle" if sig[0] in "#@" else "name"
        mention = Mention(Span(s, e, sig), kind, name=sig, entity_type="person")
        return Cue(Span(m.start(), e, self.text[m.start():e]), "signature", mention), "signature"

    def _after_words(self, cue: Cue, q: QuoteSpan) -> bool:
        """Words of the reported clause between the verb and the quotation ("menyebut kawasan itu
        \"kampung mati\""): the quotation is a fragment of reported speech, not the whole statement."""
        if q.open_mark < 0 or cue.span.end > q.open_mark:
            return False
        between = token_view(self.text, cue.span.end, q.open_mark)
        if between and between[-1].text in ",:":
            return False  # 'X mengatakan kepada Kompas.com, "..."': introduced, a whole statement
        words = self.text[q.start:q.end].strip()
        if words[:1].isupper() and words[-1:] in ".!?":
            return False  # 'X mengatakan kepada wartawan "Kami siap."': a whole sentence
        return any(t.lower != "bahwa" for t in between)

    def _mid_sentence(self, q: QuoteSpan) -> bool:
        """A fragment that the sentence goes on after: X menilai perlu "operasi pasar" agar ..."""
        if q.close_mark < 0 or self.text[q.end - 1] in ".,!?":
            return False
        s = self._sentence_at(q.close_mark)
        # the first two words of text[q.close_mark + 1:s.end] (.split()), without reading the rest
        rest = [m.group() for m in islice(_WORD_SPLIT.finditer(self.text, q.close_mark + 1,
                                                               s.end if s else q.close_mark + 1), 2)]
        return len(rest) >= 2 and not self.lex.is_after_cue(rest[0].strip(",."))[0]

    def _starts_sentence(self, q: QuoteSpan) -> bool:
        p = self.paragraphs[q.paragraph]
        before = _last_nonspace(self.text, p.start, q.open_mark)
        return not before or before in ".!?\"”’»"

    # ---- reported speech -----------------------------------------------------------------------
    def indirect(self) -> list[Attribution]:
        out: list[Attribution] = []
        for s in self.sentences:
            p = self.paragraphs[s.paragraph]
            if not p.body:
                continue
            toks = self._sentence_tokens(s)
            got = self._menurut(s, toks) or self._inserted(s, toks) or self._passive(s, toks) or self._verb(s, toks)
            if got:
                out.append(got)
        return out

    def _content(self, start: int, end: int) -> tuple[int, int] | None:
        """The reported words in text[start:end]: trimmed, without a trailing relay clause
        (", dikutip dari Kompas TV, Kamis (23/5)"), whose medium goes to ``self._last_via``."""
        self._last_via = None
        lowered = self._lowered()
        low = self.text[start:end].lower() if lowered is None else ""
        for phrase in self.lex.relay:
            if lowered is None:
                k = low.find(", " + phrase + " ")
            else:
                k = self._occurrence(", " + phrase + " ", start, end)
                k = k - start if k >= 0 else -1
            if k > 0:
                self._last_via = self._via(start + k + 2, end)
                end = start + k
                break
        start, end = _strip_final(self.text, start, end)
        if end <= start:
            return None
        return start, end

    def _indirect(self, rng: tuple[int, int], cue: Cue, rule: str, ment: Mention | None,
                  paragraph: int) -> Attribution:
        cue.via = cue.via or self._last_via
        return Attribution(rng[0], rng[1], "indirect", rule, cue, ment, None, paragraph)

    def _menurut(self, s: Sentence, toks: list[Token]) -> Attribution | None:
        """"Menurut X, ..." / "Menurutnya, ..." / "Kata Tessa, ...": the first such cue of the sentence."""
        for k in range(len(toks)):
            found = self._menurut_at(s, toks, k)
            if found is not None:
                return found
        return None

    def _menurut_at(self, s: Sentence, toks: list[Token], k: int) -> Attribution | None:
        """Reported speech attributed by "menurut" (or a fronted cue) at toks[k], or None."""
        t = toks[k]
        front = k == 0 and t.text[:1].isupper() and t.lower in FRONT_CUES  # "Kata Tessa, ..."
        if (t.lower not in ("menurut", "menurutnya") and not front) or self._inside_quote(t.start):
            return None
        ment, after = self._menurut_speaker(toks, k, front)
        if ment is None:
            return None
        if front and (after >= len(toks) or toks[after].text != "," or ment.kind == "description"):
            return None  # "Kata merdeka berasal dari ...": the noun "kata" (word), not a cue
        if after < len(toks) and toks[after].text == ",":
            after += 1
        rng = self._menurut_content(s, toks, k, after)
        if not rng or self.text[rng[0]] in DOUBLE_MARKS or len(self.text[rng[0]:rng[1]].split()) < 3:
            return None
        cue = Cue(Span(t.start, t.end, t.text), "menurut", ment)
        return self._indirect(rng, cue, "menurut", ment, s.paragraph)

    def _menurut_speaker(self, toks: list[Token], k: int, front: bool) -> tuple[Mention | None, int]:
        """The speaker after the cue at toks[k] (a pronoun, "-nya" or a mention) and the index after it."""
        t = toks[k]
        if front and len(toks) > 2 and toks[1].lower in self.lex.pronouns and toks[2].text == ",":
            return Mention(Span(toks[1].start, toks[1].end, toks[1].text), "pronoun"), 2
        if t.lower == "menurutnya":
            return Mention(Span(t.end - 3, t.end, self.text[t.end - 3:t.end]), "pronoun"), k + 1
        b = k + 1
        # "Menurut keterangan polisi": the source is whoever gave the statement ("Menurut Survei Geologi
        # AS" is a body's name)
        while b < len(toks) - 1 and toks[b].lower in SOURCE_NOUNS and toks[b].text[:1].islower():
            b += 1
        if b < len(toks) and toks[b].lower == "dari" and b > k + 1:
            b += 1
        if b < len(toks) and toks[b].lower in READER_PRONOUNS:
            return None, b  # "Kalau menurut kalian gimana?": the article asks its readers
        e = _closed_apposition(toks, b, mention_end(self.text, toks, b, self.lex))
        if e <= b:
            return None, e
        return self._mention(toks[b].start, toks[e - 1].end), e

    def _menurut_content(self, s: Sentence, toks: list[Token], k: int, after: int) -> tuple[int, int] | None:
        """The reported words around "menurut X" at toks[k], whose words end before toks[after]."""
        head = toks[:k - 1] if k > 1 and toks[k - 1].text == "," else []
        if after < len(toks) and head and head[0].lower not in INTRO_WORDS | LEADING_ADVERBS \
                and not any(x.text in DOUBLE_MARKS or x.text == "," for x in head):
            # "Kenaikan itu, menurut Elly, dipicu cuaca buruk.": the statement is on both sides
            return self._content(s.start, s.end)
        if after < len(toks):
            return self._content(toks[after].start, s.end)
        return self._content(s.start, toks[k].start)  # "..., menurut X."

    def _inserted(self, s: Sentence, toks: list[Token]) -> Attribution | None:
        """A cue inserted in the sentence after a comma (", kata dia, ..."), or ending it (", kata X.")."""
        for k in range(len(toks)):
            found = self._inserted_at(s, toks, k)
            if found is not None:
                return found
        return None

    def _inserted_at(self, s: Sentence, toks: list[Token], k: int) -> Attribution | None:
        """Reported speech attributed by a cue word at toks[k] after a comma, or None."""
        t = toks[k]
        is_cue, nya = self.lex.is_after_cue(t.text)
        if not is_cue or k == 0 and not nya or self._inside_quote(t.start):
            return None
        if k > 0 and not _after_comma(toks, k):
            return None
        # cue, optional mention, comma, content
        ment, nxt, cend = self._inserted_speaker(toks, k, nya)
        if ment is None:
            return None
        if self._ends_after_speaker(toks, nxt, ment) and k >= 4 and toks[k - 1].text == ",":
            return self._said_before_cue(s, toks, k, cend, ment)
        rng = self._said_around_cue(s, toks, k, nxt)
        if rng is None:
            return None
        cue = Cue(Span(t.start, cend, self.text[t.start:cend]), "inserted", ment)
        return self._indirect(rng, cue, "inserted", ment, s.paragraph)

    def _said_around_cue(self, s: Sentence, toks: list[Token], k: int, nxt: int) -> tuple[int, int] | None:
        """What an inserted cue at toks[k], whose speaker ends before toks[nxt], reports: the words after
        the comma that follows the speaker, or the whole sentence when the cue stands inside it."""
        if nxt >= len(toks) or toks[nxt].text != "," or nxt + 1 >= len(toks):
            return None
        rng = self._content(toks[nxt + 1].start, s.end)
        if not rng or self.text[rng[0]] in DOUBLE_MARKS or len(self.text[rng[0]:rng[1]].split()) < 3:
            return None
        if k > 0 and not any(x.text in DOUBLE_MARKS for x in toks[:k]):
            # GUIDE.md: a cue inserted inside reported speech quotes the whole sentence, cue included
            rng = (toks[0].start, rng[1])
        return rng

    def _inserted_speaker(self, toks: list[Token], k: int, nya: bool) -> tuple[Mention | None, int, int]:
        """The speaker after the cue at toks[k] ("-nya", a pronoun or a mention), the index after it and
        where the cue's words end."""
        t = toks[k]
        if nya:
            return Mention(Span(t.end - 3, t.end, self.text[t.end - 3:t.end]), "pronoun"), k + 1, t.end
        if k + 1 < len(toks) and toks[k + 1].lower in self.lex.pronouns:
            p = toks[k + 1]
            return Mention(Span(p.start, p.end, p.text), "pronoun"), k + 2, p.end
        e = _closed_apposition(toks, k + 1, mention_end(self.text, toks, k + 1, self.lex, limit=8))
        if e <= k + 1:
            return None, e, t.end
        return self._mention(toks[k + 1].start, toks[e - 1].end), e, t.end

    def _ends_after_speaker(self, toks: list[Token], nxt: int, ment: Mention) -> bool:
        """The sentence ends after the cue's speaker, but for where and when it was said ("..., ujar
        Menteri ESDM Arifin Tasrif di Jakarta, Senin.")."""
        return nxt >= len(toks) or toks[nxt].text in ".!?" or (
            toks[nxt].lower in self.lex.stop_after_speaker and toks[nxt].text[:1].islower()
            and ment.kind in ("name", "organisation", "handle", "pronoun")
            and not any(x.text in DOUBLE_MARKS or self.lex.is_reporting_verb(x.text) for x in toks[nxt:]))

    def _said_before_cue(self, s: Sentence, toks: list[Token], k: int, cend: int,
                         ment: Mention) -> Attribution | None:
        """"Polisi masih menyelidiki kasus itu, kata Kapolres.": the words before the cue at toks[k]."""
        t = toks[k]
        if any(x.text in DOUBLE_MARKS for x in toks[:k]):
            return None
        rng = self._content(toks[0].start, toks[k - 1].start)
        if not rng or len(self.text[rng[0]:rng[1]].split()) < 3:
            return None
        cue = Cue(Span(t.start, cend, self.text[t.start:cend]), "after", ment)
        return self._indirect(rng, cue, "inserted", ment, s.paragraph)

    def _passive(self, s: Sentence, toks: list[Token]) -> Attribution | None:
        """"Dijelaskan X, ...", "Seperti dikatakan X, ...", "Masih dikatakan oleh X, ...", "Disebutkannya, ...":
        a fronted passive verb of saying, its agent, a comma, then the reported words."""
        p = next((k for k in range(min(3, len(toks))) if self._passive_cue(toks[k].lower)), None)
        if p is None or not all(x.lower in PASSIVE_LEADERS for x in toks[:p]):
            return None
        t = toks[p]
        if t.lower.endswith("nya"):
            ment: Mention | None = Mention(Span(t.end - 3, t.end, self.text[t.end - 3:t.end]), "pronoun")
            nxt = p + 1
        else:
            a = _agent_start(toks, p)
            e = mention_end(self.text, toks, a, self.lex, limit=8)
            ment = self._mention(toks[a].start, toks[e - 1].end) if e > a else None
            nxt = e if e > a else p + 1
        if nxt < len(toks) and toks[nxt].text == ",":
            nxt += 1
        elif ment is not None and ment.kind != "pronoun":
            return None
        if nxt >= len(toks):
            return None
        rng = self._content(toks[nxt].start, s.end)
        if not rng or len(self.text[rng[0]:rng[1]].split()) < 3:
            return None
        cue = Cue(Span(t.start, t.end, t.text), "passive", ment)
        return self._indirect(rng, cue, "passive", ment, s.paragraph)

    def _passive_cue(self, w: str) -> bool:
        return (w[:-3] if w.endswith("nya") else w) in self.lex.cue_passive

    def _verb(self, s: Sentence, toks: list[Token]) -> Attribution | None:
        """"X mengatakan (bahwa) ...": the first verb of saying with a subject before it and a clause after it."""
        for v in range(1, len(toks)):
            found = self._verb_at(s, toks, v)
            if found is not None:
                return found
        return None

    def _verb_at(self, s: Sentence, toks: list[Token], v: int) -> Attribution | None:
        """Reported speech attributed by a verb of saying at toks[v], or None."""
        t = toks[v]
        if not self.lex.is_reporting_verb(t.text) or self._inside_quote(t.start):
            return None
        if toks[v - 1].lower == "yang" or _negated(toks, v):
            return None
        ment = self.subject_before(toks, v)
        if ment is None:
            return None
        rng = self._said_after_verb(s, toks, v)
        if rng is None:
            return None
        cue = Cue(Span(t.start, t.end, t.text), "verb", ment)
        cue.via = self._via(s.start, t.start)  # "Dikutip dari Antara, X mengatakan ..."
        return self._indirect(rng, cue, "verb", ment, s.paragraph)

    def _said_after_verb(self, s: Sentence, toks: list[Token], v: int) -> tuple[int, int] | None:
        """What the verb of saying at toks[v] reports: the rest of the sentence, when it is a clause (any
        content after a verb whose object is always what was said), not a topic, a short noun phrase or
        a quotation the verb introduces."""
        t = toks[v]
        c = _content_start(toks, v)
        if c >= len(toks) or toks[c].text in DOUBLE_MARKS:
            return None
        # (the first ten words are all that looks_like_clause reads)
        content_toks = list(islice((x for x in islice(toks, c, None) if x.text not in DOUBLE_MARKS), 10))
        intro = toks[c - 1].lower in ("bahwa", "jika", "kalau") or toks[c - 1].text in ",:"
        clause = intro or looks_like_clause(content_toks)
        if not clause and t.lower not in self.lex.speech_verbs:
            return None
        if not intro and toks[c].lower in TOPIC_WORDS and not looks_like_clause(content_toks[1:]):
            return None  # "menjelaskan terkait pentingnya literasi": a topic, no content
        rng = self._content(toks[c].start, s.end)
        # a verb of saying with a short noun phrase is not speech ("menyebut nama Budi",
        # "menilai penampilan peserta"); with a clause it is ("membantah kliennya menipu")
        if not rng or len(self.text[rng[0]:rng[1]].split()) < (2 if clause else 3):
            return None
        if f"{t.lower} {toks[c].lower}" in self.lex.not_speech or self._quotation_content(rng) \
                or _noun_phrase_object(toks, c):
            return None
        return rng

    def _quotation_content(self, rng: tuple[int, int]) -> bool:
        """The words after a verb are mostly quoted, or a direct quotation that the verb introduces
        ("X mengatakan kepada wartawan, \"...\""): not reported speech."""
        quoted, lead = self._quoted_in(rng[0], rng[1])
        if quoted > 0.5 * (rng[1] - rng[0]):
            return True
        return lead is not None and self.text[rng[0]:lead.open_mark].rstrip()[-1:] in (",", ":")

    def subjects(self) -> list[tuple[int, int, Mention]]:
        """(position, paragraph, subject mention) of body sentences, for salience."""
        out = []
        for s in self.sentences:
            if not self.paragraphs[s.paragraph].body:
                continue
            m = self._sentence_subject(self._sentence_tokens(s))
            if m is not None:
                out.append((m.span.start, s.paragraph, m))
        for s in self.sentences:  # "seorang warga bernama Dharma" introduces a new person
            if not self.paragraphs[s.paragraph].body:
                continue
            toks = self._sentence_tokens(s)
            out.extend((m.span.start, s.paragraph, m) for m in self._handles(toks))
            out.extend((m.span.start, s.paragraph, m) for m in self._introduced_names(toks))
        out.sort(key=lambda x: x[0])
        return out

    def _subject_verb(self, toks: list[Token]) -> int | None:
        """The index of a sentence's first verb-like word after any intro phrase (else of its first
        lower-case word: the subject is the phrase before it)."""
        first = 1
        if toks and toks[0].lower in INTRO_WORDS:  # "Saat dihubungi, humas rumah sakit menjawab ..."
            comma = next((k for k, t in enumerate(toks[:12]) if t.text == ","), None)
            first = comma + 2 if comma is not None else 1
        v = next((k for k, t in enumerate(toks) if k >= first and _is_predicate(t) and t.lower not in CLAUSE_INTROS
                  and not self._inside_quote(t.start)), None)
        if v is None:  # no verb-like word: the subject is the phrase before the first lower-case word
            v = next((k for k, t in enumerate(toks) if k >= first and t.text[:1].islower()), None)
        return v

    def _sentence_subject(self, toks: list[Token]) -> Mention | None:
        """The subject of a sentence, when it may be who a later "ia" or "pria itu" means."""
        v = self._subject_verb(toks)
        # "Hal senada dikatakan X, Sarinah.": a passive cue among the first words is the verb, whatever
        # intro the sentence seems to open with
        front = next((k for k in range(1, min(5, len(toks))) if toks[k].lower in self.lex.cue_passive), None)
        if front is not None and (v is None or v > front or all(t.lower in TRAILING_ADVERBS for t in toks[v:front])):
            v = front  # (also past "juga", "pun": "Pernyataan serupa juga disampaikan oleh X")
        if v is None or v > 16:
            return None
        m = self.subject_before(toks, v)
        if toks[v].lower in self.lex.cue_passive and v + 1 < len(toks):
            m = self._passive_agent(toks, v) or m
        if m is None or "," in m.span.text and m.kind != "name":
            return None
        if m.kind == "description" and len(m.span.text.split()) > 4:
            return None
        if m.kind in ("name", "organisation", "handle", "description"):
            return m
        return None

    def _passive_agent(self, toks: list[Token], v: int) -> Mention | None:
        """The named agent of a passive verb of saying, who the next "ia" is: "Hal senada disampaikan (oleh)
        Ketua Organda Shafruhan.", or the name that ends the sentence after a comma ("Hal senada dikatakan
        salah satu perempuan nelayan dari Pulau Kodingareng, Sarinah.")."""
        a = _agent_start(toks, v)
        e = mention_end(self.text, toks, a, self.lex, limit=10)
        agent = self._mention(toks[a].start, toks[e - 1].end) if e > a else None
        if agent is not None and agent.kind in ("name", "organisation"):
            return agent
        end = len(toks) - 1 if toks and toks[-1].text in ".!?" else len(toks)
        comma = max((k for k in range(a, end) if toks[k].text == ","), default=None)
        named = comma is not None and 0 < end - comma - 1 <= 4 and \
            all(is_name_word(t, self.lex) for t in toks[comma + 1:end])
        if named:
            last = self._mention(toks[comma + 1].start, toks[end - 1].end)
            return last if last is not None and last.kind == "name" else None
        return None

    def _handles(self, toks: list[Token]) -> list[Mention]:
        """"Melalui akun Instagram @ridwankamil, ia menulis": the handles of a sentence, whose owners
        may speak next."""
        return [Mention(Span(t.start, t.end, t.text), "handle", name=t.text, entity_type="person")
                for t in toks if t.text.startswith("@") and len(t.text) > 1 and not self._inside_quote(t.start)]

    def _introduced_names(self, toks: list[Token]) -> list[Mention]:
        """Names that a sentence introduces: the agent of a passive ("Gol itu dicetak David da Silva")
        and a person "bernama" or "berinisial" so."""
        out = []
        for k, t in enumerate(toks[:-1]):
            if t.lower.startswith("di") and _is_predicate(t) and is_name_word(toks[k + 1], self.lex) \
                    and t.lower not in self.lex.relay_words and not self._inside_quote(t.start):
                # (not "seperti dilansir Russia Today": the medium relayed through, not a person)
                # the agent of a passive is who "pemain itu" means next
                e = mention_end(self.text, toks, k + 1, self.lex, limit=6)
                m = self._mention(toks[k + 1].start, toks[e - 1].end) if e > k + 1 else None
                if m is not None and m.kind == "name":
                    out.append(m)
            if t.lower in ("bernama", "berinisial") and is_name_word(toks[k + 1], self.lex):
                e = mention_end(self.text, toks, k + 1, self.lex, limit=5)
                m = self._mention(toks[k + 1].start, toks[e - 1].end)
                if m is not None and m.kind == "name":
                    out.append(m)
        return out
