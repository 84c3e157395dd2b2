"""``/query``: the SPARQL query editor page (CodeMirror 6 with SPARQL highlighting, vendored
under ``/static/vendor/codemirror``), its example queries for the three use cases in both
languages, and the results of a query as an XLSX workbook."""

from __future__ import annotations

import io
import re
from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from openpyxl import Workbook
from pydantic import BaseModel

from api.errors import error_responses
from api.pages.i18n import LangParam
from api.pages.rendering import render
from graph.queries.named import named_query, query_names

router = APIRouter(tags=["query editor"])

EXAMPLE_PREFIX = "example_"
POLID = "https://w3id.org/policykg/id/"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_XLSX_ROWS = 100_000

# What each example answers, for the people who use it: the question in both languages.
EXAMPLE_QUESTIONS: dict[str, dict[str, str]] = {
    "example_lineage": {
        "vi": "Dòng thực thi: những kế hoạch nào thực hiện Quyết định 889/QĐ-TTg (trực tiếp hoặc qua kế hoạch "
        "khác), nhiệm vụ của chúng và cơ quan chủ trì?",
        "en": "Lineage: which plans implement Decision 889/QĐ-TTg (directly or through another plan), their "
        "tasks and lead agencies?",
    },
    "example_mandates": {
        "vi": "Nhiệm vụ của cơ quan: mỗi Sở Công Thương chủ trì những nhiệm vụ nào, trong kế hoạch và tỉnh nào, "
        "thực hiện văn bản nào?",
        "en": "Mandates: which tasks does each Sở Công Thương lead, in which plan and province, under which documents?",
    },
    "example_overlaps": {
        "vi": "Trùng lặp: loại cơ quan nào chủ trì nhiệm vụ ở nhiều tỉnh, và bao nhiêu nhiệm vụ?",
        "en": "Overlaps: which kinds of agency lead tasks in more than one province, and how many tasks?",
    },
}


class ExampleQuery(BaseModel):
    name: str
    title: str
    question: str
    text: str


def _shown_text(text: str, question: str) -> str:
    """The query as a reader sees it: the question as its first comment, the engine's notes
    (join hints and the like) left out."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    return f"# {question}\n" + "\n".join(lines).strip() + "\n"


@router.get("/query", response_class=HTMLResponse, include_in_schema=False)
def editor_page(request: Request, lang: LangParam = "vi") -> HTMLResponse:
    return render(request, "query.html", lang, examples=[e.model_dump() for e in examples(lang)])


@router.get("/query/examples", response_model=list[ExampleQuery])
def examples(lang: LangParam = "vi") -> list[ExampleQuery]:
    """Example SPARQL queries for the three use cases: mandates, overlaps, lineage."""
    found = []
    for name in query_names():
        if not name.startswith(EXAMPLE_PREFIX):
            continue
        query = named_query(name)
        fallback = query.question.removeprefix("Example:").strip()
        question = EXAMPLE_QUESTIONS.get(name, {}).get(lang, fallback)
        found.append(ExampleQuery(name=name, title=question, question=question, text=_shown_text(query.text, question)))
    return found


def _cell(binding: dict[str, Any] | None) -> Any:
    if not binding:
        return None
    value = str(binding.get("value", ""))
    if binding.get("type") == "uri" and value.startswith(POLID):
        return "polid:" + value[len(POLID) :]
    datatype = str(binding.get("datatype", ""))
    if datatype.endswith(("#integer", "#int", "#long")) and re.fullmatch(r"-?\d+", value):
        return int(value)
    if datatype.endswith(("#decimal", "#double", "#float")):
        try:
            return float(value)
        except ValueError:
            return value
    return value


@router.post(
    "/query/results.xlsx", response_class=Response, responses={200: {"content": {XLSX: {}}}, **error_responses(422)}
)
def results_workbook(results: Annotated[dict[str, Any], Body(description="SPARQL 1.1 Query Results JSON")]) -> Response:
    """A SELECT result (SPARQL JSON, as ``/sparql`` answered it) as an XLSX workbook: one
    header row of the variables, one row per solution; polid: IRIs written as ``polid:…``."""
    head = results.get("head")
    rows = (results.get("results") or {}).get("bindings")
    if not isinstance(head, dict) or not isinstance(head.get("vars"), list) or not isinstance(rows, list):
        raise HTTPException(
            422, "expected SPARQL 1.1 Query Results JSON of a SELECT query (head.vars, results.bindings)"
        )
    if len(rows) > MAX_XLSX_ROWS:
        raise HTTPException(422, f"{len(rows)} rows: at most {MAX_XLSX_ROWS} are written to a workbook")
    names = [str(name) for name in head["vars"]]
    book = Workbook()
    sheet = book.active
    sheet.title = "SPARQL"
    sheet.append(names)
    for row in rows:
        sheet.append([_cell(row.get(name) if isinstance(row, dict) else None) for name in names])
    buffer = io.BytesIO()
    book.save(buffer)
    return Response(
        buffer.getvalue(),
        media_type=XLSX,
        headers={"Content-Disposition": 'attachment; filename="policykg-query.xlsx"'},
    )
