"""The files behind a document: one document, however many files carry it.

A document (a plan) is known by what it says (``graph.build.plan.document.plan_id``). Each file ingested
is one ``pol:SourceFile`` — in FRBR's words a manifestation of the document — described in
the file's own named graph, whose IRI is the file node itself: its name, path, format,
checksum, when its content was first ingested, and how well it was read (tasks, targets,
references, facts and warnings). ``?plan pol:hasSourceFile ?file`` lists the files of a plan.

Of the files of one document, one holds the document's facts (``pol:preferred true``): the
better-read one. A reading is better when its score — the facts it states (tasks, targets,
references and agency mentions resolved to a known agency) less its warnings and SHACL
violations — is higher; on a tie the file already in the store keeps its place, so ingesting
the same files again, in any order, changes nothing. The graph of every other file holds only
the description of that file. So a document read from a ``.txt`` and a ``.docx`` is one plan
with its tasks once, and the ingest report says how the two readings differ.

What identifies a file: its path for "the same file again" (its graph is replaced), its
checksum for "the same content under another name" (a renamed or copied file: nothing in the
store changes).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pydantic import BaseModel, Field
from rdflib import RDF, XSD, Literal, URIRef

from graph.build.ids import node
from graph.build.triples import Triples
from graph.queries.named import run_named
from graph.queries.rows import integer, text
from graph.store.protocol import GraphStore
from ontology.rdf import POL


@dataclass
class Reading:
    """How one file was read (made where the file is prepared; sent back from workers)."""

    graph: str
    doc: str
    sha256: str
    path: str
    name: str
    format: str
    tasks: int = 0
    targets: int = 0
    references: int = 0
    facts: int = 0
    warnings: int = 0  # extraction warnings and SHACL violations

    @property
    def score(self) -> int:
        """Facts stated less warnings: the measure of the better reading of a document."""
        return self.facts - self.warnings

    def summary(self) -> str:
        return f"{self.tasks} tasks, {self.targets} targets, {self.references} references, {self.warnings} warnings"


@dataclass
class StoredFile(Reading):
    """A file as the store describes it."""

    ingested: str = ""
    preferred: bool = False


def _iso(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.datetime) else str(value)


def reading_facts(tasks: int, targets: int, references: int, resolved_mentions: int) -> int:
    return tasks + targets + references + resolved_mentions


@dataclass
class Holdings:
    """The source files in the store, by graph, by checksum and by document; kept up to date
    by the ingest as it writes, so that the files of one run see each other."""

    by_graph: dict[str, StoredFile] = field(default_factory=dict)

    @classmethod
    def load(cls, store: GraphStore) -> Holdings:
        holdings = cls()
        for row in run_named(store, "source_files"):
            holdings.add(
                StoredFile(
                    graph=str(row["g"]),
                    doc=str(row["doc"]),
                    sha256=str(row["sha"]),
                    path=text(row, "path") or "",
                    name=str(row["name"]),
                    format=str(row["format"]),
                    tasks=integer(row, "tasks") or 0,
                    targets=integer(row, "targets") or 0,
                    references=integer(row, "references") or 0,
                    facts=integer(row, "facts") or 0,
                    warnings=integer(row, "warnings") or 0,
                    ingested=_iso(row["ingested"]),
                    preferred=bool(row.get("preferred")),
                )
            )
        return holdings

    def add(self, stored: StoredFile) -> None:
        self.by_graph[stored.graph] = stored

    def remove(self, graph: str) -> None:
        self.by_graph.pop(graph, None)

    def with_content(self, sha256: str) -> StoredFile | None:
        return next((f for f in self.by_graph.values() if f.sha256 == sha256), None)

    def of_document(self, doc: str) -> list[StoredFile]:
        return [f for f in self.by_graph.values() if f.doc == doc]


@dataclass
class Decision:
    """What writing one file does to the store."""

    kind: str  # "unchanged" | "holds" (the file holds its document's facts) | "attached"
    preferred_before: StoredFile | None = None  # the file that held the facts until now
    stale: StoredFile | None = None  # this path's previous content, of another document
    note: str | None = None


def decide(holdings: Holdings, reading: Reading) -> Decision:
    """Where a file read as ``reading`` goes (see the module text)."""
    same_content = holdings.with_content(reading.sha256)
    if same_content is not None and same_content.graph != reading.graph:
        when = same_content.ingested[:19].replace("T", " ")
        return Decision(
            "unchanged",
            note=f"same content as {same_content.name}, already in the store since {when}: nothing changed",
        )
    previous = holdings.by_graph.get(reading.graph)
    stale = previous if previous is not None and previous.doc != reading.doc and previous.preferred else None
    others = [f for f in holdings.of_document(reading.doc) if f.graph != reading.graph]
    holder = next((f for f in others if f.preferred), None)
    if holder is None:
        return Decision("holds", stale=stale)
    if reading.score > holder.score:
        note = (
            f"another file of {_local(reading.doc)}, read better than {holder.name}: its facts are now read from"
            f" this file ({reading.summary()}; {holder.name}: {holder.summary()})"
        )
        return Decision("holds", preferred_before=holder, stale=stale, note=note)
    same = (reading.tasks, reading.targets, reading.references) == (holder.tasks, holder.targets, holder.references)
    difference = (
        "both read alike"
        if same
        else f"the readings differ: this file {reading.summary()}; {holder.name}: {holder.summary()}"
    )
    note = (
        f"another file of {_local(reading.doc)}: attached to it; its facts stay those read from {holder.name}"
        f" ({difference})"
    )
    return Decision("attached", stale=stale, note=note)


def _local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def file_triples(reading: Reading, *, ingested: str, preferred: bool) -> Triples:
    """The description of a source file, in its own graph (the graph's node is the file)."""
    node, doc = URIRef(reading.graph), URIRef(reading.doc)
    graph = Triples()
    graph.add((node, RDF.type, POL.SourceFile))
    graph.add((doc, POL.hasSourceFile, node))
    graph.add((node, POL.fileName, Literal(reading.name)))
    graph.add((node, POL.sourcePath, Literal(reading.path)))
    graph.add((node, POL.fileFormat, Literal(reading.format)))
    graph.add((node, POL.sha256, Literal(reading.sha256)))
    graph.add((node, POL.ingestedAt, Literal(ingested, datatype=XSD.dateTime)))
    graph.add((node, POL.preferred, Literal(preferred)))
    for prop, value in (
        (POL.taskCount, reading.tasks),
        (POL.targetCount, reading.targets),
        (POL.referenceCount, reading.references),
        (POL.factCount, reading.facts),
        (POL.warningCount, reading.warnings),
    ):
        graph.add((node, prop, Literal(value, datatype=XSD.integer)))
    return graph


def stored(reading: Reading, *, ingested: str, preferred: bool) -> StoredFile:
    fields = {name: getattr(reading, name) for name in Reading.__dataclass_fields__}
    return StoredFile(**fields, ingested=ingested, preferred=preferred)


def demoted(store: GraphStore, holder: StoredFile) -> bytes:
    """The graph of a file that no longer holds its document's facts: what its graph says of
    the file itself (its description, and its text where the graph keeps it), as N-Triples."""
    node = f"<{holder.graph}> "
    link = f"<{holder.doc}> <{POL.hasSourceFile}> <{holder.graph}> ."
    preferred = f"{node}<{POL.preferred}> "
    kept = []
    for line in store.dump("application/n-triples", holder.graph).decode("utf-8").splitlines():
        if line.startswith(preferred):
            continue
        if line.startswith(node) or line.strip() == link:
            kept.append(line)
    kept.append(f'{preferred}"false"^^<{XSD.boolean}> .')
    return ("\n".join(kept) + "\n").encode("utf-8")


class PlanFile(BaseModel):
    """One file behind a plan, as ``GET /plans/{id}`` lists it."""

    name: str = Field(description="the file's name when first ingested")
    format: str = Field(description="the format it was read as: txt, md, html, docx, pdf, ...")
    sha256: str
    ingested: str = Field(description="when this content was first ingested (UTC)")
    preferred: bool = Field(description="whether the plan's facts are read from this file")
    tasks: int | None = None
    targets: int | None = None
    references: int | None = None
    warnings: int | None = None


def plan_files(store: GraphStore, plan_id: str) -> list[PlanFile]:
    """The files that stand behind a plan: the one its facts are read from first."""
    files = []
    for row in run_named(store, "plan_files", plan=node(plan_id)):
        files.append(
            PlanFile(
                name=str(row["name"]),
                format=str(row["format"]),
                sha256=str(row["sha"]),
                ingested=_iso(row["ingested"]),
                preferred=bool(row.get("preferred")),
                tasks=integer(row, "tasks"),
                targets=integer(row, "targets"),
                references=integer(row, "references"),
                warnings=integer(row, "warnings"),
            )
        )
    return files
