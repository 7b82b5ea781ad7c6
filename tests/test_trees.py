"""The compiled boosted trees (quotecli/trees.py) give exactly what walking the node lists gives."""
from __future__ import annotations

import math
import random

from quotecli import choose, trees


def walked(model, feats):
    """``choose.probability`` as it was: every tree walked node by node."""
    x = [feats.get(n, 0.0) for n in model["features"]]
    z = model["baseline"]
    for nodes in model["trees"]:
        node = nodes[0]
        while node[0] >= 0:
            node = nodes[node[2] if x[node[0]] <= node[1] else node[3]]
        z += node[4]
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def test_shipped_models_compiled_give_the_same_probabilities():
    rng = random.Random(7)
    models = choose.shipped_models()
    assert models
    for model in models.values():
        assert trees.margin_function(model) is not None
        thresholds = [node[1] for nodes in model["trees"] for node in nodes if node[0] >= 0]
        for _ in range(500):
            feats = {}
            for name in model["features"]:
                r = rng.random()
                if r < 0.3:
                    continue  # absent: 0
                feats[name] = (rng.choice(thresholds) if r < 0.6 else float(rng.randint(0, 3)) if r < 0.8
                               else rng.uniform(-5, 50))
            assert choose.probability(model, feats) == walked(model, feats)


def test_a_value_without_a_literal_falls_back_to_walking():
    leaf_left, leaf_right = [-1, 0.0, 0, 0, 1.5], [-1, 0.0, 0, 0, -0.5]
    model = {"features": ["x"], "baseline": 0.25, "trees": [[[0, math.inf, 1, 2, 0.0], leaf_left, leaf_right]]}
    assert trees.margin_function(model) is None
    for x in (0.0, 1e300, math.nan):
        assert choose.probability(model, {"x": x}) == walked(model, {"x": x})


def test_a_leaf_only_tree_and_integer_values():
    leaf_only = [[-1, 0, 0, 0, 2]]
    split_on_b = [[1, 1, 1, 2, 0], [-1, 0, 0, 0, -1], [-1, 0, 0, 0, 3.5]]
    model = {"features": ["a", "b"], "baseline": 0, "trees": [leaf_only, split_on_b]}
    for b in (0, 1, 2, True):
        assert choose.probability(model, {"b": b}) == walked(model, {"b": b})
