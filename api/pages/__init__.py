"""The browser pages: the home page, search, and graph pages for plans, agencies, legal
documents, single nodes and overlaps, with the JSON the node panel reads."""

from __future__ import annotations

from fastapi import APIRouter

from api.pages import home, source_reader
from api.pages.graphs import node_panel
from api.pages.graphs import routes as graph_pages
from api.pages.lists import coverage, overlaps, search
from api.pages.nodes import routes as node_pages

router = APIRouter(tags=["browser"])
for _module in (home, search, overlaps, coverage, graph_pages, node_panel, node_pages, source_reader):
    router.include_router(_module.router)

__all__ = ["router"]
