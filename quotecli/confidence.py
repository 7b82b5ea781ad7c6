"""The last pass: each quote's ``confidence``, calibrated. A quote's key is how its speaker was found:
the rule, the kind of mention and the rules' own value (``after:name:0.95``; ``verb:pronoun:0.65``;
``after:name:0.47`` when the rules halved it for a short name two people share), or, when the fitted
choice picked the speaker, ``choice:`` and the band of its probability. The shipped table gives, for
each key, how often such a speaker was right out of fold on the training corpus (5 folds by outlet),
pulled toward the rules' value when the key is rare: a rare doubt of the rules stays a doubt. Fitted by
``python -m quotecli.training.speakers``; a key the table lacks keeps the rules' value.
"""
from __future__ import annotations

from typing import Any

from .lexicon import Lexicon
from .model import Quote

#: the probability bands of the fitted choice
BANDS = (0.5, 0.7, 0.9)
#: how many quotes' worth of the rules' value a key's observed rate is pulled toward
PRIOR_WEIGHT = 5.0


def key(q: Quote, chosen: bool, lex: Lexicon) -> str:
    """The calibration key of a quote (``chosen``: its speaker is the fitted choice's)."""
    if chosen:
        band = sum(q.confidence >= b for b in BANDS)
        return f"choice:{band}"
    return f"{q.rule}:{mention_kind(q, lex)}:{q.confidence:.2f}"


def mention_kind(q: Quote, lex: Lexicon) -> str:
    """null (no speaker), none (no mention: a continuation), pronoun, description or name."""
    if not q.speaker:
        return "null"
    mention = (q.speaker_mention or "").strip().lower().lstrip("-")
    if not mention:
        return "none"
    if mention in lex.pronouns or mention == "nya":
        return "pronoun"
    return "description" if q.speaker_type == "other" else "name"


def fit(points: list[tuple[str, float, bool]]) -> dict[str, float]:
    """The table from ``points`` (key, confidence before calibration, speaker right): per key, the share
    of right speakers, with PRIOR_WEIGHT quotes' worth of the key's mean value before calibration."""
    seen: dict[str, list[float]] = {}
    for k, raw, ok in points:
        acc = seen.setdefault(k, [0.0, 0.0, 0.0])
        acc[0] += ok
        acc[1] += raw
        acc[2] += 1
    return {k: round((right + PRIOR_WEIGHT * raw / n) / (n + PRIOR_WEIGHT), 3)
            for k, (right, raw, n) in sorted(seen.items())}


def apply(quotes: list[Quote], chosen: set[int], table: dict[str, Any], lex: Lexicon) -> None:
    """Set each quote's confidence from the table (in place)."""
    for i, q in enumerate(quotes):
        value = table.get(key(q, i in chosen, lex))
        if value is not None:
            q.confidence = round(float(value), 2)
