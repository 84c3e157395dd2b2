"""``/graph/search?q=``: search results as a page — each titled by what it is, with its plan,
province and year, linking to its page at ``/id/{local}``; kind and province filters; an
abbreviation, other spelling or merged province's name in the query read as the documents
write it, and said so."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from api.deps import StoreDep
from api.pages.i18n import LangParam, texts
from api.pages.rendering import link, render
from graph.read.plans import all_plans
from graph.search.index import QueryReading, SearchHit, search_as_read
from graph.visualize.kinds import KINDS_BY_NAME

router = APIRouter()

RESULT_LIMIT = 50
SearchKind = Literal["", "plan", "document", "task", "agency", "target"]


def _segments(hit: SearchHit) -> list[tuple[str, bool]]:
    """The snippet cut into (text, highlighted) parts, for the template to escape and mark."""
    parts: list[tuple[str, bool]] = []
    position = 0
    for start, end in sorted(hit.highlights):
        if start < position:
            continue
        if start > position:
            parts.append((hit.snippet[position:start], False))
        parts.append((hit.snippet[start:end], True))
        position = end
    if position < len(hit.snippet):
        parts.append((hit.snippet[position:], False))
    return parts


def _reading_note(reading: QueryReading, lang: str) -> str:
    words = texts(lang)
    if reading.kind == "merged_province":
        date = reading.date.strftime("%d/%m/%Y") if reading.date else ""
        return words["sr_merged"].format(written=reading.written, meaning=reading.meaning, date=date)
    key = "sr_abbreviation" if reading.kind == "abbreviation" else "sr_spelling"
    return words[key].format(written=reading.written, meaning=reading.meaning)


def _kind_name(kind: str, lang: str) -> str:
    found = KINDS_BY_NAME.get(kind)
    return (found.en if lang == "en" else found.vi) if found else kind


@router.get("/graph/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    store: StoreDep,
    q: Annotated[str, Query(max_length=200, description="words, diacritics optional")] = "",
    kind: Annotated[SearchKind, Query(description="only this kind")] = "",
    province: Annotated[str, Query(max_length=200, description="only this province (name or id)")] = "",
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
    lang: LangParam = "vi",
) -> HTMLResponse:
    total, hits, readings = (
        search_as_read(
            store, q, kinds=[kind] if kind else None, province=province or None, offset=offset, limit=RESULT_LIMIT
        )
        if q.strip()
        else (0, [], [])
    )
    results = [
        {
            "hit": hit,
            "segments": _segments(hit),
            "path": link(f"/id/{hit.id}", lang),
            "kind_name": _kind_name(hit.kind, lang),
        }
        for hit in hits
    ]
    provinces = sorted({p.province_name for p in all_plans(store) if p.province_name})
    params = {"q": q, "kind": kind or None, "province": province or None}
    return render(
        request,
        "search.html",
        lang,
        q=q,
        kind=kind,
        province=province,
        kinds=[(name, _kind_name(name, lang)) for name in ("plan", "document", "task", "agency", "target")],
        provinces=provinces,
        results=results,
        total=total,
        notes=[_reading_note(r, lang) for r in readings],
        offset=offset,
        next_url=link("/graph/search", lang, **params, offset=offset + RESULT_LIMIT)
        if offset + RESULT_LIMIT < total
        else None,
        previous_url=link("/graph/search", lang, **params, offset=max(0, offset - RESULT_LIMIT)) if offset else None,
    )
