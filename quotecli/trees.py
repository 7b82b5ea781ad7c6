"""Boosted trees as one compiled Python function, for ``choose.probability``.

A model's trees (each node ``[feature, threshold, left, right, value]``, feature -1 for a leaf; a value
at or below the threshold goes left) are written out once as nested conditional expressions and compiled:
the same comparisons and the same sums, in the same order, without a loop over nodes per call (about
ten times faster than walking the lists). Kept per model object, so a model is compiled once per process.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

#: id(model) -> (model, its margin function); the model is held so that its id stays its own
_COMPILED: dict[int, tuple[Any, Callable[[Mapping[str, float]], float] | None]] = {}


def margin_function(model: dict[str, Any]) -> Callable[[Mapping[str, float]], float] | None:
    """A function of the features giving the model's margin (baseline plus every tree's leaf, summed in
    the trees' order), or None when the model holds a value that cannot be written as a literal (then
    the caller walks the trees)."""
    got = _COMPILED.get(id(model))
    if got is None or got[0] is not model:
        got = _COMPILED[id(model)] = (model, _compile(model))
    return got[1]


def _literal(v: Any) -> str | None:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
        return None
    return repr(float(v)) if isinstance(v, float) else repr(v)


def _compile(model: dict[str, Any]) -> Callable[[Mapping[str, float]], float] | None:
    names = list(model["features"])
    used: dict[int, str] = {}

    def expr(nodes: list[list[Any]], k: int, depth: int) -> str | None:
        node = nodes[k]
        if depth > 50:  # the parser limits nested parentheses; no fitted tree is this deep
            return None
        if node[0] < 0:
            return _literal(node[4])
        thr = _literal(node[1])
        left, right = expr(nodes, node[2], depth + 1), expr(nodes, node[3], depth + 1)
        if thr is None or left is None or right is None:
            return None
        var = used.setdefault(node[0], f"x{node[0]}")
        return f"({left} if {var} <= {thr} else {right})"

    base = _literal(model["baseline"])
    if base is None:
        return None
    body = []
    for nodes in model["trees"]:
        e = expr(nodes, 0, 0)
        if e is None:
            return None
        body.append(f"    z += {e}")
    head = [f"    x{i} = get({names[i]!r}, 0.0)" for i in sorted(used)]
    src = "\n".join(["def margin(feats):", "    get = feats.get", *head, f"    z = {base}", *body,
                     "    return z"])
    namespace: dict[str, Any] = {}
    exec(compile(src, "<quotecli.trees>", "exec"), namespace)  # noqa: S102 - our own generated source
    return namespace["margin"]
