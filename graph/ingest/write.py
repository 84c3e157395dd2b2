"""Writing prepared files to the store, each on its own: where the file goes among the files of
its document (``graph.ingest.source_files``), the write itself (one transaction, or a bulk batch for
graphs new to the store), and a failure that stays the file's own.

The ingest hands the files over in order; ``Writer.write`` returns the reports whose write has
finished (a bulk batch finishes later than it is handed over).
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from pyoxigraph import DefaultGraph, NamedNode, RdfFormat, parse

from graph.build.agency_keys import AgencyKey
from graph.ingest.bulk import BulkWriter, Outcome, Pending
from graph.ingest.derived import Journal
from graph.ingest.reports import FileReport, PreparedFile
from graph.ingest.source_files import Decision, Holdings, StoredFile, decide, demoted, file_triples, now, stored
from graph.store.embedded import PolicyStore, StoreError
from graph.store.protocol import GraphStore


@dataclass
class Writer:
    store: GraphStore
    journal: Journal
    bulk: bool
    holdings: Holdings = field(init=False)
    named: dict[AgencyKey, bool] = field(default_factory=dict)
    _bulk: BulkWriter | None = field(init=False, default=None)
    _waiting: dict[str, tuple[PreparedFile, bytes]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.holdings = Holdings.load(self.store)
        if self.bulk and not self.store.is_remote:
            self._bulk = BulkWriter(self.store)

    # ------------------------------------------------------------------ the run

    def write(self, item: PreparedFile) -> list[FileReport]:
        """Write one prepared file (or queue it for a bulk batch); the reports now finished."""
        reading = item.reading
        if item.data is None or reading is None:
            return [*self._flush_bulk(wait=False), item.report]
        try:
            decision = decide(self.holdings, reading)
        except Exception as error:
            return [*self._flush_bulk(wait=False), _failed(item, error)]
        report = item.report
        report.note = decision.note
        if decision.kind == "unchanged":
            report.ok, report.unchanged, report.triples = True, True, 0
            return [*self._flush_bulk(wait=False), report]
        previous = self.holdings.by_graph.get(reading.graph)
        ingested = previous.ingested if previous is not None and previous.sha256 == reading.sha256 else now()
        holds = decision.kind == "holds"
        body = item.data if holds else item.file_only
        data = body + file_triples(reading, ingested=ingested, preferred=holds).nquads(reading.graph)
        if holds:
            self.journal.record(item.agencies)
        if decision.stale is not None:
            report.warnings.append(_stale_warning(decision, self.holdings))
        self.holdings.add(stored(reading, ingested=ingested, preferred=holds))
        if decision.preferred_before is not None:
            self.holdings.add(_flipped(decision.preferred_before))
        if self._can_bulk(reading.graph, decision):
            assert self._bulk is not None
            self._waiting[reading.graph] = (item, data)
            return self._outcomes(self._bulk.add(Pending(reading.graph, data, _timer(report))))
        finished = self._flush_bulk(wait=True)
        started, cpu_started = time.perf_counter(), time.process_time()
        try:
            graphs = {reading.graph: data}
            if decision.preferred_before is not None:
                graphs[decision.preferred_before.graph] = demoted(self.store, decision.preferred_before)
            report.triples = replace_graphs(self.store, graphs)[reading.graph]
        except Exception as error:
            self._forget(item, decision)
            return [*finished, _failed(item, error)]
        report.ok = True
        self._named(item)
        report.seconds += time.perf_counter() - started
        report.cpu_seconds += time.process_time() - cpu_started
        return [*finished, report]

    def finish(self) -> list[FileReport]:
        """Write what waits for a bulk batch; the reports of those files."""
        try:
            return self._flush_bulk(wait=True)
        finally:
            if self._bulk is not None:
                self._bulk.close()

    # --------------------------------------------------------------- internals

    def _can_bulk(self, graph: str, decision: Decision) -> bool:
        return (
            self._bulk is not None
            and decision.kind == "holds"
            and decision.preferred_before is None
            and decision.stale is None
            and not self._bulk.holds(graph)
            and isinstance(self.store, PolicyStore)
            and not self.store.oxigraph.contains_named_graph(NamedNode(graph))
        )

    def _flush_bulk(self, *, wait: bool) -> list[FileReport]:
        if self._bulk is None:
            return []
        return self._outcomes(self._bulk.drain() if wait else self._bulk.poll())

    def _outcomes(self, outcomes: list[Outcome]) -> list[FileReport]:
        reports: list[FileReport] = []
        for outcome in outcomes:
            for pending in outcome.batch:
                item, data = self._waiting.pop(pending.graph)
                if outcome.error is None:
                    item.report.ok = True
                    item.report.triples = pending.quads
                    self._named(item)
                    reports.append(item.report)
                    continue
                # the batch was taken back whole: write its files one by one, so only a bad one fails
                try:
                    item.report.triples = replace_graphs(self.store, {pending.graph: data})[pending.graph]
                    item.report.ok = True
                    self._named(item)
                    reports.append(item.report)
                except Exception as error:
                    self.holdings.remove(pending.graph)
                    reports.append(_failed(item, error))
        return reports

    def _named(self, item: PreparedFile) -> None:
        reading = item.reading
        held = self.holdings.by_graph.get(reading.graph) if reading is not None else None
        if held is not None and held.preferred:
            for key, collective in item.agencies.items():
                self.named[key] = self.named.get(key, False) or collective

    def _forget(self, item: PreparedFile, decision: Decision) -> None:
        """A write that failed: the holdings are as before it."""
        if item.reading is not None:
            self.holdings.remove(item.reading.graph)
        if decision.preferred_before is not None:
            self.holdings.add(decision.preferred_before)


def _flipped(holder: StoredFile) -> StoredFile:
    return replace(holder, preferred=False)


def _timer(report: FileReport) -> Callable[[float, float], None]:
    def done(seconds: float, cpu: float) -> None:
        report.seconds += seconds
        report.cpu_seconds += cpu

    return done


def _failed(item: PreparedFile, error: BaseException) -> FileReport:
    report = item.report
    report.ok = False
    path = report.path
    reason = str(error) or type(error).__name__
    report.error = (
        f"{path}: could not be written: {reason}"
        if isinstance(error, StoreError)
        else f"{path}: could not be written: {type(error).__name__}: {reason}"
    )
    report.detail = "".join(traceback.format_exception(error))
    return report


def _stale_warning(decision: Decision, holdings: Holdings) -> str:
    stale = decision.stale
    assert stale is not None
    doc = stale.doc.rsplit("/", 1)[-1]
    others = [f.name for f in holdings.of_document(stale.doc) if f.graph != stale.graph]
    if not others:
        return f"this file carried {doc} before; {doc} is no longer in the store"
    return f"this file carried {doc} before; {doc} keeps its files {', '.join(others)} but no facts: ingest one again"


def replace_graphs(store: GraphStore, graphs: dict[str, bytes]) -> dict[str, int]:
    """Replace several named graphs (N-Quads or N-Triples each) in one transaction on an
    embedded store (one after the other on a remote one); their new triple counts."""
    if not isinstance(store, PolicyStore) or len(graphs) == 1:
        return {iri: store.replace_graph(iri, data, format="application/n-quads") for iri, data in graphs.items()}
    counts: dict[str, int] = {}
    update: list[str] = []
    for iri, data in graphs.items():
        graph = NamedNode(iri)
        statements = []
        try:
            quads = list(parse(data, format=RdfFormat.N_QUADS))
        except SyntaxError as error:
            raise StoreError(f"cannot parse the data for {iri}: {error}") from error
        for quad in quads:
            if not isinstance(quad.graph_name, DefaultGraph) and quad.graph_name != graph:
                raise StoreError(f"the data for {iri} has a quad in another graph: {quad.graph_name}")
            statements.append(f"{quad.subject} {quad.predicate} {quad.object} .")
        update.append(f"DROP SILENT GRAPH {graph}")
        if statements:
            update.append(f"INSERT DATA {{ GRAPH {graph} {{\n" + "\n".join(statements) + "\n} }")
        counts[iri] = len(set(statements))
    try:
        store.oxigraph.update(" ;\n".join(update))  # one update request: one transaction
    except (OSError, RuntimeError, ValueError, SyntaxError) as error:
        raise StoreError(f"the store could not write {', '.join(graphs)}: {error}") from error
    return counts
