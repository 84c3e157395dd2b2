"""What the home page offers to open: agencies with tasks and the documents plans implement."""

from __future__ import annotations

from dataclasses import dataclass

from graph.build.ids import local
from graph.queries.named import run_named
from graph.queries.rows import integer
from graph.read.cache.memo import memoized
from graph.read.directory import all_agencies
from graph.store.protocol import GraphStore


@dataclass(frozen=True)
class AgencyEntry:
    id: str
    label: str
    province: str | None
    lead: int
    coordinating: int


@dataclass(frozen=True)
class DocumentEntry:
    id: str
    number: str | None
    title: str | None
    plans: int


def agencies_with_tasks(store: GraphStore, lang: str = "vi") -> list[AgencyEntry]:
    """Agencies given tasks, most tasks led first (from the agency directory)."""
    entries = [
        AgencyEntry(
            id=agency.id,
            label=(agency.label_en if lang == "en" else None) or agency.label,
            province=agency.province_name,
            lead=agency.leads,
            coordinating=agency.coordinations,
        )
        for agency in all_agencies(store)
        if agency.leads or agency.coordinations
    ]
    return sorted(entries, key=lambda entry: (-entry.lead, entry.label))


def implemented_documents(store: GraphStore) -> list[DocumentEntry]:
    """Documents the plans implement or are based on, most plans first (kept until the store
    changes)."""
    return memoized(store, "implemented_documents", lambda: _implemented_documents(store))


def _implemented_documents(store: GraphStore) -> list[DocumentEntry]:
    return [
        DocumentEntry(
            id=local(str(row["document"])),
            number=str(row["number"]) if row.get("number") else None,
            title=str(row["title"]) if row.get("title") else None,
            plans=integer(row, "plans") or 0,
        )
        for row in run_named(store, "visual_documents")
    ]
