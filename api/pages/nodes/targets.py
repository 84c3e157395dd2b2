"""The table of a document's targets (value, comparator, unit, metric, deadline, source), shared
by the plan page and the national document page."""

from __future__ import annotations

from decimal import Decimal

from api.pages.i18n import texts
from api.pages.nodes.parts import lines_text, node_href, source_href
from api.pages.tables import Cell, Table
from graph.read.targets import TargetItem
from graph.store.protocol import GraphStore


def number_text(value: Decimal) -> str:
    """``3.335.715.000``, ``12,5``: as Vietnamese documents write numbers."""
    whole, _, fraction = format(value.normalize(), "f").partition(".")
    grouped = f"{int(whole):,}".replace(",", ".") if whole.lstrip("-").isdigit() else whole
    return grouped + ("," + fraction if fraction else "")


def target_value(target: TargetItem) -> str:
    value = number_text(target.value)
    if target.value_max is not None:
        value += "–" + number_text(target.value_max)
    return value


def targets_table(
    store: GraphStore, targets: list[TargetItem], name: str, lang: str, table_id: str = "targets"
) -> Table:
    t = texts(lang)
    table = Table(
        table_id,
        t["cap_targets"].format(name=name),
        [t["c_metric"], t["c_comparator"], t["c_value"], t["c_unit"], t["c_deadline"], t["c_source"]],
        empty=t["no_targets"],
        numeric={2},
    )
    for target in targets:
        source = target.source
        href = (
            source_href(store, lang, source.start_line, source.end_line, document=target.document, file=source.file)
            if source
            else None
        )
        table.add(
            Cell(target.metric, node_href(target.id, lang)),
            t.get(f"cmp_{target.comparator}", target.comparator) if target.comparator else "",
            target_value(target),
            target.unit,
            str(target.deadline_year) if target.deadline_year else "",
            Cell(lines_text(lang, source.start_line, source.end_line), href, css="quote-link")
            if source and href
            else Cell(""),
        )
    return table
