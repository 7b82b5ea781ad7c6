"""Interval lookups in logarithmic time, with exactly the answers of the plain scans they replace.

The pipeline asks the same questions of lists of (start, end, ...) intervals for every quotation or
sentence: is a position inside one, which one covers a stretch. Scanning the list each time made the
work grow with the square of the article's length (see docs/performance.md); these indexes answer by
bisection. Where an answer depends on the list's order ("the first interval that ..."), the index
relies on the intervals being sorted and disjoint, checks that once, and falls back to the scan when
they are not, so the result never differs from the scan's.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Any


def in_order(items: Sequence[Any]) -> bool:
    """Objects with .start and .end: each in order (start <= end) and disjoint from the next."""
    return all(x.start <= x.end for x in items) and \
        all(a.end <= b.start for a, b in zip(items, items[1:], strict=False))


class Reach:
    """``any(s <= x and y <= e for (s, e, ...) in spans)``: of the intervals that start at or before x,
    only the largest end matters (a running maximum over the intervals sorted by start)."""

    __slots__ = ("_starts", "_reach")

    def __init__(self, spans: Sequence[tuple[int, int]] | Sequence[Any], key: Any = None) -> None:
        pairs = sorted((key(x) if key else (x[0], x[1])) for x in spans)
        self._starts = [s for s, _ in pairs]
        self._reach: list[int] = []
        for _, e in pairs:
            self._reach.append(max(self._reach[-1], e) if self._reach else e)

    def max_end(self, x: int) -> int | None:
        """The largest end among the intervals that start at or before ``x`` (None: there are none)."""
        k = bisect_right(self._starts, x)
        return self._reach[k - 1] if k else None

    def covers(self, x: int, y: int) -> bool:
        """Some interval has start <= x and y <= end."""
        e = self.max_end(x)
        return e is not None and y <= e

    def holds(self, x: int) -> bool:
        """Some interval has start <= x < end."""
        e = self.max_end(x)
        return e is not None and x < e


class FirstCovering:
    """The first (start, end, ...) of a list, in list order, with start <= a and b <= end.

    For a list sorted by start whose intervals are non-empty and disjoint (end <= next start), only the
    last interval starting at or before ``a`` and the one before it can qualify, found by bisection;
    any other list is scanned. The list may grow between calls (the index follows its length)."""

    __slots__ = ("_spans", "_n", "_starts")

    def __init__(self, spans: list) -> None:
        self._spans = spans
        self._n = -1
        self._starts: list[int] | None = None

    def _index(self) -> list[int] | None:
        if self._n != len(self._spans):
            sp = self._spans
            ok = all(x[0] < x[1] for x in sp) and all(a[1] <= b[0] for a, b in zip(sp, sp[1:], strict=False))
            self._starts = [x[0] for x in sp] if ok else None
            self._n = len(sp)
        return self._starts

    def find(self, a: int, b: int) -> Any:
        starts = self._index()
        if starts is None or b < a:
            return next((x for x in self._spans if x[0] <= a and b <= x[1]), None)
        k = bisect_right(starts, a) - 1
        for i in (k - 1, k):  # (k - 1 only for an empty stretch at its end: a == b == its end)
            if i >= 0 and self._spans[i][0] <= a and b <= self._spans[i][1]:
                return self._spans[i]
        return None
