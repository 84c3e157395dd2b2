"""Measurable targets as the API lists them: filtered by the words of their metric, by
province and by the type of the agency that leads the task setting them."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from pydantic import BaseModel, Field

from graph.build.ids import local
from graph.queries.named import run_named
from graph.queries.rows import Row, decimal, integer, text
from graph.read.cache.memo import memoized
from graph.read.cache.models import ReadModel
from graph.read.directory import province_matches, type_ids_matching
from graph.store.protocol import GraphStore
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


def _first_by(rows: Sequence[Row], key: str) -> dict[str, Row]:
    """Rows by the local id in ``key``, the first row of each."""
    found: dict[str, Row] = {}
    for row in rows:
        found.setdefault(local(str(row[key])), row)
    return found


def _compute(store: GraphStore) -> list[TargetItem]:
    documents = _first_by(run_named(store, "target_documents"), "document")
    province_names = {local(str(row["province"])): str(row["name"]) for row in run_named(store, "province_names")}
    spans = _first_by(run_named(store, "target_spans"), "target")
    leads: dict[str, list[str]] = {}
    for row in run_named(store, "target_leads"):
        leads.setdefault(local(str(row["target"])), []).append(local(str(row["leadType"])))
    found: dict[str, TargetItem] = {}
    for row in run_named(store, "targets"):
        target_id = local(str(row["target"]))
        if target_id in found:
            continue
        span = spans.get(target_id)
        source = None
        if span is not None:
            source = SourceLines(
                file=str(span["file"]),
                start_line=integer(span, "startLine") or 0,
                end_line=integer(span, "endLine") or 0,
                quote=str(span["quote"]),
            )
        document_id = local(str(row.get("taskPlan") or row["owner"]))
        document = documents.get(document_id, {})
        province = local(str(document["province"])) if document.get("province") else None
        found[target_id] = TargetItem(
            id=target_id,
            value=Decimal(str(row["value"])),
            value_max=decimal(row, "valueMax"),
            unit=str(row["unit"]),
            metric=str(row["metric"]),
            comparator=text(row, "comparator"),
            deadline_year=integer(row, "deadline"),
            set_by=local(str(row["owner"])),
            document=document_id,
            document_number=text(document, "documentNumber"),
            document_label=text(document, "documentLabel"),
            national=not document.get("isPlan"),
            province=province,
            province_name=province_names.get(province) if province else None,
            lead_agency_types=sorted(set(leads.get(target_id, []))),
            source=source,
        )
    return sorted(found.values(), key=lambda t: (not t.national, fold(t.province_name or ""), t.document, t.id))


TARGETS: ReadModel[list[TargetItem]] = ReadModel("targets", _compute)


def all_targets(store: GraphStore) -> list[TargetItem]:
    return TARGETS.get(store)


def find_targets(
    store: GraphStore,
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


def targets_of(store: GraphStore, document_id: str) -> list[TargetItem]:
    """The targets one plan (or national document) sets, itself or through its tasks."""

    def index() -> dict[str, list[TargetItem]]:
        by_document: dict[str, list[TargetItem]] = {}
        for target in all_targets(store):
            by_document.setdefault(target.document, []).append(target)
        return by_document

    return memoized(store, "targets_by_document", index).get(document_id, [])
