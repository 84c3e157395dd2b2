"""The legal chain above a plan or a task: what it implements or is based on, up to the
national decision, with the distance from the start."""

from __future__ import annotations

from collections import deque
from typing import Any

from pydantic import BaseModel

from graph.build.ids import local, node
from graph.queries.named import run_named
from graph.queries.rows import iso_date, text
from graph.read.cache.memo import memoized
from graph.store.protocol import GraphStore


class LegalLink(BaseModel):
    """One document in a legal chain: reached from ``via`` by ``relation``, ``depth`` steps up."""

    id: str
    number: str | None
    title: str | None
    issued: str | None
    relation: str  # implements | based_on | cites (a task's own citation)
    depth: int
    via: str


def _compute_chain(store: GraphStore, document_id: str) -> list[LegalLink]:
    edges: dict[str, list[tuple[str, str]]] = {}
    about: dict[str, dict[str, Any]] = {}
    for row in run_named(store, "legal_chain", start=node(document_id)):
        source, target = local(str(row["from"])), local(str(row["to"]))
        pair = (target, str(row["relation"]))
        if pair not in edges.setdefault(source, []):
            edges[source].append(pair)
        facts = about.setdefault(target, {})
        for name in ("number", "title", "issued"):
            if facts.get(name) is None and row.get(name) is not None:
                facts[name] = row[name]
    links: list[LegalLink] = []
    seen = {document_id}
    queue: deque[tuple[str, int]] = deque([(document_id, 0)])
    while queue:
        current, depth = queue.popleft()
        for target, relation in sorted(edges.get(current, [])):
            if target in seen:
                continue
            seen.add(target)
            facts = about.get(target, {})
            links.append(
                LegalLink(
                    id=target,
                    number=facts.get("number"),
                    title=facts.get("title"),
                    issued=iso_date(facts, "issued"),
                    relation=relation,
                    depth=depth + 1,
                    via=current,
                )
            )
            queue.append((target, depth + 1))
    return links


def legal_chain(store: GraphStore, document_id: str) -> list[LegalLink]:
    """Documents above ``document_id`` (nearest first), through implements and based-on links."""
    return memoized(store, ("legal_chain", document_id), lambda: _compute_chain(store, document_id))


def _compute_task_citations(store: GraphStore, plan_id: str) -> dict[str, list[LegalLink]]:
    cited: dict[str, dict[str, LegalLink]] = {}
    for row in run_named(store, "plan_task_citations", plan=node(plan_id)):
        task, document = local(str(row["task"])), local(str(row["document"]))
        per_task = cited.setdefault(task, {})
        if document not in per_task:
            per_task[document] = LegalLink(
                id=document,
                number=text(row, "number"),
                title=text(row, "title"),
                issued=iso_date(row, "issued"),
                relation="cites",
                depth=1,
                via=task,
            )
    return {task: list(found.values()) for task, found in cited.items()}


def task_chain(store: GraphStore, plan_id: str, task_id: str) -> list[LegalLink]:
    """The chain above one task: the documents its own text cites, then the plan's chain
    (one step further up: task → plan → ...)."""
    citations = memoized(store, ("task_citations", plan_id), lambda: _compute_task_citations(store, plan_id))
    links = list(citations.get(task_id, []))
    cited = {link.id for link in links}
    for link in legal_chain(store, plan_id):
        if link.id not in cited:
            links.append(link.model_copy(update={"depth": link.depth + 1}))
    return links
