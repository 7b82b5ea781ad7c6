"""``quotecli find``: rank quotations by how closely they match a claim.

A claim circulates in drifted words: words dropped, added or reordered, other punctuation and case,
chat spellings (``tdk`` for ``tidak``), cut short, paraphrased around its key words. The score, 0..100:

1. Both texts are normalised: Unicode NFKC, lower case, every non-letter/digit a space, and each word
   mapped to its canonical spelling (``quotecli/data/spelling_variants.txt``: ``tdk``, ``enggak`` ->
   ``tidak``).
   A claim word of four letters or more that no quote uses is replaced by the quotes' most similar
   word when rapidfuzz's ``ratio`` is at least 85 (a typo or another affix: ``menaikan``, ``naikkan``
   -> ``menaikkan``).
2. Word overlap, weighted by rarity: each distinct word weighs its inverse document frequency over
   the indexed quotes, ``idf = ln(1 + N / df)``. ``recall`` is the weight of the claim's words found
   in the quote over the weight of all the claim's words; ``precision`` the weight of the quote's words
   found in the claim over the quote's. ``overlap = F2(precision, recall)`` (recall counts four times as
   much: a claim is usually shorter than its source).
3. The 200 quotes with the best overlap (with ``--speaker`` or ``--type``, the best of those quotes even
   without a shared word) are rescored with rapidfuzz on the normalised texts:
   ``fuzzy = max(token_set_ratio, partial_ratio when the claim is shorter than the quote) / 100``, which
   rewards the same words in any order and a claim cut from a longer quote.
4. ``score = 100 * (0.6 * overlap + 0.4 * fuzzy)``, rounded to one decimal. A claim that opens with an
   attribution (``Menkeu Sri Mulyani: ...``, up to six words before a colon) is also scored without it,
   and each quote keeps the better score: who said it is what the search is to find out.

An inverted index (word -> quotes, as numpy arrays) makes step 2 a few vector additions, so a query
answers in milliseconds on 100,000 quotes (``bench/find.py`` measures it).
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
from rapidfuzz import fuzz, process

from .sources import QuoteRecord

CANDIDATES = 200
W_OVERLAP, W_FUZZY = 0.6, 0.4
TYPO_MIN_LENGTH, TYPO_SIMILARITY = 4, 85  # an unseen claim word of 4+ letters: the nearest quote word
BETA2 = 4.0  # F-beta with beta = 2: recall of the claim's words weighs four times precision
_NON_WORD = re.compile(r"[^\w]+|_")


@lru_cache(maxsize=1)
def spelling_variants() -> dict[str, str]:
    """variant -> canonical word, from ``quotecli/data/spelling_variants.txt``."""
    text = resources.files("quotecli").joinpath("data", "spelling_variants.txt").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines():
        words = line.split("#", 1)[0].lower().split()
        for w in words[1:]:
            out.setdefault(w, words[0])
    return out


def normalize(text: str) -> list[str]:
    """The words of ``text`` for matching: NFKC, lower case, punctuation dropped, spellings canonical.

    >>> normalize("Kami TDK akan mundur, enggak!")
    ['kami', 'tidak', 'akan', 'mundur', 'tidak']
    """
    variants = spelling_variants()
    words = _NON_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).split()
    return [variants.get(w, w) for w in words]


@dataclass
class Hit:
    score: float
    record: QuoteRecord
    overlap: float
    fuzzy: float


class QuoteIndex:
    """An inverted index over quotations; ``search`` ranks them against a claim."""

    def __init__(self, records: Sequence[QuoteRecord]) -> None:
        self.records = list(records)
        self.texts: list[str] = []
        vocab: dict[str, int] = {}
        doc_words: list[list[int]] = []
        for r in self.records:
            words = normalize(r.quote)
            self.texts.append(" ".join(words))
            doc_words.append(sorted({vocab.setdefault(w, len(vocab)) for w in words}))
        self.vocab = vocab
        n = max(len(self.records), 1)
        df = np.zeros(len(vocab), dtype=np.int64)
        for ids in doc_words:
            df[ids] += 1
        self.idf = np.log1p(n / np.maximum(df, 1))
        self.unseen_idf = math.log1p(n)
        self.doc_weight = np.array([float(self.idf[ids].sum()) for ids in doc_words], dtype=np.float64)
        self.postings = _postings(doc_words, len(vocab))
        self._words = list(vocab)
        self._nearest: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self.records)

    def search(self, claim: str, top: int = 10, mask: np.ndarray | None = None,
               min_score: float = 0.0) -> list[Hit]:
        """The ``top`` best quotes for ``claim`` (only where ``mask`` is True), best first."""
        variants = [self._spelled(w) for w in (normalize(c) for c in claim_variants(claim)) if w]
        if not variants or not self.records:
            return []
        overlap = np.max([self._overlap(words) for words in variants], axis=0)
        if mask is not None:
            overlap = np.where(mask, overlap, -1.0)
        k = min(CANDIDATES, len(self.records))
        cand = np.argpartition(-overlap, k - 1)[:k]
        # no shared word: no candidate, except among a speaker's or a type's quotes (scored by rapidfuzz)
        cand = cand[overlap[cand] > (-0.5 if mask is not None else 0)]
        texts = [" ".join(words) for words in variants]
        hits = []
        for i in cand.tolist():
            fz = max(_fuzzy(t, self.texts[i]) for t in texts)
            score = round(100 * (W_OVERLAP * max(float(overlap[i]), 0.0) + W_FUZZY * fz), 1)
            if score >= min_score:
                hits.append(Hit(score, self.records[i], float(overlap[i]), fz))
        hits.sort(key=lambda h: (-h.score, -h.overlap, h.record.source, h.record.quote))
        return hits[:top]

    def _spelled(self, words: list[str]) -> list[str]:
        """A claim word the quotes never use becomes the most similar word they do use (a typo, an
        affix: ``menaikan``, ``naikkan`` -> ``menaikkan``), when one is similar enough."""
        return [w if w in self.vocab or len(w) < TYPO_MIN_LENGTH else self._nearest_word(w) for w in words]

    def _nearest_word(self, word: str) -> str:
        got = self._nearest.get(word)
        if got is None:
            best = process.extractOne(word, self._words, scorer=fuzz.ratio, score_cutoff=TYPO_SIMILARITY)
            got = self._nearest[word] = best[0] if best else word
        return got

    def _overlap(self, words: list[str]) -> np.ndarray:
        """F2 of idf-weighted precision and recall of the claim's words, for every quote."""
        claim_ids = {self.vocab[w] for w in words if w in self.vocab}
        claim_weight = sum(float(self.idf[self.vocab[w]]) if w in self.vocab else self.unseen_idf for w in set(words))
        matched = np.zeros(len(self.records), dtype=np.float64)
        for i in claim_ids:
            matched[self.postings[i]] += self.idf[i]
        recall = matched / claim_weight
        precision = matched / np.maximum(self.doc_weight, 1e-9)
        return (1 + BETA2) * precision * recall / np.maximum(BETA2 * precision + recall, 1e-9)


_ATTRIBUTION = re.compile(r"^([^:\n]{1,60}):\s*(\S.*)$", re.S)


def claim_variants(claim: str) -> list[str]:
    """The claim, and, when it opens with an attribution (``Menkeu Sri Mulyani: ...``), the words after
    it: a quote is scored against the better of the two.

    >>> claim_variants("Menkeu: harga tidak naik tahun ini")
    ['Menkeu: harga tidak naik tahun ini', 'harga tidak naik tahun ini']
    """
    m = _ATTRIBUTION.match(claim.strip())
    if m and len(m.group(1).split()) <= 6 and len(m.group(2).split()) >= 3:
        return [claim, m.group(2)]
    return [claim]


def _fuzzy(claim: str, quote: str) -> float:
    s = fuzz.token_set_ratio(claim, quote)
    if len(claim) < len(quote):
        s = max(s, fuzz.partial_ratio(claim, quote))
    return s / 100


def _postings(doc_words: Iterable[list[int]], size: int) -> list[np.ndarray]:
    buckets: list[list[int]] = [[] for _ in range(size)]
    for d, ids in enumerate(doc_words):
        for i in ids:
            buckets[i].append(d)
    return [np.array(b, dtype=np.int64) for b in buckets]
