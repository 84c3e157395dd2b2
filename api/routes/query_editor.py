"""``/query``: the SPARQL query editor page (its script and style are under ``/static``) and
its example queries."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse
from pydantic import BaseModel

from graph.named_queries import named_query, query_names

router = APIRouter(tags=["query editor"])

ASSETS = Path(__file__).resolve().parents[1] / "static" / "query-editor"
EXAMPLE_PREFIX = "example_"


class ExampleQuery(BaseModel):
    name: str
    title: str
    question: str
    text: str


@router.get("/query", include_in_schema=False)
def editor_page() -> FileResponse:
    return FileResponse(ASSETS / "index.html", media_type="text/html; charset=utf-8")


@router.get("/query/examples", response_model=list[ExampleQuery])
def examples() -> list[ExampleQuery]:
    """Example SPARQL queries for the three use cases: mandates, overlaps, lineage."""
    found = []
    for name in query_names():
        if not name.startswith(EXAMPLE_PREFIX):
            continue
        query = named_query(name)
        question = query.question.removeprefix("Example:").strip()
        title = name.removeprefix(EXAMPLE_PREFIX).replace("_", " ").capitalize()
        found.append(ExampleQuery(name=name, title=f"{title}: {question}", question=question, text=query.text))
    return found
