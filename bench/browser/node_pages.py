"""Time to interactive of the node pages (plan, agency, national document, task, target,
province, agency type, source reader, error page), and of the pages that fill themselves
(overlaps list, search, query editor: until their results appear), in headless Chromium.

    python -m bench.browser.node_pages [--tasks 0] [--runs 3]   (from the repository root)

``--tasks 0`` serves the sample plans alone; ``--tasks 10000`` adds bench's synthetic national
corpus of about that many tasks. The pages are rendered on the server and run no script of
their own (the source reader marks its lines by class), so interactive is the navigation's
``domInteractive``; the table also gives the server's answer (``responseEnd``), the end of
the load event and the size of the document.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from bench.browser.tti import CHROMIUM, CHROMIUM_ARGS, REPO_ROOT, serve
from bench.processes import stop
from bench.synth.corpus import size_for, write_corpus
from graph.ingest.run import ingest
from graph.read.directory import all_agencies
from graph.read.plans import all_plans, plan_tasks
from graph.read.source_text import graph_of_document
from graph.read.targets import all_targets
from graph.store.embedded import PolicyStore
from graph.store.protocol import GraphStore
from graph.visualize.entry_points import implemented_documents

_TIMING = """() => { const n = performance.getEntriesByType('navigation')[0];
  return {response: n.responseEnd, interactive: n.domInteractive, load: n.loadEventEnd, bytes: n.decodedBodySize,
          rows: document.querySelectorAll('tbody tr').length}; }"""


def page_paths(store: GraphStore) -> dict[str, str]:
    """One page of each type, chosen from what the store holds (the largest of each kind)."""
    plans = sorted(all_plans(store), key=lambda p: -p.tasks)
    plan = plans[0]
    agency = max(all_agencies(store), key=lambda a: (a.current, a.leads + a.coordinations))
    document = implemented_documents(store)[0].id
    task = plan_tasks(store, plan.id)[0].id
    target = next(t for t in all_targets(store) if not t.national).id
    graph = graph_of_document(store, plan.id)
    return {
        "home": "/",
        f"plan ({plan.tasks} tasks)": f"/page/{plan.id}",
        f"agency ({agency.leads + agency.coordinations} tasks)": f"/page/{agency.id}",
        "national document (lineage)": f"/page/{document}",
        "task": f"/page/{task}",
        "target": f"/page/{target}",
        "province": f"/page/{plan.province}",
        "agency type": f"/page/{agency.type}",
        "source reader": f"/source/{graph}?lines=40-60",
        "error (404)": "/id/khong-co-nut-nay",
    }


# Pages whose results a script fills in: interactive is when their results are on the page.
RESULTS: dict[str, str] = {
    "overlaps list": "#pairs",
    "search": "#results",
    "query editor (an example run)": "#results table",
}


def results_paths(store: GraphStore) -> dict[str, str]:
    """The overlaps of the two provinces with most plans, a search, an example query."""
    counts: dict[str, int] = {}
    for plan in all_plans(store):
        if plan.province_name:
            counts[plan.province_name] = counts.get(plan.province_name, 0) + 1
    two = sorted(counts, key=lambda name: -counts[name])[:2]
    return {
        "overlaps list": "/graph/overlaps/list?" + "&".join(f"provinces={name}" for name in two),
        "search": "/graph/search?q=tieu+dung+ben+vung",
        "query editor (an example run)": "/query?example=example_mandates",
    }


def measure(browser: Browser, url: str, ready: str | None = None) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(url, timeout=600_000)
    page.wait_for_load_state("load")
    if ready is not None:
        page.wait_for_selector(ready, timeout=600_000)
        filled = float(page.evaluate("() => performance.now()"))
    timing: dict[str, float] = page.evaluate(_TIMING)
    if ready is not None:
        timing["interactive"] = filled
    context.close()
    return timing


def report(browser: Browser, base: str, paths: dict[str, str], runs: int) -> None:
    header = f"{'page':<34} {'TTI ms':>8} {'HTML ms':>8} {'load ms':>8} {'KB':>7} {'rows':>5}"
    print(header)
    print("-" * len(header))
    for name, path in paths.items():
        ready = RESULTS.get(name)
        measure(browser, base + path, ready)  # the first visit builds the read models the page uses
        found = [measure(browser, base + path, ready) for _ in range(runs)]
        median = {key: statistics.median(float(r[key]) for r in found) for key in ("interactive", "response", "load")}
        print(
            f"{name:<34} {median['interactive']:>8.0f} {median['response']:>8.0f} {median['load']:>8.0f}"
            f" {found[0]['bytes'] / 1024:>7.0f} {found[0]['rows']:>5.0f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=0, help="about this many synthetic tasks (0: the samples)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store_path = Path(folder) / "store"
        sources: list[Path] = [REPO_ROOT / "data" / "samples"]
        if args.tasks:
            corpus = Path(folder) / "corpus"
            written = write_corpus(corpus, size_for(args.tasks), args.seed)
            # the plans only: the corpus's manifest.json describes them
            sources += sorted(p for p in corpus.iterdir() if p.name != "manifest.json")
            print(f"corpus: {len(written)} plans of about {args.tasks} tasks")
        started = time.perf_counter()
        with PolicyStore.open(store_path) as store:
            reports = ingest(store, sources, validate=False)
        failed = [r.path.name for r in reports if not r.ok]
        if failed:
            raise SystemExit(f"ingest failed for {failed}")
        plans = len(reports)
        print(f"store: {plans} files ingested in {time.perf_counter() - started:.0f} s")
        with PolicyStore.open_read_only(store_path) as store:
            paths = page_paths(store) | results_paths(store)
        process, base = serve(store_path)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                print(f"\nnode pages over {plans} plans, median of {args.runs} runs after one warm-up visit:")
                started = time.perf_counter()
                report(browser, base, paths, args.runs)
                print(f"({time.perf_counter() - started:.0f} s)")
                browser.close()
        finally:
            stop(process, wait_s=10)


if __name__ == "__main__":
    main()
