"""``--format html``: one self-contained evidence page for one article or a batch.

Each article's text is shown with every quotation highlighted in its speaker's colour (Okabe-Ito, a
colour-blind-safe palette, with the speaker's number on each quote so colour is never the only cue);
direct quotes are filled, mixed ones filled with a dotted rule, indirect (reported) speech has a dashed
rule and no fill; the cue is bold and underlined, the speaker mention boxed. A legend of speakers with
their counts filters the article when clicked; each quote shows its speaker, cue, confidence and rule on
hover (title) and on keyboard focus (a details line). Every piece of input text is escaped, and a
Content-Security-Policy with a per-page nonce lets only the page's own style and script run: no
network assets, no script or markup from the article.
"""
from __future__ import annotations

import html
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from . import segment
from .model import ArticleResult, Quote

PALETTE = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"]  # Okabe-Ito
UNKNOWN_COLOUR = "#999999"
_PRIORITY = {"q": 0, "cue": 1, "who": 2}  # nesting order when spans start and end together


def _e(s: object) -> str:
    return html.escape(str(s), quote=True)


def _tint(hex_colour: str, alpha: float = 0.30) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def evidence_page(results: Iterable[ArticleResult], title: str = "quotecli evidence page") -> str:
    """The whole page as a string: articles in input order, each with its legend, text and quote list."""
    results = list(results)
    nonce = secrets.token_urlsafe(16)
    sections = [_article(a, r) for a, r in enumerate(results)]
    toc = _toc(results) if len(results) > 1 else ""
    csp = (f"default-src 'none'; style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; img-src 'none'; "
           "base-uri 'none'; form-action 'none'")
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="id">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f'<style nonce="{nonce}">{_css()}</style>',
        "</head>",
        "<body>",
        f'<header class="top"><h1>{_e(title)}</h1>{_key()}</header>',
        toc,
        "<main>",
        *sections,
        "</main>",
        f'<script nonce="{nonce}">{_JS}</script>',
        "</body>",
        "</html>",
        "",
    ])


def _css() -> str:
    colours = "".join(f".c{k}{{--c:{c};--bg:{_tint(c)}}}" for k, c in enumerate(PALETTE))
    return colours + f".cu{{--c:{UNKNOWN_COLOUR};--bg:{_tint(UNKNOWN_COLOUR)}}}" + _CSS


_CSS = """
body{font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1a1a1a;background:#fafafa}
header.top,main,nav.toc{max-width:60rem;margin:0 auto;padding:0 1rem}
header.top h1{font-size:1.3rem;margin:1rem 0 .3rem}
.key{font-size:.85rem;color:#444;margin:0 0 1rem}
.key mark{margin:0 .3rem}
section.article{background:#fff;border:1px solid #ddd;border-radius:6px;padding:1rem 1.5rem;margin:1rem 0}
section.article h2{font-size:1.25rem;margin:.2rem 0}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:0 .8rem;font-size:.85rem;color:#444;margin:.3rem 0 .8rem}
dl.meta dt{font-weight:600}dl.meta dd{margin:0;overflow-wrap:anywhere}
.legend{display:flex;flex-wrap:wrap;gap:.4rem;margin:.5rem 0}
.legend button{font:inherit;font-size:.9rem;border:2px solid var(--c,#666);background:#fff;border-radius:1rem;
 padding:.1rem .7rem;cursor:pointer}
.legend button[aria-pressed=true]{background:var(--bg,#eee);font-weight:600}
.legend button:focus-visible,mark.q:focus-visible,a:focus-visible{outline:3px solid #000;outline-offset:2px}
.legend .sw{display:inline-block;width:.8rem;height:.8rem;border-radius:50%;background:var(--c);margin-right:.3rem}
.legend .num{font-weight:700;margin-right:.3rem}
.legend .n{color:#555;margin-left:.3rem}
.details{min-height:1.6em;font-size:.9rem;background:#f2f2f2;border-radius:4px;padding:.2rem .5rem}
.text p{white-space:pre-wrap;margin:.5rem 0}
.text p.headline{font-weight:700;font-size:1.1rem}
.text p.noise{color:#767676;font-size:.85rem}
mark.q{color:inherit;padding:0 1px;border-bottom:3px solid var(--c);background:var(--bg)}
mark.q.t-mixed{border-bottom-style:dotted}
mark.q.t-indirect{background:transparent;border-bottom-style:dashed}
mark.q[data-n]::before{content:attr(data-n);font-size:.7em;font-weight:700;vertical-align:super;
 color:#000;background:var(--c);border-radius:3px;padding:0 3px;margin-right:2px}
.cue{font-weight:700;text-decoration:underline}
.who{outline:2px solid var(--c);border-radius:3px}
mark.q.off{background:none;border-bottom:none}
mark.q.off::before{content:none}
.who.off{outline:none}
table.quotes{border-collapse:collapse;width:100%;font-size:.85rem;margin:.8rem 0}
table.quotes th,table.quotes td{border-top:1px solid #ddd;padding:.2rem .4rem;text-align:left;vertical-align:top}
table.quotes .sw{display:inline-block;width:.7rem;height:.7rem;border-radius:50%;background:var(--c)}
.error{color:#a00;font-weight:600}
nav.toc ul{font-size:.9rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
"""

_JS = """
document.querySelectorAll('section.article').forEach(function (sec) {
  var details = sec.querySelector('.details');
  function filter(k) {
    sec.dataset.only = k;
    sec.querySelectorAll('.legend button').forEach(function (b) {
      b.setAttribute('aria-pressed', String(k !== '' && b.dataset.spk === k));
    });
    sec.querySelectorAll('mark.q, .who').forEach(function (m) {
      m.classList.toggle('off', k !== '' && m.dataset.spk !== k);
    });
    sec.querySelectorAll('tr[data-spk]').forEach(function (r) {
      r.hidden = k !== '' && r.dataset.spk !== k;
    });
  }
  sec.querySelectorAll('.legend button').forEach(function (b) {
    b.addEventListener('click', function () {
      filter(sec.dataset.only === b.dataset.spk ? '' : b.dataset.spk);
    });
  });
  function show(e) {
    details.textContent = e.currentTarget.getAttribute('data-tip');
  }
  sec.querySelectorAll('mark.q').forEach(function (m) {
    m.addEventListener('focus', show);
    m.addEventListener('mouseenter', show);
  });
});
"""


def _key() -> str:
    return ('<p class="key">Key: <mark class="q t-direct cu">direct quote</mark>'
            '<mark class="q t-mixed cu">quoted fragment in reported speech</mark>'
            '<mark class="q t-indirect cu">reported (indirect) speech</mark>'
            '<span class="cue">cue</span> <span class="who cu">speaker mention</span>. '
            "Click a speaker to show only their quotes; hover or Tab onto a quote for its details.</p>")


def _toc(results: list[ArticleResult]) -> str:
    items = []
    for a, r in enumerate(results):
        label = (r.meta or {}).get("title") or r.source
        n = "error" if r.error is not None else f"{len(r.quotes)} quotes"
        items.append(f'<li><a href="#a{a}">{_e(label)}</a> ({n})</li>')
    return f'<nav class="toc" aria-label="Articles"><ul>{"".join(items)}</ul></nav>'


# ---- one article ------------------------------------------------------------------------------------

def _speaker_ids(quotes: list[Quote], order: list[str]) -> dict[str | None, str]:
    """Speaker name -> the id used in classes and data-spk: its index in the legend, 'u' for unknown."""
    names = [n for n in order if any(q.speaker == n for q in quotes)]
    names += [q.speaker for q in quotes if q.speaker is not None and q.speaker not in names]
    ids: dict[str | None, str] = {n: str(k) for k, n in enumerate(dict.fromkeys(names))}
    ids[None] = "u"
    return ids


def _colour_class(spk: str) -> str:
    return "cu" if spk == "u" else f"c{int(spk) % len(PALETTE)}"


def _article(a: int, r: ArticleResult) -> str:
    meta = r.meta or {}
    heading = meta.get("title") or r.source
    head = f'<h2>{_e(heading)}</h2>{_meta_list(r)}'
    if r.error is not None:
        return f'<section class="article" id="a{a}">{head}<p class="error">{_e(r.error)}</p></section>'
    ids = _speaker_ids(r.quotes, [s.name for s in r.speakers])
    body = _text(a, r, ids) if r.text is not None else '<p class="error">(no text: run with --with-text)</p>'
    return (f'<section class="article" id="a{a}" data-only="">{head}'
            f'{_legend(r, ids)}<p class="details" aria-live="polite">'
            f"{len(r.quotes)} quotes. Hover or focus a quote for its details.</p>"
            f'<div class="text">{body}</div>{_quote_table(a, r, ids)}</section>')


def _meta_list(r: ArticleResult) -> str:
    rows = [("source", _e(r.source))]
    for key in ("date", "author", "site"):
        if (r.meta or {}).get(key):
            rows.append((key, _e(r.meta[key])))  # type: ignore[index]
    url = (r.meta or {}).get("url")
    if url:
        link = f'<a href="{_e(url)}" rel="noopener noreferrer nofollow">{_e(url)}</a>'
        rows.append(("url", link if url.lower().startswith(("http://", "https://")) else _e(url)))
    return '<dl class="meta">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>"


def _legend(r: ArticleResult, ids: dict[str | None, str]) -> str:
    counts: dict[str, int] = {}
    for q in r.quotes:
        counts[ids[q.speaker]] = counts.get(ids[q.speaker], 0) + 1
    names = {v: k for k, v in ids.items()}
    buttons = []
    for spk, n in counts.items():
        name = names[spk] if spk != "u" else "unknown speaker"
        num = "?" if spk == "u" else str(int(spk) + 1)
        buttons.append(f'<button type="button" class="spk {_colour_class(spk)}" data-spk="{spk}" aria-pressed="false">'
                       f'<span class="sw" aria-hidden="true"></span><span class="num">{num}</span>{_e(name)}'
                       f'<span class="n">{n}</span></button>')
    if not buttons:
        return '<p class="legend">No quotations found.</p>'
    return f'<div class="legend" role="group" aria-label="Speakers: click to show only theirs">{"".join(buttons)}</div>'


def _tip(q: Quote) -> str:
    who = q.speaker or "unknown"
    parts = [f"{q.type} quote", f"speaker: {who}" + (f" ({q.speaker_type})" if q.speaker_type else "")]
    if q.speaker_mention:
        parts.append(f"mention: “{q.speaker_mention}”")
    if q.cue:
        parts.append(f"cue: “{q.cue}”")
    if q.via:
        parts.append(f"via {q.via}")
    parts += [f"confidence {q.confidence:.2f}", f"rule: {q.rule or '-'}"]
    return " · ".join(parts)


def _quote_table(a: int, r: ArticleResult, ids: dict[str | None, str]) -> str:
    if not r.quotes:
        return ""
    rows = []
    for i, q in enumerate(r.quotes):
        spk = ids[q.speaker]
        rows.append(
            f'<tr data-spk="{spk}" class="{_colour_class(spk)}"><td><a href="#a{a}-q{i}">{i + 1}</a></td>'
            f'<td>{_e(q.type)}</td><td><span class="sw" aria-hidden="true"></span> {_e(q.speaker or "unknown")}</td>'
            f"<td>{_e(q.cue or '')}</td><td>{_e(q.quote)}</td><td>{q.confidence:.2f}</td><td>{_e(q.rule)}</td></tr>")
    return ('<table class="quotes"><caption class="visually-hidden">Quotes</caption><thead><tr><th>#</th>'
            "<th>type</th><th>speaker</th><th>cue</th><th>quote</th><th>conf.</th><th>rule</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


# ---- the text with its marks ------------------------------------------------------------------------

@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    kind: str  # q | cue | who
    quote: int  # index of the quote it belongs to


def _spans(quotes: list[Quote]) -> list[_Span]:
    out: list[_Span] = []
    seen: set[tuple[int, int, str]] = set()
    for i, q in enumerate(quotes):
        out.append(_Span(q.start, q.end, "q", i))
        for kind, span in (("cue", q.cue_span), ("who", q.speaker_span)):
            if span and (span[0], span[1], kind) not in seen and span[1] > span[0]:
                seen.add((span[0], span[1], kind))
                out.append(_Span(span[0], span[1], kind, i))
    return out


def _text(a: int, r: ArticleResult, ids: dict[str | None, str]) -> str:
    text = r.text or ""
    spans = _spans(r.quotes)
    opened: set[int] = set()  # quotes whose first piece is written (it carries the id and tabindex)
    paras = []
    for p in segment.paragraphs(text):  # the lines as quotecli read them: headline and site furniture greyed
        cls = ' class="headline"' if p.title else ' class="noise"' if p.noise else ""
        inside = [s for s in spans if s.start < p.end and s.end > p.start]
        paras.append(f"<p{cls}>{_line(text, p.start, p.end, inside, a, r, ids, opened)}</p>")
    return "".join(paras)


def _line(text: str, start: int, end: int, spans: list[_Span], a: int, r: ArticleResult,
          ids: dict[str | None, str], opened: set[int]) -> str:
    """One line of the text, its spans nested properly: where spans cross, the inner one is closed and
    opened again (a quote cut into pieces keeps one data-q)."""
    cuts = sorted({start, end} | {max(start, s.start) for s in spans} | {min(end, s.end) for s in spans})
    out: list[str] = []
    stack: list[_Span] = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        want = sorted((s for s in spans if s.start <= lo and s.end >= hi),
                      key=lambda s: (s.start, -s.end, _PRIORITY[s.kind]))
        keep = 0
        while keep < len(stack) and keep < len(want) and stack[keep] == want[keep]:
            keep += 1
        for _ in range(len(stack) - keep):
            out.append(_close(stack.pop()))
        for s in want[keep:]:
            out.append(_open(s, a, r, ids, opened))
            stack.append(s)
        out.append(html.escape(text[lo:hi], quote=False))
    out.extend(_close(s) for s in reversed(stack))
    return "".join(out)


def _open(s: _Span, a: int, r: ArticleResult, ids: dict[str | None, str], opened: set[int]) -> str:
    q = r.quotes[s.quote]
    spk = ids[q.speaker]
    if s.kind == "cue":
        return f'<span class="cue" data-q="{s.quote}">'
    if s.kind == "who":
        return f'<span class="who {_colour_class(spk)}" data-spk="{spk}">'
    first = s.quote not in opened
    opened.add(s.quote)
    tip = _e(_tip(q))
    extra = f' id="a{a}-q{s.quote}" tabindex="0" data-n="{"?" if spk == "u" else int(spk) + 1}"' if first else ""
    return (f'<mark class="q t-{_e(q.type)} {_colour_class(spk)}" data-q="{s.quote}" data-spk="{spk}" '
            f'title="{tip}" data-tip="{tip}"{extra}>')


def _close(s: _Span) -> str:
    return "</mark>" if s.kind == "q" else "</span>"
