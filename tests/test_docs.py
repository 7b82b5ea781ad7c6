"""Docs that cannot drift: the README's set-up and test commands are the ones CI runs, its main command
runs a bundled sample, every CLI command has help, and every linked doc exists."""
from __future__ import annotations

import re

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def bash_blocks() -> list[str]:
    return re.findall(r"```bash\n(.*?)```", README, flags=re.S)


def test_ci_runs_the_readme_setup_and_test_commands():
    setup, run, test = (b.strip() for b in bash_blocks()[:3])
    assert setup in CI and test in CI
    assert "samples/" in run and (ROOT / run.split()[2]).is_file()


def test_linked_docs_exist():
    for link in re.findall(r"\]\(((?:docs|quotecli)/[^)]+)\)", README):
        assert (ROOT / link).exists(), link


def test_every_command_is_documented_in_the_readme(cli):
    for cmd in ("extract", "schema", "models list", "models download", "eval"):
        assert f"quotecli {cmd}" in README
        r = cli(*cmd.split(), "--help")
        assert r.returncode == 0 and "Usage" in r.stdout
