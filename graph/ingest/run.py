"""Ingest files into a store: read and extract each file, build its named graph, validate it,
and write it, replacing the graph of an earlier ingest of the file. A file that fails leaves
the store as it was, and the other files of the run go on.

Each file is one named graph (``graph.build.ids.graph_id``: the file at its path); each document is
one plan, known by what it says (``graph.build.plan.document.plan_id``), whatever files carry it. A second
file of a document attaches to it as another source file and the document's facts are read
from the better-read file (``graph.ingest.source_files``); a file whose content is already in the
store under another name changes nothing.

With ``jobs`` > 1 the reading, extraction, graph building and validation of the files run in
a pool of worker processes; the store writes stay in the calling process, in the order of the
files, so the result is the same as a sequential ingest. A replaced graph is written in one
transaction; graphs new to the store, when several files are ingested, are gathered and
written in batches by the bulk loader (``graph/ingest/bulk.py``, ``graph/store/bulk.py``),
and the store is compacted once at the end (:meth:`PolicyStore.compact`). The whole run is
journalled (``graph.ingest.derived``) so that a run cut short is repaired when the store is next
opened by :mod:`graph.ingest.opening`, or at the start of the next ingest.
"""

from __future__ import annotations

import multiprocessing
import os
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain
from pathlib import Path

from graph.analysis.checks import check_plan
from graph.build.ids import REFERENCE_HASH_GRAPH
from graph.build.plan.parts import build_plan_parts
from graph.ingest.bulk import BULK_QUADS
from graph.ingest.coverage import refresh_coverage
from graph.ingest.derived import Journal, ensure_reference, repair_derived
from graph.ingest.reports import FileReport, PreparedFile
from graph.ingest.source_files import Reading, reading_facts
from graph.ingest.succession import refresh_succession
from graph.ingest.write import Writer
from graph.store.embedded import StoreError
from graph.store.protocol import GraphStore
from graph.validate.plan_shapes import violations
from loaders.extract import load_plan
from loaders.limits import Limits
from loaders.read import SUPPORTED, SUPPORTED_EXTENSIONS
from loaders.source import ReadError

__all__ = ["BULK_QUADS", "REFERENCE_HASH_GRAPH", "SUPPORTED", "FileReport", "ensure_reference", "ingest"]

# files that accompany documents in a folder but are not documents themselves
_NOT_DOCUMENTS = ("readme", "license", "licence", "changelog", "notice")


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


def prepare_file(path: Path, *, validate: bool = True, limits: Limits | None = None) -> PreparedFile:
    """Everything but the store write; runs in a worker process when ingesting in parallel.

    Never raises for the file's sake: whatever goes wrong while reading, extracting, building
    or validating it becomes the report's error, naming the file and the reason (the
    traceback is kept in ``detail``)."""
    try:
        return _prepare(path, validate=validate, limits=limits)
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


def _prepare(path: Path, *, validate: bool, limits: Limits | None) -> PreparedFile:
    started = time.perf_counter()
    cpu_started = time.process_time()
    report = FileReport(path=path, ok=False)
    if path.suffix.lower() not in SUPPORTED:
        kind = f"'{path.suffix.lower()}' files are" if path.suffix else "a file without an extension is"
        report.error = (
            f"{path}: not read: {kind} not supported (unsupported type);"
            f" PolicyKG reads {', '.join(SUPPORTED_EXTENSIONS)}"
        )
        return PreparedFile(report, None)
    if not path.exists():
        report.error = f"{path}: no such file"
        return PreparedFile(report, None)
    try:
        record = load_plan(path, limits)
    except ReadError as error:
        report.error = str(error)
        return PreparedFile(report, None)
    if not record.tasks and record.number is None and record.doc_type.flags:
        report.error = f"{path}: not a plan: no 'KẾ HOẠCH' or 'QUYẾT ĐỊNH' heading, no number and no task found"
        return PreparedFile(report, None)
    findings = check_plan(record, list(enumerate(record.source_text.split("\n"), start=1)))
    parts = build_plan_parts(record, findings)
    graph_iri = parts.iri
    if validate:
        report.violations = violations(chain(parts.own, parts.agencies))
    data = parts.own.nquads(graph_iri)
    report.record = record
    report.plan_id = parts.doc.rsplit("/", 1)[-1]
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
    resolved = sum(1 for m in mentions if m.type_id is not None)
    reading = Reading(
        graph=graph_iri,
        doc=parts.doc,
        sha256=record.source_sha256,
        path=os.path.abspath(path),
        name=path.name,
        format=record.source_format,
        tasks=report.tasks,
        targets=report.targets,
        references=report.references,
        facts=reading_facts(report.tasks, report.targets, report.references, resolved),
        warnings=len(report.warnings) + len(report.violations),
    )
    file_only = parts.file_only().nquads(graph_iri)
    report.seconds = time.perf_counter() - started
    report.cpu_seconds = time.process_time() - cpu_started
    return PreparedFile(report, data, parts.described, file_only, reading)


def default_jobs() -> int:
    """Worker processes for a parallel ingest: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # platforms without affinity masks
        return max(1, os.cpu_count() or 1)


def _prepare_in_worker(path: Path, validate: bool, limits: Limits | None) -> PreparedFile:
    prepared = prepare_file(path, validate=validate, limits=limits)
    prepared.report.record = None  # extraction records hold generic models that do not pickle; not sent back
    return prepared


def _prepared_in_order(
    files: list[Path], *, validate: bool, jobs: int, limits: Limits | None
) -> Iterator[PreparedFile]:
    """Prepared files in the order given, from ``jobs`` worker processes, with a bounded number
    of files in flight so that memory stays flat however many files there are. A worker that
    dies (killed, out of memory) fails the files it had in hand; a fresh pool takes the rest."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["graph.ingest.run"])
    window = jobs * 32  # enough to keep the workers busy while the parent writes a batch
    queue = iter(files)
    while True:
        broken = False
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            pending: deque[tuple[Path, Future[PreparedFile]]] = deque()
            for path in queue:
                pending.append((path, pool.submit(_prepare_in_worker, path, validate, limits)))
                if len(pending) >= window:
                    break
            if not pending:
                return
            while pending:
                path, future = pending.popleft()
                try:
                    yield future.result()
                except Exception as error:  # the worker itself died
                    broken = True
                    yield PreparedFile(_failure(path, error, "read: the worker process reading it stopped"), None)
                if broken:
                    continue  # the pool is gone: fail what it held, then start another
                for path in queue:
                    pending.append((path, pool.submit(_prepare_in_worker, path, validate, limits)))
                    break
        if not broken:
            return


def ingest_file(store: GraphStore, path: Path, *, validate: bool = True, limits: Limits | None = None) -> FileReport:
    return ingest(store, [path], validate=validate, bulk=False, limits=limits)[0]


def ingest(
    store: GraphStore,
    paths: Iterable[str | Path],
    *,
    validate: bool = True,
    progress: Callable[[int, int, FileReport], None] | None = None,
    jobs: int = 1,
    bulk: bool | None = None,
    compact: bool = True,
    limits: Limits | None = None,
) -> list[FileReport]:
    """Ingest every file, in the order given; the agencies graph is refreshed once at the end.

    Every file gets a report; a file that fails fails alone. A file inside a folder that is a
    README or a licence beside the plans is reported as skipped. ``jobs`` > 1 prepares the
    files in that many worker processes (see the module docstring). ``bulk`` writes graphs
    new to an embedded store in batches with the bulk loader (by default when there is more
    than one file); each file's graph is still all or nothing. ``compact``: merge the files
    such a bulk ingest leaves behind, once at the end. ``limits``: the bounds on one file
    (``loaders.limits``; from the environment, else the defaults, when None).
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    bounds = limits if limits is not None else Limits.from_env()
    files, skipped = _gather(paths)
    repair_derived(store)  # a journal left by a run cut short: re-derive before adding to it
    journal = Journal(store)
    ensure_reference(store)
    if jobs > 1 and len(files) > 1:
        prepared: Iterator[PreparedFile] = _prepared_in_order(
            files, validate=validate, jobs=min(jobs, len(files)), limits=bounds
        )
    else:
        prepared = (prepare_file(path, validate=validate, limits=bounds) for path in files)
    use_bulk = (len(files) > 1 if bulk is None else bulk) and not store.is_remote
    writer = Writer(store, journal, bulk=use_bulk)
    reports: list[FileReport] = []
    order: dict[int, int] = {}

    def done(finished: list[FileReport]) -> None:
        for report in finished:
            reports.append(report)
            if progress is not None:
                progress(len(reports), len(files), report)

    try:
        for index, item in enumerate(prepared):
            order[id(item.report)] = index
            done(writer.write(item))
    finally:
        done(writer.finish())
    reports.sort(key=lambda r: order.get(id(r), len(order)))
    if any(r.ok and not r.unchanged for r in reports):
        refresh_succession(store, writer.named)
        refresh_coverage(store)
        if use_bulk and compact:
            # batches of bulk-loaded files leave many small files behind: merge them once
            store.compact()
    journal.finish(store)
    return reports + skipped


def _gather(paths: Iterable[str | Path]) -> tuple[list[Path], list[FileReport]]:
    """The files to ingest, and the reports of the companions left out of folders."""
    files: list[Path] = []
    skipped: list[FileReport] = []
    for raw in paths:
        path = Path(raw)
        found = list(expand([path]))
        if not path.is_dir():
            files.extend(found)
            continue
        for child in found:
            reason = _companion(child) if child.suffix.lower() in SUPPORTED else None
            if reason is None:
                files.append(child)
            else:
                skipped.append(FileReport(path=child, ok=False, skipped=reason))
    return files, skipped
