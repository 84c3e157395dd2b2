"""What the command line does, as functions (the CLI parses arguments and prints).

Each function imports what it needs when it runs: the command line starts for one command
at a time, and importing everything (the readers, SHACL, the analyses) cost about 1.3 s of
CPU before any command could start (``python -X importtime -c "import api.cli.main"``).
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import sysconfig
from collections.abc import Callable, Iterable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pyoxigraph import QueryBoolean, QuerySolutions

    from graph.ingest.run import FileReport
    from graph.read.mandates import Mandate
    from graph.store.embedded import PolicyStore
    from loaders.limits import Limits

__all__ = ["CommandError", "FileReport"]


def __getattr__(name: str) -> Any:
    if name == "FileReport":  # re-exported for callers of ingest(), imported when asked for
        from graph.ingest.run import FileReport

        return FileReport
    raise AttributeError(name)


_EXPORT_FORMATS = {
    "ttl": "text/turtle",
    "trig": "application/trig",
    "nq": "application/n-quads",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
}


class CommandError(Exception):
    """A user-facing failure: the message says what went wrong."""


def open_store(location: str | None, *, write: bool = False) -> PolicyStore:
    """The store to read from (beside a server holding it, read-only), or with ``write`` to
    change; a store a server holds cannot be written here, and the message says what to do."""
    from graph.ingest.opening import open_for_reading
    from graph.ingest.opening import open_store as open_any_store
    from graph.store.embedded import StoreError, StoreLocked

    try:
        return open_any_store(location) if write else open_for_reading(location)
    except StoreLocked as error:
        raise CommandError(
            f"{store_label(location)} is held by a running `policykg serve` (or `demo`), and only one process"
            " writes to a store: stop the server, run this command, then start the server again"
            " (reading commands — query, mandates, lineage, export — work beside it)"
        ) from error
    except StoreError as error:
        raise CommandError(str(error)) from error


def store_label(location: str | None) -> str:
    from graph.store.location import store_label as describe_store

    return describe_store(location)


def samples_dir() -> Path:
    """The bundled sample plans: in the source tree, or where the package installed them."""
    candidates = [
        Path(__file__).resolve().parents[2] / "data" / "samples",
        Path(sysconfig.get_path("data")) / "share" / "policykg" / "samples",
        Path(sys.prefix) / "share" / "policykg" / "samples",
    ]
    for candidate in candidates:
        if candidate.is_dir() and any(candidate.glob("*.txt")):
            return candidate
    raise CommandError("the bundled sample plans were not found (data/samples)")


def ingest_limits(max_file_mb: float | None, max_lines: int | None, max_line_chars: int | None) -> Limits:
    """The bounds on one file: the options given, else ``POLICYKG_MAX_*``, else the defaults."""
    from loaders.limits import Limits

    try:
        return Limits.from_env(max_file_mb=max_file_mb, max_lines=max_lines, max_line_chars=max_line_chars)
    except ValueError as error:
        raise CommandError(str(error)) from error


def ingest(
    location: str | None,
    paths: Iterable[str],
    *,
    validate: bool = True,
    progress: Callable[[int, int, FileReport], None] | None = None,
    jobs: int | None = None,
    limits: Limits | None = None,
) -> list[FileReport]:
    """Ingest into the store at ``location``; ``jobs`` worker processes (None: one per core)."""
    from graph.ingest.run import default_jobs
    from graph.ingest.run import ingest as ingest_files

    with open_store(location, write=True) as store:
        return ingest_files(
            store,
            paths,
            validate=validate,
            progress=progress,
            jobs=default_jobs() if jobs is None else jobs,
            limits=limits,
        )


def report_text(report: FileReport, *, debug: bool = False) -> str:
    """One file's lines of the ingest summary: what was read and where it went (the plan, and
    the plan's other files), every warning; for a failure the reason (and with ``debug`` the
    traceback behind an unexpected one)."""
    if report.skipped is not None:
        return f"skipped {report.path}: {report.skipped}"
    if not report.ok:
        text = f"FAILED {report.error}"
        return text + "\n" + report.detail.rstrip() if debug and report.detail else text
    if report.unchanged:
        return f"{report.path.name}: {report.plan_id} — unchanged: {report.note}"
    lines = [
        f"{report.path.name}: {report.plan_id} — {report.tasks} tasks, {report.agencies} agencies"
        f" ({report.unresolved} unresolved), {report.targets} targets, {report.references} references,"
        f" {report.triples} triples, {report.seconds:.2f} s"
    ]
    if report.note:
        lines.append(f"  file: {report.note}")
    lines += [f"  warning: {w}" for w in report.warnings]
    lines += [f"  SHACL: {v}" for v in report.violations]
    return "\n".join(lines)


def report_dict(report: FileReport) -> dict[str, object]:
    data = {
        key: value for key, value in asdict(report).items() if key not in {"record", "violations", "path", "detail"}
    }
    data["path"] = str(report.path)
    data["violations"] = [str(v) for v in report.violations]
    return data


def query(location: str | None, sparql: str, fmt: str) -> str:
    from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions

    from graph.store.embedded import StoreError

    with open_store(location) as store:
        try:
            result = store.query(sparql)
        except StoreError as error:
            raise CommandError(str(error)) from error
        if isinstance(result, (QuerySolutions, QueryBoolean)):
            if fmt == "table":
                return _table(result)
            results_format = {
                "json": QueryResultsFormat.JSON,
                "csv": QueryResultsFormat.CSV,
                "tsv": QueryResultsFormat.TSV,
            }[fmt]
            return result.serialize(format=results_format).decode("utf-8")
        # CONSTRUCT / DESCRIBE: Turtle-like N-Triples
        return "".join(f"{triple} .\n" for triple in result)


def _table(result: QuerySolutions | QueryBoolean) -> str:
    from pyoxigraph import QueryBoolean

    if isinstance(result, QueryBoolean):
        return ("true" if bool(result) else "false") + "\n"
    names = [v.value for v in result.variables]
    rows = [[_cell(solution[name]) for name in names] for solution in result]
    widths = [min(60, max([len(n)] + [len(r[i]) for r in rows])) for i, n in enumerate(names)]
    out = io.StringIO()
    out.write(" | ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)) + "\n")
    out.write("-+-".join("-" * w for w in widths) + "\n")
    for row in rows:
        out.write(" | ".join(c[:w].ljust(w) for c, w in zip(row, widths, strict=True)) + "\n")
    out.write(f"({len(rows)} rows)\n")
    return out.getvalue()


def _cell(term: object) -> str:
    if term is None:
        return ""
    value = getattr(term, "value", str(term))
    return str(value).replace("\n", " ")


def export(location: str | None, fmt: str, plan: str | None) -> bytes:
    from graph.build.ids import node
    from graph.queries.named import run_named

    with open_store(location) as store:
        graph_iri = None
        if plan is not None:
            rows = run_named(store, "plan_graph", plan=node(plan))
            if not rows:
                raise CommandError(f"no plan with id '{plan}' in {store_label(location)}")
            graph_iri = str(rows[0]["g"])
        media = _EXPORT_FORMATS[fmt]
        if graph_iri is not None and fmt in {"trig", "nq"}:
            media = _EXPORT_FORMATS["ttl"] if fmt == "trig" else _EXPORT_FORMATS["nt"]
        return store.dump(media, graph_iri)


def mandates_report(location: str | None, name: str, province: str | None, include_predecessors: bool, fmt: str) -> str:
    from graph.read.mandates import find_agencies, mandates

    with open_store(location) as store:
        matches = find_agencies(store, name, province)
        if not matches:
            where = f" in {province}" if province else ""
            raise CommandError(f"no agency matches '{name}'{where}")
        found: list[Mandate] = []
        seen: set[tuple[str, str, str]] = set()
        for match in matches:
            for mandate in mandates(store, match.id, include_predecessors=include_predecessors):
                key = (mandate.holder, mandate.task, mandate.role)
                if key not in seen:
                    seen.add(key)
                    found.append(mandate)
    if fmt == "json":
        return json.dumps([_mandate_dict(m) for m in found], ensure_ascii=False, indent=2, default=str) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(_mandate_dict(found[0]).keys()) if found else ["agency"])
        writer.writeheader()
        for mandate in found:
            writer.writerow(_mandate_dict(mandate))
        return out.getvalue()
    lines = [f"Agencies matched: {', '.join(m.label for m in matches)}"]
    for mandate in found:
        inherited = (
            f" [inherited from {mandate.holder_label or mandate.holder}"
            f"{' on ' + mandate.handover.isoformat() if mandate.handover else ''}]"
            if mandate.inherited
            else ""
        )
        lines.append(
            f"- {mandate.role:<12} {mandate.plan_label or mandate.plan} {mandate.code or ''}: "
            f"{mandate.text[:110]}{inherited}"
        )
    lines.append(f"({len(found)} mandates)")
    return "\n".join(lines) + "\n"


def _mandate_dict(mandate: Mandate) -> dict[str, object]:
    data = asdict(mandate)
    data["handover"] = mandate.handover.isoformat() if mandate.handover else None
    return data


def http_buffer_bytes() -> int:
    """How much of one request head the HTTP layer buffers: room for a GET query of up to
    twice ``max_request_bytes`` once percent-encoded, so that the endpoint itself answers a
    long one (413 past the limit) rather than h11's 16 KB default turning it away with 400."""
    from api.settings import Settings

    return 2 * Settings().max_request_bytes + 65_536


def serve(location: str | None, host: str, port: int) -> int:
    import uvicorn

    from graph.store.location import is_remote, store_spec

    spec = store_spec(location)
    if is_remote(spec):
        os.environ["POLICYKG_STORE"] = spec
    elif spec != ":memory:":
        os.environ["POLICYKG_STORE"] = str(Path(spec).expanduser())
    print(f"Serving {store_label(location)} on http://{host}:{port}/ (Ctrl+C to stop)")
    uvicorn.run(
        "api.app:app_factory",
        factory=True,
        host=host,
        port=port,
        log_level="warning",
        h11_max_incomplete_event_size=http_buffer_bytes(),
    )
    return 0
