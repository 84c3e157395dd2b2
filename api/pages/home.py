"""``/``: the home page — search, and entry points to plans, agencies, national documents
and overlaps."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from api.app_state import get_store
from api.pages.i18n import LangParam
from api.pages.rendering import render
from graph.plans import all_plans
from graph.store import PolicyStore
from graph.visualize.entry_points import agencies_with_tasks, implemented_documents

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: Annotated[PolicyStore, Depends(get_store)], lang: LangParam = "vi") -> HTMLResponse:
    plans = all_plans(store)
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
    )
