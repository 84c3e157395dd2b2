"""A fact read from a PDF keeps the page it stands on, in the graph as in the record."""

from __future__ import annotations

from pathlib import Path

from bench.renderings import print_pdf
from graph.ingest import ingest
from graph.store import PolicyStore

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
