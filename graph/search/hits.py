"""What a search page says about each hit: its title in words (a plan's title, a task's text,
a target as "85 % — siêu thị … (Hà Tĩnh, 2030)"), its plan, province and year; matching with the
diacritics typed; provinces by id or name; and a query read otherwise (abbreviations, other
spellings, merged provinces: :mod:`graph.search.expand`)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from pydantic import BaseModel, Field

from graph.analysis.lineage.local import documents
from graph.read.directory import province_matches
from graph.read.plans import all_plans
from graph.store.protocol import GraphStore
from graph.visualize.labels import shorten
from loaders.text import fold, nfc
from ontology import catalogue

TITLE_CHARS = 160
METRIC_CHARS = 70


class SearchHit(BaseModel):
    kind: str
    id: str
    label: str | None
    text: str | None
    plan: str | None
    province: str | None
    score: float
    snippet: str
    highlights: list[tuple[int, int]]
    snippet_html: str
    title: str | None = Field(default=None, description="what the item is, in words: plan title, task text, …")
    year: int | None = Field(default=None, description="the plan's year, or a target's deadline")
    plan_label: str | None = None
    province_name: str | None = None
    exact: bool = Field(default=False, description="the item holds the query's words with the diacritics typed")
    matched_query: str | None = Field(
        default=None, description="the query as read (abbreviations, spellings, merged provinces), when it was"
    )


def exact_words(query: str) -> list[str]:
    """The query's words as typed (lowercase, NFC) when it carries any diacritic, else none."""
    lowered = nfc(query.lower())
    if fold(lowered) == lowered:
        return []
    return re.findall(r"\w+", lowered)


def holds_exactly(text: str, words: list[str]) -> bool:
    present = set(re.findall(r"\w+", nfc(text.lower())))
    return all(word in present for word in words)


@cache
def _province_names() -> dict[str, str]:
    return {entry.id: entry.name for entry in catalogue.provinces().values()}


def province_ids(wanted: str) -> set[str]:
    """Province ids (before and after 2025) that ``wanted`` names: an id, a name, diacritics optional."""
    return {pid for pid, name in _province_names().items() if province_matches(pid, name, wanted)}


def _title(hit: SearchHit, plan: Any) -> str:
    if hit.kind == "plan":
        return (plan.title if plan is not None and plan.title else None) or hit.label or hit.id
    if hit.kind == "document":
        return " — ".join(part for part in (hit.label, hit.text) if part) or hit.id
    if hit.kind == "task":
        text = shorten(hit.text or "", TITLE_CHARS)
        return f"{hit.label}. {text}" if hit.label and text else (text or hit.label or hit.id)
    if hit.kind == "target":
        amount = (hit.label or "").strip()
        metric = shorten(hit.text or "", METRIC_CHARS)
        where = ", ".join(str(part) for part in (hit.province_name or hit.plan_label, hit.year) if part)
        return f"{amount} — {metric}" + (f" ({where})" if where else "")
    return hit.label or hit.id


def describe_hits(store: GraphStore, hits: list[SearchHit]) -> list[SearchHit]:
    """Fill in each hit's title, plan label, province name and (a plan's) year; in place."""
    plans = {plan.id: plan for plan in all_plans(store)}
    names = _province_names()
    others = documents(store) if any(hit.plan and hit.plan not in plans for hit in hits) else {}
    for hit in hits:
        plan = plans.get(hit.plan or "")
        if plan is not None:
            hit.plan_label = plan.label or plan.title or plan.id
            if hit.kind != "target" and hit.year is None:
                hit.year = plan.year
        elif hit.plan and hit.plan in others and hit.plan != hit.id:
            document = others[hit.plan]
            hit.plan_label = document.number or document.label or document.title or hit.plan
        if hit.province:
            hit.province_name = (plan.province_name if plan is not None else None) or names.get(hit.province)
        hit.title = _title(hit, plan)
    return hits
