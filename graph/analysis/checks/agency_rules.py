"""Work given to a body that no longer existed on the plan's date.

The 2025 restructuring ended some department types on 1 March 2025 (Nghị định 45/2025/NĐ-CP),
the district level on 1 July 2025, and 29 provinces the same day. The reference data states
each end date and successor (``ontology/reference``); a plan whose issue interval lies wholly
after that date and names such a body as lead or coordinator gets one finding per body, at the
first place it is named, with the successor suggested.
"""

from __future__ import annotations

from collections.abc import Iterator

from graph.analysis.checks.plan_dates import IssueInterval
from graph.build.findings import Finding, Rule, finding
from loaders.agencies.structure import STRUCTURE_FLAG
from loaders.models import AgencyMention, PlanRecord, TaskRecord
from ontology import catalogue

ABOLISHED_BODY = Rule(
    "abolished-body",
    "error",
    "Giao việc cho cơ quan không còn tồn tại",
    "Work given to a body that no longer existed",
)
MERGED_PROVINCE = Rule(
    "merged-province",
    "error",
    "Giao việc cho cơ quan của tỉnh đã hợp nhất",
    "Work given to a body of a merged province",
)

ROLE_VI = {"lead": "chủ trì", "coordinating": "phối hợp"}
ROLE_EN = {"lead": "lead", "coordinating": "coordinating"}


def _mentions(record: PlanRecord) -> Iterator[tuple[TaskRecord, str, AgencyMention]]:
    for task in record.tasks:
        for mention in task.leads:
            yield task, "lead", mention
        for mention in task.coordinators:
            yield task, "coordinating", mention


def current_successor(type_id: str, when: IssueInterval) -> str:
    """The body that held the mandates of ``type_id`` on the plan's date: the successor,
    or, where that one had itself ended by then (Cục Thuế tỉnh → Chi cục Thuế khu vực →
    Thuế tỉnh), its own successor, and so on.

    >>> import datetime as dt
    >>> from graph.analysis.checks.plan_dates import IssueInterval
    >>> on = lambda day: IssueInterval(day, day, None)
    >>> current_successor("type-cuc-thue-tinh", on(dt.date(2025, 4, 1)))
    'type-chi-cuc-thue-khu-vuc'
    >>> current_successor("type-cuc-thue-tinh", on(dt.date(2026, 1, 10)))
    'type-thue-tinh'
    >>> current_successor("type-so-tai-nguyen-va-moi-truong", on(dt.date(2026, 1, 10)))
    'type-so-nong-nghiep-va-moi-truong'
    """
    types = catalogue.agency_types()
    seen = {type_id}
    current = type_id
    while True:
        whole = [e for e in catalogue.type_successions().get(current, ()) if not e.partial]
        entry = types.get(whole[0].to_id) if whole else None
        if entry is None or entry.id in seen:
            return current
        seen.add(entry.id)
        current = entry.id
        if entry.abolished is None or not when.surely_on_or_after(entry.abolished):
            return current


def _successor_text(type_id: str, when: IssueInterval) -> tuple[str, str] | None:
    types = catalogue.agency_types()
    entries = catalogue.type_successions().get(type_id, ())
    whole = [current_successor(type_id, when) for e in entries if not e.partial]
    parts = [e for e in entries if e.partial]
    if not entries:
        return None
    vi: list[str] = []
    en: list[str] = []
    if whole:
        vi.append("chuyển cho " + ", ".join(types[t].pref_vi for t in whole if t in types))
        en.append("passes to " + ", ".join(types[t].pref_en or types[t].pref_vi for t in whole if t in types))
    if parts:
        vi.append(
            "một phần chức năng chuyển cho " + ", ".join(types[e.to_id].pref_vi for e in parts if e.to_id in types)
        )
        en.append(
            "part of its functions to " + ", ".join(types[e.to_id].pref_en or types[e.to_id].pref_vi for e in parts)
        )
    return "; ".join(vi), "; ".join(en)


def abolished_bodies(record: PlanRecord, when: IssueInterval) -> list[Finding]:
    """One finding per abolished body (type) and per merged province the plan names."""
    types = catalogue.agency_types()
    provinces = catalogue.provinces()
    found: dict[tuple[str, str], tuple[TaskRecord, str, AgencyMention, int]] = {}
    for task, role, mention in _mentions(record):
        entry = types.get(mention.type_id) if mention.type_id else None
        # a name typed by its head noun ("Kho bạc Nhà nước") may be the successor's: only a
        # name the reference data gives the ended body is held to its end date
        by_label = STRUCTURE_FLAG not in mention.flags
        if entry is not None and entry.abolished is not None and by_label and when.surely_on_or_after(entry.abolished):
            body = ("type", entry.id)
        else:
            unit = provinces.get(mention.province) if mention.province else None
            if unit is None or unit.valid_until is None or not when.surely_on_or_after(unit.valid_until):
                continue
            body = ("province", unit.id)
        first = found.get(body)
        found[body] = (first[0], first[1], first[2], first[3] + 1) if first else (task, role, mention, 1)
    results: list[Finding] = []
    for (kind, local_id), (task, role, mention, count) in found.items():
        times_vi = f" ({count} lần)" if count > 1 else ""
        times_en = f" ({count} times)" if count > 1 else ""
        if kind == "type":
            abolished = types[local_id]
            assert abolished.abolished is not None
            day = abolished.abolished.strftime("%d/%m/%Y")
            suggestion = _successor_text(local_id, when)
            results.append(
                finding(
                    ABOLISHED_BODY,
                    f"“{mention.text}” được giao {ROLE_VI[role]}{times_vi}, nhưng {abolished.pref_vi} "
                    f"không còn từ ngày {day}, trước ngày ban hành kế hoạch ({when.stated_as or 'theo văn bản'}).",
                    f"“{mention.text}” is named as {ROLE_EN[role]}{times_en}, but the body "
                    f"({abolished.pref_en or abolished.pref_vi}) ceased to exist on {day}, before the plan was issued.",
                    mention.span,
                    task=task.key,
                    suggestion=suggestion,
                    subject=mention.text,
                )
            )
        else:
            ended = provinces[local_id]
            assert ended.valid_until is not None
            successor = provinces.get(ended.successor_id) if ended.successor_id else None
            day = ended.valid_until.strftime("%d/%m/%Y")
            results.append(
                finding(
                    MERGED_PROVINCE,
                    f"“{mention.text}” thuộc tỉnh {ended.name}, đơn vị hành chính đã kết thúc ngày {day}{times_vi}.",
                    f"“{mention.text}” belongs to {ended.name}, a province that ended on {day}{times_en}.",
                    mention.span,
                    task=task.key,
                    suggestion=(f"nay thuộc tỉnh {successor.name}", f"now part of {successor.name}")
                    if successor
                    else None,
                    subject=mention.text,
                )
            )
    return results
