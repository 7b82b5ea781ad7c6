"""``python -m quotecli.training --quick`` builds a loadable set of models (a few minutes).

Select it with ``pytest -m training``; it is skipped without gensim (the ``train`` extra)
or without the shared training data.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from quotecli.training import default_data_dir

pytestmark = pytest.mark.training


def test_quick_training_writes_loadable_models(tmp_path: Path) -> None:
    pytest.importorskip("gensim")
    stanza = pytest.importorskip("stanza")
    data = default_data_dir()
    if not (data / "ud").is_dir() or not (data / "ner").is_dir():
        pytest.skip(f"training data not found in {data}")
    out = tmp_path / "models"
    env = dict(os.environ)
    env.pop("QUOTECLI_MODELS", None)
    proc = subprocess.run([sys.executable, "-m", "quotecli.training", "--quick", "--data", str(data),
                           "--out", str(out), "--work", str(tmp_path / "work")],
                          capture_output=True, text=True, timeout=900, env=env)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]

    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["mode"] == "quick"
    for proc_name, entry in manifest["processors"].items():
        assert (out / entry["file"]).is_file(), proc_name
    assert not list(out.glob("*checkpoint*"))
    assert "held_out_scores" in manifest["processors"]["pos"]

    from quotecli import nlp

    kwargs = nlp.resolve_models(out).stanza_kwargs
    assert all(nlp.resolve_models(out).processors[p].source == "custom" for p in nlp.PROCESSORS)
    doc = stanza.Pipeline(**kwargs, logging_level="WARN")("Presiden Joko Widodo mengatakan itu kemarin.")
    assert doc.sentences and all(w.upos for s in doc.sentences for w in s.words)


def test_quick_default_out_is_a_temp_dir() -> None:
    """--quick without --out must never target the shipped models."""
    from quotecli.training.__main__ import build_argparser

    assert build_argparser().parse_args(["--quick"]).out is None  # resolved to a mkdtemp() in main()


def test_word_vectors_are_reproducible(tmp_path: Path) -> None:
    """Two trainings on the same text give byte-identical vectors (gensim with one worker),
    so a retrained bundle differs from the shipped one only where the recipe changed."""
    pytest.importorskip("gensim")
    pytest.importorskip("stanza")
    import torch

    from quotecli.training.vectors import train_vectors

    words = ["presiden", "menteri", "jakarta", "mengatakan", "rakyat", "harga", "beras", "naik", "turun", "kota"]
    lines = [" ".join(words[(i * j + k) % len(words)] for k in range(8)) for i in range(2000) for j in (1, 3, 7)]
    corpus = tmp_path / "corpus.txt"
    corpus.write_text("\n".join(lines), encoding="utf-8")
    vecs = []
    for run in ("a", "b"):
        work = tmp_path / run
        work.mkdir()
        out = work / "pretrain.pt"
        assert train_vectors(corpus, out, work, dim=8, epochs=2, min_count=1) >= len(words)
        vecs.append(torch.load(out, weights_only=False)["emb"])
    assert torch.equal(torch.as_tensor(vecs[0]), torch.as_tensor(vecs[1]))
