"""The fitted choice: a logistic regression over candidate features picks each quote's speaker, and its
probability is the quote's ``confidence``.

The weights are fitted on the training corpus by ``python -m quotecli.training.speakers`` and ship as
``quotecli/data/speaker_choice.json`` (one model for the full pipeline, one for ``--fast``); they are
evaluated here in plain Python (no scikit-learn, numpy or torch at run time).
"""
from __future__ import annotations

import json
import math
import os
from functools import lru_cache
from importlib import resources
from typing import Any

from .candidates import Candidate
from .model import Quote, Speaker

#: QUOTECLI_SPEAKER_CHOICE=rules keeps the rules' speakers (for measuring what the fitted choice adds)
ENV_CHOICE = "QUOTECLI_SPEAKER_CHOICE"
MODEL_FILE = "speaker_choice.json"


@lru_cache(maxsize=1)
def shipped_models() -> dict[str, Any]:
    """The shipped weights ({"full": {...}, "fast": {...}}), or {} when the file is absent."""
    try:
        raw = resources.files("quotecli").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    except (OSError, FileNotFoundError):
        return {}
    return json.loads(raw).get("models", {})


def probability(model: dict[str, Any], feats: dict[str, float]) -> float:
    """The model's probability that a candidate with these features is the speaker."""
    w = model["weights"]
    z = model.get("intercept", 0.0) + sum(w.get(k, 0.0) * v for k, v in feats.items())
    if z < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


def enabled() -> bool:
    return os.environ.get(ENV_CHOICE, "fitted").lower() != "rules"


def pick(model: dict[str, Any], cands: list[Candidate]) -> tuple[Candidate | None, float]:
    """The most probable candidate and its probability (None when there is no candidate)."""
    best, best_p = None, -1.0
    for c in cands:
        p = probability(model, c.features)
        if p > best_p:
            best, best_p = c, p
    return best, best_p


def apply(text: str, quotes: list[Quote], speakers: list[Speaker], candidates: list[list[Candidate]],
          model: dict[str, Any]) -> list[Speaker]:
    """Give each quote the chosen candidate (in place) and return the article's speakers list."""
    threshold = model.get("threshold", 0.5)
    for q, cands in zip(quotes, candidates, strict=True):
        best, p = pick(model, cands)
        if best is None:
            continue
        if q.speaker is None and p < threshold:
            continue  # nobody is likely enough: the quote stays unattributed
        if best.name != q.speaker:
            q.speaker, q.speaker_type = best.name, best.type
            if best.start >= 0:
                q.speaker_mention, q.speaker_span = text[best.start:best.end], [best.start, best.end]
        q.confidence = round(p, 2)
    return rebuild_speakers(quotes, speakers)


def rebuild_speakers(quotes: list[Quote], before: list[Speaker]) -> list[Speaker]:
    """The speakers list after a change of speakers: known speakers keep their aliases and title."""
    known = {s.name: s for s in before}
    counts: dict[str, int] = {}
    for q in quotes:
        if q.speaker:
            counts[q.speaker] = counts.get(q.speaker, 0) + 1
    out = []
    for name, n in counts.items():
        s = known.get(name)
        if s is None:
            q = next(q for q in quotes if q.speaker == name)
            aliases = [name] + ([q.speaker_mention] if q.speaker_mention and q.speaker_mention != name else [])
            s = Speaker(name=name, type=q.speaker_type or "other", aliases=aliases)
        s.quote_count = n
        out.append(s)
    out.sort(key=lambda s: (-s.quote_count, s.name))
    return out
