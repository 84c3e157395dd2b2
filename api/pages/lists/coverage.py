"""``/graph/coverage``: national coverage as a page. For one national document, the 34
provinces as a grid of tiles (with a plan, or without), each naming the units merged into it
and its plans; below, the documents × provinces matrix of every national document some plan
derives from. Both tables download as CSV and XLSX."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from api.deps import StoreDep
from api.errors import error_responses
from api.pages.i18n import LangParam, texts
from api.pages.nodes.parts import node_href
from api.pages.rendering import render
from api.pages.tables import Cell, Table, download, download_links
from graph.analysis.coverage import DocumentCoverage, UnknownDocument, alphabetical, coverage_matrix, document_coverage
from graph.analysis.lineage.local import documents
from graph.store.protocol import GraphStore
from ontology import catalogue

router = APIRouter(tags=["browser"])


def _provinces_table(found: DocumentCoverage, name: str, lang: str) -> Table:
    t = texts(lang)
    table = Table(
        "provinces",
        t["cov_cap_provinces"].format(name=name),
        [t["province"], t["cov_former_units"], t["cov_plans"]],
    )
    for province in found.provinces:
        table.add(
            Cell(province.name, node_href(province.province, lang)),
            ", ".join(province.former_units),
            "; ".join(plan.label for plan in province.plans) or t["cov_none"],
            css="covered" if province.plans else "uncovered",
        )
    return table


def _matrix_table(store: GraphStore, lang: str) -> tuple[Table, list[str]]:
    """The national documents some plan derives from × the 34 provinces (plans of each)."""
    t = texts(lang)
    matrix = coverage_matrix(store)
    known = documents(store)
    units = catalogue.provinces()
    rows = {doc: counts for doc, counts in matrix.items() if any(counts.values())}
    provinces = sorted({unit for counts in rows.values() for unit in counts}, key=lambda u: alphabetical(units[u].name))
    table = Table(
        "matrix",
        t["cov_cap_matrix"],
        [t["cov_document"], *(units[u].name for u in provinces), t["cov_total"]],
        empty=t["cov_no_documents"],
    )
    for doc, counts in rows.items():
        label = known[doc].display if doc in known else doc
        table.add(
            Cell(label, node_href(doc, lang)),
            *(str(counts[u]) if counts[u] else "" for u in provinces),
            str(sum(1 for u in provinces if counts[u])),
        )
    return table, list(rows)


@router.get("/graph/coverage", response_class=HTMLResponse, responses=error_responses(404))
def coverage_page(
    request: Request,
    store: StoreDep,
    lang: LangParam = "vi",
    document: Annotated[str | None, Query(max_length=200, description="a national document: id or number")] = None,
) -> Response:
    """Which provinces carry out a national document, and the documents × provinces matrix."""
    t = texts(lang)
    matrix, with_plans = _matrix_table(store, lang)
    chosen = document or (with_plans[0] if with_plans else None)
    found = None
    tables = [matrix]
    if chosen is not None:
        try:
            found = document_coverage(store, chosen)
        except UnknownDocument as error:
            raise HTTPException(404, str(error)) from error
        name = found.number or found.document
        tables.insert(0, _provinces_table(found, name, lang))
    file = download(request, tables, "coverage")
    if file is not None:
        return file
    known = documents(store)
    choices = [(doc, known[doc].display if doc in known else doc) for doc in with_plans]
    return render(
        request,
        "coverage.html",
        lang,
        title=t["cov_title"],
        found=found,
        choices=choices,
        chosen=found.document if found else None,
        data_tables=tables,
        downloads=lambda table: download_links(request, table),
    )
