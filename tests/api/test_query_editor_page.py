"""The SPARQL query editor in a real headless Chromium: examples for the three use cases
run, results are drawn as text, the query lives in the URL, nothing loads from elsewhere."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from playwright import sync_api

from graph.ingest import ingest
from graph.store import PolicyStore

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "data" / "samples"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = REPO / "test-artifacts"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, serve_app: Callable[[Mapping[str, str]], object]):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("query-editor")
    with PolicyStore.open(folder / "store") as store:
        assert all(r.ok for r in ingest(store, [SAMPLES], validate=False))
    return serve_app({"POLICYKG_STORE": str(folder / "store")})


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def test_examples_are_the_three_use_cases(server) -> None:  # type: ignore[no-untyped-def]
    examples = httpx.get(server.url("/query/examples")).json()
    assert [e["name"] for e in examples] == ["example_lineage", "example_mandates", "example_overlaps"]
    assert all(e["text"].lstrip().startswith("#") and e["question"] for e in examples)


def test_run_an_example_and_share_it(server, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()  # type: ignore[attr-defined]
    errors: list[str] = []
    outside: list[str] = []
    origin = server.url("")
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(origin) else None)
    page.goto(server.url("/query"))
    page.select_option("#examples", "example_lineage")
    assert "889/QĐ-TTg" in page.input_value("#query")
    page.click("#run")
    page.wait_for_selector("#results table tbody tr")
    rows = page.locator("#results table tbody tr")
    plans = set(page.locator("#results table tbody tr td:first-child").all_text_contents())
    assert rows.count() > 40
    assert {"Kế hoạch tỉnh Hà Tĩnh 2026-2030 (dự thảo)"} <= plans
    assert any(p.startswith("Kế hoạch tỉnh Đồng Tháp") for p in plans)
    assert "rows" in page.text_content("#status")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "query-editor.png"), full_page=False)
    # The URL now holds the query: opening it elsewhere runs the same query.
    shared = page.url
    assert "889" in parse_qs(urlparse(shared).query)["query"][0]
    other = browser.new_page()  # type: ignore[attr-defined]
    other.goto(shared)
    other.wait_for_selector("#results table tbody tr")
    assert other.locator("#results table tbody tr").count() == rows.count()
    assert errors == [] and outside == []


def test_a_syntax_error_shows_the_parser_message_and_document_text_stays_text(server, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()  # type: ignore[attr-defined]
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server.url("/query"))
    page.fill("#query", "SELECT ?x WHERE { ?x ?y }")
    page.click("#run")
    page.wait_for_selector("#status.error")
    assert page.text_content("#status").startswith("400")
    hostile = 'SELECT ?v WHERE { BIND("<img src=x onerror=alert(1)>" AS ?v) }'
    page.fill("#query", hostile)
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#results table tbody tr")
    assert page.text_content("#results td") == "<img src=x onerror=alert(1)>"
    assert page.locator("#results img").count() == 0 and dialogs == []


def test_the_api_documentation_page_loads_without_leaving_the_app(server, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()  # type: ignore[attr-defined]
    outside: list[str] = []
    origin = server.url("")
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(origin) else None)
    page.goto(server.url("/docs"))
    page.wait_for_selector(".opblock-summary-path")
    paths = set(page.locator(".opblock-summary-path").all_text_contents())
    assert {"/agencies/{agency_id}/mandates", "/search", "/targets", "/sparql"} <= {p.strip() for p in paths}
    assert outside == []
