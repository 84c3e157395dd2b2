"""Graphs that can be read, in headless Chromium: hierarchical layouts for plans, lineage and
mandates, no label drawn under 11 px at the fitted zoom (node font size × scale, read from
vis-network), a page of each node's neighbours in a large view, a legend of the kinds drawn,
the restructuring in words in the panel, and the graph downloaded as PNG and as an offline page."""

from __future__ import annotations

import struct
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import SampleStore, Watched, wait_until_interactive

pytestmark = pytest.mark.browser

LINEAGE_889 = "/graph/legal/doc-889-qd-ttg-2020"
DONG_THAP_NNMT = "agency-so-nong-nghiep-va-moi-truong-dong-thap"
DONG_THAP_TNMT = "agency-so-tai-nguyen-va-moi-truong-dong-thap-pre2025"
MIN_PX = 11

DRAWN_SIZES = """() => {
  const net = policykgGraph.network, scale = net.getScale();
  return net.body.data.nodes.getIds().map(id => {
    const drawn = net.body.nodes[id];
    return [id, drawn.options.font.size * scale, drawn.options.label || ""];
  });
}"""


def _largest_plan(sample_store: SampleStore) -> str:
    return max(sample_store.plans, key=lambda plan: len(sample_store.tasks[plan.id])).id


def _drawn(page: Page) -> list[tuple[str, float, str]]:
    return [tuple(row) for row in page.evaluate(DRAWN_SIZES)]  # type: ignore[misc]


def test_a_large_plan_is_drawn_in_levels_with_labels_of_11_px_or_more(
    sample_server, sample_store: SampleStore, open_page: Callable[[], Watched], screenshot
) -> None:
    plan_id = _largest_plan(sample_store)
    tasks = len(sample_store.tasks[plan_id])
    assert tasks > 40
    watched = open_page()
    page = watched.page
    page.goto(sample_server.url(f"/graph/plan/{plan_id}"))
    wait_until_interactive(page)
    screenshot(page, "plan-graph")
    drawn = _drawn(page)
    assert min(size for _, size, _ in drawn) >= MIN_PX, sorted(drawn, key=lambda row: row[1])[:3]
    assert all(len(label) <= 48 for _, _, label in drawn)  # long labels are elided, not shrunk
    layout = page.evaluate("policykgGraph.network.layoutEngine.options.hierarchical.enabled")
    assert layout is True
    # A page of the plan's tasks, and a box that opens the next page.
    shown_tasks = page.evaluate("policykgGraph.network.body.data.nodes.get().filter(n => n.kind === 'task').length")
    assert shown_tasks == 12
    more = page.evaluate("policykgGraph.network.body.data.nodes.get().filter(n => n.kind === 'more').map(n => n.id)")
    assert more
    task_more = next(node_id for node_id in more if node_id.endswith("|task"))
    page.evaluate(
        "id => policykgGraph.network.body.emitter.emit('click', {nodes: [id], edges: [], event: {}, pointer: {}})",
        task_more,
    )
    after = page.evaluate("policykgGraph.network.body.data.nodes.get().filter(n => n.kind === 'task').length")
    assert after == 24
    # The legend names only the kinds drawn.
    kinds = set(page.evaluate("policykgGraph.network.body.data.nodes.get().map(n => n.kind)")) - {"more"}
    legend = page.locator(".legend ul.kinds li").all_text_contents()
    assert len(legend) == len(kinds)
    assert "Tỉnh, thành phố" not in legend or "province" in kinds
    # Zoom controls and fit.
    scale = page.evaluate("policykgGraph.network.getScale()")
    page.click("#zoom-in")
    assert page.evaluate("policykgGraph.network.getScale()") > scale
    page.click("#fit")
    assert min(size for _, size, _ in _drawn(page)) >= MIN_PX
    assert watched.errors == []


def test_the_lineage_of_889_is_a_readable_tree(sample_server, open_page: Callable[[], Watched], screenshot) -> None:
    watched = open_page()
    page = watched.page
    page.goto(sample_server.url(LINEAGE_889))
    wait_until_interactive(page)
    screenshot(page, "lineage-889-levels")
    drawn = _drawn(page)
    assert min(size for _, size, _ in drawn) >= MIN_PX
    levels = page.evaluate("policykgGraph.network.body.data.nodes.get().map(n => [n.id, n.level])")
    level = dict(levels)
    assert level["doc-889-qd-ttg-2020"] == 0
    assert all(value is not None for value in level.values())
    # Plans sit to the right of the decision they implement.
    x = page.evaluate("policykgGraph.network.getPositions()")
    plans = page.evaluate("policykgGraph.network.body.data.nodes.get().filter(n => n.kind === 'plan').map(n => n.id)")
    assert plans and all(x[p]["x"] > x["doc-889-qd-ttg-2020"]["x"] for p in plans)
    assert watched.errors == []


def test_the_panel_tells_the_restructuring_in_words(
    sample_server, open_page: Callable[[], Watched], screenshot
) -> None:
    watched = open_page()
    page = watched.page
    page.goto(sample_server.url(f"/graph/agency/{DONG_THAP_NNMT}?node={DONG_THAP_TNMT}"))
    wait_until_interactive(page)
    page.wait_for_selector("#panel-succession li")
    told = page.locator("#panel-succession li").all_text_contents()
    assert any(
        line.startswith("Chuyển giao cho Sở Nông nghiệp và Môi trường tỉnh Đồng Tháp") and "01/03/2025" in line
        for line in told
    ), told
    screenshot(page, "agency-graph-panel")
    # Old and new bodies never carry the same label.
    labels = page.evaluate(
        "policykgGraph.network.body.data.nodes.get().filter(n => n.kind === 'agency').map(n => n.title)"
    )
    assert len(labels) == len(set(labels)) > 1
    english = open_page()
    english.page.goto(sample_server.url(f"/graph/agency/{DONG_THAP_NNMT}?lang=en&node={DONG_THAP_TNMT}"))
    english.page.wait_for_selector("#panel-succession li")
    assert any("on 1 March 2025" in line for line in english.page.locator("#panel-succession li").all_text_contents())
    assert watched.errors == [] and english.errors == []


def test_the_graph_downloads_as_png(sample_server, open_page: Callable[[], Watched]) -> None:
    watched = open_page()
    page = watched.page
    page.goto(sample_server.url(LINEAGE_889))
    wait_until_interactive(page)
    with page.expect_download() as download:
        page.click("#download-png")
    path = download.value.path()
    data = Path(path).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    canvas = page.evaluate("(c => [c.width, c.height])(document.querySelector('#network canvas'))")
    assert [width, height] == canvas and width > 300
    assert download.value.suggested_filename.endswith(".png")


def test_a_lineage_downloads_as_an_offline_page_that_draws_its_nodes(
    sample_server, browser: Browser, tmp_path: Path
) -> None:
    answer = httpx.get(sample_server.url(LINEAGE_889 + "?format=standalone"), timeout=60)
    assert answer.status_code == 200 and "attachment" in answer.headers["content-disposition"]
    expected = httpx.get(sample_server.url(LINEAGE_889 + "?format=json"), timeout=60).json()["node_count"]
    page_file = tmp_path / "lineage.html"
    page_file.write_bytes(answer.content)
    assert b"cdn.jsdelivr" not in answer.content and b"cdnjs" not in answer.content.split(b"<body>")[-1]
    context = browser.new_context(offline=True)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(page_file.as_uri())
    page.wait_for_function("window.network && network.body && network.body.data.nodes.length > 0", timeout=30_000)
    assert page.evaluate("network.body.data.nodes.length") == expected
    assert page.evaluate("Object.keys(network.getPositions()).length") == expected
    assert all(url.startswith("file://") or url.startswith("data:") for url in requests), requests
    assert errors == []
    context.close()
