"""An agency's mandates as the API returns them: each task with its role, plan, province,
source quote and the legal chain above it, own and inherited ones told apart."""

from __future__ import annotations

from pydantic import BaseModel, Field

from graph.read.cache.memo import memoized_recent
from graph.read.legal_chain import LegalLink, task_chain
from graph.read.mandates import Mandate, add_sources, mandates
from graph.read.targets import SourceLines
from graph.store.protocol import GraphStore


class PlanRef(BaseModel):
    id: str
    label: str | None
    title: str | None


class MandateItem(BaseModel):
    task: str
    role: str = Field(description="lead | coordinating | reporting | ...")
    code: str | None
    text: str
    plan: PlanRef
    province: str | None
    holder: str = Field(description="the agency named in the plan (a predecessor when inherited)")
    holder_label: str | None
    inherited: bool
    handover: str | None = Field(None, description="date the mandate passed to this agency, when inherited")
    via: list[str] = Field(default_factory=list, description="the chain of successors it passed through")
    legal_chain: list[LegalLink]
    source: SourceLines | None


def _item(store: GraphStore, mandate: Mandate) -> MandateItem:
    source = None
    if mandate.quote is not None and mandate.file and mandate.start_line is not None:
        source = SourceLines(
            file=mandate.file,
            start_line=mandate.start_line,
            end_line=mandate.end_line if mandate.end_line is not None else mandate.start_line,
            quote=mandate.quote,
        )
    return MandateItem(
        task=mandate.task,
        role=mandate.role,
        code=mandate.code,
        text=mandate.text,
        plan=PlanRef(id=mandate.plan, label=mandate.plan_label, title=mandate.plan_title),
        province=mandate.province,
        holder=mandate.holder,
        holder_label=mandate.holder_label,
        inherited=mandate.inherited,
        handover=mandate.handover.isoformat() if mandate.handover else None,
        via=list(mandate.via),
        legal_chain=task_chain(store, mandate.plan, mandate.task),
        source=source,
    )


def mandate_items(
    store: GraphStore,
    agency_id: str,
    *,
    include_predecessors: bool = False,
    role: str | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> tuple[int, list[MandateItem]]:
    """How many mandates ``agency_id`` has (optionally only one role), and those of the page
    ``offset``/``limit``, each with its legal chain. The lists of the agencies asked about
    most recently are kept until the store changes."""
    found = memoized_recent(
        store,
        "mandates",
        (agency_id, include_predecessors),
        lambda: mandates(store, agency_id, include_predecessors=include_predecessors, with_sources=False),
    )
    if role:
        found = [m for m in found if m.role == role]
    page = found[offset:] if limit is None else found[offset : offset + limit]
    add_sources(store, [m for m in page if m.quote is None])
    return len(found), [_item(store, m) for m in page]
