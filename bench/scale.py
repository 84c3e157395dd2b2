"""Scale figures on a synthetic national corpus, at several sizes, printed and written to
bench/results/ (scale.md, scale.json, scale.png).

    python -m bench.scale --sizes 100 1000 10000 100000 --jobs 2

For each size: the corpus is generated (bench.synth, deterministic from --seed) and ingested
through the real loaders into an embedded store (in a child process, to measure its peak
memory with its workers); then the p50/p95 of every use-case query in Oxigraph, of every route
and of the same queries over /sparql (a real uvicorn), and — up to --rdflib-max tasks — of the
same queries in rdflib's in-memory store and in rdflib-endpoint 0.6.3 on the same data.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from bench.measure import (
    REPO,
    PeakMemory,
    Timing,
    fmt_ms,
    fmt_ratio,
    markdown_table,
    repeat,
    serve,
    uvicorn_args,
)
from bench.processes import free_port
from bench.synth.corpus import size_for, write_corpus
from bench.usecases import USE_CASES, UseCase, oxigraph_runner, pick_ids
from graph.store.embedded import PolicyStore

RESULTS = REPO / "bench" / "results"
JSON_RESULTS = "application/sparql-results+json"
QUERY_WORKERS = 2  # the query worker processes behind /sparql (the server's default)


# ----------------------------------------------------------------------------- ingest


def ingest_child(corpus: Path, store_path: Path, jobs: int, validate: bool) -> dict[str, Any]:
    """Ingest in this process (run as a child of the benchmark, which samples its memory from
    outside, so that the sampling takes nothing from the ingest): wall and processor time,
    store size."""
    from graph.ingest.run import ingest

    started = time.perf_counter()
    cpu_started = time.process_time()
    with PolicyStore.open(store_path) as store:
        reports = ingest(store, [corpus], validate=validate, jobs=jobs)
        store.flush()
        wall = time.perf_counter() - started
        triples = store.triple_count()
    size = sum(f.stat().st_size for f in store_path.rglob("*") if f.is_file())
    parent_cpu = time.process_time() - cpu_started
    worker_cpu = sum(r.cpu_seconds for r in reports) if jobs > 1 else 0.0
    return {
        "files": len(reports),
        "ok": sum(1 for r in reports if r.ok),
        "tasks": sum(r.tasks for r in reports),
        "violations": sum(len(r.violations) for r in reports),
        "plan_triples": sum(r.triples for r in reports),
        "triples": triples,
        "wall_s": wall,
        "cpu_s": parent_cpu + worker_cpu,
        "parent_maxrss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "store_bytes": size,
        "jobs": jobs,
        "validate": validate,
        "loadavg": os.getloadavg()[0],
    }


def run_ingest(corpus: Path, store_path: Path, jobs: int, validate: bool) -> dict[str, Any]:
    args = [sys.executable, "-m", "bench.scale", "--ingest-child", str(corpus), str(store_path), str(jobs)]
    if validate:
        args.append("--validate")
    child = subprocess.Popen(args, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with PeakMemory(pid=child.pid, interval=0.1) as memory:  # the child and its workers
        out, err = child.communicate()
    if child.returncode != 0:
        raise RuntimeError(f"ingest failed: {err[-3000:]}")
    return {**json.loads(out.strip().splitlines()[-1]), "peak_rss": memory.peak}


def rdflib_child(dump: Path, ids: dict[str, str], times: int, budget: float) -> dict[str, Any]:
    """rdflib's in-memory store on the dump: load time, memory, and each query's timing."""
    from bench.rdflib_side import load_dataset, rdflib_runner

    dataset, seconds = load_dataset(dump)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    timings = {}
    for case in USE_CASES:
        runner = rdflib_runner(dataset, case, ids)
        if runner is not None:
            timing = repeat(runner, times, budget_s=budget)
            timings[case.name] = {"samples": timing.samples, "rows": timing.rows, "note": timing.note}
    return {"load_s": seconds, "rss": rss, "quads": len(dataset), "timings": timings}


# ----------------------------------------------------------------------------- HTTP


def _http(client: httpx.Client, url: str, **kwargs: Any) -> tuple[int, int | None, str]:
    response = client.get(url, **kwargs)
    rows: int | None = None
    if response.status_code == 200 and "json" in response.headers.get("content-type", ""):
        body = response.json()
        if isinstance(body, dict) and "results" in body:
            rows = len(body["results"]["bindings"])
        elif isinstance(body, dict) and isinstance(body.get("items"), list):
            rows = len(body["items"])
    return response.status_code, rows, response.text[:200]


def time_route(client: httpx.Client, url: str, times: int, budget: float) -> Timing:
    """Repeated requests; the first one (before any cache of the server is warm) is kept
    apart as ``cold_ms``."""
    started = time.perf_counter()
    try:
        status, _rows, text = _http(client, url)
    except httpx.TimeoutException:
        return Timing(note=f"no answer in {client.timeout.read:.0f} s")
    cold_ms = (time.perf_counter() - started) * 1000
    if status == 404 and '"Not Found"' in text:
        return Timing(status=404, note="absent")

    def call() -> int | None:
        code, rows, _ = _http(client, url)
        if code != status:
            raise RuntimeError(f"{url}: {code} after {status}")
        return rows

    timing = repeat(call, times, warmup=0, budget_s=budget)
    timing.status = status
    timing.cold_ms = cold_ms
    return timing


def time_sparql(client: httpx.Client, url: str, text: str, times: int, budget: float, *, warmup: int = 1) -> Timing:
    """p50/p95 of a query over HTTP after ``warmup`` untimed calls (one per query worker: the
    server hands requests to its idle workers in turn, each with its own caches)."""

    def call() -> int | None:
        code, rows, body = _http(client, url, params={"query": text}, headers={"Accept": JSON_RESULTS})
        if code != 200:
            raise RuntimeError(f"{url}: {code} {body}")
        return rows

    return repeat(call, times, warmup=warmup, budget_s=budget)


# ----------------------------------------------------------------------------- one size


def measure_size(tasks: int, args: argparse.Namespace, work: Path) -> dict[str, Any]:
    size = size_for(tasks)
    corpus = work / f"corpus-{size.tasks}-seed{args.seed}"
    if not (corpus / "manifest.json").is_file():
        started = time.perf_counter()
        write_corpus(corpus, size, args.seed)
        print(f"  corpus: {size.plans} plans written in {time.perf_counter() - started:.1f} s → {corpus}")
    result: dict[str, Any] = {"tasks": size.tasks, "plans": size.plans, "provinces": size.provinces}
    store_path = work / f"store-{size.tasks}"
    earlier = args.previous.get(size.tasks)
    if args.reuse_store and earlier is not None and (store_path / "CURRENT").is_file():
        ingest = earlier["ingest"]
        print(f"  reusing {store_path} and the ingest figures measured with it")
    else:
        _clear(store_path)
        ingest = run_ingest(corpus, store_path, args.jobs, validate=True)
    result["ingest"] = ingest
    print(_ingest_line(ingest))
    variants = []
    if size.plans > 1 and size.tasks <= args.sequential_max and args.jobs > 1:
        variants.append((1, True))
    if size.tasks <= args.shacl_max:
        variants.append((args.jobs, False))
    result["ingest_variants"] = []
    if args.reuse_store and earlier is not None:
        variants = []
        result["ingest_variants"] = earlier.get("ingest_variants", [])
    for jobs, validate in variants:
        with tempfile.TemporaryDirectory(dir=work) as scratch:
            variant = run_ingest(corpus, Path(scratch) / "store", jobs, validate)
        result["ingest_variants"].append(variant)
        print(_ingest_line(variant))

    with PolicyStore.open(store_path) as store:
        ids = pick_ids(store)
        result["ids"] = ids
        oxigraph: dict[str, Timing] = {}
        routes_only = size.tasks > args.routes_only_above
        if routes_only:
            print(f"  above {args.routes_only_above} tasks: routes only (no in-process queries, no /sparql)")
        for case in USE_CASES:
            runner = None if routes_only else oxigraph_runner(store, case, ids)
            if runner is not None:
                oxigraph[case.name] = repeat(runner, args.repeat, budget_s=args.budget)
        dump = work / f"dump-{size.tasks}.nq"
        compare = size.tasks <= args.rdflib_max
        if compare:
            dump.write_bytes(store.dump("application/n-quads"))
    result["oxigraph"] = {k: _timing_dict(v) for k, v in oxigraph.items()}

    port = free_port()
    env = {
        "POLICYKG_STORE": str(store_path),
        "POLICYKG_WARM": "false",  # first requests are measured cold; no start-up build of every read model
        "POLICYKG_WORKERS": str(QUERY_WORKERS),
        "POLICYKG_MAX_ROWS": "10000000",
        "POLICYKG_QUERY_TIMEOUT_S": "600",
        "POLICYKG_MAX_REQUEST_BYTES": "1048576",
    }
    routes: dict[str, Timing] = {}
    ours_sparql: dict[str, Timing] = {}
    with serve(uvicorn_args(port), port=port, env=env, ready_path="/plans?limit=1", log=work / "api.log") as api:
        result["api_rss_start"] = api.rss
        with httpx.Client(timeout=args.route_timeout) as client:
            for case in USE_CASES:
                path = case.path(ids)
                if path is not None and case.route_max_tasks is not None and size.tasks > case.route_max_tasks:
                    routes[case.name] = Timing(note=f"not called: {case.note}")
                elif path is not None:
                    routes[case.name] = time_route(client, api.url(path), args.repeat, args.budget)
                    result[f"api_rss_after_{case.name}"] = api.rss
            result["api_rss_after_routes"] = api.rss
            for case in USE_CASES:
                text = None if routes_only else case.http_text(ids)
                if text is not None:
                    ours_sparql[case.name] = time_sparql(
                        client, api.url("/sparql"), text, args.repeat, args.budget, warmup=QUERY_WORKERS
                    )
        result["api_rss_end"] = api.rss
    result["routes"] = {k: _timing_dict(v) for k, v in routes.items()}
    result["sparql_http"] = {k: _timing_dict(v) for k, v in ours_sparql.items()}

    if compare:
        child = subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.scale",
                "--rdflib-child",
                str(dump),
                json.dumps(ids),
                str(args.repeat),
                str(args.budget),
            ],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        )
        if child.returncode != 0:
            raise RuntimeError(f"rdflib run failed: {child.stderr[-3000:]}")
        result["rdflib"] = json.loads(child.stdout.strip().splitlines()[-1])
        port = free_port()
        endpoint_args = [sys.executable, "-m", "bench.rdflib_side", "serve", str(dump), str(port)]
        theirs: dict[str, Timing] = {}
        with serve(endpoint_args, port=port, ready_path="/?query=ASK%7B%7D", log=work / "endpoint.log") as peer:
            result["endpoint_rss"] = peer.rss
            with httpx.Client(timeout=600) as client:
                for case in USE_CASES:
                    text = case.http_text(ids, plain=True)
                    if text is not None:
                        theirs[case.name] = time_sparql(client, peer.url("/"), text, args.repeat, args.budget)
        result["endpoint"] = {k: _timing_dict(v) for k, v in theirs.items()}
        dump.unlink(missing_ok=True)
    print_size(result)
    return result


def _clear(path: Path) -> None:
    if path.exists():
        for child in sorted(path.rglob("*"), reverse=True):
            child.unlink() if child.is_file() else child.rmdir()
        path.rmdir()


def _timing_dict(timing: Timing) -> dict[str, Any]:
    return {
        "p50": timing.p50,
        "p95": timing.p95,
        "n": len(timing.samples),
        "rows": timing.rows,
        "status": timing.status,
        "note": timing.note,
        "cold_ms": timing.cold_ms,
    }


def _ingest_line(ingest: dict[str, Any]) -> str:
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


def _p(section: dict[str, Any] | None, name: str, key: str) -> float:
    if not section or name not in section:
        return float("nan")
    value = section[name]
    if key in value:
        return float(value[key])
    samples = value.get("samples") or []
    from bench.measure import percentile

    return percentile(samples, 50 if key == "p50" else 95)


def print_size(result: dict[str, Any]) -> None:
    print(f"\n  {result['tasks']} tasks, {result['plans']} plans — p50 / p95 in ms (* join-heavy)")
    header = ["use case", "route", "route cold", "route p50", "route p95", "Oxigraph p95", "/sparql p95", "rdflib p95",
              "rdflib-endpoint p95", "rdflib ÷ Oxigraph", "endpoint ÷ ours", "rows"]  # fmt: skip
    rows = []
    for case in USE_CASES:
        route = result["routes"].get(case.name)
        route_cell = "–" if route is None else (route["note"] or str(route["status"]))
        ours_p95 = _p(result.get("oxigraph"), case.name, "p95")
        api_p95 = route["p95"] if route and route["status"] else float("nan")
        sparql_p95 = _p(result.get("sparql_http"), case.name, "p95")
        rdflib_p95 = _p(result.get("rdflib", {}).get("timings"), case.name, "p95")
        endpoint_p95 = _p(result.get("endpoint"), case.name, "p95")
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
            ours = _p(r.get("oxigraph"), case.name, "p95")
            rdflib = _p(r["rdflib"].get("timings"), case.name, "p95")
            route = r["routes"].get(case.name)
            route_p95 = route["p95"] if route and route["status"] else float("nan")
            sparql = _p(r.get("sparql_http"), case.name, "p95")
            endpoint = _p(r.get("endpoint"), case.name, "p95")
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
        return fmt_ms(_p(result["routes"], case.name, "p95"))
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
    query_rows = [[r["tasks"]] + [fmt_ms(_p(r["oxigraph"], c.name, "p95")) for c in USE_CASES] for r in results]
    text = (
        "# Scale figures\n\nWritten by `python -m bench.scale`; latencies are p95 in ms.\n\n## Growth with size\n\n"
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
        pairs = [(r["tasks"], _p(r.get(section), name, "p95")) for r in results]
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


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--ingest-child":
        corpus, store_path, jobs = Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
        print(json.dumps(ingest_child(corpus, store_path, jobs, "--validate" in sys.argv)))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--summarise":
        # rewrite the summary from result files of several runs (a later file wins for a size)
        merged: dict[int, dict[str, Any]] = {}
        for name in sys.argv[2:]:
            merged.update({r["tasks"]: r for r in json.loads(Path(name).read_text())})
        write_summary([merged[k] for k in sorted(merged)], RESULTS)
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--rdflib-child":
        ids = json.loads(sys.argv[3])
        print(json.dumps(rdflib_child(Path(sys.argv[2]), ids, int(sys.argv[4]), float(sys.argv[5]))))
        return
    parser = argparse.ArgumentParser(description="Scale figures on a synthetic national corpus.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10_000, 100_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--repeat", type=int, default=20, help="timed runs of each query and route")
    parser.add_argument("--budget", type=float, default=30.0, help="seconds of timed runs per query at most")
    parser.add_argument("--rdflib-max", type=int, default=10_000, help="largest size also measured in rdflib")
    parser.add_argument("--sequential-max", type=int, default=10_000, help="largest size also ingested with 1 job")
    parser.add_argument("--shacl-max", type=int, default=1_000, help="largest size also ingested without SHACL")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "policykg-scale")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--merge", action="store_true", help="keep the other sizes already in OUT/scale.json")
    parser.add_argument("--reuse-store", action="store_true", help="measure the store a previous run left in WORK")
    parser.add_argument("--routes-only-above", type=int, default=10**9, help="above this size time the routes only")
    parser.add_argument("--route-timeout", type=float, default=600.0, help="seconds a route may take to answer")
    args = parser.parse_args()
    previous = json.loads((args.out / "scale.json").read_text()) if (args.out / "scale.json").is_file() else []
    args.previous = {r["tasks"]: r for r in previous}
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"{os.cpu_count()} cores, jobs={args.jobs}, seed={args.seed}, work in {args.work}")
    kept: list[dict[str, Any]] = []
    if args.merge and (args.out / "scale.json").is_file():
        measured = {size_for(tasks).tasks for tasks in args.sizes}
        kept = [r for r in json.loads((args.out / "scale.json").read_text()) if r["tasks"] not in measured]
    results: list[dict[str, Any]] = []
    for tasks in args.sizes:
        print(f"\n=== about {tasks} tasks")
        results.append(measure_size(tasks, args, args.work))
        write_summary(sorted(kept + results, key=lambda r: r["tasks"]), args.out)


if __name__ == "__main__":
    main()
