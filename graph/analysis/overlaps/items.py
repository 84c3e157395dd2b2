"""What the overlap analysis compares: the tasks and targets of provincial plans as
:class:`~graph.analysis.overlaps.models.Item` (each with its lead agencies and their types, before
and after the 2025 restructuring), and the provinces and agency types a caller may narrow them to.

Tasks and targets of a national plan are left out: they set the work the provinces take up.
"""

from __future__ import annotations

from typing import Any

from graph.analysis import loading
from graph.analysis.overlaps.models import Evidence, Item, ItemKind
from graph.build.ids import slug
from graph.store.protocol import GraphStore
from loaders.text import fold


def compared_items(store: GraphStore, plans: list[str] | None = None) -> list[Item]:
    """The items to compare: every task and target of the store, or of ``plans``."""
    tasks = loading.tasks(store, plans)
    current = loading.current_types(store)
    labels: dict[str, str] = {}
    leads: dict[str, set[str]] = {}
    types: dict[str, set[str]] = {}
    all_types: dict[str, set[str]] = {}
    lead_labels: dict[str, list[str]] = {}
    for a in loading.assignments(store, plans):
        if a.role != "lead":
            continue
        leads.setdefault(a.task, set()).add(a.agency)
        lead_labels.setdefault(a.task, []).append(a.agency_label or a.agency)
        found = {t for t in (a.type, current[a.agency].id if a.agency in current else None) if t}
        successor_type = current.get(a.agency)
        if a.type and a.type_label:
            labels[a.type] = a.type_label
        if successor_type is not None and successor_type.label:
            labels[successor_type.id] = successor_type.label
        all_types.setdefault(a.task, set()).update(found)
        if not a.generic_type:
            types.setdefault(a.task, set()).update(found)

    def item(
        kind: ItemKind, record: loading.TaskInfo | loading.TargetInfo, text: str, owner: str, **extra: Any
    ) -> Item:
        """One side of a possible pair: a task (its own assignments) or a target (its task's)."""
        quote = record.quote
        owner_types = sorted(types.get(owner, set()))
        return Item(
            Evidence(
                id=record.id,
                kind=kind,
                plan=record.plan,
                province=record.province,
                province_name=record.province_name,
                text=text,
                lead_agencies=sorted(set(lead_labels.get(owner, []))),
                agency_types=owner_types,
                agency_type_labels=[labels.get(t, t) for t in owner_types],
                value=extra.pop("value", None),
                quote=quote.text if quote else None,
                file=quote.file if quote else None,
                start_line=quote.start_line if quote else None,
                end_line=quote.end_line if quote else None,
            ),
            lineage_node=record.plan,
            leads=frozenset(leads.get(owner, set())),
            types=frozenset(owner_types),
            all_types=frozenset(all_types.get(owner, set())),
            **extra,
        )

    items: list[Item] = []
    for task in tasks.values():
        if task.province is None:
            continue  # tasks of a national plan are what the provinces implement, not a province's mandate
        items.append(item("task", task, task.text, task.id))
    for target in loading.targets(store, plans).values():
        if target.province is None or not target.metric:
            continue  # national targets are the yardstick of target gaps, not a mandate
        items.append(
            item(
                "target",
                target,
                target.metric,
                target.owner,
                value=target.value_text,
                unit=target.unit,
                metric=target.metric,
            )
        )
    return items


def province_filter(items: list[Item], provinces: list[str]) -> set[str]:
    known = {i.evidence.province: i.evidence.province_name for i in items if i.evidence.province}
    return loading.resolve_provinces(known, provinces)


def type_filter(store: GraphStore, plans: list[str] | None, agency_type: str) -> set[str]:
    known: dict[str, str] = {}
    for a in loading.assignments(store, plans):
        if a.type:
            known[a.type] = a.type_label or a.type
    for t in loading.current_types(store).values():
        known[t.id] = t.label or t.id
    wanted = fold(agency_type)
    matched = {
        type_id
        for type_id, label in known.items()
        if type_id == agency_type or fold(label) == wanted or type_id == "type-" + slug(agency_type)
    }
    if not matched:
        raise loading.UnknownFilter(f"no agency type '{agency_type}' is assigned any task in the store")
    return matched
