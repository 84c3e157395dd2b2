"""The graph for other tools: the whole store as a networkx graph (written as GraphML), and a
province's agency × task matrix as an XLSX workbook (openpyxl)."""

from __future__ import annotations

import io

import networkx as nx
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, parse

from graph.analysis import loading
from graph.store.embedded import PREFIXES
from graph.store.protocol import GraphStore

ROLE_WORDS = {"lead": "chủ trì", "coordinating": "phối hợp"}
_RDF_TYPE = PREFIXES["rdf"] + "type"


def _name(iri: str) -> str:
    """A prefixed name where a known prefix fits (``polid:`` ids keep their local part only)."""
    if iri.startswith(PREFIXES["polid"]):
        return iri[len(PREFIXES["polid"]) :]
    for prefix, base in PREFIXES.items():
        if iri.startswith(base):
            return f"{prefix}:{iri[len(base) :]}"
    return iri


def store_graph(store: GraphStore) -> nx.MultiDiGraph:
    """Every resource of the store as a node, every link between resources as an edge with
    ``predicate`` and ``graph`` (the named graph it is stated in); literals become node
    attributes named by their property (several values joined with `` | ``) and ``rdf:type``
    the ``type`` attribute."""
    graph = nx.MultiDiGraph()
    values: dict[str, dict[str, list[str]]] = {}
    for quad in parse(store.dump("application/n-quads"), format=RdfFormat.N_QUADS):
        subject = _term_name(quad.subject)
        predicate = quad.predicate.value
        graph_name = _name(quad.graph_name.value) if isinstance(quad.graph_name, NamedNode) else ""
        obj = quad.object
        if isinstance(obj, Literal):
            key = _name(predicate)
            text = obj.value if obj.language is None else f"{obj.value}@{obj.language}"
            found = values.setdefault(subject, {}).setdefault(key, [])
            if text not in found:
                found.append(text)
            graph.add_node(subject)
        elif predicate == _RDF_TYPE:
            found = values.setdefault(subject, {}).setdefault("type", [])
            name = _term_name(obj)
            if name not in found:
                found.append(name)
            graph.add_node(subject)
        else:
            target = _term_name(obj)
            edge = (subject, target, _name(predicate))
            if not graph.has_edge(*edge):
                graph.add_edge(subject, target, key=_name(predicate), predicate=_name(predicate), graph=graph_name)
    for node, attributes in values.items():
        for key, found in attributes.items():
            graph.nodes[node][key] = " | ".join(sorted(found, key=lambda v: (not v.endswith("@vi"), v)))
    return graph


def _term_name(term: object) -> str:
    if isinstance(term, NamedNode):
        return _name(term.value)
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    return str(term)


def graphml(store: GraphStore) -> bytes:
    """The whole store as GraphML."""
    return "\n".join(nx.generate_graphml(store_graph(store))).encode("utf-8")


Cells = dict[tuple[str, str], str]
"""(task, agency) → its role in words."""


def mandate_matrix(store: GraphStore, province: str) -> tuple[list[loading.TaskInfo], list[tuple[str, str]], Cells]:
    """Tasks of the province's plans (rows, document order), agencies named in them (columns:
    id and label, leads first) and the cells ``(task, agency) → "chủ trì" | "phối hợp"``."""
    tasks = loading.tasks(store)
    known = {t.province: t.province_name for t in tasks.values() if t.province}
    chosen = loading.resolve_provinces(known, [province])
    rows = [t for t in tasks.values() if t.province in chosen]
    wanted = {t.id for t in rows}
    cells: dict[tuple[str, str], str] = {}
    columns: dict[str, tuple[str, int]] = {}
    for a in loading.assignments(store):
        if a.task not in wanted or a.role not in ROLE_WORDS:
            continue
        key = (a.task, a.agency)
        if cells.get(key) != ROLE_WORDS["lead"]:
            cells[key] = ROLE_WORDS[a.role]
        label, leads = columns.get(a.agency, (a.agency_label or a.agency, 0))
        columns[a.agency] = (label, leads + (a.role == "lead"))
    ordered = sorted(columns.items(), key=lambda item: (-item[1][1], item[1][0]))
    return rows, [(agency, label) for agency, (label, _leads) in ordered], cells


def mandate_xlsx(store: GraphStore, province: str) -> bytes:
    """The agency × task matrix of a province as an XLSX workbook: one row per task, one column
    per agency, cells "chủ trì" (lead) or "phối hợp" (coordinating)."""
    rows, columns, cells = mandate_matrix(store, province)
    book = Workbook()
    sheet = book.active
    sheet.title = "Nhiệm vụ × cơ quan"
    header = ["Kế hoạch", "Mã", "Nhiệm vụ", *(label for _agency, label in columns)]
    sheet.append(header)
    for task in rows:
        sheet.append([task.plan, task.code or "", task.text, *(cells.get((task.id, a), "") for a, _ in columns)])
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in sheet.iter_rows(min_row=2, min_col=3, max_col=3):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 8
    sheet.column_dimensions["C"].width = 70
    for index in range(4, len(header) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 16
    sheet.freeze_panes = "D2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
