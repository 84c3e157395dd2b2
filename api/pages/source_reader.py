"""``/source/{graph}``: the normalised text of one ingested file, as the loaders read it, with
line numbers and, for a PDF or a scan, where each page begins. ``?lines=221-227`` marks the
quoted lines and the page opens at them (``#L221``; a ``#L221-L227`` fragment marks them
too). The text is escaped like every text from a document."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from api.deps import StoreDep
from api.errors import error_responses
from api.pages.i18n import LangParam, texts
from api.pages.params import NodeId
from api.pages.rendering import render
from graph.read.source_text import page_starts, source_files, source_lines, source_text

router = APIRouter(tags=["browser"])


def _range(lines: str | None, count: int) -> tuple[int, int] | None:
    if not lines:
        return None
    first, _, last = lines.partition("-")
    try:
        start = int(first)
        end = int(last) if last else start
    except ValueError:
        raise HTTPException(422, f"lines must read 'FIRST-LAST', e.g. 221-227, not '{lines}'") from None
    if not 1 <= start <= end:
        raise HTTPException(422, f"no such lines: '{lines}'")
    return start, min(end, count)


@router.get("/source/{graph_id}", response_class=HTMLResponse, responses=error_responses(404, 422))
def source_page(
    request: Request,
    graph_id: NodeId,
    store: StoreDep,
    lines: Annotated[str | None, Query(max_length=30, description="the lines to mark: 221-227")] = None,
    lang: LangParam = "vi",
) -> HTMLResponse:
    """One file's text with line numbers, the asked lines marked."""
    text = source_text(store, graph_id)
    if text is None:
        raise HTTPException(404, f"no source text kept for graph '{graph_id}'")
    numbered = source_lines(text)
    marked = _range(lines, len(numbered))
    about = next((f for f in source_files(store) if f.graph == graph_id), None)
    # the page each page-starting line opens (a PDF's or a scan's), shown above that line
    pages = {start: number for number, start in enumerate(page_starts(store, graph_id), start=1)}
    t = texts(lang)
    return render(
        request,
        "source.html",
        lang,
        lines=numbered,
        pages=pages,
        marked=marked,
        file=about.file if about else graph_id,
        document=about.document if about else None,
        heading=t["source_heading"].format(file=about.file if about else graph_id),
    )
