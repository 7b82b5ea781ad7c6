from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def run_cli(*args: str, input: str | bytes | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """Run the real command (python -m quotecli) and capture its output."""
    return subprocess.run([sys.executable, "-m", "quotecli", *args], input=input, capture_output=True,
                          timeout=timeout, text=not isinstance(input, bytes))


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture(scope="session")
def schema() -> dict:
    return json.loads((ROOT / "quotecli" / "schema" / "output.schema.json").read_text(encoding="utf-8"))


def assert_offsets(text: str, quotes) -> None:
    """Every quote, speaker mention and cue points at exactly the words it reports."""
    for q in quotes:
        assert text[q.start:q.end] == q.quote
        if q.speaker_span:
            assert text[q.speaker_span[0]:q.speaker_span[1]] == q.speaker_mention
        if q.cue_span:
            assert text[q.cue_span[0]:q.cue_span[1]] == q.cue
