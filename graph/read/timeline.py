"""An agency's place in the 2025 restructuring: the dated changes from the bodies merged into
it and to the bodies that took it over, each with its legal source."""

from __future__ import annotations

from dataclasses import dataclass

from graph.build.ids import local, node
from graph.queries.named import run_named
from graph.queries.rows import iso_date, text
from graph.store.protocol import GraphStore


@dataclass(frozen=True)
class Change:
    before: str
    before_label: str | None
    after: str
    after_label: str | None
    date: str | None  # ISO date
    source: str | None
    source_number: str | None
    source_title: str | None
    note: str | None
    partial: bool


def agency_timeline(store: GraphStore, agency_id: str) -> list[Change]:
    """The changes leading into and out of the agency, oldest first."""
    found: dict[tuple[str, str], Change] = {}
    for row in run_named(store, "agency_timeline", agency=node(agency_id)):
        change = Change(
            before=local(str(row["before"])),
            before_label=text(row, "beforeLabel"),
            after=local(str(row["after"])),
            after_label=text(row, "afterLabel"),
            date=iso_date(row, "date"),
            source=local(str(row["source"])) if row.get("source") else None,
            source_number=text(row, "sourceNumber"),
            source_title=text(row, "sourceTitle"),
            note=text(row, "note"),
            partial=bool(row.get("partial")),
        )
        found.setdefault((change.before, change.after), change)
    return sorted(found.values(), key=lambda c: (c.date or "", c.before))
