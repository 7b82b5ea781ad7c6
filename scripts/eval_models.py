#!/usr/bin/env python
"""Held-out scores of a model directory with Stanza's own scorers.

Same as ``python -m quotecli.training.evaluate``; see that module for what is measured:
UPOS / UFeats / Lemmas / UAS / LAS on UD Indonesian-GSD test and CSUI test (gold tokens,
predicted tags), tokenizer Tokens / Words / Sentences F1 on the raw text, NER entity F1
per type on NERGrit test.

    python scripts/eval_models.py [--models quotecli/models] [--data ../shared/data] [--write-manifest]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quotecli.training.evaluate import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
