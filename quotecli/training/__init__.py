"""Training of quotecli's offline Indonesian Stanza pipeline.

Run ``python -m quotecli.training --help``. Needs the ``train`` extra (gensim).
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def default_data_dir() -> Path:
    """``$QUOTECLI_DATA`` or ``../shared/data`` next to the repository checkout."""
    env = os.environ.get("QUOTECLI_DATA")
    if env:
        return Path(env)
    return REPO_ROOT.parent / "shared" / "data"
