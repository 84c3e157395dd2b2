"""Measurable targets as the API lists them: filtered by the words of their metric, by
province and by the type of the agency that leads the task setting them."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, Field

from graph.agency_directory import province_matches, type_ids_matching
from graph.ids import local
from graph.memo import memoized
from graph.named_queries import run_named
from graph.rows import decimal, integer, text
from graph.store import PolicyStore
from loaders.text import fold


class SourceLines(BaseModel):
    file: str
    start_line: int
    end_line: int
    quote: str


class TargetItem(BaseModel):
    id: str
    value: Decimal
    value_max: Decimal | None = None
    unit: str
    metric: str
    comparator: str | None = None
    deadline_year: int | None = None
    set_by: str = Field(description="the task, plan or national document that sets the target")
    document: str
    document_number: str | None = None
    document_label: str | None = None
    national: bool
    province: str | None = None
    province_name: str | None = None
    lead_agency_types: list[str] = Field(default_factory=list)
    source: SourceLines | None = None


def _compute(store: PolicyStore) -> list[TargetItem]:
    found: dict[str, TargetItem] = {}
    for row in run_named(store, "targets"):
        target_id = local(str(row["target"]))
        item = found.get(target_id)
        if item is None:
            source = None
            if row.get("quote") is not None and row.get("startLine") is not None:
                source = SourceLines(
                    file=str(row["file"]),
                    start_line=integer(row, "startLine") or 0,
                    end_line=integer(row, "endLine") or 0,
                    quote=str(row["quote"]),
                )
            item = found[target_id] = TargetItem(
                id=target_id,
                value=Decimal(str(row["value"])),
                value_max=decimal(row, "valueMax"),
                unit=str(row["unit"]),
                metric=str(row["metric"]),
                comparator=text(row, "comparator"),
                deadline_year=integer(row, "deadline"),
                set_by=local(str(row["owner"])),
                document=local(str(row["document"])),
                document_number=text(row, "documentNumber"),
                document_label=text(row, "documentLabel"),
                national=bool(row.get("national")),
                province=local(str(row["province"])) if row.get("province") else None,
                province_name=text(row, "provinceName"),
                source=source,
            )
        if row.get("leadType"):
            lead_type = local(str(row["leadType"]))
            if lead_type not in item.lead_agency_types:
                item.lead_agency_types.append(lead_type)
    return sorted(found.values(), key=lambda t: (not t.national, fold(t.province_name or ""), t.document, t.id))


def all_targets(store: PolicyStore) -> list[TargetItem]:
    return memoized(store, "targets", lambda: _compute(store))


def find_targets(
    store: PolicyStore,
    *,
    metric: str | None = None,
    province: str | None = None,
    agency_type: str | None = None,
    national: bool | None = None,
) -> list[TargetItem]:
    """Targets whose metric holds every word of ``metric`` (diacritics ignored), in
    ``province`` (id or name), set by a task led by an agency of ``agency_type``."""
    found = all_targets(store)
    if metric:
        words = fold(metric).split()
        found = [t for t in found if all(w in fold(t.metric) for w in words)]
    if province:
        found = [t for t in found if province_matches(t.province, t.province_name, province)]
    if agency_type:
        wanted = type_ids_matching(agency_type)
        found = [t for t in found if wanted.intersection(t.lead_agency_types)]
    if national is not None:
        found = [t for t in found if t.national == national]
    return found


def targets_of(store: PolicyStore, document_id: str) -> list[TargetItem]:
    """The targets one plan (or national document) sets, itself or through its tasks."""

    def index() -> dict[str, list[TargetItem]]:
        by_document: dict[str, list[TargetItem]] = {}
        for target in all_targets(store):
            by_document.setdefault(target.document, []).append(target)
        return by_document

    return memoized(store, "targets_by_document", index).get(document_id, [])
