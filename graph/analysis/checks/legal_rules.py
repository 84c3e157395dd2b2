"""A legal basis that had been replaced on the plan's date.

The reference data names, for the laws and decrees it knows to have been replaced, the
document that replaced them (``pol:replacedBy``) and the day that one took effect
(``pol:inForceFrom``): the 2015 laws on local government, on the Government, on legal
documents and on the state budget, among others. A plan issued surely on or after that day
that still cites the older version as its basis (``Căn cứ ...``) or as what it implements gets
one finding per such citation, with the version in force on the plan's date suggested.

Which version a citation names is read by the loaders from its number or from the date written
after its title; a citation whose version is not stated is not held to either.
"""

from __future__ import annotations

import datetime as dt

from graph.analysis.checks.plan_dates import IssueInterval
from graph.build.findings import Finding, Rule, finding
from loaders.models import PlanRecord
from ontology import catalogue

REPLACED_BASIS = Rule(
    "legal-basis-replaced",
    "warning",
    "Căn cứ văn bản đã được thay thế",
    "A legal basis that had been replaced",
)

RELATIONS = ("based_on", "implements")


def in_force_on(doc_id: str, when: IssueInterval) -> tuple[str, dt.date] | None:
    """The version that replaced ``doc_id`` and was in force on the plan's date, with the day
    the first replacement took effect; None when the document was still in force then (or the
    plan's date is not known well enough to say).

    >>> import datetime as dt
    >>> from graph.analysis.checks.plan_dates import IssueInterval
    >>> on = lambda day: IssueInterval(day, day, None)
    >>> in_force_on("doc-77-2015-qh13", on(dt.date(2026, 1, 5)))
    ('doc-72-2025-qh15', datetime.date(2025, 3, 1))
    >>> in_force_on("doc-77-2015-qh13", on(dt.date(2025, 4, 2)))
    ('doc-65-2025-qh15', datetime.date(2025, 3, 1))
    >>> in_force_on("doc-77-2015-qh13", on(dt.date(2024, 12, 1))) is None
    True
    """
    documents = catalogue.national_documents()
    entry = documents.get(doc_id)
    replacement = documents.get(entry.replaced_by) if entry and entry.replaced_by else None
    if replacement is None or replacement.in_force_from is None:
        return None
    if not when.surely_on_or_after(replacement.in_force_from):
        return None
    ended = replacement.in_force_from
    seen = {doc_id, replacement.id}
    while replacement.replaced_by and replacement.replaced_by not in seen:
        later = documents.get(replacement.replaced_by)
        if later is None or later.in_force_from is None or not when.surely_on_or_after(later.in_force_from):
            break
        seen.add(later.id)
        replacement = later
    return replacement.id, ended


def _name(entry: catalogue.NationalDocumentEntry) -> str:
    return " ".join(part for part in (entry.title, f"số {entry.number}" if entry.number else None) if part)


def replaced_bases(record: PlanRecord, when: IssueInterval) -> list[Finding]:
    """One finding per citation of a document replaced before the plan's date."""
    documents = catalogue.national_documents()
    results: list[Finding] = []
    seen: set[str] = set()
    for ref in record.references:
        if ref.relation not in RELATIONS or not ref.known_id or ref.known_id in seen:
            continue
        current = in_force_on(ref.known_id, when)
        if current is None:
            continue
        seen.add(ref.known_id)
        cited, now = documents[ref.known_id], documents[current[0]]
        day = current[1].strftime("%d/%m/%Y")
        written = ref.span.quote if ref.span and ref.span.quote else (ref.title or cited.number or cited.id)
        results.append(
            finding(
                REPLACED_BASIS,
                f"Kế hoạch ({when.stated_as or 'theo văn bản'}) dẫn {_name(cited)}, "
                f"văn bản đã được thay thế từ ngày {day}.",
                f"The plan cites {_name(cited)}, which was replaced on {day}, before the plan was issued.",
                ref.span,
                suggestion=(f"căn cứ {_name(now)}", f"cite {_name(now)}"),
                subject=(ref.title or cited.number or written).strip(),
            )
        )
    return results
