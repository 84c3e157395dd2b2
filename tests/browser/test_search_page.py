"""Search that leads somewhere, in headless Chromium and over HTTP: results titled by what they
are with their plan, province and year, linking to /id/ pages; kind and province filters; the
diacritics typed ranked first; abbreviations, other spellings and merged provinces' names."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx
import pytest

from tests.browser.conftest import SampleStore, Watched

pytestmark = pytest.mark.browser


def _search_from_home(watched: Watched, base: str, query: str) -> None:
    page = watched.page
    page.goto(base + "/")
    page.fill("#home-search input[name=q]", query)
    page.press("#home-search input[name=q]", "Enter")
    page.wait_for_selector("#result-count")


def test_an_abbreviation_finds_the_departments_and_says_how_it_was_read(
    sample_server, open_page: Callable[[], Watched], screenshot
) -> None:
    watched = open_page()
    _search_from_home(watched, sample_server.base_url, "sct")
    page = watched.page
    screenshot(page, "search-sct")
    assert "“sct” được hiểu là Sở Công Thương." in page.locator(".reading").all_text_contents()
    agencies = page.locator(".kind-agency .result-link")
    labels = agencies.all_text_contents()
    for province in ("An Giang", "Hà Tĩnh", "Đồng Tháp"):
        assert f"Sở Công Thương tỉnh {province}" in labels
    assert all(
        href.startswith("/id/")
        for href in page.locator(".result-link").evaluate_all("a => a.map(x => x.getAttribute('href'))")
    )
    assert page.locator(".kind-agency .kind").first.text_content() == "Cơ quan"
    assert watched.errors == []


def test_targets_are_titled_with_value_subject_province_and_year(
    sample_server, open_page: Callable[[], Watched], screenshot
) -> None:
    watched = open_page()
    page = watched.page
    page.goto(sample_server.url("/graph/search?q=85+sieu+thi"))
    titles = page.locator(".kind-target .result-link").all_text_contents()
    assert any(re.fullmatch(r"85 % — .*siêu thị.*\(Hà Tĩnh, 2030\)", title) for title in titles), titles
    assert any("(889/QĐ-TTg, 2025)" in title for title in titles)  # the national target says whose it is
    where = page.locator(".kind-target .where").all_text_contents()
    assert any("Kế hoạch tỉnh Hà Tĩnh 2026-2030 (dự thảo)" in w and "Hà Tĩnh" in w for w in where)
    screenshot(page, "search-targets")
    # Filters: tasks of Hà Tĩnh only.
    page.select_option("#search-kind", "task")
    page.select_option("#search-province", "Hà Tĩnh")
    page.fill("#search-q", "tui nilon")
    page.click("#search-filters button[type=submit]")
    page.wait_for_selector("#results")
    kinds = set(page.locator("#results .kind").all_text_contents())
    assert kinds == {"Nhiệm vụ"}
    assert all("Hà Tĩnh" in w for w in page.locator("#results .where").all_text_contents())
    assert any(
        "“nilon” được tìm như cách viết trong văn bản" in n for n in page.locator(".reading").all_text_contents()
    )
    assert any("túi ni lông" in t for t in page.locator("#results .result-link").all_text_contents())
    assert watched.errors == []


def test_a_merged_provinces_old_name_leads_to_the_new_one(
    sample_server, open_page: Callable[[], Watched], screenshot
) -> None:
    watched = open_page()
    _search_from_home(watched, sample_server.base_url, "Tiền Giang")
    page = watched.page
    notes = page.locator(".reading").all_text_contents()
    assert any("Tiền Giang đã hợp nhất vào tỉnh Đồng Tháp từ ngày 01/07/2025" in n for n in notes), notes
    assert any("Đồng Tháp" in w for w in page.locator("#results .where").all_text_contents())
    screenshot(page, "search-tien-giang")
    english = httpx.get(sample_server.url("/search"), params={"q": "kien giang", "kind": "agency"}).json()
    assert english["readings"][0]["meaning"] == "An Giang" and english["readings"][0]["date"] == "2025-07-01"
    assert english["items"] and all(item["province_name"] == "An Giang" for item in english["items"])


def test_the_diacritics_typed_rank_first(sample_server, sample_store: SampleStore) -> None:
    answer = httpx.get(sample_server.url("/search"), params={"q": "hóa", "limit": 100}).json()
    flags = [item["exact"] for item in answer["items"]]
    assert True in flags and False in flags
    assert flags == sorted(flags, reverse=True)
    folded = httpx.get(sample_server.url("/search"), params={"q": "hoa", "limit": 100}).json()
    assert not any(item["exact"] for item in folded["items"])  # nothing typed, nothing preferred
    assert {item["id"] for item in folded["items"]} >= {item["id"] for item in answer["items"]}
    # Every hit says what it is: a title, and for a task its plan, province and year.
    task = next(item for item in answer["items"] if item["kind"] == "task")
    plan = next(plan for plan in sample_store.plans if plan.id == task["plan"])
    assert task["title"] and task["plan_label"] == (plan.label or plan.title) and task["year"] == plan.year
