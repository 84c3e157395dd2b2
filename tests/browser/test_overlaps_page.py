"""The overlaps between Hà Tĩnh and Đồng Tháp as a ranked list, reached from the home page by
clicking, in headless Chromium: both texts of the plastics-at-supermarkets pair, the reasons in
the page's language, links to both tasks, and a clause hidden for the session."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import httpx
import pytest
from openpyxl import load_workbook

from tests.browser.conftest import SampleStore, Watched

pytestmark = pytest.mark.browser


def _flat(text: str) -> str:
    return " ".join(text.split())


def _plastics_pair(sample_store: SampleStore):  # type: ignore[no-untyped-def]
    (pairs,) = sample_store.overlaps.values()
    found = [
        p
        for p in pairs
        if p.kind == "task" and all("siêu thị" in p_side.text and "nhựa" in p_side.text for p_side in (p.a, p.b))
    ]
    assert found, "the store has a pair of tasks on plastics at supermarkets in Hà Tĩnh and Đồng Tháp"
    return found[0]


def test_overlaps_of_ha_tinh_and_dong_thap_from_the_home_page(
    sample_server, sample_store: SampleStore, open_page: Callable[[], Watched], screenshot
) -> None:
    expected = _plastics_pair(sample_store)
    watched = open_page()
    page = watched.page
    page.goto(sample_server.url("/"))
    form = page.locator("#overlaps-form")
    for box in form.locator("input[name=provinces]").all():
        if box.get_attribute("value") not in ("Hà Tĩnh", "Đồng Tháp"):
            box.uncheck()
    form.locator("button[type=submit]").click()
    page.wait_for_selector("#pairs")
    assert "/graph/overlaps/list" in page.url
    cards = page.locator("#pairs > li.pair")
    assert cards.count() > 5
    # Every pair is across the two chosen provinces.
    provinces = page.locator("#pairs .side-text .province").all_text_contents()
    assert set(provinces) == {"Hà Tĩnh", "Đồng Tháp"}
    # The plastics pair is listed with both texts, side by side, with shared terms marked.
    texts = [_flat(t) for t in page.locator("#pairs .side-text .text").all_text_contents()]
    assert _flat(expected.a.text) in texts and _flat(expected.b.text) in texts
    card = cards.filter(has_text=_flat(expected.a.text)[:60]).filter(has_text=_flat(expected.b.text)[:60]).first
    assert "siêu thị" in [m.lower() for m in card.locator(".text mark").all_text_contents()]
    links = card.locator("a.item-link")
    assert {links.nth(0).get_attribute("href"), links.nth(1).get_attribute("href")} == {
        f"/id/{expected.a.id}",
        f"/id/{expected.b.id}",
    }
    # How it was scored, in Vietnamese: the shared legal ancestor and the term weights.
    card.locator("details.judged summary").click()
    judged = card.locator("details.judged").text_content() or ""
    assert "Cùng thực hiện văn bản" in judged and "889/QĐ-TTg" in judged
    assert card.locator("table.terms tbody tr").count() == len(expected.shared_terms)
    assert "same legal ancestor" not in (page.content())
    # Procedure does not lead: the first pair is not about reporting or funding.
    first = _flat(cards.first.text_content() or "").lower()
    assert "báo cáo" not in first and "ngân sách" not in first
    screenshot(page, "overlaps-list")
    assert watched.errors == []


def test_a_hidden_clause_stays_hidden_in_the_session(
    sample_server, open_page: Callable[[], Watched], screenshot
) -> None:
    watched = open_page()
    page = watched.page
    url = sample_server.url("/graph/overlaps/list?provinces=H%C3%A0+T%C4%A9nh&provinces=%C4%90%E1%BB%93ng+Th%C3%A1p")
    page.goto(url)
    cards = page.locator("#pairs > li.pair")
    before = cards.count()
    key = cards.first.locator("button.hide-clause").first.get_attribute("data-key")
    with_key = page.evaluate(
        """key => [...document.querySelectorAll('#pairs > li.pair')]
             .filter(li => li.dataset.a.includes(key) || li.dataset.b.includes(key)).length""",
        key,
    )
    cards.first.locator("button.hide-clause").first.click()
    assert page.locator("#pairs > li.pair:visible").count() == before - with_key
    assert page.locator("#hidden-note").is_visible()
    page.reload()
    assert page.locator("#pairs > li.pair:visible").count() == before - with_key
    page.click("#show-hidden")
    assert page.locator("#pairs > li.pair:visible").count() == before
    screenshot(page, "overlaps-list-after-hiding")
    assert watched.errors == []


def test_the_list_in_english_names_its_reasons_in_english(sample_server, open_page: Callable[[], Watched]) -> None:
    watched = open_page()
    page = watched.page
    page.goto(sample_server.url("/graph/overlaps/list?lang=en&kind=target"))
    cards = page.locator("#pairs > li.pair")
    assert cards.count() > 0
    assert set(page.locator("#pairs .pair-kind").all_text_contents()) == {"Target"}
    cards.first.locator("details.judged summary").click()
    judged = cards.first.locator("details.judged").text_content() or ""
    assert "Similarity of the two texts" in judged and "Cùng" not in judged
    assert page.locator("#graph-view").get_attribute("href").startswith("/graph/overlaps?lang=en")


def test_the_list_downloads_as_csv_and_xlsx_with_the_same_pairs(sample_server) -> None:  # type: ignore[no-untyped-def]
    url = sample_server.url("/graph/overlaps/list")
    params = {"provinces": ["Hà Tĩnh", "Đồng Tháp"], "kind": "task"}
    page = httpx.get(url, params=params, timeout=60)
    total = int(page.text.split('id="pair-count">')[1].split("<")[0])
    answer = httpx.get(url, params={**params, "format": "csv", "table": "pairs"}, timeout=60)
    assert answer.status_code == 200 and answer.content.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads Vietnamese
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert len(rows) == total + 1 and rows[0][1] == "Điểm"
    scores = [float(row[1]) for row in rows[1:]]
    assert scores == sorted(scores, reverse=True)
    plastics = [row for row in rows[1:] if "siêu thị" in row[5] and "siêu thị" in row[9] and "nhựa" in row[5]]
    assert plastics and {plastics[0][3], plastics[0][7]} == {"Hà Tĩnh", "Đồng Tháp"}
    book = httpx.get(url, params={**params, "format": "xlsx", "table": "pairs"}, timeout=60)
    sheet = load_workbook(io.BytesIO(book.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert len(values) == len(rows) and [str(v) for v in values[1][:3]] == rows[1][:3]
