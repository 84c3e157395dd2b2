"""``policykg check``: the plan checks on files, before they are ingested (a drafter's use);
``policykg coverage``: which provinces carry out a national document.

``check`` exits 1 when a check of severity ``error`` fires on any file, 2 when a file cannot
be read as a plan, else 0.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from api.cli.output import FORMATS, csv_text, json_text

if TYPE_CHECKING:
    from api.cli.registry import SubParsers
    from graph.analysis.checks.files import FileCheck

COLUMNS = ("file", "severity", "rule", "lines", "task", "message", "suggestion")


def register(sub: SubParsers) -> None:
    check = sub.add_parser("check", help="check plans for abolished bodies, missing leads, deadlines, targets, …")
    check.add_argument("paths", nargs="*", help="plan files (.txt .md .html .docx .pdf ...) to check before ingesting")
    check.add_argument("--plan", default=None, help="a stored plan's id, instead of files")
    check.add_argument("--store", default=None, help="with --plan: the store (as for query)")
    check.add_argument("--format", choices=FORMATS, default="table")
    check.add_argument("--lang", choices=["vi", "en"], default="vi", help="language of the messages")
    check.set_defaults(handler=run)

    coverage = sub.add_parser("coverage", help="which provinces have a plan for a national document")
    coverage.add_argument("document", help="document id or number, e.g. 889/QĐ-TTg")
    coverage.add_argument("--format", choices=FORMATS, default="table")
    coverage.add_argument("--store", default=None, help="store directory or SPARQL server (as for query)")
    coverage.set_defaults(handler=run_coverage)


def run_coverage(args: argparse.Namespace) -> int:
    from api.cli.commands import CommandError, open_store
    from graph.analysis.coverage import UnknownDocument, document_coverage

    with open_store(args.store) as store:
        try:
            found = document_coverage(store, args.document)
        except UnknownDocument as error:
            raise CommandError(str(error)) from error
    if args.format == "json":
        sys.stdout.write(json_text(found))
        return 0
    rows = [
        {
            "province": p.name,
            "former_units": ", ".join(p.former_units),
            "plans": "; ".join(plan.label for plan in p.plans),
            "covered": "yes" if p.plans else "no",
        }
        for p in found.provinces
    ]
    if args.format == "csv":
        sys.stdout.write(csv_text(rows))
        return 0
    title = found.number or found.document
    lines = [f"{title}: {len(found.covered)} of {len(found.provinces)} provinces have a plan"]
    for row in rows:
        former = f" (with {row['former_units']})" if row["former_units"] else ""
        lines.append(f"  {'✓' if row['covered'] == 'yes' else '·'} {row['province']}{former}: {row['plans'] or '—'}")
    for target in found.targets:
        taken = "; ".join(
            f"{province}: {', '.join(e.value_text for e in evidence)}"
            for province, evidence in target.taken_up_by.items()
        )
        lines.append(f"  target {target.value_text} ({target.deadline}) {target.metric[:70]} ← {taken}")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def run(args: argparse.Namespace) -> int:
    from api.cli.commands import CommandError
    from graph.analysis.checks.files import check_file

    if bool(args.paths) == bool(args.plan):
        raise CommandError("check: name plan files, or one stored plan with --plan ID")
    results = [_stored(args.plan, args.store)] if args.plan else [check_file(Path(p)) for p in args.paths]
    sys.stdout.write(render(results, args.format, args.lang))
    for result in results:
        if result.error:
            print(f"policykg: {result.error}", file=sys.stderr)
    if any(r.error for r in results):
        return 2
    return 1 if any(f.severity == "error" for r in results for f in r.findings) else 0


def _stored(plan: str, location: str | None) -> FileCheck:
    from api.cli.commands import CommandError, open_store
    from graph.analysis.checks.files import FileCheck
    from graph.analysis.checks.stored import plan_findings
    from graph.read.plans import all_plans

    with open_store(location) as store:
        if not any(p.id == plan for p in all_plans(store)):
            raise CommandError(f"no plan with id '{plan}' in the store")
        return FileCheck(path=Path(plan), plan_id=plan, findings=plan_findings(store, plan))


def _rows(results: list[FileCheck], lang: str) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for result in results:
        for f in result.findings:
            lines = ""
            if f.span is not None:
                lines = str(f.span.start_line)
                if f.span.end_line != f.span.start_line:
                    lines += f"-{f.span.end_line}"
            rows.append(
                {
                    "file": result.path.name,
                    "severity": f.severity,
                    "rule": f.rule,
                    "lines": lines,
                    "task": f.task or "",
                    "message": f.message(lang),
                    "suggestion": f.suggestion(lang) or "",
                }
            )
    return rows


def render(results: list[FileCheck], output: str, lang: str) -> str:
    if output == "json":
        payload = [
            {
                "file": str(r.path),
                "plan": r.plan_id,
                "error": r.error,
                "findings": [f.model_dump(mode="json") for f in r.findings],
            }
            for r in results
        ]
        return json_text(payload)
    rows = _rows(results, lang)
    if output == "csv":
        return csv_text(rows, COLUMNS)
    lines: list[str] = []
    for result in results:
        own = [row for row in rows if row["file"] == result.path.name]
        if result.error:
            continue
        summary = {"vi": f"{len(own)} phát hiện", "en": f"{len(own)} findings"}[lang]
        lines.append(f"{result.path.name}: {summary}")
        for row in own:
            where = (
                f" dòng {row['lines']}"
                if lang == "vi" and row["lines"]
                else (f" line {row['lines']}" if row["lines"] else "")
            )
            lines.append(f"  [{row['severity']}] {row['rule']}{where}: {row['message']}")
            if row["suggestion"]:
                lines.append(f"      → {row['suggestion']}")
    return "\n".join(lines) + ("\n" if lines else "")
