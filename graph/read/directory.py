"""The agency directory: every agency with its type, province, successors and task counts,
filtered by province, type and name with diacritics, case and ``đ`` ignored."""

from __future__ import annotations

from pydantic import BaseModel, Field

from graph.build.ids import local, slug
from graph.queries.named import run_named
from graph.queries.rows import integer, text
from graph.read.cache.models import ReadModel
from graph.store.protocol import GraphStore
from loaders.text import fold
from ontology.catalogue import agency_types


class AgencySummary(BaseModel):
    id: str
    label: str
    label_en: str | None = None
    type: str
    type_label: str | None
    province: str | None
    province_name: str | None
    current: bool = Field(description="false for a body replaced in the 2025 restructuring")
    successors: list[str] = Field(default_factory=list)
    leads: int = 0
    coordinations: int = 0


def _compute(store: GraphStore) -> list[AgencySummary]:
    found: dict[str, AgencySummary] = {}
    for row in run_named(store, "agencies"):
        agency_id = local(str(row["agency"]))
        summary = found.get(agency_id)
        if summary is None:
            summary = found[agency_id] = AgencySummary(
                id=agency_id,
                label=str(row.get("label") or agency_id),
                label_en=text(row, "english"),
                type=local(str(row["type"])),
                type_label=text(row, "typeLabel"),
                province=local(str(row["province"])) if row.get("province") else None,
                province_name=text(row, "provinceName"),
                current=True,
                leads=integer(row, "leads") or 0,
                coordinations=integer(row, "coordinations") or 0,
            )
        if row.get("successor"):
            successor = local(str(row["successor"]))
            if successor not in summary.successors:
                summary.successors.append(successor)
            summary.current = False
    return sorted(found.values(), key=lambda a: (fold(a.province_name or ""), not a.current, fold(a.label)))


AGENCY_DIRECTORY: ReadModel[list[AgencySummary]] = ReadModel("agency_directory", _compute)


def all_agencies(store: GraphStore) -> list[AgencySummary]:
    return AGENCY_DIRECTORY.get(store)


def agency(store: GraphStore, agency_id: str) -> AgencySummary | None:
    return next((a for a in all_agencies(store) if a.id == agency_id), None)


def type_ids_matching(wanted: str) -> set[str]:
    """Type ids whose id, label, spelling variant or abbreviation folds to ``wanted``."""
    key = fold(wanted)
    matches: set[str] = set()
    for entry in agency_types().values():
        names = [entry.id, entry.pref_vi, entry.pref_en or "", *entry.alt_labels, *entry.hidden_labels]
        if any(name and fold(name).replace("type-", "", 1) == key.replace("type-", "", 1) for name in names):
            matches.add(entry.id)
    return matches


def province_matches(province_id: str | None, province_name: str | None, wanted: str) -> bool:
    """Whether a province (either unit of its name, before or after 2025) is the one ``wanted``
    names: its id, its name, or the name without diacritics."""
    if province_id is None:
        return False
    return (
        province_id == wanted or fold(province_name or "") == fold(wanted) or province_id == f"province-{slug(wanted)}"
    )


def find(
    store: GraphStore,
    *,
    province: str | None = None,
    type: str | None = None,
    q: str | None = None,
) -> list[AgencySummary]:
    """Agencies in ``province`` (id or name), of ``type`` (id, name or abbreviation), whose
    label or type label contains every word of ``q`` (or the start of it)."""
    found = all_agencies(store)
    if province:
        found = [a for a in found if province_matches(a.province, a.province_name, province)]
    if type:
        wanted_types = type_ids_matching(type)
        found = [a for a in found if a.type in wanted_types]
    if q:
        words = fold(q).split()
        found = [a for a in found if all(w in f"{fold(a.label)} {fold(a.type_label or '')}" for w in words)]
    return found
