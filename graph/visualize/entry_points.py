"""What the home page offers to open: agencies with tasks and the documents plans implement."""

from __future__ import annotations

from dataclasses import dataclass

from graph.ids import local
from graph.named_queries import run_named
from graph.store import PolicyStore


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


def agencies_with_tasks(store: PolicyStore, lang: str = "vi") -> list[AgencyEntry]:
    """Agencies given tasks, most tasks led first."""
    entries = []
    for row in run_named(store, "visual_agencies"):
        agency = local(str(row["agency"]))
        label = (row.get("english") if lang == "en" else None) or row.get("label") or agency
        entries.append(
            AgencyEntry(
                id=agency,
                label=str(label),
                province=str(row["province"]) if row.get("province") else None,
                lead=int(row.get("lead") or 0),  # type: ignore[call-overload]
                coordinating=int(row.get("coordinating") or 0),  # type: ignore[call-overload]
            )
        )
    return entries


def implemented_documents(store: PolicyStore) -> list[DocumentEntry]:
    """Documents the plans implement or are based on, most plans first."""
    return [
        DocumentEntry(
            id=local(str(row["document"])),
            number=str(row["number"]) if row.get("number") else None,
            title=str(row["title"]) if row.get("title") else None,
            plans=int(row.get("plans") or 0),  # type: ignore[call-overload]
        )
        for row in run_named(store, "visual_documents")
    ]
