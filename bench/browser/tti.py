"""Time to interactive and page weight of the browser pages, in headless Chromium.

    python -m bench.browser.tti [--tasks 2500] [--runs 3]   (from the repository root)

Builds a store from the sample plans and a synthetic national corpus (bench/synth), serves
it with uvicorn on loopback, and opens the lineage page of the document most plans implement
with ``limit`` 100, 500 and 1,500 nodes. Time to interactive is when vis-network reports the
view stabilized (physics views) or first drawn (views laid out beforehand), counted from the
start of navigation. Page weight is every byte the page loaded (document and assets).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from playwright.sync_api import Browser, sync_playwright

from bench.processes import free_port, stop
from bench.synth.corpus import size_for, write_corpus
from graph.ingest.run import ingest
from graph.store.embedded import PolicyStore
from graph.visualize.entry_points import implemented_documents

REPO_ROOT = Path(__file__).resolve().parents[2]
# Debian's Chromium, headless, with its calls home switched off (the browser tests use these too).
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SIZES = (100, 500, 1500)
_WEIGHT = """() => {
  const entries = [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')];
  return {
    requests: entries.length,
    transferred: entries.reduce((sum, e) => sum + (e.transferSize || 0), 0),
    decoded: entries.reduce((sum, e) => sum + (e.decodedBodySize || 0), 0),
  };
}"""


def build_store(folder: Path, tasks: int, seed: int) -> tuple[Path, str, int]:
    """A store of the samples and a synthetic corpus; the most implemented document and the
    number of plans."""
    corpus = folder / "corpus"
    files = write_corpus(corpus, size_for(tasks), seed)
    path = folder / "store"
    started = time.perf_counter()
    with PolicyStore.open(path) as store:
        reports = ingest(store, [REPO_ROOT / "data" / "samples", corpus], validate=False)
        failed = [r.path.name for r in reports if not r.ok]
        if failed:
            raise SystemExit(f"ingest failed for {failed}")
        document = implemented_documents(store)[0].id
    print(f"store: {len(files) + 3} plans ingested in {time.perf_counter() - started:.1f} s")
    return path, document, len(files) + 3


def serve(store: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYKG_")}
    env["POLICYKG_STORE"] = str(store)
    command = [sys.executable, "-m", "uvicorn", "api.app:app_factory", "--factory", "--host", "127.0.0.1"]
    process = subprocess.Popen(
        [*command, "--port", str(port), "--log-level", "warning"],
        cwd=REPO_ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/openapi.json", timeout=1).status_code == 200:
                return process, base
        except httpx.TransportError:
            time.sleep(0.1)
    process.terminate()
    raise SystemExit("the server did not start")


def measure(browser: Browser, url: str, wait_graph: bool) -> dict[str, float | int | str]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(url, timeout=300_000)
    result: dict[str, float | int | str] = {}
    if wait_graph:
        page.wait_for_function("window.policykgGraph && window.policykgGraph.ready", timeout=300_000)
        ready = page.evaluate(
            "({at: policykgGraph.readyAt, by: policykgGraph.readyBy,"
            " nodes: policykgGraph.network.body.data.nodes.length,"
            " response: performance.getEntriesByType('navigation')[0].responseEnd})"
        )
        result.update(tti=ready["at"], by=ready["by"], nodes=ready["nodes"], response=ready["response"])
    else:
        page.wait_for_load_state("load")
    page.wait_for_load_state("networkidle")
    result.update(page.evaluate(_WEIGHT))
    context.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=2500, help="about this many synthetic tasks")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store, document, plans = build_store(Path(folder), args.tasks, args.seed)
        process, base = serve(store)
        try:
            started = time.perf_counter()
            httpx.get(f"{base}/graph/legal/{document}?format=json&limit=10", timeout=600)
            print(f"first lineage request (builds the lineage graph): {time.perf_counter() - started:.1f} s")
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                print(f"\nlineage page of {document} ({plans} plans in the store), median of {args.runs} runs:")
                header = (
                    f"{'nodes':>6} {'drawn':>6} {'TTI ms':>8} {'HTML ms':>8} {'ready by':>14} {'bytes':>10} {'req':>4}"
                )
                print(header)
                print("-" * len(header))
                for size in SIZES:
                    runs = [
                        measure(browser, f"{base}/graph/legal/{document}?limit={size}", True) for _ in range(args.runs)
                    ]
                    tti = statistics.median(float(r["tti"]) for r in runs)
                    html = statistics.median(float(r["response"]) for r in runs)
                    first = runs[0]
                    print(
                        f"{size:>6} {first['nodes']:>6} {tti:>8.0f} {html:>8.0f} {first['by']!s:>14}"
                        f" {first['decoded']:>10} {first['requests']:>4}"
                    )
                print("\npage weight (decoded bytes, all requests of the page load):")
                pages = {
                    "home": "/",
                    "search 'so cong thuong'": "/graph/search?q=so+cong+thuong",
                    "plan (Hà Tĩnh sample)": "/graph/plan/doc-kh-ha-tinh-2026-2030-87ea930a",
                    "agency (Sở Công Thương An Giang)": "/graph/agency/agency-so-cong-thuong-an-giang",
                    "lineage 17/CĐ-TTg": "/graph/legal/doc-17-cd-ttg-2025",
                }
                for name, path in pages.items():
                    weight = measure(browser, base + path, path.startswith("/graph/") and "search" not in path)
                    print(f"  {name:<34} {weight['decoded']:>9} bytes in {weight['requests']} requests")
                browser.close()
        finally:
            stop(process, wait_s=10)


if __name__ == "__main__":
    main()
