"""Quotations from many sources, for the corpus commands (``quotecli find``, ``quotecli speakers``).

A source is one of:
  - quotecli output: ``--format json`` (one object or an array) or ``--format jsonl`` (one line per quote;
    lines without a ``quote`` key, such as per-article records and error records, are read for their
    ``meta`` or skipped);
  - an annotated article in the format of the project's gold files (``text`` plus ``quotes`` whose items
    carry ``text``, ``speaker`` and ``speaker_aliases``): its annotated quotations are used as they are;
  - an article (a text file, or a JSON object with a ``text`` and no ``quotes``): extracted on the fly
    (rules only with ``fast``);
  - a directory: every ``.json``, ``.jsonl`` and text file under it;
  - ``-``: quotecli output (JSON or JSON Lines) on stdin.

Where a record carries them, ``meta`` (a dict) and the top-level keys ``date``, ``outlet`` and ``url``
give the article's date and outlet. Problems are reported through ``err`` and never stop the others.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

META_KEYS = ("date", "outlet", "url", "title")
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}


@dataclass
class QuoteRecord:
    """One quotation as the corpus commands see it."""

    quote: str
    type: str
    source: str
    speaker: str | None = None
    speaker_mention: str | None = None
    speaker_type: str | None = None
    aliases: tuple[str, ...] = ()  # the speaker's surface forms in its article
    title: str | None = None
    confidence: float | None = None
    paragraph: int | None = None
    context: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    speaker_id: str | None = None  # set by corpus_speakers.assign_ids

    @property
    def date(self) -> str | None:
        d = self.meta.get("date")
        return str(d) if d not in (None, "") else None

    @property
    def outlet(self) -> str | None:
        o = self.meta.get("outlet")
        return str(o) if o not in (None, "") else None


@dataclass
class Corpus:
    records: list[QuoteRecord] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    failed: int = 0  # inputs or records that could not be read


Err = Callable[[str], None]


def _meta(obj: dict[str, Any]) -> dict[str, Any]:
    meta = dict(obj["meta"]) if isinstance(obj.get("meta"), dict) else {}
    for k in META_KEYS:
        if obj.get(k) not in (None, "") and k not in meta:
            meta[k] = obj[k]
    return meta


def _speaker_info(speakers: Any) -> dict[str, tuple[tuple[str, ...], str | None]]:
    out: dict[str, tuple[tuple[str, ...], str | None]] = {}
    for s in speakers if isinstance(speakers, list) else []:
        if isinstance(s, dict) and isinstance(s.get("name"), str):
            aliases = tuple(a for a in s.get("aliases") or () if isinstance(a, str))
            out[s["name"]] = (aliases, s.get("title") if isinstance(s.get("title"), str) else None)
    return out


def _num(v: Any) -> float | None:
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def record_from_quote(q: dict[str, Any], source: str, meta: dict[str, Any],
                      speakers: dict[str, tuple[tuple[str, ...], str | None]] | None = None) -> QuoteRecord | None:
    """A quotecli quote object (or a JSONL quote line) -> a record; None when it has no quote text."""
    text = q.get("quote")
    if not isinstance(text, str) or not text.strip():
        return None
    speaker = q.get("speaker") if isinstance(q.get("speaker"), str) else None
    aliases, title = (speakers or {}).get(speaker or "", ((), None))
    para = q.get("paragraph")
    return QuoteRecord(
        quote=text, type=str(q.get("type") or "direct"), source=source, speaker=speaker,
        speaker_mention=q.get("speaker_mention") if isinstance(q.get("speaker_mention"), str) else None,
        speaker_type=q.get("speaker_type") if isinstance(q.get("speaker_type"), str) else None,
        aliases=aliases, title=title, confidence=_num(q.get("confidence")),
        paragraph=para if isinstance(para, int) and not isinstance(para, bool) else None,
        context=q.get("context") if isinstance(q.get("context"), str) else None, meta={**meta, **_meta(q)},
    )


def _gold_records(obj: dict[str, Any], source: str) -> list[QuoteRecord]:
    meta = _meta(obj)
    out = []
    for q in obj["quotes"]:
        if not isinstance(q, dict) or not isinstance(q.get("text"), str):
            continue
        speaker = q.get("speaker") if isinstance(q.get("speaker"), str) else None
        aliases = tuple(a for a in q.get("speaker_aliases") or () if isinstance(a, str))
        out.append(QuoteRecord(quote=q["text"], type=str(q.get("type") or "direct"), source=source,
                               speaker=speaker, aliases=aliases, meta=meta))
    return out


def _is_input_article(obj: dict[str, Any]) -> bool:
    """A line of an input corpus ({"id", "text", ...}), not a record of quotecli's output (which has a
    ``source``, and may carry the article's ``text``)."""
    return isinstance(obj.get("text"), str) and "source" not in obj and "schema_version" not in obj


def _is_gold(obj: dict[str, Any]) -> bool:
    qs = obj.get("quotes")
    return isinstance(obj.get("text"), str) and isinstance(qs, list) and \
        all(isinstance(q, dict) and "text" in q and "quote" not in q for q in qs)


class Loader:
    """Reads sources into a ``Corpus``; articles are extracted in chunks with one pipeline."""

    def __init__(self, fast: bool = False, err: Err | None = None, chunk: int = 8) -> None:
        self.fast, self.err, self.chunk = fast, err or (lambda m: None), chunk
        self.corpus = Corpus()
        self._pending: list[tuple[str, str, dict[str, Any]]] = []
        self._meta_by_source: dict[str, dict[str, Any]] = {}

    # ---- inputs -----------------------------------------------------------------------------------
    def load(self, inputs: list[str]) -> Corpus:
        for path in expand(inputs, self._fail):
            self._load_path(path)
        self._flush()
        for r in self.corpus.records:  # per-article records may come after their quote lines
            extra = self._meta_by_source.get(r.source)
            if extra:
                r.meta = {**extra, **r.meta}
        return self.corpus

    def _fail(self, msg: str) -> None:
        self.corpus.failed += 1
        self.err(msg)

    def _load_path(self, path: str) -> None:
        suffix = Path(path).suffix.lower()
        try:
            data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        except OSError as e:
            self._fail(f"{path}: cannot read ({e.strerror or e})")
            return
        from .read import decode

        try:
            text, _ = decode(data, path)
        except Exception as e:  # noqa: BLE001 - InputError (binary) and anything odd: one line
            self._fail(str(e) if path in str(e) else f"{path}: {e}")
            return
        if path == "-":  # stdin: quotecli output piped in, JSON or JSON Lines
            suffix = ".json" if text.lstrip()[:1] == "[" or "\n{" not in text.strip() else ".jsonl"
        if suffix in (".jsonl", ".ndjson"):
            self._load_jsonl(path, text)
        elif suffix == ".json":
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as e:
                self._fail(f"{path}: invalid JSON ({e.msg}, line {e.lineno})")
                return
            for i, item in enumerate(obj if isinstance(obj, list) else [obj]):
                self._load_object(item, path if not isinstance(obj, list) else f"{path}[{i}]", path)
        else:
            self.article(path, text, {})

    def _load_jsonl(self, path: str, text: str) -> None:
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                self._fail(f"{path}:{n}: invalid JSON ({e.msg})")
                continue
            if not isinstance(obj, dict):
                self._fail(f"{path}:{n}: not a JSON object")
                continue
            source = str(obj.get("source", obj.get("id", f"{path}:{n}")))
            if "quote" in obj:
                rec = record_from_quote(obj, source, {})
                if rec is not None:
                    self.corpus.records.append(rec)
                    self.corpus.articles.add(source)
            elif "error" in obj:
                self.err(f"{source}: skipped, its extraction failed ({obj['error']})")
            elif not obj.get("record") and (isinstance(obj.get("quotes"), list) or _is_input_article(obj)):
                self._load_object(obj, source, path)
            else:  # a per-article record ({"source", "record": "article", ...}): its meta, if any
                self.corpus.articles.add(source)
                if _meta(obj):
                    self._meta_by_source.setdefault(source, {}).update(_meta(obj))

    def _load_object(self, obj: Any, where: str, path: str) -> None:
        if not isinstance(obj, dict):
            self._fail(f"{where}: not a JSON object")
            return
        if "error" in obj and "quotes" not in obj:
            self.err(f"{obj.get('source', where)}: skipped, its extraction failed ({obj['error']})")
            return
        if _is_gold(obj):
            source = str(obj.get("id") or obj.get("source") or where)
            self.corpus.records.extend(_gold_records(obj, source))
            self.corpus.articles.add(source)
        elif isinstance(obj.get("quotes"), list):
            source = str(obj.get("source") or obj.get("id") or where)
            meta, speakers = _meta(obj), _speaker_info(obj.get("speakers"))
            self.corpus.articles.add(source)
            for q in obj["quotes"]:
                rec = record_from_quote(q, source, meta, speakers) if isinstance(q, dict) else None
                if rec is not None:
                    self.corpus.records.append(rec)
        elif isinstance(obj.get("text"), str):
            self.article(str(obj.get("id") or obj.get("source") or where), obj["text"], _meta(obj))
        else:
            self._fail(f"{where}: neither quotecli output nor an article (no 'quotes' or 'text')")

    # ---- articles, extracted on the fly ---------------------------------------------------------
    def article(self, source: str, text: str, meta: dict[str, Any]) -> None:
        self._pending.append((source, text, meta))
        if len(self._pending) >= self.chunk:
            self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        from .api import extract_many

        batch, self._pending = self._pending, []
        results = extract_many([(s, t) for s, t, _ in batch], fast=self.fast)
        for (source, _, meta), res in zip(batch, results, strict=True):
            self.corpus.articles.add(source)
            d = res.to_dict()
            speakers = _speaker_info(d.get("speakers"))
            for q in d.get("quotes", []):
                rec = record_from_quote(q, source, meta, speakers)
                if rec is not None:
                    self.corpus.records.append(rec)


def expand(inputs: list[str], fail: Err) -> Iterator[str]:
    """Files named, and the readable files under directories (JSON, JSON Lines, text); sorted."""
    for item in inputs:
        p = Path(item)
        if item == "-":
            yield item
        elif p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not f.name.startswith(".") and \
                        f.suffix.lower() in JSON_SUFFIXES | TEXT_SUFFIXES:
                    yield str(f)
        elif p.is_file():
            yield item
        else:
            fail(f"{item}: no such file")


def load_sources(inputs: list[str], fast: bool = False, err: Err | None = None) -> Corpus:
    """Every quotation of ``inputs`` (see the module docstring)."""
    return Loader(fast=fast, err=err).load(inputs)
