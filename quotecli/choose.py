"""The fitted choice: gradient-boosted trees over candidate features pick each quote's speaker, and their
probability is the quote's ``confidence``.

The weights are fitted on the training corpus by ``python -m quotecli.training.speakers`` and ship as
``quotecli/data/speaker_choice.json`` (one choice for both pipelines, stored once, with each pipeline's
calibration); they are evaluated here in plain Python (no scikit-learn, numpy or torch at run time).
"""
from __future__ import annotations

import json
import math
import os
from functools import lru_cache
from importlib import resources
from typing import Any

from .candidates import Candidate
from .groups import counted
from .model import Quote, Speaker

#: QUOTECLI_SPEAKER_CHOICE=rules keeps the rules' speakers (for measuring what the fitted choice adds)
ENV_CHOICE = "QUOTECLI_SPEAKER_CHOICE"
MODEL_FILE = "speaker_choice.json"


@lru_cache(maxsize=1)
def shipped_models() -> dict[str, Any]:
    """The shipped weights per pipeline ({"full": {...}, "fast": {...}}: the one choice with that
    pipeline's calibration), or {} when the file is absent."""
    try:
        raw = json.loads(resources.files("quotecli").joinpath("data", MODEL_FILE).read_text(encoding="utf-8"))
    except (OSError, FileNotFoundError):
        return {}
    return {name: raw["choice"] | pipeline for name, pipeline in raw.get("pipelines", {}).items()}


def probability(model: dict[str, Any], feats: dict[str, float]) -> float:
    """The model's probability that a candidate with these features is the speaker: the sum of its
    boosted trees (each node ``[feature, threshold, left, right, value]``, feature -1 for a leaf; a
    value at or below the threshold goes left), through the logistic function."""
    x = [feats.get(n, 0.0) for n in model["features"]]
    z = model["baseline"]
    for nodes in model["trees"]:
        node = nodes[0]
        while node[0] >= 0:
            node = nodes[node[2] if x[node[0]] <= node[1] else node[3]]
        z += node[4]
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


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


#: a candidate with one of these is never a speaker: it begins with a preposition, a conjunction, a
#: sentence adverb or a verb ("di Jakarta", "Sehingga polisi", "Ditemui")
NEVER = ("first_function_word", "first_verbish")


def _gated(model: dict[str, Any], cands: list[Candidate]) -> Candidate | None:
    """The rules' candidate when the model only reconsiders doubtful rules' choices and this one is not."""
    gate = model.get("gate")
    ruled = next((c for c in cands if "rules" in c.proposers), None)
    if gate and ruled is not None and not any(ruled.features.get(k) for k in gate):
        return ruled
    return None


def apply(text: str, quotes: list[Quote], speakers: list[Speaker], candidates: list[list[Candidate]],
          model: dict[str, Any], chosen: set[int] | None = None) -> list[Speaker]:
    """Give each quote the chosen candidate (in place) and return the article's speakers list; the
    indices of the quotes whose speaker and confidence the model set go into ``chosen``."""
    threshold = model.get("threshold", 0.5)
    for i, (q, cands) in enumerate(zip(quotes, candidates, strict=True)):
        if _gated(model, cands) is not None:
            continue  # the rules' choice stands, with its confidence
        best, p = pick(model, [c for c in cands if not any(c.features.get(k) for k in NEVER)])
        if best is None or (q.speaker is None and p < threshold):
            continue  # nobody is likely enough: the quote stays as the rules left it
        if best.name != q.speaker:
            q.speaker, q.speaker_type = best.name, best.type
            if best.start >= 0:
                q.speaker_mention, q.speaker_span = text[best.start:best.end], [best.start, best.end]
            else:
                q.speaker_mention, q.speaker_span = None, None
        q.confidence = round(p, 2)
        if chosen is not None:
            chosen.add(i)
    return rebuild_speakers(quotes, speakers)


def rebuild_speakers(quotes: list[Quote], before: list[Speaker]) -> list[Speaker]:
    """The speakers list after a change of speakers: known speakers keep their aliases and title."""
    known = {s.name: s for s in before}
    counts: dict[str, int] = {}
    for q in counted(quotes):  # a quoted fragment inside its speaker's reported speech is not counted again
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
