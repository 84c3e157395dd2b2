"""``/``: the home page — search, and entry points to plans, agencies, national documents
and overlaps."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from api.deps import StoreDep
from api.pages.home_officials import agency_choices, province_choices
from api.pages.i18n import LangParam
from api.pages.rendering import render
from graph.read.plans import all_plans
from graph.visualize.entry_points import agencies_with_tasks, implemented_documents

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def home(
    request: Request,
    store: StoreDep,
    lang: LangParam = "vi",
    province: Annotated[str | None, Query(max_length=100, description="the official's province")] = None,
) -> HTMLResponse:
    plans = all_plans(store)
    official_provinces = province_choices(store)
    chosen = province if any(p.id == province for p in official_provinces) else None
    current, former = agency_choices(store, chosen, lang) if chosen else ([], [])
    provinces = sorted({(p.province, p.province_name or p.province) for p in plans if p.province}, key=lambda p: p[1])
    return render(
        request,
        "home.html",
        lang,
        plans=plans,
        agencies=agencies_with_tasks(store, lang),
        documents=implemented_documents(store),
        provinces=provinces,
        overlaps_enabled=len(provinces) > 1,
        official_provinces=official_provinces,
        chosen_province=chosen,
        current_agencies=current,
        former_agencies=former,
    )
