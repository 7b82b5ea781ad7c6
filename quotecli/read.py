"""Reading inputs: files, stdin, directories, JSON Lines corpora -> (source, text).

Text is decoded as UTF-8 (a BOM is dropped); text that is not valid UTF-8 is decoded as cp1252 with a
warning. Binary files are refused. Offsets in the output refer to the decoded text.
"""
from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

DEFAULT_MAX_CHARS = 5_000_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
TEXT_SUFFIXES = {".txt", ".text", ".md", "", ".html", ".htm"}  # .html/.htm: web pages (web.py)


@dataclass
class Document:
    source: str
    text: str | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


def decode(data: bytes, source: str = "<input>") -> tuple[str, list[str]]:
    """Bytes -> text. Raises InputError for binary data.

    >>> decode("Kata \\u201cdia\\u201d".encode())[0]
    'Kata “dia”'
    """
    if b"\x00" in data[:8192]:
        raise InputError(f"{source}: binary file, not text")
    warnings: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        warnings.append(f"{source}: not valid UTF-8, decoded as cp1252")
    controls = len(_CONTROL.findall(text, 0, 8192))
    if text and controls > 0.1 * min(len(text), 8192):
        raise InputError(f"{source}: binary file, not text")
    if _HTML_QUOTES.search(text):
        warnings.append(f"{source}: quotation marks written as HTML references (&quot;, &#8220;) are not "
                        "read as quotation marks; unescape the text first (python's html.unescape)")
    return text, warnings


_HTML_QUOTES = re.compile(r"&(?:quot|ldquo|rdquo|laquo|raquo|#34|#822[01]|#x201[cdCD]);")


def read_text(path: str, max_chars: int = DEFAULT_MAX_CHARS) -> Document:
    """Read one input ('-' is stdin) into a Document; problems become ``error``, never exceptions."""
    try:
        limit = 4 * max_chars + 4 if max_chars else -1  # a UTF-8 character is at most 4 bytes
        if path == "-":
            data = sys.stdin.buffer.read(limit)
        else:
            p = Path(path)
            if p.is_dir():
                raise InputError(f"{path}: is a directory (pass its files, or use a glob)")
            if not p.exists():
                raise InputError(f"{path}: no such file")
            if max_chars and p.stat().st_size > limit:  # refused before it is read: memory stays bounded
                raise InputError(f"{path}: {p.stat().st_size} bytes, over the limit of --max-chars {max_chars}")
            with p.open("rb") as f:
                data = f.read(limit)
        text, warnings = decode(data, path)
        if max_chars and len(text) > max_chars:
            raise InputError(f"{path}: {len(text)} characters, over the limit of --max-chars {max_chars}")
        return Document(path, text, warnings=warnings)
    except InputError as e:
        return Document(path, error=str(e))
    except OSError as e:
        return Document(path, error=f"{path}: cannot read ({e.strerror or e})")


def expand_paths(inputs: list[str]) -> Iterator[str]:
    """Expand directories (recursively, text files) and globs; keep other names as given."""
    for item in inputs:
        p = Path(item)
        if item != "-" and p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES and not f.name.startswith("."):
                    yield str(f)
        elif item != "-" and not p.exists() and any(c in item for c in "*?["):
            matches = sorted(str(m) for m in Path().glob(item)) if not p.is_absolute() else sorted(
                str(m) for m in Path(p.anchor).glob(str(p.relative_to(p.anchor)))
            )
            yield from matches if matches else [item]
        else:
            yield item


def read_jsonl(path: str, id_field: str = "id", text_field: str = "text",
               max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Document]:
    """Documents of a JSON Lines corpus: one object per line with an id and a text field."""
    try:
        stream = sys.stdin if path == "-" else open(path, encoding="utf-8", errors="replace")
    except OSError as e:
        yield Document(path, error=f"{path}: cannot read ({e.strerror or e})")
        return
    with stream:
        for n, line in enumerate(stream, 1):
            if not line.strip():
                continue
            where = f"{path}:{n}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                yield Document(where, error=f"{where}: invalid JSON ({e.msg})")
                continue
            if not isinstance(obj, dict) or not isinstance(obj.get(text_field), str):
                yield Document(where, error=f"{where}: no string field {text_field!r}")
                continue
            source = str(obj.get(id_field, where))
            text = obj[text_field]
            if max_chars and len(text) > max_chars:
                yield Document(source, error=f"{source}: {len(text)} characters, over --max-chars {max_chars}")
                continue
            yield Document(source, text)
