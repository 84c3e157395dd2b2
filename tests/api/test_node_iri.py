"""Every node at its IRI: content negotiation on /id/, the RDF documents, the downloads of a
page's tables and the errors, over real HTTP against a server of the sample plans."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from pathlib import Path

import httpx
import pytest
from openpyxl import load_workbook
from rdflib import Graph, URIRef

from graph.ingest.run import ingest
from graph.read.mandates import mandates
from graph.store.embedded import PolicyStore

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "data" / "samples"
POLID = "https://w3id.org/policykg/id/"
AGENCY = "agency-so-nong-nghiep-va-moi-truong-dong-thap"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("node-iri") / "store"
    with PolicyStore.open(path) as store:
        assert all(r.ok for r in ingest(store, [SAMPLES]))
    return path


@pytest.fixture(scope="module")
def server(store_path: Path, serve_app: Callable[[Mapping[str, str]], object]):  # type: ignore[no-untyped-def]
    return serve_app({"POLICYKG_STORE": str(store_path)})


def test_a_browser_is_sent_to_the_page_and_an_rdf_client_to_the_data(server) -> None:  # type: ignore[no-untyped-def]
    html = httpx.get(server.url(f"/id/{AGENCY}"), headers={"Accept": BROWSER})
    assert html.status_code == 303 and html.headers["location"] == f"/page/{AGENCY}"
    assert "Accept" in html.headers["vary"]
    for accept, extension, rdflib_format in (
        ("text/turtle", "ttl", "turtle"),
        ("application/ld+json", "jsonld", "json-ld"),
        ("application/n-triples", "nt", "nt"),
    ):
        answer = httpx.get(server.url(f"/id/{AGENCY}"), headers={"Accept": accept})
        assert answer.status_code == 303 and answer.headers["location"] == f"/data/{AGENCY}.{extension}"
        data = httpx.get(server.url(answer.headers["location"]))
        assert data.headers["content-type"].startswith(accept)
        graph = Graph().parse(data=data.text, format=rdflib_format)
        subject = URIRef(POLID + AGENCY)
        labels = {str(o) for o in graph.objects(subject, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))}
        assert "Sở Nông nghiệp và Môi trường tỉnh Đồng Tháp" in labels
        # the bodies merged into it point at it
        predecessors = set(graph.subjects(URIRef("https://w3id.org/policykg/ontology#successor"), subject))
        assert URIRef(POLID + "agency-so-nong-nghiep-va-moi-truong-dong-thap-pre2025") in predecessors


def test_nothing_acceptable_is_406_and_an_unknown_id_404(server) -> None:  # type: ignore[no-untyped-def]
    refused = httpx.get(server.url(f"/id/{AGENCY}"), headers={"Accept": "image/png"})
    assert refused.status_code == 406 and "text/turtle" in refused.json()["detail"]
    missing = httpx.get(server.url("/id/agency-khong-co"), headers={"Accept": "text/turtle"})
    assert missing.status_code == 404 and "agency-khong-co" in missing.json()["detail"]


def test_errors_are_pages_for_browsers_and_json_for_clients(server) -> None:  # type: ignore[no-untyped-def]
    for path in ("/id/khong-co-nut-nay", "/page/khong-co-nut-nay", "/khong-co-trang-nay"):
        page = httpx.get(server.url(path), headers={"Accept": BROWSER})
        assert page.status_code == 404
        assert page.headers["content-type"].startswith("text/html")
        assert "Không tìm thấy trang" in page.text and 'href="/"' in page.text
        english = httpx.get(server.url(path + "?lang=en"), headers={"Accept": BROWSER})
        assert english.status_code == 404 and "Page not found" in english.text and 'href="/?lang=en"' in english.text
        client = httpx.get(server.url(path))
        assert client.status_code == 404 and set(client.json()) == {"detail"}
    invalid = httpx.get(server.url("/plans"), params={"limit": "many"})
    assert invalid.status_code == 422 and isinstance(invalid.json()["detail"], list)


def _page_rows(server, path: str, fmt: str) -> list[list[str]]:  # type: ignore[no-untyped-def]
    answer = httpx.get(server.url(path), params={"format": fmt, "table": "mandates"})
    assert answer.status_code == 200, answer.text
    if fmt == "csv":
        assert answer.content.startswith(b"\xef\xbb\xbf")  # Excel reads the Vietnamese
        return list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(answer.content)).active
    return [[str(cell) if cell is not None else "" for cell in row] for row in sheet.iter_rows(values_only=True)]


def test_the_mandates_table_downloads_with_the_same_rows_as_csv_and_xlsx(server, store_path: Path) -> None:  # type: ignore[no-untyped-def]
    with PolicyStore.open_read_only(store_path) as store:
        expected = mandates(store, AGENCY, include_predecessors=True)
    as_csv = _page_rows(server, f"/page/{AGENCY}", "csv")
    as_xlsx = _page_rows(server, f"/page/{AGENCY}", "xlsx")
    assert as_csv == as_xlsx
    header, *rows = as_csv
    assert len(rows) == len(expected) > 0
    inherited = header.index("Kế thừa từ")
    holders = {m.holder_label for m in expected if m.inherited}
    assert any("Sở Tài nguyên và Môi trường" in (h or "") for h in holders)
    for row, mandate in zip(rows, expected, strict=True):
        if mandate.inherited:
            assert row[inherited].startswith(mandate.holder_label or "")
            assert "01/03/2025" in row[inherited] or "01/07/2025" in row[inherited]
        else:
            assert row[inherited] == ""
    only_lead = _page_rows(server, f"/page/{AGENCY}?role=lead", "csv")
    assert 0 < len(only_lead) - 1 == sum(1 for m in expected if m.role == "lead")
    missing = httpx.get(server.url(f"/page/{AGENCY}"), params={"format": "csv", "table": "khong-co"})
    assert missing.status_code == 404
