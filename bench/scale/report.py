"""What ``bench.scale.run`` prints and writes: the table of one size as it is measured, and
the summary of every size (``scale.md``, ``scale.json`` and, with matplotlib, ``scale.png``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench.measure import Timing, fmt_ms, fmt_ratio, markdown_table, percentile
from bench.usecases import USE_CASES, UseCase


def timing_dict(timing: Timing) -> dict[str, Any]:
    return {
        "p50": timing.p50,
        "p95": timing.p95,
        "n": len(timing.samples),
        "rows": timing.rows,
        "status": timing.status,
        "note": timing.note,
        "cold_ms": timing.cold_ms,
    }


def ingest_line(ingest: dict[str, Any]) -> str:
    rate = ingest["files"] / ingest["wall_s"]
    shacl = "on" if ingest["validate"] else "off"
    return (
        f"  ingest jobs={ingest['jobs']} SHACL={shacl}: {ingest['ok']}/{ingest['files']} plans,"
        f" {ingest['tasks']} tasks,"
        f" {ingest['triples']} triples in {ingest['wall_s']:.1f} s = {rate:.1f} plans/s,"
        f" {ingest['plan_triples'] / ingest['wall_s']:,.0f} triples/s; CPU {ingest['cpu_s'] / ingest['files']:.3f}"
        f" s/plan; peak RSS {ingest['peak_rss'] / 1e6:.0f} MB; store {ingest['store_bytes'] / 1e6:.1f} MB;"
        f" load avg {ingest['loadavg']:.1f}"
        + (f"; SHACL violations {ingest['violations']}" if ingest["validate"] else "")
    )


def section_percentile(section: dict[str, Any] | None, name: str, key: str) -> float:
    if not section or name not in section:
        return float("nan")
    value = section[name]
    if key in value:
        return float(value[key])
    samples = value.get("samples") or []
    return percentile(samples, 50 if key == "p50" else 95)


def print_size(result: dict[str, Any]) -> None:
    print(f"\n  {result['tasks']} tasks, {result['plans']} plans — p50 / p95 in ms (* join-heavy)")
    header = ["use case", "route", "route cold", "route p50", "route p95", "Oxigraph p95", "/sparql p95", "rdflib p95",
              "rdflib-endpoint p95", "rdflib ÷ Oxigraph", "endpoint ÷ ours", "rows"]  # fmt: skip
    rows = []
    for case in USE_CASES:
        route = result["routes"].get(case.name)
        route_cell = "–" if route is None else (route["note"] or str(route["status"]))
        ours_p95 = section_percentile(result.get("oxigraph"), case.name, "p95")
        api_p95 = route["p95"] if route and route["status"] else float("nan")
        sparql_p95 = section_percentile(result.get("sparql_http"), case.name, "p95")
        rdflib_p95 = section_percentile(result.get("rdflib", {}).get("timings"), case.name, "p95")
        endpoint_p95 = section_percentile(result.get("endpoint"), case.name, "p95")
        best_ours = api_p95 if api_p95 == api_p95 else sparql_p95
        row_counts = {
            "ox": result.get("oxigraph", {}).get(case.name, {}).get("rows"),
            "rdflib": result.get("rdflib", {}).get("timings", {}).get(case.name, {}).get("rows"),
        }
        rows.append(
            [
                case.label + (" *" if case.join_heavy else ""),
                route_cell,
                fmt_ms(route["cold_ms"]) if route and route.get("cold_ms") is not None else "–",
                fmt_ms(route["p50"]) if route and route["status"] else "–",
                fmt_ms(api_p95),
                fmt_ms(ours_p95),
                fmt_ms(sparql_p95),
                fmt_ms(rdflib_p95),
                fmt_ms(endpoint_p95),
                fmt_ratio(rdflib_p95, ours_p95),
                fmt_ratio(endpoint_p95, best_ours),
                f"{row_counts['ox']}" + (f" / {row_counts['rdflib']}" if row_counts["rdflib"] is not None else ""),
            ]
        )
    print(markdown_table(header, rows))
    if "rdflib" in result:
        rd = result["rdflib"]
        print(f"  rdflib: {rd['quads']} quads loaded in {rd['load_s']:.1f} s, peak RSS {rd['rss'] / 1e6:.0f} MB;"
              f" rdflib-endpoint RSS {result.get('endpoint_rss', 0) / 1e6:.0f} MB")  # fmt: skip
    print(
        f"  API resident memory (server + query workers): {result['api_rss_start'] / 1e6:.0f} MB at start,"
        f" {result['api_rss_after_routes'] / 1e6:.0f} MB after the routes,"
        f" {result['api_rss_end'] / 1e6:.0f} MB after /sparql"
    )


# ----------------------------------------------------------------------------- summary


def _peer_section(results: list[dict[str, Any]]) -> str:
    """The embedded store beside rdflib's in-memory store, and the API beside rdflib-endpoint,
    at each size where the peers were measured: p95 in ms and the ratios."""
    compared = [r for r in results if "rdflib" in r]
    if not compared:
        return ""
    header = ["tasks", "use case (* join-heavy)", "Oxigraph", "rdflib", "rdflib ÷ Oxigraph", "route",
              "/sparql", "rdflib-endpoint", "endpoint ÷ ours"]  # fmt: skip
    rows = []
    for r in compared:
        for case in USE_CASES:
            ours = section_percentile(r.get("oxigraph"), case.name, "p95")
            rdflib = section_percentile(r["rdflib"].get("timings"), case.name, "p95")
            route = r["routes"].get(case.name)
            route_p95 = route["p95"] if route and route["status"] else float("nan")
            sparql = section_percentile(r.get("sparql_http"), case.name, "p95")
            endpoint = section_percentile(r.get("endpoint"), case.name, "p95")
            best = route_p95 if route_p95 == route_p95 else sparql
            if ours != ours and route_p95 != route_p95:
                continue
            rows.append(
                [r["tasks"], case.name + (" *" if case.join_heavy else ""), fmt_ms(ours), fmt_ms(rdflib),
                 fmt_ratio(rdflib, ours), fmt_ms(route_p95), fmt_ms(sparql), fmt_ms(endpoint),
                 fmt_ratio(endpoint, best)]
            )  # fmt: skip
    return (
        "\n## Against rdflib and rdflib-endpoint on the same data (p95 ms)\n\n"
        "The same query in each engine, its rows counted as the engine's own terms, the peers given it"
        " without join hints (see bench/README.md);"
        ' "endpoint ÷ ours" compares rdflib-endpoint running the use case\'s query with the route where'
        " there is one, else with the query over /sparql.\n\n" + markdown_table(header, rows) + "\n"
    )


def _route_cell(result: dict[str, Any], case: UseCase, untimed: dict[tuple[str, str], list[int]]) -> str:
    """A route's p95, or why it was not timed (the reason is listed under the table)."""
    route = result["routes"].get(case.name, {})
    if route.get("status"):
        return fmt_ms(section_percentile(result["routes"], case.name, "p95"))
    note = route.get("note") or ""
    if not note:
        return "–"
    untimed.setdefault((case.name, note), []).append(result["tasks"])
    return note.split(":")[0]


def write_summary(results: list[dict[str, Any]], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "scale.json").write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    header = ["tasks", "plans", "triples", "ingest plans/s", "triples/s", "CPU s/plan", "store MB", "ingest peak MB",
              "API RSS MB"] + [f"{c.name} p95" for c in USE_CASES if c.route]  # fmt: skip
    rows = []
    untimed: dict[tuple[str, str], list[int]] = {}
    for r in results:
        ing = r["ingest"]
        rows.append(
            [r["tasks"], r["plans"], ing["triples"], f"{ing['files'] / ing['wall_s']:.1f}",
             f"{ing['plan_triples'] / ing['wall_s']:,.0f}", f"{ing['cpu_s'] / ing['files']:.3f}",
             f"{ing['store_bytes'] / 1e6:.1f}", f"{ing['peak_rss'] / 1e6:.0f}", f"{r['api_rss_end'] / 1e6:.0f}"]
            + [_route_cell(r, c, untimed) for c in USE_CASES if c.route]
        )  # fmt: skip
    growth = markdown_table(header, rows) + "".join(
        f"\n\n{name} at {', '.join(str(t) for t in tasks)} tasks: {note.removeprefix('not called: ')}"
        for (name, note), tasks in untimed.items()
    )
    query_header = ["tasks"] + [c.name for c in USE_CASES]
    query_rows = [
        [r["tasks"]] + [fmt_ms(section_percentile(r["oxigraph"], c.name, "p95")) for c in USE_CASES] for r in results
    ]
    text = (
        "# Scale figures\n\nWritten by `python -m bench.scale.run`; latencies are p95 in ms.\n\n## Growth with size\n\n"
        + growth
        + "\n\n## Named queries in the embedded store (p95 ms)\n\n"
        + markdown_table(query_header, query_rows)
        + "\n"
        + _peer_section(results)
    )
    (out / "scale.md").write_text(text, encoding="utf-8")
    print("\n" + text)
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed: no plot written")
        return
    figure, (left, right) = plt.subplots(1, 2, figsize=(12, 5))

    def points(section: str, name: str) -> tuple[list[int], list[float]]:
        pairs = [(r["tasks"], section_percentile(r.get(section), name, "p95")) for r in results]
        kept = [(x, y) for x, y in pairs if y == y and y > 0]
        return [x for x, _ in kept], [y for _, y in kept]

    for case in USE_CASES:
        xs, ys = points("oxigraph", case.name)
        if ys:
            left.plot(xs, ys, marker="o", label=case.name)
    left.set(xscale="log", yscale="log", xlabel="tasks", ylabel="p95 ms", title="Named queries in Oxigraph")
    left.legend(fontsize=7)
    for case in USE_CASES:
        xs, ys = points("routes", case.name)
        if case.route and ys:
            right.plot(xs, ys, marker="o", label=case.route.split("?")[0])
    right.axhline(50, color="grey", linestyle="--", linewidth=1)
    right.set(xscale="log", yscale="log", xlabel="tasks", ylabel="p95 ms", title="API routes (50 ms line)")
    right.legend(fontsize=7)
    figure.tight_layout()
    figure.savefig(out / "scale.png", dpi=110)
    print(f"plot written to {out / 'scale.png'}")
