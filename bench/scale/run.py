"""Scale figures on a synthetic national corpus, at several sizes, printed and written to
bench/results/ (scale.md, scale.json, scale.png).

    python -m bench.scale.run --sizes 100 1000 10000 100000 --jobs 2

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

from bench.measure import REPO, PeakMemory, Timing, repeat, serve, time_route, time_sparql, uvicorn_args
from bench.processes import free_port
from bench.scale.report import ingest_line, print_size, timing_dict, write_summary
from bench.synth.corpus import size_for, write_corpus
from bench.usecases import USE_CASES, oxigraph_runner, pick_ids
from graph.store.embedded import PolicyStore

RESULTS = REPO / "bench" / "results"
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
    args = [sys.executable, "-m", "bench.scale.run", "--ingest-child", str(corpus), str(store_path), str(jobs)]
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
    from bench.engines.rdflib_side import load_dataset, rdflib_runner

    dataset, seconds = load_dataset(dump)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    timings = {}
    for case in USE_CASES:
        runner = rdflib_runner(dataset, case, ids)
        if runner is not None:
            timing = repeat(runner, times, budget_s=budget)
            timings[case.name] = {"samples": timing.samples, "rows": timing.rows, "note": timing.note}
    return {"load_s": seconds, "rss": rss, "quads": len(dataset), "timings": timings}


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
    print(ingest_line(ingest))
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
        print(ingest_line(variant))

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
    result["oxigraph"] = {k: timing_dict(v) for k, v in oxigraph.items()}

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
    result["routes"] = {k: timing_dict(v) for k, v in routes.items()}
    result["sparql_http"] = {k: timing_dict(v) for k, v in ours_sparql.items()}

    if compare:
        child = subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.scale.run",
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
        endpoint_args = [sys.executable, "-m", "bench.engines.rdflib_side", "serve", str(dump), str(port)]
        theirs: dict[str, Timing] = {}
        with serve(endpoint_args, port=port, ready_path="/?query=ASK%7B%7D", log=work / "endpoint.log") as peer:
            result["endpoint_rss"] = peer.rss
            with httpx.Client(timeout=600) as client:
                for case in USE_CASES:
                    text = case.http_text(ids, plain=True)
                    if text is not None:
                        theirs[case.name] = time_sparql(client, peer.url("/"), text, args.repeat, args.budget)
        result["endpoint"] = {k: timing_dict(v) for k, v in theirs.items()}
        dump.unlink(missing_ok=True)
    print_size(result)
    return result


def _clear(path: Path) -> None:
    if path.exists():
        for child in sorted(path.rglob("*"), reverse=True):
            child.unlink() if child.is_file() else child.rmdir()
        path.rmdir()


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
