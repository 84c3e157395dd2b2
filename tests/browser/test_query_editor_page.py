"""The SPARQL query editor and the API documentation in a real headless Chromium: examples for
the three use cases run, results are drawn as text, the query lives in the URL, nothing loads
from elsewhere."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs, urlparse

import httpx

from tests.browser.conftest import Watched


def test_examples_are_the_three_use_cases(sample_server) -> None:  # type: ignore[no-untyped-def]
    examples = httpx.get(sample_server.url("/query/examples")).json()
    assert [e["name"] for e in examples] == ["example_lineage", "example_mandates", "example_overlaps"]
    assert all(e["text"].lstrip().startswith("#") and e["question"] for e in examples)


def test_run_an_example_and_share_it(sample_server, open_page: Callable[[], Watched], screenshot) -> None:  # type: ignore[no-untyped-def]
    watched = open_page()
    page = watched.page
    page.goto(sample_server.url("/query"))
    page.select_option("#examples", "example_lineage")
    assert "889/QĐ-TTg" in page.input_value("#query")
    page.click("#run")
    page.wait_for_selector("#results table tbody tr")
    rows = page.locator("#results table tbody tr")
    plans = set(page.locator("#results table tbody tr td:first-child").all_text_contents())
    assert rows.count() > 40
    assert "Kế hoạch tỉnh Hà Tĩnh 2026-2030 (dự thảo)" in plans
    assert any(p.startswith("Kế hoạch tỉnh Đồng Tháp") for p in plans)
    assert "rows" in page.text_content("#status")
    screenshot(page, "query-editor")
    # The URL now holds the query: opening it elsewhere runs the same query.
    shared = page.url
    assert "889" in parse_qs(urlparse(shared).query)["query"][0]
    other = open_page()
    other.page.goto(shared)
    other.page.wait_for_selector("#results table tbody tr")
    assert other.page.locator("#results table tbody tr").count() == rows.count()
    origin = sample_server.url("")
    for seen in (watched, other):
        assert seen.errors == []
        assert all(url.startswith(origin) for url in seen.requests)


def test_a_syntax_error_shows_the_parser_message_and_values_stay_text(  # type: ignore[no-untyped-def]
    sample_server, open_page: Callable[[], Watched]
) -> None:
    watched = open_page()
    page = watched.page
    page.goto(sample_server.url("/query"))
    page.fill("#query", "SELECT ?x WHERE { ?x ?y }")
    page.click("#run")
    page.wait_for_selector("#status.error")
    assert page.text_content("#status").startswith("400")
    page.fill("#query", 'SELECT ?v WHERE { BIND("<img src=x onerror=alert(1)>" AS ?v) }')
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#results table tbody tr")
    assert page.text_content("#results td") == "<img src=x onerror=alert(1)>"
    assert page.locator("#results img").count() == 0 and watched.dialogs == []


def test_the_api_documentation_loads_without_leaving_the_app(  # type: ignore[no-untyped-def]
    sample_server, open_page: Callable[[], Watched], screenshot
) -> None:
    watched = open_page()
    page = watched.page
    page.goto(sample_server.url("/docs"))
    page.wait_for_selector(".opblock-summary-path")
    paths = {p.strip() for p in page.locator(".opblock-summary-path").all_text_contents()}
    assert {"/agencies/{agency_id}/mandates", "/search", "/targets", "/legal/{doc_id}/lineage", "/sparql"} <= paths
    screenshot(page, "api-docs")
    origin = sample_server.url("")
    assert all(url.startswith(origin) for url in watched.requests)
