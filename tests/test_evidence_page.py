"""`--format html` opened in a real browser (headless Chromium through playwright): the page loads from a
file without console errors, shows every quote of the JSON, filters by speaker, is usable from the
keyboard, and renders markup in the article as text."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

PAGES = Path(__file__).parent / "pages"
SAMPLE = Path(__file__).parent.parent / "samples" / "banjir-menteri.txt"
INPUTS = [PAGES / "kompas-jembatan.html", PAGES / "detik-listrik.html", PAGES / "liputan6-festival.html", SAMPLE]


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


def test_page_is_self_contained(cli, tmp_path):
    out = tmp_path / "page.html"
    r = cli("extract", "--fast", "--format", "html", "-o", str(out), *map(str, INPUTS))
    assert r.returncode == 0, r.stderr
    page = out.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"<(?:link|img|iframe)\b|\bsrc=|url\(|@import", page)  # no assets to fetch


@pytest.fixture(scope="module")
def browser():
    path = _chromium()
    if path is None:
        pytest.skip("Chromium is not installed (Debian: apt-get install -y chromium; .ci/run installs it)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


def _open(browser, path: Path):
    """The page opened from its file, with the console errors, page errors and dialogs it raises."""
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")
    return page, problems


@pytest.fixture(scope="module")
def evidence(tmp_path_factory):
    """The evidence page and the JSON of the same inputs, from the real command."""
    from conftest import run_cli

    d = tmp_path_factory.mktemp("evidence")
    r = run_cli("extract", "--fast", "--format", "html", "-o", str(d / "page.html"), *map(str, INPUTS))
    assert r.returncode == 0, r.stderr
    j = run_cli("extract", "--fast", "--format", "json", "--with-text", *map(str, INPUTS))
    return d / "page.html", json.loads(j.stdout)


def test_page_loads_without_errors_and_shows_every_quote(browser, evidence):
    path, articles = evidence
    page, problems = _open(browser, path)
    sections = page.locator("section.article")
    assert sections.count() == len(articles)
    for n, art in enumerate(articles):
        sec = sections.nth(n)
        ids = sec.evaluate("s => [...new Set([...s.querySelectorAll('mark.q')].map(m => m.dataset.q))]")
        assert len(ids) == len(art["quotes"]) > 0
        shown = sec.evaluate("s => [...s.querySelectorAll('.text p')].map(p => p.textContent).join('\\n')")
        assert shown == art["text"]  # the whole text, unchanged: marks only wrap it
        for i, q in enumerate(art["quotes"]):
            words = sec.evaluate(f"s => [...s.querySelectorAll('mark.q[data-q=\"{i}\"]')]"
                                 ".map(m => m.textContent).join('')")
            assert words == q["quote"]
        counts = {b.get_attribute("data-spk"): int(b.locator(".n").inner_text())
                  for b in sec.locator(".legend button").all()}
        assert sum(counts.values()) == len(art["quotes"])
    furniture = sections.first.locator(".text p.noise").all_inner_texts()  # what quotecli read as site furniture
    assert furniture == ["Baca juga: Banjir Rendam Tiga Kecamatan di Kabupaten Sukamaju",
                         "SCROLL TO CONTINUE WITH CONTENT"]
    assert problems == []
    page.close()


def test_clicking_a_legend_entry_hides_the_other_speakers(browser, evidence):
    path, articles = evidence
    page, problems = _open(browser, path)
    sec = page.locator("section.article").last  # the sample: two speakers
    button = sec.locator(".legend button").first
    spk, n = button.get_attribute("data-spk"), int(button.locator(".n").inner_text())
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    styles = sec.evaluate("s => [...s.querySelectorAll('mark.q')].map(m => [m.dataset.spk, m.dataset.q, "
                          "getComputedStyle(m).backgroundColor, getComputedStyle(m).borderBottomStyle])")
    others = [s for s in styles if s[0] != spk]
    mine = [s for s in styles if s[0] == spk]
    assert others and all(bg == "rgba(0, 0, 0, 0)" and border == "none" for _, _, bg, border in others)
    assert all(border != "none" for *_, border in mine) and len({q for _, q, *_ in mine}) == n
    rows = sec.locator("table.quotes tbody tr")
    visible = [r.get_attribute("data-spk") for r in rows.all() if r.is_visible()]
    assert visible == [spk] * n
    button.click()  # again: everyone back
    assert sec.evaluate("s => s.querySelectorAll('mark.q.off').length") == 0
    assert len([r for r in rows.all() if r.is_visible()]) == len(articles[-1]["quotes"])
    assert problems == []
    page.close()


def test_quotes_are_reached_from_the_keyboard_with_their_details(browser, evidence):
    path, _ = evidence
    page, problems = _open(browser, path)
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('mark.q')"):
            break
    else:
        pytest.fail("no quote reachable with Tab")
    details = page.evaluate("document.activeElement.closest('section').querySelector('.details').textContent")
    assert "speaker:" in details and "confidence" in details and "rule:" in details
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.tagName") in ("BUTTON", "MARK", "A")
    assert problems == []
    page.close()


def test_markup_in_the_article_renders_as_text(browser, cli, tmp_path):
    out = tmp_path / "inject.html"
    r = cli("extract", "--fast", "--format", "html", "-o", str(out), str(PAGES / "injection.html"))
    assert r.returncode == 0, r.stderr
    page, problems = _open(browser, out)
    text = page.locator(".text").inner_text()
    assert "<script>alert(1)</script>" in text
    assert '"><img src=x onerror=alert(2)>' in text
    assert "</mark><b onmouseover=alert(3)>tebal</b>" in text
    assert page.locator("section.article h2").inner_text().startswith("Peretas <script>")
    assert 'Berita Uji "><b>' in page.locator("dl.meta").inner_text()
    assert page.evaluate("document.querySelectorAll('img, b, script').length") == 1  # only the page's own script
    page.locator("mark.q").first.hover()
    assert page.evaluate("document.querySelectorAll('img, b, script').length") == 1
    assert problems == []  # no alert() ran, nothing blocked by the page's own policy
    page.close()


def test_a_batch_page_lists_failed_inputs(browser, cli, tmp_path):
    out = tmp_path / "batch.html"
    r = cli("extract", "--fast", "--format", "html", "-o", str(out), str(PAGES / "cnn-cabai.html"),
            str(tmp_path / "missing.html"))
    assert r.returncode == 1
    page, problems = _open(browser, out)
    assert page.locator("nav.toc li").count() == 2
    assert "no such file" in page.locator("section.article").nth(1).locator(".error").inner_text()
    assert problems == []
    page.close()
