"""The ``policykg`` command: ingest, query, export, mandates, serve, demo."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from api.cli import analysis as commands_analysis
from api.cli import checks as commands_checks
from api.cli import commands


def _store_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store",
        default=None,
        help="store directory (default: $POLICYKG_STORE, else .policykg/store); ':memory:' for none; "
        "or a SPARQL 1.1 server: sparql+http(s)://[user:password@]host:port/path[?update=/path]",
    )


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _positive_number(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be positive, not {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policykg",
        description="Vietnamese implementation plans as a linked, provenance-tracked policy graph.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    ingest = sub.add_parser("ingest", help="read files or folders into the store")
    ingest.add_argument("paths", nargs="+", help=".txt .md .html .docx .pdf files or folders")
    _store_arg(ingest)
    ingest.add_argument("--no-validate", action="store_true", help="skip SHACL validation")
    ingest.add_argument("--strict", action="store_true", help="a SHACL violation fails the file")
    ingest.add_argument("--json", action="store_true", help="print the summary as JSON")
    ingest.add_argument(
        "--jobs",
        type=_positive,
        default=None,
        help="worker processes that read and extract the files (default: the number of cores)",
    )
    ingest.add_argument("--debug", action="store_true", help="show the traceback behind an unexpected error")
    ingest.add_argument(
        "--max-file-mb", type=_positive_number, default=None, help="largest file read, in MB (default: 25)"
    )
    ingest.add_argument(
        "--max-lines", type=_positive, default=None, help="most lines (table rows counted) in one file (default: 8000)"
    )
    ingest.add_argument(
        "--max-line-chars", type=_positive, default=None, help="longest line of a file, in characters (default: 20000)"
    )

    query = sub.add_parser("query", help="run a SPARQL query ('-' reads it from stdin)")
    query.add_argument("sparql")
    _store_arg(query)
    query.add_argument("--format", choices=["json", "csv", "tsv", "table"], default="table")

    export = sub.add_parser("export", help="write the whole graph, or one plan's graph")
    _store_arg(export)
    export.add_argument("--format", choices=["ttl", "trig", "nq", "nt", "jsonld", "graphml", "xlsx"], default="trig")
    export.add_argument("--province", default=None, help="with --format xlsx: the province of the matrix")
    export.add_argument("--plan", default=None, help="id of a plan (e.g. doc-144-kh-ubnd-2025-bac-ninh)")
    export.add_argument("--output", "-o", default=None, help="file to write (default: stdout)")

    commands_analysis.add_parsers(sub, _store_arg)
    commands_checks.add_parser(sub)

    mandates = sub.add_parser("mandates", help="an agency's mandates, with inherited ones")
    mandates.add_argument("agency", help="agency name or type, diacritics optional: 'so cong thuong'")
    mandates.add_argument("--province", default=None, help="province name, diacritics optional")
    mandates.add_argument("--include-predecessors", action="store_true")
    mandates.add_argument("--format", choices=["table", "json", "csv"], default="table")
    _store_arg(mandates)

    serve = sub.add_parser("serve", help="the HTTP API and the browser UI")
    _store_arg(serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)

    demo = sub.add_parser("demo", help="ingest the bundled sample plans and serve them")
    demo.add_argument("--store", default=None)
    demo.add_argument("--host", default="127.0.0.1")
    demo.add_argument("--port", type=int, default=8000)
    demo.add_argument("--no-serve", action="store_true", help="ingest only")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _dispatch(args)
    except commands.CommandError as error:
        print(f"policykg: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "ingest":
        return _ingest(args)
    if args.command == "check":
        return commands_checks.run(args)
    if args.command == "coverage":
        return commands_checks.run_coverage(args)
    if args.command == "query":
        text = sys.stdin.read() if args.sparql == "-" else args.sparql
        sys.stdout.write(commands.query(args.store, text, args.format))
        return 0
    analysis = commands_analysis.run(args)
    if analysis is not None:
        sys.stdout.write(analysis)
        return 0
    if args.command == "export":
        if args.format in commands_analysis.EXPORT_FORMATS:
            data = commands_analysis.export(args.store, args.format, args.province)
        else:
            data = commands.export(args.store, args.format, args.plan)
        if args.output:
            Path(args.output).write_bytes(data)
        else:
            sys.stdout.buffer.write(data)
        return 0
    if args.command == "mandates":
        sys.stdout.write(
            commands.mandates_report(args.store, args.agency, args.province, args.include_predecessors, args.format)
        )
        return 0
    if args.command == "serve":
        return commands.serve(args.store, args.host, args.port)
    if args.command == "demo":
        samples = commands.samples_dir()
        print(f"Ingesting the sample plans in {samples}")
        code = _ingest(
            argparse.Namespace(
                paths=[str(samples)], store=args.store, no_validate=False, strict=False, json=False, debug=False
            )
        )
        if code != 0 or args.no_serve:
            return code
        return commands.serve(args.store, args.host, args.port)
    raise AssertionError(args.command)


def _ingest(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    interactive = sys.stderr.isatty() and not os.environ.get("CI")

    def progress(index: int, total: int, report: commands.FileReport) -> None:
        if interactive and total > 3:
            print(f"\r[{index}/{total}] {report.path.name[:60]:<60}", end="", file=sys.stderr)

    reports = commands.ingest(
        args.store,
        args.paths,
        validate=not args.no_validate,
        progress=progress,
        jobs=getattr(args, "jobs", None),
        limits=commands.ingest_limits(
            getattr(args, "max_file_mb", None), getattr(args, "max_lines", None), getattr(args, "max_line_chars", None)
        ),
    )
    if interactive:
        print("\r" + " " * 70 + "\r", end="", file=sys.stderr)
    read = [r for r in reports if r.skipped is None]
    failed = [r for r in read if not r.ok or (args.strict and r.violations)]
    if args.json:
        print(json.dumps([commands.report_dict(r) for r in reports], ensure_ascii=False, indent=2))
    else:
        for report in reports:
            print(commands.report_text(report, debug=getattr(args, "debug", False)))
        total = time.perf_counter() - started
        print(
            f"{len(read) - len(failed)} of {len(read)} files ingested in {total:.2f} s"
            f" into {commands.store_label(args.store)}"
        )
    if not reports:
        print("policykg: no files to ingest", file=sys.stderr)
        return 2
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
