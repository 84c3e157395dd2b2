"""The browser pages: the home page, search, and graph pages for plans, agencies, legal
documents, single nodes and overlaps, with the JSON the node panel reads."""

from __future__ import annotations

from fastapi import APIRouter

from api.pages import coverage_page, graph_pages, home, node_api, node_pages, overlaps_page, search_page, source_reader

router = APIRouter(tags=["browser"])
for _module in (home, search_page, overlaps_page, coverage_page, graph_pages, node_api, node_pages, source_reader):
    router.include_router(_module.router)

__all__ = ["router"]
