"""p50/p95 latency of every use-case route and of three SPARQL queries on the sample store,
side by side with rdflib-endpoint 0.6.3 serving the same data, in one run.

    python -m bench.serve.latency [--repeat 50]

The sample plans (data/samples) are ingested into a temporary store; the PolicyKG API runs
under uvicorn on loopback and rdflib-endpoint over an N-Quads dump of the same store. Routes
exist only in PolicyKG; the three SPARQL queries go to both endpoints. A route answering 404
"Not Found" (no such route) is reported as absent.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import httpx

from bench.measure import REPO, Timing, fmt_ms, fmt_ratio, markdown_table, serve, time_route, time_sparql, uvicorn_args
from bench.processes import free_port
from bench.usecases import USE_CASES, UseCase, pick_ids
from graph.ingest.run import ingest
from graph.store.embedded import PolicyStore

SAMPLES = REPO / "data" / "samples"
SPARQL_CASES = ("Sở Công Thương mandates", "lead types in several provinces", "descendants of QĐ 889")
RESULTS = REPO / "bench" / "results"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--budget", type=float, default=30.0)
    parser.add_argument("--out", type=Path, default=RESULTS / "api_latency.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        store_path = work / "store"
        with PolicyStore.open(store_path) as store:
            reports = ingest(store, [SAMPLES])
            ids = pick_ids(store)
            triples = store.triple_count()
            (work / "dump.nq").write_bytes(store.dump("application/n-quads"))
        print(f"{sum(r.ok for r in reports)} sample plans, {triples} triples; ids used: {ids}")
        cases = {case.name: case for case in USE_CASES}
        routes: dict[str, Timing] = {}
        ours: dict[str, Timing] = {}
        port = free_port()
        env = {"POLICYKG_STORE": str(store_path), "POLICYKG_WARM": "false"}
        with serve(uvicorn_args(port), port=port, env=env, ready_path="/plans?limit=1", log=work / "api.log") as api:
            with httpx.Client(timeout=120) as client:
                for case in USE_CASES:
                    path = case.path(ids)
                    if path is not None:
                        routes[case.name] = time_route(client, api.url(path), args.repeat, args.budget)
                for name in SPARQL_CASES:
                    text = cases[name].http_text(ids)
                    assert text is not None
                    ours[name] = time_sparql(client, api.url("/sparql"), text, args.repeat, args.budget)
            api_rss = api.rss
        theirs: dict[str, Timing] = {}
        port = free_port()
        peer_args = [sys.executable, "-m", "bench.engines.rdflib_side", "serve", str(work / "dump.nq"), str(port)]
        with serve(peer_args, port=port, ready_path="/?query=ASK%7B%7D", log=work / "endpoint.log") as peer:
            with httpx.Client(timeout=120) as client:
                for name in SPARQL_CASES:
                    text = cases[name].http_text(ids, plain=True)
                    assert text is not None
                    theirs[name] = time_sparql(client, peer.url("/"), text, args.repeat, args.budget)
            peer_rss = peer.rss
    report = _report(cases, routes, ours, theirs, ids, args.repeat)
    report += f"\n\nResident memory: PolicyKG API {api_rss / 1e6:.0f} MB (with its query workers), "
    report += f"rdflib-endpoint {peer_rss / 1e6:.0f} MB.\n"
    print(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("# API latency on the sample store\n\nWritten by `python -m bench.serve.latency`.\n\n" + report)


def _report(
    cases: dict[str, UseCase],
    routes: dict[str, Timing],
    ours: dict[str, Timing],
    theirs: dict[str, Timing],
    ids: dict[str, str],
    repeat: int,
) -> str:
    route_rows = []
    for name, timing in routes.items():
        path = cases[name].path(ids) or ""
        if timing.note == "absent":
            route_rows.append([path, "absent", "–", "–", "–", "–"])
        else:
            cold = fmt_ms(timing.cold_ms) if timing.cold_ms is not None else "–"
            route_rows.append(
                [path, str(timing.status), cold, fmt_ms(timing.p50), fmt_ms(timing.p95), str(timing.rows)]
            )
    sparql_rows = []
    for name in SPARQL_CASES:
        a, b = ours[name], theirs[name]
        sparql_rows.append(
            [
                f"{name} ({cases[name].query}.rq)",
                fmt_ms(a.p50),
                fmt_ms(a.p95),
                fmt_ms(b.p50),
                fmt_ms(b.p95),
                fmt_ratio(b.p95, a.p95),
                f"{a.rows} / {b.rows}",
            ]
        )
    return (
        f"Routes (PolicyKG only), {repeat} sequential requests each after a first one, ms:\n\n"
        + markdown_table(["route", "status", "first request", "p50", "p95", "items"], route_rows)
        + "\n\nSPARQL over HTTP, same query and data (rdflib-endpoint given it without join hints), ms:\n\n"
        + markdown_table(
            [
                "query",
                "PolicyKG p50",
                "PolicyKG p95",
                "rdflib-endpoint p50",
                "rdflib-endpoint p95",
                "p95 ratio",
                "rows (ours / theirs)",
            ],
            sparql_rows,
        )
    )


if __name__ == "__main__":
    main()
