"""What an ingest says of each file: ``FileReport`` (read by the CLI and the API), and the
``PreparedFile`` a worker hands to the writing process (``graph.ingest.run`` prepares files,
``graph.ingest.write`` writes them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from graph.build.agency_keys import AgencyKey
from graph.ingest.source_files import Reading
from graph.validate.plan_shapes import Violation
from loaders.models import PlanRecord


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
    # how the file joined its document: attached to it, read better than its other file, or
    # the same content as a file already stored (then ``unchanged``)
    note: str | None = None
    unchanged: bool = False


@dataclass
class PreparedFile:
    """A file read, extracted, built and validated, ready to be written: its report (without
    the triple count, known once written) and its graph as N-Quads (None if it failed)."""

    report: FileReport
    data: bytes | None
    # the agencies the graph names, described in the agencies graph rather than in the plan's
    agencies: dict[AgencyKey, bool] = field(default_factory=dict)
    # what is kept of the file when its document is read from another file
    file_only: bytes = b""
    reading: Reading | None = None
