"""Web pages in: HTML files, HTML in JSON Lines corpora, and URLs -> article text + metadata.

The article body and its metadata are taken with trafilatura (paragraphs kept one per line, quotation
marks kept as they are, navigation, related-article boxes and comments dropped). The headline is put
on the first line, as in a plain-text article, so that quotecli's segmenter treats it as a headline.
What trafilatura leaves behind that is site furniture ("Baca juga: ...", "Pewarta: ...") is handled by
quotecli's own noise lines (quotecli/data/noise.txt), as for text inputs; see docs/web.md.

URLs are fetched with the standard library: a timeout, a size limit, redirects (at most 10), a user
agent that names quotecli, and the charset from the headers or the page. Every failure becomes a
one-line error on the document, never an exception.
"""
from __future__ import annotations

import codecs
import re
import socket
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .errors import InputError
from .read import DEFAULT_MAX_CHARS, Document, read_file_bytes, read_jsonl

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
USER_AGENT = f"quotecli/{__version__} (quotation extraction; +https://github.com/quotecli/quotecli)"
DEFAULT_TIMEOUT = 20.0
META_FIELDS = ("title", "date", "author", "site", "url")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# author metadata that Indonesian sites use and trafilatura does not read
_AUTHOR_META = re.compile(
    r"""<meta\s+(?:name|property)\s*=\s*["'](?:content_author|dtk:author|author|article:author)["']\s+"""
    r"""content\s*=\s*["']([^"'<>]{2,120})["']""", re.IGNORECASE)


@dataclass
class WebDocument(Document):
    """A Document made from a web page: ``text`` is the extracted article, ``meta`` what the page says
    about it (title, date, author, site, url; only the keys the page has)."""

    meta: dict[str, str] | None = None  # None: a text input kept for --with-text


def is_url(item: str) -> bool:
    """True for http(s) URLs given as inputs."""
    return item.lower().startswith(("http://", "https://"))


def is_html_path(path: str) -> bool:
    return Path(path).suffix.lower() in HTML_SUFFIXES


# ---- HTML -> article --------------------------------------------------------------------------------

def html_to_article(html: str, url: str | None = None) -> tuple[str, dict[str, str]]:
    """An HTML page -> (article text, metadata). The text is the headline, then one paragraph a line.

    Raises InputError when the page has no article text."""
    import trafilatura

    doc = trafilatura.bare_extraction(rescue_loose_text(html), url=url, with_metadata=True, include_comments=False,
                                      include_tables=True, include_formatting=False, include_links=False,
                                      include_images=False, deduplicate=False)
    body = _clean_body(getattr(doc, "text", None) or "") if doc is not None else ""
    if not body.strip():
        raise InputError("no article text found in the page")
    meta = _meta(doc, html, url)
    title = meta.get("title", "")
    first = body.split("\n", 1)[0].strip()
    text = body if not title or first == title.strip() else f"{title.strip()}\n{body}"
    return text, meta


_BLOCKS = {"div", "table", "figure", "section", "aside", "ins", "iframe", "ul", "ol", "blockquote", "script",
           "style", "nav", "form", "header", "footer", "amp-ad", "amp-iframe", "amp-img", "noscript"}
_CONTAINERS = {"div", "td", "article", "section", "main", "body"}


def rescue_loose_text(html: str) -> str:
    """Wrap body text that follows a block (an ad, a related box, a comment) loose in its container, up to
    the next <br> or block, in a <p> of its own: trafilatura drops such text along with the block before
    it (detik-style bodies: '<div class="parallaxindetail">...</div><!--e:...-->Sari mengatakan ...')."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return html
    changed = False
    for el in list(root.iter()):
        tag = el.tag if isinstance(el.tag, str) else "#comment"
        parent = el.getparent()
        if (tag in _BLOCKS or tag == "#comment") and el.tail and el.tail.strip() and parent is not None \
                and parent.tag in _CONTAINERS:
            _wrap_tail(el)
            changed = True
    return lxml.html.tostring(root, encoding="unicode") if changed else html


def _wrap_tail(el: Any) -> None:
    import lxml.html

    p = lxml.html.Element("p")
    p.text, el.tail = el.tail, None
    nxt = el.getnext()
    while nxt is not None and isinstance(nxt.tag, str) and nxt.tag not in _BLOCKS | {"br", "p"}:
        following = nxt.getnext()
        p.append(nxt)
        nxt = following
    el.addnext(p)


def _clean_body(text: str) -> str:
    """One paragraph a line: blank lines and trailing spaces dropped (quotation marks untouched)."""
    lines = (line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line.strip())


def _meta(doc: Any, html: str, url: str | None) -> dict[str, str]:
    values = {
        "title": getattr(doc, "title", None),
        "date": getattr(doc, "date", None),
        "author": getattr(doc, "author", None) or _author_fallback(html),
        "site": getattr(doc, "sitename", None) or getattr(doc, "hostname", None),
        "url": url or getattr(doc, "url", None),
    }
    return {k: " ".join(str(v).split()) for k, v in values.items() if v and str(v).strip()}


def _author_fallback(html: str) -> str | None:
    m = _AUTHOR_META.search(html[:200_000])
    return m.group(1).strip() if m else None


# ---- bytes -> HTML ----------------------------------------------------------------------------------

def decode_html(data: bytes, charset: str | None = None) -> str:
    """Bytes of a page -> str: the charset from the headers, else from the page's <meta>, else UTF-8
    (cp1252 when the bytes are not UTF-8)."""
    for name in (charset, _sniff_charset(data)):
        if name and _known_codec(name):
            return data.decode(name, errors="replace")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _sniff_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


def _known_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
        return True
    except LookupError:
        return False


def _page_document(source: str, data: bytes, max_chars: int, charset: str | None = None,
                   url: str | None = None) -> WebDocument:
    if b"\x00" in data[:8192]:
        raise InputError(f"{source}: binary file, not an HTML page")
    text, meta = html_to_article(decode_html(data, charset), url)
    if max_chars and len(text) > max_chars:
        raise InputError(f"{source}: {len(text)} characters, over the limit of --max-chars {max_chars}")
    return WebDocument(source, text, meta=meta)


def read_html(path: str, max_chars: int = DEFAULT_MAX_CHARS) -> Document:
    """An HTML file ('-' is stdin) -> its article; problems become ``error``, never exceptions."""
    limit = 8 * max_chars + 65536 if max_chars else -1  # pages carry markup: bytes, not characters
    try:
        if path == "-":
            data = sys.stdin.buffer.read(limit)
        else:
            p = Path(path)
            if not p.exists():
                raise InputError(f"{path}: no such file")
            if p.is_dir():
                raise InputError(f"{path}: is a directory (pass its files, or use a glob)")
            if max_chars and p.stat().st_size > limit:
                raise InputError(f"{path}: {p.stat().st_size} bytes, over the limit for --max-chars {max_chars}")
            data = read_file_bytes(path, limit, max_chars)  # regular files only: a FIFO never blocks
        return _page_document(path, data, max_chars)
    except InputError as e:
        msg = str(e)
        return Document(path, error=msg if msg.startswith(path) else f"{path}: {msg}")
    except OSError as e:
        return Document(path, error=f"{path}: cannot read ({e.strerror or e})")


def read_html_jsonl(path: str, id_field: str, html_field: str,
                    max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Document]:
    """A JSON Lines corpus whose ``html_field`` holds each article's page."""
    for d in read_jsonl(path, id_field, html_field, 8 * max_chars + 65536 if max_chars else 0):
        if d.error is not None or d.text is None:
            yield d
            continue
        try:
            yield _page_document(d.source, d.text.encode("utf-8"), max_chars, "utf-8")
        except InputError as e:
            msg = str(e)
            yield Document(d.source, error=msg if msg.startswith(d.source) else f"{d.source}: {msg}")


# ---- URLs -------------------------------------------------------------------------------------------

@dataclass
class Fetched:
    url: str  # after redirects
    data: bytes
    content_type: str
    charset: str | None


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects are followed (at most 10) to http(s) URLs only, never to ftp: or file:."""

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:
        if not is_url(newurl):
            raise InputError(f"{req.full_url}: redirected to {newurl.split(':', 1)[0]}:, not an http(s) URL")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = 10_000_000) -> Fetched:
    """GET a page. Raises InputError with one line a user can act on."""
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.5"})
    opener = urllib.request.build_opener(_HttpOnlyRedirects())
    try:
        with opener.open(req, timeout=timeout) as resp:
            length = resp.headers.get("Content-Length")
            if max_bytes and length and length.isdigit() and int(length) > max_bytes:
                raise InputError(f"{url}: {length} bytes, over the limit of {max_bytes} bytes")
            data = resp.read(max_bytes + 1 if max_bytes else -1)
            if max_bytes and len(data) > max_bytes:
                raise InputError(f"{url}: over the limit of {max_bytes} bytes")
            ctype = resp.headers.get_content_type()
            return Fetched(resp.geturl(), data, ctype, resp.headers.get_content_charset())
    except InputError:
        raise
    except urllib.error.HTTPError as e:
        raise InputError(f"{url}: HTTP {e.code} {e.reason}") from None
    except urllib.error.URLError as e:
        raise InputError(f"{url}: {_why(e.reason, timeout)}") from None
    except TimeoutError:
        raise InputError(f"{url}: no answer within {timeout:g} s (timed out)") from None
    except (OSError, ValueError) as e:
        raise InputError(f"{url}: cannot fetch ({e})") from None


def _why(reason: Any, timeout: float) -> str:
    if isinstance(reason, TimeoutError):
        return f"no answer within {timeout:g} s (timed out)"
    if isinstance(reason, socket.gaierror):
        return "cannot resolve the host name: offline, or no such host"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused: offline, or nothing listens there"
    if isinstance(reason, OSError) and reason.errno in (101, 113):  # network / host unreachable
        return "network unreachable: offline?"
    return f"cannot fetch ({getattr(reason, 'strerror', None) or reason})"


def read_url(url: str, max_chars: int = DEFAULT_MAX_CHARS, timeout: float = DEFAULT_TIMEOUT) -> Document:
    """A URL -> its article (HTML pages; plain text is read as text)."""
    try:
        got = fetch(url, timeout, max_bytes=8 * max_chars + 65536 if max_chars else 0)
        if got.content_type in _HTML_TYPES:
            doc = _page_document(url, got.data, max_chars, got.charset, got.url)
            return doc
        if got.content_type == "text/plain":
            text = decode_html(got.data, got.charset)
            if max_chars and len(text) > max_chars:
                raise InputError(f"{url}: {len(text)} characters, over the limit of --max-chars {max_chars}")
            return WebDocument(url, text, meta={"url": got.url})
        raise InputError(f"{url}: not an HTML page (Content-Type {got.content_type})")
    except InputError as e:
        msg = str(e)
        return Document(url, error=msg if msg.startswith(url) else f"{url}: {msg}")


def read_web(path: str, input_format: str = "text", max_chars: int = DEFAULT_MAX_CHARS,
             timeout: float = DEFAULT_TIMEOUT) -> Document | None:
    """The document for a URL, an .html file or any input with --input-format html; None for inputs
    that are not web pages (read as text)."""
    if is_url(path):
        return read_url(path, max_chars, timeout)
    if input_format == "html" or (path != "-" and is_html_path(path)):
        return read_html(path, max_chars)
    return None


# ---- hooks for batch.py -----------------------------------------------------------------------------

def documents(path: str, opts: Any) -> Iterator[Document] | None:
    """The documents of one input when it is a web page (a URL, an .html file, any input with
    ``--input-format html``, a JSONL corpus with ``--html-field``); None for any other input."""
    if opts.input_format == "jsonl":
        if opts.html_field is None:
            return None
        return read_html_jsonl(path, opts.id_field, opts.html_field, opts.max_chars)
    doc = read_web(path, opts.input_format, opts.max_chars, opts.timeout)
    return None if doc is None else iter([doc])


def keep_text(docs: Any, opts: Any) -> Iterator[Document]:
    """Text documents, marked to carry their text into the output when ``--with-text`` is given."""
    for d in docs:
        if opts.with_text and d.error is None and not isinstance(d, WebDocument):
            yield WebDocument(d.source, d.text, d.error, list(d.warnings), d.key)
        else:
            yield d


def attach(result: Any, doc: Document) -> None:
    """Copy a web page's meta and the analysed text onto its result (offsets index that text)."""
    if isinstance(doc, WebDocument) and result.error is None:
        result.text = doc.text
        if doc.meta is not None:
            result.meta = dict(doc.meta)
