"""The command line: options -> api -> render. Errors become one line on stderr and an exit code.

Exit codes: 0 all inputs processed; 1 some inputs failed (their error records are in the output);
2 usage error (unknown option, nothing to read); 130 interrupted (whole records already written stay valid).
"""
from __future__ import annotations

import os
import signal
import sys
from enum import Enum
from pathlib import Path

import typer

from . import __version__
from .batch import DEFAULT_ARTICLE_TIMEOUT
from .errors import QuotecliError, UsageError

CONTEXT = {"help_option_names": ["-h", "--help"]}
app = typer.Typer(
    help="Find every quotation and its speaker in Indonesian news articles.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False, context_settings=CONTEXT,
)


class Format(str, Enum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    table = "table"
    html = "html"


class InputFormat(str, Enum):
    text = "text"
    jsonl = "jsonl"
    html = "html"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"quotecli {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """quotecli: who said what in Indonesian news, as JSON."""


def _err(msg: str) -> None:
    sys.stderr.write(f"quotecli: {msg}\n")
    sys.stderr.flush()


@app.command()
def extract(
    articles: list[str] = typer.Argument(..., metavar="ARTICLES...", show_default=False,
                                         help="Text or HTML files, URLs, directories (read recursively), globs, "
                                              "or - for stdin."),
    fmt: Format | None = typer.Option(None, "--format", "-f", metavar="FORMAT", show_default=False,
                                      help="json (default when piped), jsonl, csv, table (default on a terminal) "
                                           "or html (an evidence page to check in a browser)."),
    fast: bool = typer.Option(False, "--fast", help="Rules only: no Stanza, no torch (for triage at scale)."),
    models: Path | None = typer.Option(None, "--models", metavar="DIR", help="Directory of Stanza models to use.",
                                       envvar="QUOTECLI_MODELS"),
    input_format: InputFormat = typer.Option(InputFormat.text, "--input-format", metavar="text|jsonl|html",
                                             help="Plain text files, a JSON Lines corpus of records, or HTML "
                                                  "(.html files and URLs are read as HTML whatever this says)."),
    id_field: str = typer.Option("id", "--id-field", metavar="FIELD",
                                 help="JSONL corpus: the field that names an article (a string or a number)."),
    text_field: str = typer.Option("text", "--text-field", metavar="FIELD",
                                   help="JSONL corpus: the field holding the text."),
    html_field: str | None = typer.Option(None, "--html-field", metavar="FIELD",
                                          help="JSONL corpus: the field holding each article's HTML page."),
    with_text: bool = typer.Option(False, "--with-text",
                                   help="Add the analysed text to each article (always on for web pages)."),
    timeout: float = typer.Option(20.0, "--timeout", min=0.1, metavar="SECONDS",
                                  help="URL inputs: seconds to wait for the server."),
    output: Path | None = typer.Option(None, "--output", "-o", metavar="FILE",
                                       help="Write to FILE instead of stdout (never one of the inputs)."),
    resume: bool = typer.Option(False, "--resume", metavar="",
                                help="With --output FILE and --format jsonl: skip articles FILE already holds, "
                                     "redo unfinished or failed ones."),
    workers: int = typer.Option(1, "--workers", "-w", metavar="N",
                                help="Worker processes (each loads Stanza once)."),
    threads: int | None = typer.Option(None, "--threads", metavar="N", help="Torch threads per process."),
    scheduler: str | None = typer.Option(None, "--scheduler", metavar="ADDRESS",
                                         help="Run on a Dask cluster: a scheduler address (tcp://HOST:PORT) or "
                                              "local:N for N local worker processes (docs/scale.md)."),
    unordered: bool = typer.Option(False, "--unordered",
                                   help="With --scheduler: write articles as they finish, not in input order."),
    max_chars: int = typer.Option(5_000_000, "--max-chars", metavar="N",
                                  help="Refuse inputs longer than N characters (0: no limit)."),
    article_timeout: float = typer.Option(DEFAULT_ARTICLE_TIMEOUT, "--article-timeout", metavar="SECONDS",
                                          help="Give up on an article after SECONDS (an error record; 0: never)."),
    progress: bool | None = typer.Option(None, "--progress/--no-progress", show_default=False,
                                         help="Progress bar and a closing summary on stderr "
                                              "(default: when stderr is a terminal)."),
) -> None:
    """Extract quotations and speakers from ARTICLES.

    ARTICLES are text files, directories (read recursively), globs, or - for stdin. Prints one JSON object
    for one file or stdin, a JSON array for anything else (see the README).
    """
    from .batch import BatchOptions, run_batch

    inputs = articles
    _check(workers >= 1, f"--workers must be 1 or more, not {workers}")
    _check(threads is None or threads >= 1, f"--threads must be 1 or more, not {threads}")
    _check(scheduler is None or workers == 1, "--workers is for this machine; with --scheduler the cluster's "
                                              "workers are used (local:N starts N)")
    _check(not unordered or scheduler is not None, "--unordered needs --scheduler")
    if scheduler is not None:
        from .dask import parse_scheduler  # checks the value; Dask itself is imported when the run starts

        parse_scheduler(scheduler)
    _check(max_chars >= 0, f"--max-chars must be 0 (no limit) or more, not {max_chars}")
    _check(article_timeout >= 0, f"--article-timeout must be 0 (none) or more seconds, not {article_timeout:g}")
    out_is_tty = output is None and sys.stdout.isatty()
    fmt = fmt or (Format.table if out_is_tty else Format.json)
    show = _default_progress(inputs, fmt, input_format) if progress is None else progress
    opts = BatchOptions(
        inputs=inputs, fmt=fmt.value, fast=fast, models=str(models) if models else None,
        input_format="jsonl" if html_field else input_format.value, id_field=id_field, text_field=text_field,
        html_field=html_field, with_text=with_text or fmt == Format.html, timeout=timeout,
        output=str(output) if output else None, resume=resume, workers=workers, threads=threads,
        max_chars=max_chars, progress=show, article_timeout=article_timeout,
        summary=sys.stderr.isatty() if progress is None else progress, scheduler=scheduler, unordered=unordered,
    )
    try:
        code = run_batch(opts, _err)
    except QuotecliError as e:
        _err(str(e))
        raise typer.Exit(e.exit_code) from None
    raise typer.Exit(code)


def _check(ok: bool, message: str) -> None:
    if not ok:
        raise UsageError(message)


def _default_progress(inputs: list[str], fmt: Format, input_format: InputFormat) -> bool:
    """A progress bar when stderr is a terminal and there is a batch to watch (not over a table)."""
    batch = len(inputs) > 1 or input_format == InputFormat.jsonl or any(Path(i).is_dir() for i in inputs)
    return sys.stderr.isatty() and fmt != Format.table and batch


@app.command()
def schema() -> None:
    """Print the JSON Schema of the output."""
    from importlib import resources

    typer.echo(resources.files("quotecli").joinpath("schema", "output.schema.json").read_text(encoding="utf-8"))


try:  # the models sub-commands (quotecli models list / download)
    from .cli_models import app as models_app

    app.add_typer(models_app, name="models", help="List or download the Stanza models quotecli uses.")
except ImportError:  # pragma: no cover - only while the module is absent
    pass

from .cli_eval import eval_command  # noqa: E402 - quotecli eval GOLD...: scores against annotations

app.command("eval")(eval_command)


from .cli_find import find, speakers  # noqa: E402 - quotecli find / quotecli speakers (docs/find.md)

app.command("find")(find)
app.command("speakers")(speakers)


def _click_exit(e: Exception) -> int | None:
    """The exit code for click's own exceptions (typer may vendor click: matched by shape, not class),
    after printing them as one line; None for any other exception."""
    name, ctx = type(e).__name__, getattr(e, "ctx", None)
    if name == "Exit":
        return int(getattr(e, "exit_code", 0) or 0)
    if name == "Abort":
        _err("interrupted")
        return 130
    if name == "NoArgsIsHelpError":
        return 0  # click has printed the help (once)
    if hasattr(e, "format_message") and getattr(e, "exit_code", None) == 2:
        # one line, not a box: "quotecli extract: Invalid value for '--format' ... (see ... --help)"
        sub = ctx.command_path.split(" ", 1)[1] if ctx is not None and " " in ctx.command_path else ""
        where = f"{sub}: " if sub else ""
        hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
        message = " ".join(e.format_message().replace("Value error, ", "").split())
        _err(f"{where}{message}{hint}")
        return 2
    return None


def main() -> None:
    """Console entry point: one line on stderr for every error, quiet on a closed pipe and on Ctrl-C,
    never a traceback."""
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    if hasattr(signal, "SIGXFSZ"):  # over `ulimit -f`: a write error (exit 1), not a silent kill
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        code = app(prog_name="quotecli", standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except KeyboardInterrupt:
        _err("interrupted")
        sys.exit(130)
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")
        finally:
            sys.exit(0)
    except QuotecliError as e:
        _err(str(e))
        sys.exit(e.exit_code)
    except OSError as e:  # an I/O error outside an article (the output, the terminal): the system's reason
        _err(f"{e.filename + ': ' if isinstance(e.filename, str) else ''}{e.strerror or e}")
        sys.exit(1)
    except Exception as e:  # click's usage errors, or, last resort, one line instead of a traceback
        code = _click_exit(e)
        if code is None:
            _err(f"internal error: {type(e).__name__}: {e}")
            code = 3
        sys.exit(code)
