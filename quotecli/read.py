"""Reading inputs: files, stdin, directories, JSON Lines corpora -> Documents (source, text).

Decoding: a UTF-8, UTF-16 or UTF-32 byte-order mark is honoured; otherwise the text is UTF-8, and a
byte sequence that is not valid UTF-8 is decoded on its own as cp1252 (with a warning), so one bad byte
never costs the rest of the file. Binary data is refused. Offsets in the output refer to the decoded text.

Every string that reaches the output is valid Unicode: lone surrogates (from a JSONL record or a file
name that is not UTF-8) become U+FFFD with a warning, one character for one, so offsets do not move.

Only regular files are read: a FIFO, a device or a socket is refused (opening one could block forever or
never end), and stdin is read in chunks, refused as soon as it looks binary.
"""
from __future__ import annotations

import codecs
import json
import os
import re
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError

DEFAULT_MAX_CHARS = 5_000_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
TEXT_SUFFIXES = {".txt", ".text", ".md", "", ".html", ".htm"}  # .html/.htm: web pages (web.py)
_CHUNK = 1 << 16
_BOMS = (  # longest first: the UTF-32-LE mark begins with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: a JSONL id as it was in the record: a string or a number
Source = Any


@dataclass
class Document:
    """One article to process: ``source`` names it in the output (a path, '-', or a JSONL id as given);
    ``key`` identifies it for ``--resume`` (an absolute path, or the JSONL id); ``text`` or ``error``."""

    source: Source
    text: str | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    key: str = ""


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start:exc.end]
    return bad.decode("cp1252", errors="replace"), exc.end


codecs.register_error("quotecli-cp1252", _cp1252_fallback)


def clean_string(s: str) -> tuple[str, bool]:
    """``s`` with every lone surrogate replaced by U+FFFD (same length); True when one was replaced."""
    if _SURROGATE.search(s) is None:
        return s, False
    return _SURROGATE.sub("\ufffd", s), True


def display_name(path: str) -> str:
    """A path as it can be printed: a file name that is not UTF-8 gets U+FFFD for its bad bytes."""
    return clean_string(path)[0]


def decode(data: bytes, source: str = "<input>") -> tuple[str, list[str]]:
    """Bytes -> text. Raises InputError for binary data.

    >>> decode("Kata \\u201cdia\\u201d".encode())[0]
    'Kata “dia”'
    >>> decode(b"caf\\xe9 \\xe2\\x80\\x9cya\\xe2\\x80\\x9d")[0]
    'café “ya”'
    """
    warnings: list[str] = []
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), warnings
            except UnicodeDecodeError as e:
                raise InputError(f"{source}: marked as {encoding.upper()} but not valid {encoding.upper()} "
                                 f"(byte {e.start})") from None
    if b"\x00" in data[:8192]:
        raise InputError(f"{source}: binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="quotecli-cp1252")
        bad = len(data) - len(text.encode("utf-8", errors="surrogatepass"))
        warnings.append(f"{source}: not all valid UTF-8; the invalid bytes were read as cp1252"
                        f"{f' (about {abs(bad)} bytes)' if bad else ''}")
    controls = len(_CONTROL.findall(text, 0, 8192))
    if text and controls > 0.1 * min(len(text), 8192):
        raise InputError(f"{source}: binary file, not text")
    if _HTML_QUOTES.search(text):
        warnings.append(f"{source}: quotation marks written as HTML references (&quot;, &#8220;) are not "
                        "read as quotation marks; unescape the text first (python's html.unescape)")
    return text, warnings


_HTML_QUOTES = re.compile(r"&(?:quot|ldquo|rdquo|laquo|raquo|#34|#822[01]|#x201[cdCD]);")


def _looks_binary(head: bytes) -> bool:
    return b"\x00" in head[:8192] and not any(head.startswith(b) for b, _ in _BOMS)


def _read_stream(fd: int, limit: int, name: str) -> bytes:
    """Read a file descriptor in chunks up to ``limit`` bytes (-1: no limit); stop early on binary data."""
    chunks: list[bytes] = []
    size = 0
    while limit < 0 or size < limit:
        chunk = os.read(fd, _CHUNK if limit < 0 else min(_CHUNK, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if len(chunks) == 1 and _looks_binary(chunk):
            raise InputError(f"{name}: binary file, not text")
    return b"".join(chunks)


def _kind(mode: int) -> str | None:
    """What a non-regular file is, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a directory"
    return "not a regular file"


def read_file_bytes(path: str, limit: int, max_chars: int) -> bytes:
    """The bytes of a regular file, at most ``limit`` (-1: no limit); InputError for anything else."""
    name = display_name(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    kind = _kind(st.st_mode)
    if kind == "a directory":
        raise InputError(f"{name}: is a directory (pass its files, or use a glob)")
    if kind is not None:
        raise InputError(f"{name}: {kind}, not a regular file; pipe it to 'quotecli extract -' instead")
    if max_chars and st.st_size > limit:  # refused before it is read: memory stays bounded
        raise InputError(f"{name}: {st.st_size} bytes, over the limit of --max-chars {max_chars}")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # never blocks, even if swapped for a FIFO
    try:
        if _kind(os.fstat(fd).st_mode) is not None:
            raise InputError(f"{name}: not a regular file")
        return _read_stream(fd, limit, name)
    finally:
        os.close(fd)


def read_text(path: str, max_chars: int = DEFAULT_MAX_CHARS) -> Document:
    """Read one input ('-' is stdin) into a Document; problems become ``error``, never exceptions."""
    name = display_name(path)
    key = "-" if path == "-" else os.path.abspath(path)
    doc = Document(name, key=display_name(key))
    if name != path:
        doc.warnings.append(f"{name}: file name is not valid UTF-8; shown with U+FFFD")
    try:
        limit = 4 * max_chars + 4 if max_chars else -1  # a UTF-8 character is at most 4 bytes
        data = _read_stream(sys.stdin.fileno(), limit, name) if path == "-" else read_file_bytes(path, limit, max_chars)
        text, warnings = decode(data, name)
        if max_chars and len(text) > max_chars:
            raise InputError(f"{name}: {len(text)} characters, over the limit of --max-chars {max_chars}")
        doc.text = text
        doc.warnings.extend(warnings)
    except InputError as e:
        doc.error = str(e)
    except OSError as e:
        doc.error = f"{name}: cannot read ({e.strerror or e})"
    return doc


@dataclass
class Input:
    """One item found by expanding the command line: a path to read, or why a path cannot be listed."""

    path: str
    error: str | None = None


def _walk(root: str) -> Iterator[Input]:
    """Text files under ``root``, sorted, following symbolic links to directories once each; an unreadable
    directory is reported, not skipped."""
    seen: set[str] = set()
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append, followlinks=True):
        real = os.path.realpath(dirpath)
        while errors:
            e = errors.pop()
            yield Input(e.filename or dirpath, f"{display_name(e.filename or dirpath)}: cannot list directory "
                                               f"({e.strerror or e})")
        if real in seen:  # a link back up the tree
            dirnames[:] = []
            continue
        seen.add(real)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            full = os.path.join(dirpath, name)
            if name.startswith(".") or Path(name).suffix.lower() not in TEXT_SUFFIXES:
                continue
            if os.path.isfile(full):  # regular files (or links to them): FIFOs and devices are left out
                yield Input(full)
    for e in errors:
        yield Input(e.filename or root, f"{display_name(e.filename or root)}: cannot list directory "
                                        f"({e.strerror or e})")


def is_glob(item: str) -> bool:
    url = item.lower().startswith(("http://", "https://"))
    return item != "-" and not url and not os.path.exists(item) and any(c in item for c in "*?[")


def iter_inputs(inputs: list[str]) -> Iterator[Input]:
    """Expand directories (recursively, text files) and globs; keep other names as given."""
    for item in inputs:
        if item.lower().startswith(("http://", "https://")):  # a URL: web.py reads it
            yield Input(item)
        elif item != "-" and os.path.isdir(item):
            yield from _walk(item)
        elif is_glob(item):
            p = Path(item)
            matches = sorted(str(m) for m in Path().glob(item)) if not p.is_absolute() else sorted(
                str(m) for m in Path(p.anchor).glob(str(p.relative_to(p.anchor))))
            yield from (Input(m) for m in matches) if matches else [Input(item, f"{item}: no file matches")]
        else:
            yield Input(item)


def expand_paths(inputs: list[str]) -> Iterator[str]:
    """The paths of ``iter_inputs`` (errors included by name, to be reported when read)."""
    for i in iter_inputs(inputs):
        yield i.path


def _record_id(obj: dict, id_field: str, where: str) -> tuple[Source, str | None]:
    """The id of a JSONL record as it was (a string or a number), or the record's place when it has none."""
    value = obj.get(id_field)
    if value is None:
        return where, None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return where, f"{where}: field {id_field!r} must be a string or a number, not {type(value).__name__}"
    return value, None


def _jsonl_document(line: str, where: str, id_field: str, text_field: str, max_chars: int) -> Document:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        return Document(where, error=f"{where}: invalid JSON ({e.msg})", key=where)
    if not isinstance(obj, dict) or not isinstance(obj.get(text_field), str):
        return Document(where, error=f"{where}: no string field {text_field!r}", key=where)
    source, problem = _record_id(obj, id_field, where)
    if problem:
        return Document(where, error=problem, key=where)
    warnings = []
    if isinstance(source, str):
        source, changed = clean_string(source)
        if changed:
            warnings.append(f"{where}: id holds invalid Unicode (a lone surrogate); shown with U+FFFD")
    text, changed = clean_string(obj[text_field])
    if changed:
        warnings.append(f"{where}: text holds invalid Unicode (lone surrogates); each replaced by U+FFFD")
    key = json.dumps(source, ensure_ascii=True)
    if max_chars and len(text) > max_chars:
        return Document(source, error=f"{source}: {len(text)} characters, over --max-chars {max_chars}", key=key)
    return Document(source, text, warnings=warnings, key=key)


def read_jsonl(path: str, id_field: str = "id", text_field: str = "text",
               max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Document]:
    """Documents of a JSON Lines corpus: one object per line with an id and a text field. A bad line gives
    an error Document for that line; the others are read."""
    name = display_name(path)
    try:
        if path != "-":
            kind = _kind(os.stat(path).st_mode)
            if kind is not None:
                raise InputError(f"{name}: {kind}, not a regular file")
        stream = sys.stdin if path == "-" else open(path, encoding="utf-8", errors="replace")
    except InputError as e:
        yield Document(name, error=str(e), key=name)
        return
    except OSError as e:
        yield Document(name, error=f"{name}: cannot read ({e.strerror or e})", key=name)
        return
    with stream:
        for n, line in enumerate(stream, 1):
            if line.strip():
                yield _jsonl_document(line, f"{name}:{n}", id_field, text_field, max_chars)
