"""Ingest files into a store: read and extract each file, build its named graph, validate it,
and write it, replacing the graph of an earlier ingest of the file. A file that fails leaves
the store as it was.

With ``jobs`` > 1 the reading, extraction, graph building and validation of the files run in
a pool of worker processes; the store writes stay in the calling process, in the order of the
files, so the result is the same as a sequential ingest. A replaced graph is written in one
transaction; graphs new to the store, when several files are ingested, are gathered and
written in batches by the bulk loader (``_BulkWriter``, ``graph/store_bulk.py``), and the
store is compacted once at the end (:meth:`PolicyStore.compact`).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat

from graph.agency_graph import AgencyKey
from graph.build import build_plan_parts, plan_id
from graph.named_queries import run_named
from graph.store import PolicyStore, StoreError
from graph.succession import refresh_succession
from graph.validate import Violation, violations
from loaders.extract import load_plan
from loaders.models import PlanRecord
from loaders.read import SUPPORTED_EXTENSIONS
from loaders.source import ReadError
from ontology import VOCABULARY_FILE, reference_graphs
from ontology.namespaces import POLID as POLID_IRI

# the extensions the readers take: one registry, loaders/read.py
SUPPORTED = frozenset(SUPPORTED_EXTENSIONS)
# files that accompany documents in a folder but are not documents themselves
_NOT_DOCUMENTS = ("readme", "license", "licence", "changelog", "notice")
REFERENCE_HASH_GRAPH = POLID_IRI + "graph-reference-state"
# quads gathered before a bulk write (about 150 synthetic plans of 50 tasks, some 100 MB of N-Quads):
# bigger batches mean fewer, larger files for the store to merge as it grows
BULK_QUADS = 400_000


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
    cpu_seconds: float = 0.0  # processor time spent on the file, in whichever process did the work
    warnings: list[str] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    record: PlanRecord | None = None  # the extraction record (sequential ingest only)
    # a file of a folder left out on purpose (a README beside the plans): why; not a failure
    skipped: str | None = None
    # the traceback behind an unexpected error, shown with ``--debug``
    detail: str | None = None


def expand(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and every file inside folders named (sorted, recursively), whatever its
    extension: a file PolicyKG does not read is reported, not passed over. Hidden files and
    folders (``.git``, ``.DS_Store``) are left out."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts):
                    yield child
        else:
            yield path


def _companion(path: Path) -> str | None:
    """Why a file found in a folder is not a document (a README or a licence beside the plans)."""
    if path.stem.lower().startswith(_NOT_DOCUMENTS):
        return f"{path.name} is a {path.stem.split('.')[0].lower()} file, not a document"
    return None


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


@dataclass
class PreparedFile:
    """A file read, extracted, built and validated, ready to be written: its report (without
    the triple count, known once written) and its graph as N-Quads (None if it failed)."""

    report: FileReport
    data: bytes | None
    # the agencies the graph names, described in the agencies graph rather than in the plan's
    agencies: dict[AgencyKey, bool] = field(default_factory=dict)


def prepare_file(path: Path, *, validate: bool = True) -> PreparedFile:
    """Everything but the store write; runs in a worker process when ingesting in parallel.

    Never raises for the file's sake: whatever goes wrong while reading, extracting, building
    or validating it becomes the report's error, naming the file and the reason (the
    traceback is kept in ``detail``)."""
    try:
        return _prepare(path, validate=validate)
    except MemoryError:
        report = FileReport(path=path, ok=False, error=f"{path}: too large to read in the memory available")
        return PreparedFile(report, None)
    except Exception as error:
        return PreparedFile(_failure(path, error), None)


def _failure(path: Path, error: BaseException, stage: str = "read") -> FileReport:
    """A file's report for an unexpected error: the file, the stage and the reason."""
    reason = str(error) or type(error).__name__
    if isinstance(error, ReadError | StoreError):
        message = reason if str(path) in reason else f"{path}: {reason}"
    else:
        message = f"{path}: could not be {stage}: {type(error).__name__}: {reason}"
    detail = "".join(traceback.format_exception(error))
    return FileReport(path=path, ok=False, error=message, detail=detail)


def _prepare(path: Path, *, validate: bool) -> PreparedFile:
    started = time.perf_counter()
    cpu_started = time.process_time()
    report = FileReport(path=path, ok=False)
    if path.suffix.lower() not in SUPPORTED:
        kind = f"'{path.suffix.lower()}' files are" if path.suffix else "a file without an extension is"
        report.error = f"{path}: not read: {kind} not supported (unsupported type); PolicyKG reads {', '.join(SUPPORTED_EXTENSIONS)}"
        return PreparedFile(report, None)
    if not path.exists():
        report.error = f"{path}: no such file"
        return PreparedFile(report, None)
    try:
        record = load_plan(path)
    except ReadError as error:
        report.error = str(error)
        return PreparedFile(report, None)
    if not record.tasks and record.number is None and record.doc_type.flags:
        report.error = f"{path}: not a plan: no 'KẾ HOẠCH' or 'QUYẾT ĐỊNH' heading, no number and no task found"
        return PreparedFile(report, None)
    parts = build_plan_parts(record)
    graph_iri = parts.iri
    if validate:
        report.violations = violations(chain(parts.own, parts.agencies))
    data = parts.own.nquads(graph_iri)
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
    report.cpu_seconds = time.process_time() - cpu_started
    return PreparedFile(report, data, parts.described)


def write_prepared(store: PolicyStore, prepared: PreparedFile) -> FileReport:
    """Write a prepared file's graph, replacing the graph of an earlier ingest of the same file,
    in one transaction. (The store's generation counter moves with the succession refresh
    that ends every ingest.)"""
    report = prepared.report
    if prepared.data is None or report.graph_iri is None:
        return report
    started = time.perf_counter()
    cpu_started = time.process_time()
    graph = NamedNode(report.graph_iri)
    if store.is_remote or store.oxigraph.contains_named_graph(graph):
        report.triples = store.replace_graph(report.graph_iri, prepared.data, format="application/n-quads")
    else:
        try:
            store.oxigraph.load(prepared.data, format=RdfFormat.N_QUADS)
        except SyntaxError as error:
            raise StoreError(f"cannot parse the data for {report.graph_iri}: {error}") from error
        report.triples = prepared.data.count(b"\n")
    report.ok = True
    report.seconds += time.perf_counter() - started
    report.cpu_seconds += time.process_time() - cpu_started
    return report


class _BulkWriter:
    """Collects prepared files whose graphs are new to an embedded store and writes them
    together with the bulk loader once enough quads are waiting (see graph/store_bulk.py).

    A batch is written in a background thread (the loader releases the GIL), so the files
    of the next batch keep arriving from the workers meanwhile; one batch at most is in
    flight. The methods return the files whose write has finished, in their order."""

    def __init__(self, store: PolicyStore, quads: int = BULK_QUADS) -> None:
        self.store = store
        self.limit = quads
        self.waiting: list[PreparedFile] = []
        self.size = 0
        self.loading: set[str] = set()
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="policykg-bulk-load")
        self._in_flight: tuple[Future[None], list[PreparedFile]] | None = None

    def accepts(self, prepared: PreparedFile) -> bool:
        iri = prepared.report.graph_iri
        return (
            prepared.data is not None
            and iri is not None
            and iri not in self.loading
            and all(w.report.graph_iri != iri for w in self.waiting)
            and not self.store.oxigraph.contains_named_graph(NamedNode(iri))
        )

    def add(self, prepared: PreparedFile) -> list[PreparedFile]:
        self.waiting.append(prepared)
        prepared.report.triples = prepared.data.count(b"\n") if prepared.data else 0  # one quad a line
        self.size += prepared.report.triples
        done = self._finished(wait=False)
        if self.size >= self.limit:
            done += self._submit()
        return done

    def drain(self) -> list[PreparedFile]:
        """Write everything waiting and wait until it is written."""
        done = self._submit() if self.waiting else []
        return done + self._finished(wait=True)

    def close(self) -> None:
        self._thread.shutdown(wait=True)

    def _submit(self) -> list[PreparedFile]:
        done = self._finished(wait=True)
        batch, self.waiting, self.size = self.waiting, [], 0
        self.loading = {w.report.graph_iri or "" for w in batch}
        self._in_flight = (self._thread.submit(self._write, batch), batch)
        return done

    def _finished(self, *, wait: bool) -> list[PreparedFile]:
        if self._in_flight is None:
            return []
        future, batch = self._in_flight
        if not wait and not future.done():
            return []
        self._in_flight = None
        self.loading = set()
        future.result()  # a failed write raises here, in the ingesting thread
        return batch

    def _write(self, batch: list[PreparedFile]) -> None:
        started = time.perf_counter()
        cpu_started = time.process_time()
        self.store.load_new_graphs(b"".join(w.data or b"" for w in batch), [w.report.graph_iri or "" for w in batch])
        seconds = (time.perf_counter() - started) / len(batch)
        cpu = (time.process_time() - cpu_started) / len(batch)
        for item in batch:
            item.report.ok = True
            item.report.seconds += seconds
            item.report.cpu_seconds += cpu


def ingest_file(store: PolicyStore, path: Path, *, validate: bool = True) -> FileReport:
    return write_prepared(store, prepare_file(path, validate=validate))


def default_jobs() -> int:
    """Worker processes for a parallel ingest: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # platforms without affinity masks
        return max(1, os.cpu_count() or 1)


def _prepare_in_worker(path: Path, validate: bool) -> PreparedFile:
    prepared = prepare_file(path, validate=validate)
    prepared.report.record = None  # extraction records hold generic models that do not pickle; not sent back
    return prepared


def _prepared_in_order(files: list[Path], *, validate: bool, jobs: int) -> Iterator[PreparedFile]:
    """Prepared files in the order given, from ``jobs`` worker processes, with a bounded number
    of files in flight so that memory stays flat however many files there are."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["graph.ingest"])
    window = jobs * 32  # enough to keep the workers busy while the parent writes a batch
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        pending: deque[Future[PreparedFile]] = deque()
        queue = iter(files)
        for path in queue:
            pending.append(pool.submit(_prepare_in_worker, path, validate))
            if len(pending) >= window:
                break
        while pending:
            yield pending.popleft().result()
            for path in queue:
                pending.append(pool.submit(_prepare_in_worker, path, validate))
                break


def ingest(
    store: PolicyStore,
    paths: Iterable[str | Path],
    *,
    validate: bool = True,
    progress: Callable[[int, int, FileReport], None] | None = None,
    jobs: int = 1,
    bulk: bool | None = None,
    compact: bool = True,
) -> list[FileReport]:
    """Ingest every file; the succession graph is refreshed once at the end.

    ``jobs`` > 1 prepares the files in that many worker processes (see the module docstring).
    ``bulk`` writes graphs new to an embedded store in batches with the bulk loader (by
    default when there is more than one file); each file's graph is still all or nothing.
    ``compact``: merge the files such a bulk ingest leaves behind, once at the end.
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    ensure_reference(store)
    files = list(expand(paths))
    if jobs > 1 and len(files) > 1:
        prepared: Iterator[PreparedFile] = _prepared_in_order(files, validate=validate, jobs=min(jobs, len(files)))
    else:
        prepared = (prepare_file(path, validate=validate) for path in files)
    use_bulk = (len(files) > 1 if bulk is None else bulk) and not store.is_remote
    writer = _BulkWriter(store) if use_bulk else None
    reports: list[FileReport] = []
    named: dict[AgencyKey, bool] = {}

    def done(items: list[PreparedFile]) -> None:
        for item in items:
            reports.append(item.report)
            if item.report.ok:
                for key, collective in item.agencies.items():
                    named[key] = named.get(key, False) or collective
            if progress is not None:
                progress(len(reports), len(files), item.report)

    try:
        for item in prepared:
            if writer is not None and writer.accepts(item):
                done(writer.add(item))
                continue
            if writer is not None:
                done(writer.drain())
            write_prepared(store, item)
            done([item])
        if writer is not None:
            done(writer.drain())
    finally:
        if writer is not None:
            writer.close()
    if any(r.ok for r in reports):
        refresh_succession(store, named)
        if writer is not None and compact:
            # batches of bulk-loaded files leave many small files behind: merge them once
            store.compact()
    return reports
