"""``policykg mandates``: the tasks an agency is given, with those it inherits from the bodies
merged into it."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from typing import TYPE_CHECKING

from api.cli.commands import CommandError, open_store
from api.cli.output import FORMATS, csv_text, json_text
from api.cli.registry import store_option

if TYPE_CHECKING:
    from api.cli.registry import SubParsers
    from graph.read.mandates import Mandate


def register(sub: SubParsers) -> None:
    mandates = sub.add_parser("mandates", help="an agency's mandates, with inherited ones")
    mandates.add_argument("agency", help="agency name or type, diacritics optional: 'so cong thuong'")
    mandates.add_argument("--province", default=None, help="province name, diacritics optional")
    mandates.add_argument("--include-predecessors", action="store_true")
    mandates.add_argument("--format", choices=FORMATS, default="table")
    store_option(mandates)
    mandates.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    sys.stdout.write(mandates_report(args.store, args.agency, args.province, args.include_predecessors, args.format))
    return 0


def mandates_report(location: str | None, name: str, province: str | None, include_predecessors: bool, fmt: str) -> str:
    """The mandates of the agencies ``name`` matches (in ``province``), each once, as ``fmt``."""
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
        return json_text([_mandate_dict(m) for m in found])
    if fmt == "csv":
        return csv_text([_mandate_dict(m) for m in found], None if found else ["agency"])
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
