"""Paged response models of the use-case routes: a family per resource, each with the
page (``limit``, ``offset``), the ``total`` before paging and the ``items``."""

from __future__ import annotations

from pydantic import BaseModel, Field

from graph.read.directory import AgencySummary
from graph.read.mandate_rows import MandateItem
from graph.read.targets import TargetItem
from graph.search.index import QueryReading, SearchHit


class Page(BaseModel):
    total: int = Field(description="how many items match, before paging")
    limit: int
    offset: int


class AgencyList(Page):
    items: list[AgencySummary]


class MandateList(Page):
    agency: AgencySummary
    include_predecessors: bool
    items: list[MandateItem]


class SearchResults(Page):
    query: str
    items: list[SearchHit]
    readings: list[QueryReading] = Field(
        default_factory=list,
        description="parts of the query read otherwise (abbreviations, spellings, merged provinces), also searched",
    )


class TargetList(Page):
    items: list[TargetItem]
