"""Ingest files into a store: read and extract each file, build its named graph, validate it,
and replace the file's graph in one transaction. A file that fails leaves the store as it was.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode

from graph.build import build_plan_graph, plan_id
from graph.named_queries import run_named
from graph.store import PolicyStore
from graph.succession import refresh_succession
from graph.validate import Violation, violations
from loaders.extract import load_plan
from loaders.models import PlanRecord
from loaders.source import ReadError
from ontology import VOCABULARY_FILE, reference_graphs
from ontology.namespaces import POLID as POLID_IRI

SUPPORTED = {".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf"}
# files that accompany documents in a folder but are not documents themselves
_NOT_DOCUMENTS = ("readme", "license", "licence", "changelog", "notice")
REFERENCE_HASH_GRAPH = POLID_IRI + "graph-reference-state"


@dataclass
class FileReport:
    path: Path
    ok: bool
    error: str | None = None
    plan_id: str | None = None
    graph_iri: str | None = None
    triples: int = 0
    tasks: int = 0
    agencies: int = 0
    unresolved: int = 0
    lead_mentions: int = 0
    lead_unresolved: int = 0
    targets: int = 0
    references: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    record: PlanRecord | None = None


def expand(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and the supported files inside folders named (sorted, recursively)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if (
                    child.is_file()
                    and child.suffix.lower() in SUPPORTED
                    and not child.name.startswith(".")
                    and not child.stem.lower().startswith(_NOT_DOCUMENTS)
                ):
                    yield child
        else:
            yield path


def ensure_reference(store: PolicyStore) -> bool:
    """Load (or refresh) the ontology and the curated reference graphs; True if anything changed."""
    files = [(VOCABULARY_FILE, POLID_IRI + "graph-ontology")]
    files += [(ref.path, ref.graph_iri) for ref in reference_graphs()]
    digest = hashlib.sha256()
    for path, graph_iri in files:
        digest.update(graph_iri.encode())
        digest.update(Path(path).read_bytes())
    state = digest.hexdigest()
    current = run_named(store, "reference_state", g=NamedNode(REFERENCE_HASH_GRAPH))
    if current and current[0].get("hash") == state:
        return False
    for path, graph_iri in files:
        store.replace_graph(graph_iri, Path(path).read_bytes(), format="text/turtle")
    store.replace_graph(
        REFERENCE_HASH_GRAPH,
        f'<{REFERENCE_HASH_GRAPH}> <https://w3id.org/policykg/ontology#sha256> "{state}" .\n',
        format="application/n-triples",
    )
    return True


def ingest_file(store: PolicyStore, path: Path, *, validate: bool = True) -> FileReport:
    started = time.perf_counter()
    report = FileReport(path=path, ok=False)
    if path.suffix.lower() not in SUPPORTED:
        report.error = (
            f"{path}: unsupported file type '{path.suffix or '(none)'}'; supported: {', '.join(sorted(SUPPORTED))}"
        )
        return report
    if not path.exists():
        report.error = f"{path}: no such file"
        return report
    try:
        record = load_plan(path)
    except ReadError as error:
        report.error = str(error)
        return report
    if not record.tasks and record.number is None and record.doc_type.flags:
        report.error = f"{path}: not a plan: no 'KẾ HOẠCH' or 'QUYẾT ĐỊNH' heading, no number and no task found"
        return report
    graph_iri, graph = build_plan_graph(record)
    if validate:
        report.violations = violations(graph)
    data = graph.serialize(format="nt", encoding="utf-8")
    report.triples = store.replace_graph(graph_iri, data, format="application/n-triples")
    report.ok = True
    report.record = record
    report.plan_id = plan_id(record)
    report.graph_iri = graph_iri
    report.tasks = len(record.tasks)
    mentions = record.agency_mentions()
    report.agencies = len({(m.type_id or m.text, m.province) for m in mentions})
    report.unresolved = sum(1 for m in mentions if m.type_id is None)
    leads = [m for t in record.tasks for m in t.leads]
    report.lead_mentions = len(leads)
    report.lead_unresolved = sum(1 for m in leads if m.type_id is None)
    report.targets = len(record.targets) + sum(len(t.targets) for t in record.tasks)
    report.references = len(record.references)
    report.warnings = [f"{w.message}" + (f" (line {w.span.start_line})" if w.span else "") for w in record.warnings]
    report.seconds = time.perf_counter() - started
    return report


def ingest(
    store: PolicyStore,
    paths: Iterable[str | Path],
    *,
    validate: bool = True,
    progress: Callable[[int, int, FileReport], None] | None = None,
) -> list[FileReport]:
    """Ingest every file; the succession graph is refreshed once at the end."""
    ensure_reference(store)
    files = list(expand(paths))
    reports: list[FileReport] = []
    for index, path in enumerate(files, start=1):
        report = ingest_file(store, path, validate=validate)
        reports.append(report)
        if progress is not None:
            progress(index, len(files), report)
    if any(r.ok for r in reports):
        refresh_succession(store)
    return reports
