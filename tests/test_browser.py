"""The web reader in a real browser: Playwright drives the system Chromium (installed by
``.ci/run`` with apt-get; no browser is downloaded) against ``lawdiff serve`` on a free local
port. Screenshots of the main pages are written to ``tests/out/`` for review."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from lawdiff.serve import create_app
from tests.conftest import CORPUS

OUT = Path(__file__).parent / "out"


def _chromium() -> str:
    """The system Chromium binary (Debian installs the real one under /usr/lib/chromium)."""
    for candidate in ("/usr/lib/chromium/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    raise AssertionError("no system Chromium: install it with `apt-get install -y chromium` (see .ci/run)")


@pytest.fixture(scope="module")
def base_url():
    server = make_server("127.0.0.1", 0, create_app(CORPUS))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="module")
def page(base_url):
    OUT.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=["--no-sandbox"])
        pg = browser.new_page(viewport={"width": 1100, "height": 900})
        yield pg
        browser.close()


def _follow(page, selector: str) -> None:
    """Click a link or button that loads another page, and wait until that page has loaded
    (a click does not wait for the navigation it starts)."""
    with page.expect_navigation():
        page.click(selector)


def test_find_an_act_read_it_on_a_date_and_follow_a_redline(page, base_url):
    page.goto(base_url + "/")
    page.fill("input[name=q]", "Орал 2026")
    _follow(page, "nav button[type=submit]")
    rows = page.locator("table#works tbody tr")
    assert rows.count() == 1
    page.screenshot(path=str(OUT / "index.png"), full_page=True)
    with page.expect_navigation():
        rows.first.locator("a").click()
    page.fill("#at", "2026-03-01")
    _follow(page, "#show")
    assert "at=2026-03-01" in page.url
    banner = page.locator("#status").inner_text()
    assert "01.03.2026" in banner and "18.02.2026" in banner
    assert page.locator("h2.appendix").inner_text() == "1-қосымша"
    assert page.locator("table.tariffs tr[id]").count() == 76
    page.screenshot(path=str(OUT / "work-2999.png"), full_page=True)

    page.goto(base_url + "/works/330?at=2023-01-01&lang=en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "The changes made by" in page.locator("#status").inner_text()
    page.fill("#from", "2022-01-01")
    _follow(page, "#redline")
    assert "/diff?" in page.url
    assert page.locator("section.change").count() > 0
    page.screenshot(path=str(OUT / "redline-330.png"), full_page=True)


def test_timeline_history_and_comparison(page, base_url):
    page.goto(base_url + "/works/379?at=2023-01-01")
    _follow(page, "#timeline-link")
    assert page.locator("table#events tbody tr").count() >= 3
    page.screenshot(path=str(OUT / "timeline-379.png"), full_page=True)
    page.goto(base_url + "/compare?a=2999&b=668&at=2026-03-01")
    assert "әртүрлі өлшем бірліктерінде" in page.locator("#review-notes").inner_text()
    page.screenshot(path=str(OUT / "compare-2999-668.png"), full_page=True)


def _other_lang_text(page) -> str:
    """The visible text of the page outside elements marked with another language than the page."""
    return page.evaluate("""() => {
        const lang = document.documentElement.lang;
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        const out = [];
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const el = n.parentElement.closest('[lang]');
            if (el && el.lang === lang) out.push(n.textContent);
        }
        return out.join(' ');
    }""")


def test_switch_the_language_of_the_reader(page, base_url):
    """The language switch keeps the page (date, comparison) and changes every interface word
    and the page's lang; the act's own text keeps its language and says so."""
    page.goto(base_url + "/works/2999?at=2026-03-01")
    assert page.locator("html").get_attribute("lang") == "kk"
    assert page.locator("#show").inner_text() == "Көрсету"
    _follow(page, "#lang-switch a[data-lang=ru]")
    assert "lang=ru" in page.url and "at=2026-03-01" in page.url
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator("#show").inner_text() == "Показать"
    assert page.locator("h2.appendix").inner_text() == "Приложение 1"
    assert page.locator("#status").inner_text().startswith("На 01.03.2026 действует, если")
    assert page.locator(".act-text").get_attribute("lang") == "kk"
    assert page.locator("table.tariffs th").first.inner_text() == "№"
    page.screenshot(path=str(OUT / "work-2999-ru.png"), full_page=True)
    _follow(page, "#lang-switch a[data-lang=en]")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("#timeline-link").inner_text() == "Timeline"
    _follow(page, "#timeline-link")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("table#events tr[data-kind=adopted] td").first.inner_text() == "adopted"
    _follow(page, "#lang-switch a[data-lang=kk]")
    assert page.locator("table#events tr[data-kind=adopted] td").first.inner_text() == "қабылданды"
    page.goto(base_url + "/compare?a=2999&b=668&at=2026-03-01&lang=ru")
    assert page.locator("html").get_attribute("lang") == "ru"
    summary = page.locator("#summary").inner_text()
    assert "Изменено" in summary and "Өзгертілді" not in summary and "changed" not in summary
    assert "цены в разных единицах измерения" in page.locator("#review-notes").inner_text()
    row = page.locator("section#row_2")
    assert row.locator("p.text").get_attribute("lang") == "kk"
    assert row.locator("h2").inner_text().startswith("строка 2:")
    ru_only = _other_lang_text(page)
    for kazakh in ("Өзгертілді", "Қорытынды", "Бағалардың", "бір қызмет үшін", "ескертпе"):
        assert kazakh not in ru_only
    page.screenshot(path=str(OUT / "compare-2999-668-ru.png"), full_page=True)


def test_errors_are_pages(page, base_url):
    response = page.goto(base_url + "/works/kz/nowhere/order/2020/1")
    assert response.status == 404 and page.locator("#error").is_visible()
    response = page.goto(base_url + "/works/2999?at=2026-02-30")
    assert response.status == 400 and "is not a date" in page.locator("#error").inner_text()
