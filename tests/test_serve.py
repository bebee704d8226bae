"""``lawdiff serve``: the pages and their /api/ twins, through Flask's test client, on the
shipped corpus. Every page must parse as HTML without errors."""

from __future__ import annotations

import html5lib
import pytest

from lawdiff import api
from lawdiff.corpus import Corpus
from lawdiff.serve import create_app
from tests.conftest import CORPUS

W2999 = "kz/oral-akimat/resolution/2025/2999"


@pytest.fixture(scope="module")
def client():
    return create_app(CORPUS).test_client()


def _parse(html: str):
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(html)


def test_index_lists_and_searches(client):
    page = client.get("/")
    assert page.status_code == 200
    doc = _parse(page.get_data(as_text=True))
    assert len(doc.findall(".//table[@id='works']/tbody/tr")) == len(api.list_works(Corpus(CORPUS)))
    found = _parse(client.get("/?q=Бәйтерек").get_data(as_text=True))
    rows = found.findall(".//table[@id='works']/tbody/tr")
    assert [r.get("data-work") for r in rows] == ["kz/baiterek-akimat/resolution/2025/668"]
    assert client.get("/api/works?q=2999").get_json()[0]["work"] == W2999


def test_work_page_on_a_date(client):
    page = client.get(f"/works/{W2999}?at=2026-03-01")
    assert page.status_code == 200
    doc = _parse(page.get_data(as_text=True))
    assert doc.get("lang") == "kk"
    assert doc.find(".//input[@id='at']").get("value") == "2026-03-01"
    banner = doc.find(".//section[@id='status']")
    assert banner.get("data-status") == "in-force-unconfirmed"
    assert "18.02.2026" in "".join(banner.itertext())
    assert doc.find(".//p[@class='citation']").text.endswith("№ 2999 қаулысы")


def test_api_is_the_json_of_show(client):
    data = client.get(f"/api/works/{W2999}?at=2026-03-01").get_json()
    assert data == api.show(Corpus(CORPUS), W2999, __import__("datetime").date(2026, 3, 1)).to_json()


def test_russian_interface(client):
    doc = _parse(client.get(f"/works/{W2999}?at=2026-03-01&lang=ru").get_data(as_text=True))
    assert doc.get("lang") == "ru"
    assert doc.find(".//div[@class='act-text']").get("lang") == "kk"
    assert "На 01.03.2026 действует, если" in "".join(doc.find(".//section[@id='status']").itertext())


@pytest.mark.parametrize("path", ["/works/kz/mlsp/order/2018/379/timeline", "/works/330/history?at=2023-01-01",
                                  "/works/330/diff?from=2022-01-01&to=2023-01-01",
                                  "/compare?a=2999&b=668&at=2026-03-01"])
def test_other_pages_parse(client, path):
    page = client.get(path)
    assert page.status_code == 200, page.get_data(as_text=True)[:300]
    _parse(page.get_data(as_text=True))


def test_unknown_work_is_404_and_bad_date_is_400(client):
    page = client.get("/works/kz/nowhere/order/2020/1")
    assert page.status_code == 404 and "kz/nowhere/order/2020/1" in page.get_data(as_text=True)
    bad = client.get(f"/works/{W2999}?at=2026-13-45")
    assert bad.status_code == 400 and "is not a date" in bad.get_data(as_text=True)
    assert client.get(f"/api/works/{W2999}?at=yesterday").get_json()["error"].startswith("'yesterday' is not a date")
    assert client.get("/api/works/kz/nowhere/order/2020/1").status_code == 404
