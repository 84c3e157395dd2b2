"""A fact read from a PDF keeps the page it stands on, in the graph as in the record, and the
source reader shows where each page begins."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import httpx

from bench.reading.renderings import print_pdf
from graph.ingest.run import ingest
from graph.read.source_text import page_starts
from graph.store.embedded import PolicyStore

REPO = Path(__file__).resolve().parents[2]
HA_TINH = REPO / "data" / "samples" / "ha-tinh_kh-sxtdbv-2026-2030.txt"

PAGES = """
PREFIX pol: <https://w3id.org/policykg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?code ?page WHERE {
  ?task a pol:Task ; pol:taskCode ?code ; prov:wasDerivedFrom ?span .
  ?span pol:page ?page .
}
"""


def test_the_annex_rows_of_a_printed_pdf_name_their_pages(tmp_path: Path) -> None:
    pdf = print_pdf(HA_TINH, tmp_path / "ha-tinh.pdf")
    with PolicyStore.open(":memory:") as store:
        (report,) = ingest(store, [pdf], jobs=1)
        assert report.ok, report.error
        assert report.record is not None
        pages: dict[str, set[int]] = {}
        for row in store.select(PAGES):
            pages.setdefault(str(row["code"]), set()).add(int(str(row["page"])))
        expected = {t.code: t.span.page for t in report.record.tasks if t.code and t.span.page is not None}
    assert len(expected) >= 15  # the annex rows, each on its page
    assert all(expected[code] in pages[code] for code in expected)
    # the annex follows the body: its rows stand on more than one page, after the first
    assert len(set(expected.values())) >= 2 and min(expected.values()) > 1


def test_the_source_reader_shows_where_each_page_of_a_pdf_begins(
    tmp_path: Path, serve_app: Callable[[Mapping[str, str]], Any]
) -> None:
    pdf = print_pdf(HA_TINH, tmp_path / "ha-tinh.pdf")
    location = tmp_path / "store"
    with PolicyStore.open(location) as store:
        (report,) = ingest(store, [pdf], jobs=1)
        assert report.ok and report.record is not None and report.graph_iri is not None
        graph = report.graph_iri.rsplit("/", 1)[-1]
        starts = page_starts(store, graph)
        assert starts == report.record.page_starts and len(starts) >= 2
    server = serve_app({"POLICYKG_STORE": str(location)})
    page = httpx.get(server.url(f"/source/{graph}"), timeout=60).text
    assert page.count('class="page-start"') == len(starts)
    assert "Trang 2" in page
    english = httpx.get(server.url(f"/source/{graph}"), params={"lang": "en"}, timeout=60).text
    assert "Page 2" in english
