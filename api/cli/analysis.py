"""What the analysis subcommands do: ``overlaps``, ``lineage``, ``gaps`` and the GraphML and
XLSX exports. Each returns the text (or bytes) to print; the CLI parses arguments.

The analyses (networkx, scipy, openpyxl) are imported by the function that runs one: the
command line defines these subcommands for every command it starts.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from api.cli.commands import CommandError, open_store

if TYPE_CHECKING:
    from graph.analysis.overlaps.analysis import OverlapPair
    from graph.analysis.overlaps.models import ItemKind, Scope
    from graph.analysis.target_gaps import TargetGap

FORMATS = ("table", "json", "csv")
EXPORT_FORMATS = ("graphml", "xlsx")


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], store_arg: Callable[[argparse.ArgumentParser], None]
) -> None:
    """The ``overlaps``, ``lineage`` and ``gaps`` subcommands."""
    overlaps = sub.add_parser("overlaps", help="similar tasks and targets across and within provinces")
    overlaps.add_argument("--provinces", default=None, help="comma-separated province names or ids")
    overlaps.add_argument("--agency-type", default=None, help="one side led by this agency type (name or id)")
    overlaps.add_argument(
        "--min-score", type=float, default=None, help="least score (0–1; default: graph.analysis' DEFAULT_MIN_SCORE)"
    )
    overlaps.add_argument("--kind", choices=["task", "target"], default=None)
    overlaps.add_argument("--scope", choices=["across", "within", "all"], default="all")
    overlaps.add_argument("--limit", type=int, default=50, help="pairs to print (0: all)")
    overlaps.add_argument("--format", choices=FORMATS, default="table")
    store_arg(overlaps)

    lineage = sub.add_parser("lineage", help="plans, tasks and agencies that derive from a document")
    lineage.add_argument("document", help="document id or number, e.g. 889/QĐ-TTg or doc-889-qd-ttg-2020")
    lineage.add_argument("--max-depth", type=int, default=None)
    lineage.add_argument("--format", choices=FORMATS, default="table")
    store_arg(lineage)

    gaps = sub.add_parser("gaps", help="provincial targets against the national targets they implement")
    gaps.add_argument("--province", default=None, help="province name or id")
    gaps.add_argument("--status", choices=["matched", "unmatched"], default=None)
    gaps.add_argument("--format", choices=FORMATS, default="table")
    store_arg(gaps)


def run(args: argparse.Namespace) -> str | None:
    """The output of an analysis subcommand, or None when ``args`` names another command."""
    if args.command == "overlaps":
        provinces = [p.strip() for p in args.provinces.split(",") if p.strip()] if args.provinces else None
        return overlaps(
            args.store, provinces, args.agency_type, args.min_score, args.kind, args.scope, args.limit, args.format
        )
    if args.command == "lineage":
        return lineage(args.store, args.document, args.max_depth, args.format)
    if args.command == "gaps":
        return gaps(args.store, args.province, args.status, args.format)
    return None


def _table(headers: Sequence[str], rows: list[list[str]], widths: Sequence[int]) -> str:
    def cell(text: str, width: int) -> str:
        text = " ".join(str(text).split())
        return (text if len(text) <= width else text[: width - 1] + "…").ljust(width)

    lines = [" | ".join(cell(h, w) for h, w in zip(headers, widths, strict=True))]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(cell(c, w) for c, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(lines) + "\n"


def _csv(records: Sequence[Mapping[str, object]]) -> str:
    out = io.StringIO()
    if records:
        writer = csv.DictWriter(out, fieldnames=list(records[0]))
        writer.writeheader()
        writer.writerows(records)
    return out.getvalue()


def overlaps(
    location: str | None,
    provinces: list[str] | None,
    agency_type: str | None,
    min_score: float | None,
    kind: ItemKind | None,
    scope: Scope,
    limit: int,
    fmt: str,
) -> str:
    from graph.analysis.loading import UnknownFilter
    from graph.analysis.overlaps.analysis import DEFAULT_MIN_SCORE, overlap_page

    if min_score is None:
        min_score = DEFAULT_MIN_SCORE
    if not 0 <= min_score <= 1:
        raise CommandError("--min-score must be between 0 and 1")
    with open_store(location) as store:
        try:
            page = overlap_page(
                store,
                provinces,
                agency_type,
                min_score,
                kind=kind,
                scope=scope,
                limit=limit if limit > 0 else None,
            )
        except UnknownFilter as error:
            raise CommandError(str(error)) from error
    shown = page.pairs
    if fmt == "json":
        return json.dumps([p.model_dump() for p in shown], ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return _csv([_overlap_row(p) for p in shown])
    rows = [
        [
            f"{p.score:.2f}",
            f"{p.kind}/{p.category}",
            f"{p.a.province_name or ''}: {p.a.text}",
            f"{p.b.province_name or ''}: {p.b.text}",
            p.reason,
        ]
        for p in shown
    ]
    text = _table(["score", "kind", "first", "second", "why"], rows, [5, 20, 45, 45, 60])
    return text + f"({len(shown)} of {page.total} pairs scored at least {min_score})\n"


def _overlap_row(pair: OverlapPair) -> dict[str, object]:
    row: dict[str, object] = {
        "score": pair.score,
        "similarity": pair.similarity,
        "kind": pair.kind,
        "scope": pair.scope,
        "category": pair.category,
        "reason": pair.reason,
    }
    for side, evidence in (("a", pair.a), ("b", pair.b)):
        row |= {
            f"{side}_id": evidence.id,
            f"{side}_province": evidence.province_name,
            f"{side}_plan": evidence.plan,
            f"{side}_text": evidence.text,
            f"{side}_quote": evidence.quote,
            f"{side}_file": evidence.file,
            f"{side}_lines": f"{evidence.start_line}-{evidence.end_line}" if evidence.start_line else "",
        }
    return row


def lineage(location: str | None, document: str, max_depth: int | None, fmt: str) -> str:
    from graph.analysis.lineage.dag import flatten
    from graph.analysis.lineage.local import UnknownDocument, document_lineage

    with open_store(location) as store:
        try:
            tree = document_lineage(store, document, max_depth)
        except UnknownDocument as error:
            raise CommandError(str(error)) from error
    if fmt == "json":
        return tree.model_dump_json(indent=2) + "\n"
    nodes = flatten(tree)
    if fmt == "csv":
        return _csv(
            [
                {"depth": n.depth, "kind": n.kind, "id": n.id, "relation": n.relation or "", "label": n.label}
                | {"repeated": n.repeated}
                for n in nodes
            ]
        )
    lines = []
    for n in nodes:
        relation = f"[{n.relation}] " if n.relation else ""
        again = " (its tree is shown where it is nearest the document)" if n.repeated else ""
        lines.append(f"{'  ' * n.depth}{n.kind}: {relation}{' '.join(n.label.split())}{again}  <{n.id}>")
    counts = ", ".join(f"{count} {kind}s" for kind, count in sorted(tree.counts.items()))
    return "\n".join(lines) + f"\n({counts} derive from {tree.root.id})\n"


def gaps(location: str | None, province: str | None, status: str | None, fmt: str) -> str:
    from graph.analysis.loading import UnknownFilter
    from graph.analysis.target_gaps import target_gaps

    with open_store(location) as store:
        try:
            found = target_gaps(store, province=province)
        except UnknownFilter as error:
            raise CommandError(str(error)) from error
    if status:
        found = [g for g in found if g.status == status]
    if fmt == "json":
        return json.dumps([g.model_dump() for g in found], ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return _csv([_gap_row(g) for g in found])
    rows = [
        [
            g.province_name or "",
            g.metric,
            f"{g.value_text} ({g.deadline or '?'})",
            f"{g.national_value_text} ({g.national_deadline}) {g.national_document_label}"
            if g.national_target
            else "—",
            f"{g.gap:+g}" if g.gap is not None else "",
            g.note,
        ]
        for g in found
    ]
    text = _table(["province", "metric", "provincial", "national", "gap", "note"], rows, [10, 50, 20, 28, 6, 40])
    matched = sum(1 for g in found if g.status == "matched")
    return text + f"({matched} matched, {len(found) - matched} unmatched)\n"


def _gap_row(gap: TargetGap) -> dict[str, object]:
    return gap.model_dump()


def export(location: str | None, fmt: str, province: str | None) -> bytes:
    """``graphml``: the whole store; ``xlsx``: the agency × task matrix of ``province``."""
    from graph.analysis.export import graphml, mandate_xlsx
    from graph.analysis.loading import UnknownFilter

    with open_store(location) as store:
        if fmt == "graphml":
            return graphml(store)
        if province is None:
            raise CommandError("--format xlsx needs --province (the matrix is of one province's tasks)")
        try:
            return mandate_xlsx(store, province)
        except UnknownFilter as error:
            raise CommandError(str(error)) from error
