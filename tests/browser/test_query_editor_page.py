"""The SPARQL query editor and the API documentation in a real headless Chromium: examples for
the three use cases run, results are drawn as text, the query lives in the URL, nothing loads
from elsewhere."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx
from openpyxl import load_workbook
from playwright.sync_api import Page

from tests.browser.conftest import Watched


def _editor(page: Page) -> str:
    page.wait_for_function("window.policykgEditorReady === true")
    return page.evaluate("policykgEditor.state.doc.toString()")


def _write(page: Page, text: str) -> None:
    """Type the query into the editor as a user would: select all, then type."""
    page.wait_for_function("window.policykgEditorReady === true")
    page.click(".cm-content")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(text)


def test_examples_are_the_three_use_cases(sample_server) -> None:  # type: ignore[no-untyped-def]
    examples = httpx.get(sample_server.url("/query/examples")).json()
    assert [e["name"] for e in examples] == ["example_lineage", "example_mandates", "example_overlaps"]
    assert all(e["text"].lstrip().startswith("#") and e["question"] for e in examples)


def test_run_an_example_and_share_it(sample_server, open_page: Callable[[], Watched], screenshot) -> None:  # type: ignore[no-untyped-def]
    watched = open_page()
    page = watched.page
    page.goto(sample_server.url("/query"))
    page.select_option("#examples", "example_lineage")
    assert "889/QĐ-TTg" in _editor(page)
    page.click("#run")
    page.wait_for_selector("#results table tbody tr")
    rows = page.locator("#results table tbody tr")
    plans = set(page.locator("#results table tbody tr td:first-child").all_text_contents())
    assert rows.count() > 40
    assert "Kế hoạch tỉnh Hà Tĩnh 2026-2030 (dự thảo)" in plans
    assert any(p.startswith("Kế hoạch tỉnh Đồng Tháp") for p in plans)
    assert (page.text_content("#status") or "").startswith(f"{rows.count()} dòng")  # the page speaks Vietnamese
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


def test_a_syntax_error_is_marked_where_the_parser_found_it_and_values_stay_text(  # type: ignore[no-untyped-def]
    sample_server, open_page: Callable[[], Watched], screenshot
) -> None:
    watched = open_page()
    page = watched.page
    page.goto(sample_server.url("/query"))
    # The prefix pol: is used without being declared: the parser stops in line 2.
    _write(page, "SELECT ?x WHERE {\n  ?x a pol:Plan .\n}\n")
    page.click("#run")
    page.wait_for_selector("#status.error")
    message = page.text_content("#status") or ""
    assert message.startswith("400")
    found = re.search(r"at (\d+):(\d+)", message)
    assert found, message
    line, column = int(found.group(1)), int(found.group(2))
    written = _editor(page)
    assert line == 2 and "pol:Plan" in written.splitlines()[line - 1], (written, line, column)
    page.wait_for_selector(".cm-lintRange-error")
    marked = page.evaluate(
        """() => { const el = document.querySelector('.cm-lintRange-error');
                   return policykgEditor.posAtDOM(el, 0); }"""
    )
    start = page.evaluate(f"policykgEditor.state.doc.line({line}).from")
    assert marked == start + column - 1
    assert page.locator(".cm-gutter-lint .cm-lint-marker-error").count() == 1
    screenshot(page, "query-editor-error")
    _write(page, 'SELECT ?v WHERE { BIND("<img src=x onerror=alert(1)>" AS ?v) }')
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#results table tbody tr")
    assert page.text_content("#results td") == "<img src=x onerror=alert(1)>"
    assert page.locator("#results img").count() == 0 and watched.dialogs == []


def test_results_link_to_id_pages_and_download(sample_server, open_page: Callable[[], Watched]) -> None:  # type: ignore[no-untyped-def]
    watched = open_page()
    page = watched.page
    page.goto(sample_server.url("/query"))
    _write(
        page,
        "PREFIX pol: <https://w3id.org/policykg/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?plan ?label WHERE { ?plan a pol:Plan ; rdfs:label ?label } ORDER BY ?plan",
    )
    page.click("#run")
    page.wait_for_selector("#results table tbody tr")
    first = page.locator("#results tbody tr td a").first
    assert first.get_attribute("href").startswith("/id/doc-")
    assert first.text_content().startswith("polid:doc-")
    labels = page.locator("#results tbody tr td:nth-child(2)").all_text_contents()
    assert labels and not any("@vi" in label for label in labels)
    rows = page.locator("#results tbody tr").count()
    with page.expect_download() as csv_download:
        page.click("#downloads button[data-ext=csv]")
    lines = Path(csv_download.value.path()).read_text(encoding="utf-8").splitlines()
    assert lines[0].split(",") == ["plan", "label"] and len(lines) == rows + 1
    with page.expect_download() as xlsx_download:
        page.click("#downloads button[data-ext=xlsx]")
    sheet = load_workbook(io.BytesIO(Path(xlsx_download.value.path()).read_bytes())).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["plan", "label"] and len(values) == rows + 1
    assert values[1][0].startswith("polid:doc-") and values[1][1] == labels[0]
    assert watched.errors == []


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
