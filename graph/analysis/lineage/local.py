"""The part of the lineage graph below one document, read for that document alone.

``lineage.lineage_graph`` reads the whole store into networkx, which is what the analyses
over every plan need but far too much for showing one document's tree on a national corpus.
Here the graph is grown level by level from the document: the documents that implement or
are based on those of the level (and the plans whose title says they carry out a programme
a document is known by), the tasks of the plans and the tasks that cite the documents, the
agencies that lead or coordinate the tasks. Each step is one query with the level's nodes
bound, so the cost follows the size of the tree, not of the store. Nodes and edges carry the
same attributes as in the whole graph, so ``lineage.lineage_tree`` draws either.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graph.analysis import loading
from graph.analysis.lineage.dag import (
    LineageTree,
    _break_cycles,
    _task_label,
    _title_links,
    lineage_tree,
    matching_documents,
)
from graph.build.ids import local, node
from graph.queries.named import run_named
from graph.read.cache.memo import memoized, memoized_recent
from graph.read.cache.models import ReadModel
from graph.store.protocol import GraphStore

_DOCUMENT_RELATIONS = {"implements": "implements", "basedOn": "based_on"}


DOCUMENTS: ReadModel[dict[str, loading.DocumentInfo]] = ReadModel(("analysis", "documents"), loading.documents)


def documents(store: GraphStore) -> dict[str, loading.DocumentInfo]:
    """Every legal document of the store, kept until the store changes."""
    return DOCUMENTS.get(store)


def _title_children(store: GraphStore) -> dict[str, list[str]]:
    children: dict[str, list[str]] = {}
    for parent, child in _title_links(documents(store)):
        children.setdefault(parent, []).append(child)
    return children


TITLE_CHILDREN: ReadModel[dict[str, list[str]]] = ReadModel(("analysis", "title_children"), _title_children)


def title_children(store: GraphStore) -> dict[str, list[str]]:
    """Document → the plans whose title says they carry out a programme it is known by."""
    return TITLE_CHILDREN.get(store)


def document_graph(store: GraphStore) -> nx.DiGraph:
    """The document level of the lineage graph: documents and plans, linked as in the whole
    graph (implements, based on, carried out by title), without tasks and agencies. The legal
    ancestors of a plan are the same in both; this one is small enough to keep, until the
    store changes."""

    def compute() -> nx.DiGraph:
        known = documents(store)
        graph = nx.DiGraph()
        for doc in known.values():
            graph.add_node(doc.id, kind=doc.kind, label=doc.display, title=doc.title or "", province=doc.province or "")
        for row in run_named(store, "analysis_document_edges"):
            parent, child = local(str(row["parent"])), local(str(row["child"]))
            if parent == child or graph.has_edge(parent, child):
                continue
            for end in (parent, child):
                if end not in graph:
                    graph.add_node(end, kind="document", label=end)
            graph.add_edge(parent, child, relation=str(row["relation"]))
        for parent, child in _title_links(known):
            if not graph.has_edge(parent, child) and not nx.has_path(graph, child, parent):
                graph.add_edge(parent, child, relation="implements_by_title")
        _break_cycles(graph)
        return graph

    return memoized(store, ("analysis", "document_graph"), compute)


def _rows(store: GraphStore, query: str, parents: Iterable[str]) -> list[tuple[str, str, str]]:
    bound = [node(p) for p in parents]
    if not bound:
        return []
    found = []
    for row in run_named(store, query, parent=bound):
        relation = str(row.get("role") or row.get("property") or "")
        found.append((local(str(row["parent"])), local(str(row["child"])), relation))
    return found


def lineage_below(store: GraphStore, doc_id: str, max_depth: int | None = None) -> nx.DiGraph:
    """The lineage graph of ``doc_id`` and what derives from it, down to ``max_depth`` levels.

    One query per level and kind of edge, each O(the level's nodes): about 3 s for QĐ 889 at
    10^4 tasks when every plan derives from it (bench.synth, 2 cores)."""
    known = documents(store)
    by_title = title_children(store)
    graph = nx.DiGraph()

    def add_document(doc: str) -> None:
        if doc in graph:
            return
        info = known.get(doc)
        if info is None:
            graph.add_node(doc, kind="document", label=doc)
        else:
            graph.add_node(
                doc, kind=info.kind, label=info.display, title=info.title or "", province=info.province or ""
            )

    add_document(doc_id)
    seen = {doc_id}
    level_documents: list[str] = [doc_id]
    level_tasks: list[str] = []
    tasks: set[str] = set()
    agencies: set[str] = set()
    level = 0
    while (level_documents or level_tasks) and (max_depth is None or level < max_depth):
        edges: list[tuple[str, str, str]] = []
        for parent, child, prop in _rows(store, "lineage_derived", level_documents):
            edges.append((parent, child, _DOCUMENT_RELATIONS[prop.rsplit("#", 1)[-1]]))
        edges += [(p, c, "has_task") for p, c, _ in _rows(store, "lineage_plan_tasks", level_documents)]
        edges += [(p, c, "cites") for p, c, _ in _rows(store, "lineage_citing_tasks", level_documents)]
        edges += _rows(store, "lineage_task_agencies", level_tasks)
        next_documents: list[str] = []
        next_tasks: list[str] = []
        for parent, child, relation in sorted(set(edges)):
            if parent == child or graph.has_edge(parent, child):
                continue
            if relation in ("has_task", "cites"):
                tasks.add(child)
                graph.add_node(child, kind="task")
                if child not in seen:
                    next_tasks.append(child)
            elif relation in ("lead", "coordinating"):
                agencies.add(child)
                graph.add_node(child, kind="agency")
            else:
                add_document(child)
                if child not in seen:
                    next_documents.append(child)
            seen.add(child)
            graph.add_edge(parent, child, relation=relation)
        for parent in level_documents:
            for child in by_title.get(parent, ()):
                if child == parent or graph.has_edge(parent, child) or graph.has_edge(child, parent):
                    continue
                add_document(child)
                graph.add_edge(parent, child, relation="implements_by_title")
                if child not in seen:
                    seen.add(child)
                    next_documents.append(child)
        level_documents, level_tasks = next_documents, next_tasks
        level += 1
    _describe_tasks(store, graph, tasks)
    _describe_agencies(store, graph, agencies)
    return graph


def document_tree(store: GraphStore, doc_id: str, max_depth: int | None = None) -> LineageTree:
    """The lineage tree of one document; the trees asked for most recently are kept until the
    store changes."""
    return memoized_recent(
        store,
        "lineage_tree",
        (doc_id, max_depth),
        lambda: lineage_tree(lineage_below(store, doc_id, max_depth), doc_id, max_depth),
        keep=32,
    )


class UnknownDocument(LookupError):
    """No legal document of the store, or more than one, is named so."""

    def __str__(self) -> str:
        return str(self.args[0])


def document_lineage(store: GraphStore, wanted: str, max_depth: int | None = None) -> LineageTree:
    """The lineage tree of the legal document that ``wanted`` names: its id, or its number in any
    case, with or without diacritics (``889/QĐ-TTg``, ``889/qd-ttg``). What the lineage route and
    the ``lineage`` command both answer; :func:`document_tree` builds and keeps it.

    Raises :class:`UnknownDocument` when no document, or several, are so named. The first call
    costs :func:`lineage_below` and :func:`~graph.analysis.lineage.dag.lineage_tree` (about 4.5 s
    for QĐ 889 at 10^4 tasks of bench.synth, 2 cores); asked again, 0.1 ms."""
    known = documents(store)
    found = [wanted] if wanted in known else matching_documents({d.id: d.display for d in known.values()}, wanted)
    if not found:
        raise UnknownDocument(f"no legal document '{wanted}' in the store")
    if len(found) > 1:
        raise UnknownDocument(f"'{wanted}' names several documents: {', '.join(found)}; give the id")
    return document_tree(store, found[0], max_depth)


def _describe_tasks(store: GraphStore, graph: nx.DiGraph, tasks: set[str]) -> None:
    """Labels, and an order that follows the plan and the source lines (as in the whole graph)."""
    if not tasks:
        return
    facts = []
    for row in run_named(store, "lineage_task_facts", task=[node(t) for t in sorted(tasks)]):
        info = loading.TaskInfo(
            id=local(str(row["task"])),
            plan=local(str(row["plan"])),
            province=None,
            province_name=None,
            code=str(row["code"]) if row.get("code") is not None else None,
            heading=None,
            text=str(row["text"]),
            quote=None,
        )
        facts.append((info.plan, int(str(row["firstLine"])), info.id, info))
    for order, (_plan, _line, task_id, info) in enumerate(sorted(facts, key=lambda f: f[:3])):
        graph.nodes[task_id].update(label=_task_label(info), order=order)
    for task_id in tasks:
        graph.nodes[task_id].setdefault("label", task_id)


def _describe_agencies(store: GraphStore, graph: nx.DiGraph, agencies: set[str]) -> None:
    labels: dict[str, str] = {}
    if agencies:
        for row in run_named(store, "labels_vi", node=[node(a) for a in sorted(agencies)]):
            labels.setdefault(local(str(row["node"])), str(row["label"]))
    for agency in agencies:
        graph.nodes[agency]["label"] = labels.get(agency, agency)
