"""Fixtures for the browser tests: a real server over a store of real plans, and headless
Chromium (Debian's /usr/bin/chromium) driven by Playwright."""

from __future__ import annotations

import gc
import os
import shutil
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, sync_playwright

from bench.browser.tti import CHROMIUM, CHROMIUM_ARGS
from graph.analysis.overlaps.analysis import OverlapPair, find_overlaps
from graph.ingest.run import ingest
from graph.read.plans import PlanSummary, PlanTask, Reference, list_plans, plan_references, plan_tasks
from graph.store.embedded import PolicyStore
from graph.visualize.store_nodes import Source, sources

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLES = REPO_ROOT / "data" / "samples"

# A plan whose title and tasks carry markup: the pages must show it as text and run nothing.
HOSTILE_PLAN = """\
ỦY BAN NHÂN DÂN
TỈNH HÀ TĨNH
Số: 77/KH-UBND
Hà Tĩnh, ngày 10 tháng 3 năm 2025

KẾ HOẠCH
Thực hiện <script>window.__pwned = "heading"</script> trên địa bàn tỉnh Hà Tĩnh

Thực hiện Quyết định số 889/QĐ-TTg ngày 24/6/2020 của Thủ tướng Chính phủ phê duyệt Chương \
trình hành động quốc gia về sản xuất và tiêu dùng bền vững giai đoạn 2021-2030.

I. TỔ CHỨC THỰC HIỆN
1. Sở Công Thương
- Chủ trì tuyên truyền <img src=x onerror=alert(1)> về sản xuất bền vững trên địa bàn tỉnh.
- Phối hợp tổ chức hội nghị <img src=y onerror="window.__pwned='task'"> với các doanh nghiệp.
2. Sở Tài chính
- Bố trí kinh phí <b onmouseover=alert(2)>thực hiện</b> Kế hoạch.
"""
HOSTILE_FILE = "ha-tinh_kh-hostile-markup-2025.txt"


def artifact_dirs(tmp_root: Path) -> list[Path]:
    """Where screenshots go: ``$POLICYKG_TEST_ARTIFACTS`` (else a pytest tmp dir) and
    ``test-artifacts/`` at the repository root."""
    first = Path(os.environ.get("POLICYKG_TEST_ARTIFACTS", tmp_root))
    return [first, REPO_ROOT / "test-artifacts"]


@pytest.fixture(scope="session")
def screenshot(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Page, str], Path]:
    """Save a full-page screenshot under a name in every artifact directory."""
    dirs = artifact_dirs(tmp_path_factory.mktemp("artifacts"))

    def take(page: Page, name: str) -> Path:
        dirs[0].mkdir(parents=True, exist_ok=True)
        path = dirs[0] / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        for other in dirs[1:]:
            other.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, other / path.name)
        return path

    return take


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class Watched:
    """A page with what it logged and asked for."""

    page: Page
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture
def open_page(browser: Browser) -> Iterator[Callable[[], Watched]]:
    """A fresh page that records console errors, uncaught errors, requests and dialogs."""
    contexts = []

    def make() -> Watched:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        contexts.append(context)
        watched = Watched(context.new_page())

        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                watched.errors.append(message.text)

        def on_request(request: Request) -> None:
            watched.requests.append(request.url)

        watched.page.on("console", on_console)
        watched.page.on("pageerror", lambda error: watched.errors.append(str(error)))
        watched.page.on("request", on_request)

        def on_dialog(dialog) -> None:  # type: ignore[no-untyped-def]
            watched.dialogs.append(dialog.message)
            dialog.dismiss()

        watched.page.on("dialog", on_dialog)
        return watched

    yield make
    for context in contexts:
        context.close()


@dataclass
class SampleStore:
    """A store of the three sample plans and a plan whose text carries HTML, with what the
    tests expect of it read from the store before a server holds it."""

    path: Path
    plans: list[PlanSummary]
    references: dict[str, list[Reference]]
    tasks: dict[str, list[PlanTask]]
    sources: dict[str, list[Source]]
    overlaps: dict[tuple[str, ...], list[OverlapPair]]

    def implementing(self, number: str) -> list[PlanSummary]:
        return [
            plan
            for plan in self.plans
            if any(ref.relation == "implements" and ref.number == number for ref in self.references[plan.id])
        ]


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> SampleStore:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / HOSTILE_FILE).write_text(HOSTILE_PLAN, encoding="utf-8")
    path = tmp_path_factory.mktemp("store") / "store"
    with PolicyStore.open(path) as store:
        reports = ingest(store, [SAMPLES, folder], validate=False)
        assert all(report.ok for report in reports), [report.error for report in reports if not report.ok]
        plans = list_plans(store)
        tasks = {plan.id: plan_tasks(store, plan.id) for plan in plans}
        chosen = tuple(
            sorted({p.province for p in plans if p.province_name in ("Hà Tĩnh", "Đồng Tháp") and p.province})
        )
        found = SampleStore(
            path=path,
            plans=plans,
            references={plan.id: plan_references(store, plan.id) for plan in plans},
            tasks=tasks,
            sources={task.id: sources(store, task.id) for found in tasks.values() for task in found},
            overlaps={chosen: find_overlaps(store, provinces=list(chosen))},
        )
    # The directory lock goes with the last reference to the embedded store; one held in a
    # reference cycle (a cached read model) goes only when the cycle is collected.
    gc.collect()
    return found


@pytest.fixture(scope="module")
def sample_server(serve_app: Callable[[Mapping[str, str]], object], sample_store: SampleStore):  # type: ignore[no-untyped-def]
    return serve_app({"POLICYKG_STORE": str(sample_store.path)})


def wait_until_interactive(page: Page, timeout_ms: float = 60_000) -> dict[str, object]:
    """Wait for the network to be drawn and settled; the page's readiness record."""
    page.wait_for_function("window.policykgGraph && window.policykgGraph.ready === true", timeout=timeout_ms)
    return page.evaluate(
        "({readyBy: policykgGraph.readyBy, readyAt: policykgGraph.readyAt,"
        " nodes: policykgGraph.network.body.data.nodes.length})"
    )


def click_node(page: Page, node_id: str) -> None:
    """Click on a node where vis-network drew it, with the mouse."""
    page.evaluate("id => policykgGraph.network.focus(id, {scale: 1.2, animation: false})", node_id)
    x, y = page.evaluate(
        """id => {
          const net = policykgGraph.network;
          const dom = net.canvasToDOM(net.getPosition(id));
          const box = document.getElementById('network').getBoundingClientRect();
          return [dom.x + box.left, dom.y + box.top];
        }""",
        node_id,
    )
    page.mouse.click(x, y)
