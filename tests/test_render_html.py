"""The evidence page's markup, whatever the text and however the spans cross (no browser needed): the
page parses into balanced tags, shows the text unchanged, and each quote's marks hold exactly its words;
and on real extraction output, markup in the input never becomes markup in the page."""
from __future__ import annotations

import os
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from quotecli import extract
from quotecli.model import ArticleResult, Quote
from quotecli.render_html import evidence_page

EXAMPLES = int(os.environ.get("QUOTECLI_FUZZ_EXAMPLES", "200"))
VOID = {"meta", "br", "img", "input", "link", "hr"}


class Page(HTMLParser):
    """The article text (paragraphs joined by newlines), the words under each quote's marks, and whether
    every tag closes in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.balanced = True
        self.paras: list[str] = []
        self.marked: dict[str, str] = {}
        self.tags: list[str] = []

    def _in_text(self) -> bool:
        return any(t == "div" and a.get("class") == "text" for t, a in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._in_text():
            self.tags.append(tag)
            if tag == "p":
                self.paras.append("")
        if tag not in VOID:
            self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1][0] != tag:
            self.balanced = False
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not self._in_text() or not self.paras:
            return
        self.paras[-1] += data
        for tag, attrs in self.stack:
            if tag == "mark":
                q = attrs.get("data-q") or ""
                self.marked[q] = self.marked.get(q, "") + data


def _parse(page: str) -> Page:
    p = Page()
    p.feed(page)
    p.close()
    return p


ALPHABET = st.sampled_from(list("ab <>&\"'“”\n=/") + ["<script>", "</mark>", "&amp;", "<b>", "\u202e", "😀"])


@st.composite
def results(draw: st.DrawFn) -> ArticleResult:
    text = "".join(draw(st.lists(ALPHABET, min_size=1, max_size=60)))
    n = len(text)
    quotes = []
    for _ in range(draw(st.integers(0, 6))):
        s = draw(st.integers(0, n - 1))
        e = draw(st.integers(s + 1, n))
        span = st.one_of(st.none(), st.integers(0, n - 1).flatmap(
            lambda a: st.integers(a + 1, n).map(lambda b, a=a: [a, b])))
        cue, who = draw(span), draw(span)
        quotes.append(Quote(
            quote=text[s:e], type=draw(st.sampled_from(["direct", "mixed", "indirect"])), start=s, end=e,
            speaker=draw(st.sampled_from([None, "Budi", '"><img src=x onerror=alert(1)>', "Ani & Co"])),
            speaker_mention=text[who[0]:who[1]] if who else None, speaker_span=who,
            cue=text[cue[0]:cue[1]] if cue else None, cue_span=cue, confidence=0.5, rule="after"))
    return ArticleResult(source="<b>src</b>", quotes=quotes, text=text, meta={"title": "<i>judul</i>"})


@settings(max_examples=EXAMPLES, deadline=None)
@given(results())
def test_any_spans_give_balanced_markup_the_text_unchanged_and_each_quote_its_words(result):
    page = _parse(evidence_page([result]))
    assert page.balanced and not page.stack
    assert "\n".join(page.paras) == result.text
    assert set(page.tags) <= {"p", "mark", "span"}  # nothing from the input became an element
    for i, q in enumerate(result.quotes):
        assert page.marked.get(str(i), "") == q.quote.replace("\n", "")


def test_real_output_with_markup_in_the_article():
    text = ('JAKARTA - Pakar keamanan Bima Santoso menjelaskan serangan itu.\n'
            '"Pelaku menulis <script>alert(1)</script> dan "><img src=x onerror=alert(2)> di kolom komentar," '
            "kata Bima Santoso.\n")
    result = extract(text, "<script>.txt", fast=True)
    result.text = text
    page = evidence_page([result])
    assert "<script>alert(1)" not in page and "<img" not in page
    parsed = _parse(page)
    assert "\n".join(parsed.paras) == text
    assert parsed.marked["0"] == result.quotes[0].quote
