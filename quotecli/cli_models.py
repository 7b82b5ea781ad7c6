"""``quotecli models ...``: list the NLP models in use, download the official Stanza ones."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(help="Show which Stanza models quotecli uses, or download the official Indonesian ones.",
                  no_args_is_help=True, add_completion=False,
                  context_settings={"help_option_names": ["-h", "--help"]})


class Format(str, Enum):
    table = "table"
    json = "json"


def _human(n: int) -> str:
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"


def _score_text(scores: dict) -> str:
    parts = []
    for dataset, vals in scores.items():
        if isinstance(vals, dict):
            keep = {k: v for k, v in vals.items() if not k.startswith("micro_precision") and
                    not k.startswith("micro_recall")}
            parts.append(f"{dataset}: " + ", ".join(f"{k} {v}" for k, v in keep.items()))
    return "; ".join(parts) or "-"


@app.command("list")
def list_models(
    format: Annotated[Format, typer.Option("--format", "-f", metavar="FORMAT", help="table or json")] = Format.table,
    models: Annotated[Path | None, typer.Option("--models", metavar="DIR", help="use the models in DIR (overrides "
                                                "QUOTECLI_MODELS and the official models)")] = None,
) -> None:
    """Every processor with its model path, source (bundled/official/custom), size and held-out scores."""
    from .nlp import ModelsError, resolve_models

    try:
        ms = resolve_models(models)
    except ModelsError as e:
        typer.echo(f"quotecli: {e}", err=True)
        raise typer.Exit(1) from None
    if format is Format.json:
        typer.echo(json.dumps(ms.to_dict(), indent=2, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"quotecli models ({ms.origin}; Stanza dir {ms.resources_dir})")
    for col in ("processor", "source", "size", "model file", "held-out scores"):
        table.add_column(col, overflow="fold")
    for name, m in ms.processors.items():
        size = _human(m.size_bytes) if m.exists else "MISSING"
        table.add_row(name, m.source, size, str(m.path), _score_text(m.held_out_scores))
    console = Console()
    console.print(table)
    console.print(f"total size: {_human(ms.total_size_bytes)}")


@app.command("download")
def download(
    resources_url: Annotated[str | None, typer.Option("--resources-url", metavar="URL",
                                                      help="base URL of resources_<ver>.json "
                                                      "(default: Stanza's)")] = None,
    model_url: Annotated[str | None, typer.Option(
        "--model-url", metavar="TEMPLATE",
        help="model URL template with {lang}, {filename}, {resources_version} (default: from resources.json)",
    )] = None,
    dir: Annotated[Path | None, typer.Option("--dir", metavar="DIR",
                                             help="target directory (default: $STANZA_RESOURCES_DIR "
                                             "or ~/stanza_resources)")] = None,
) -> None:
    """Download the official Stanza Indonesian models (tokenize, mwt, pos, lemma, depparse).

    Once installed they take precedence over the bundled ones; NER stays bundled.
    """
    from .nlp import ModelsError, download_official

    try:
        target = download_official(resources_url=resources_url, model_url=model_url, dir=dir)
    except ModelsError as e:
        print(f"quotecli: {e}", file=sys.stderr)
        raise typer.Exit(1) from None
    typer.echo(f"official Indonesian models installed in {target}")
