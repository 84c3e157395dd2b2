"""``policykg ingest``: files or folders read into the store, with a summary per file."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict
from typing import TYPE_CHECKING

from api.cli.commands import open_store, store_label
from api.cli.registry import positive, positive_number, store_option

if TYPE_CHECKING:
    from api.cli.registry import SubParsers
    from graph.ingest.run import FileReport
    from loaders.limits import Limits


def register(sub: SubParsers) -> None:
    ingest = sub.add_parser("ingest", help="read files or folders into the store")
    ingest.add_argument("paths", nargs="+", help=".txt .md .html .docx .pdf files or folders")
    store_option(ingest)
    ingest.add_argument("--no-validate", action="store_true", help="skip SHACL validation")
    ingest.add_argument("--strict", action="store_true", help="a SHACL violation fails the file")
    ingest.add_argument("--json", action="store_true", help="print the summary as JSON")
    ingest.add_argument(
        "--jobs",
        type=positive,
        default=None,
        help="worker processes that read and extract the files (default: the number of cores)",
    )
    ingest.add_argument("--debug", action="store_true", help="show the traceback behind an unexpected error")
    ingest.add_argument(
        "--max-file-mb", type=positive_number, default=None, help="largest file read, in MB (default: 25)"
    )
    ingest.add_argument(
        "--max-lines", type=positive, default=None, help="most lines (table rows counted) in one file (default: 8000)"
    )
    ingest.add_argument(
        "--max-line-chars", type=positive, default=None, help="longest line of a file, in characters (default: 20000)"
    )
    ingest.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Ingest ``args.paths`` and print the summary: 0 when every file read went in, 1 when one
    failed (or, with ``--strict``, broke a SHACL shape), 2 when there was nothing to read."""
    started = time.perf_counter()
    interactive = sys.stderr.isatty() and not os.environ.get("CI")

    def progress(index: int, total: int, report: FileReport) -> None:
        if interactive and total > 3:
            print(f"\r[{index}/{total}] {report.path.name[:60]:<60}", end="", file=sys.stderr)

    reports = ingest(
        args.store,
        args.paths,
        validate=not args.no_validate,
        progress=progress,
        jobs=getattr(args, "jobs", None),
        limits=ingest_limits(
            getattr(args, "max_file_mb", None), getattr(args, "max_lines", None), getattr(args, "max_line_chars", None)
        ),
    )
    if interactive:
        print("\r" + " " * 70 + "\r", end="", file=sys.stderr)
    read = [r for r in reports if r.skipped is None]
    failed = [r for r in read if not r.ok or (args.strict and r.violations)]
    if args.json:
        print(json.dumps([report_dict(r) for r in reports], ensure_ascii=False, indent=2))
    else:
        for report in reports:
            print(report_text(report, debug=getattr(args, "debug", False)))
        total = time.perf_counter() - started
        print(
            f"{len(read) - len(failed)} of {len(read)} files ingested in {total:.2f} s into {store_label(args.store)}"
        )
    if not reports:
        print("policykg: no files to ingest", file=sys.stderr)
        return 2
    return 1 if failed else 0


def ingest_limits(max_file_mb: float | None, max_lines: int | None, max_line_chars: int | None) -> Limits:
    """The bounds on one file: the options given, else ``POLICYKG_MAX_*``, else the defaults."""
    from api.cli.commands import CommandError
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
    """One file's entry of ``ingest --json``."""
    data = {
        key: value for key, value in asdict(report).items() if key not in {"record", "violations", "path", "detail"}
    }
    data["path"] = str(report.path)
    data["violations"] = [str(v) for v in report.violations]
    return data
