"""The browser pages in headless Chromium, over the sample plans and a plan carrying markup."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.conftest import HOSTILE_FILE, SampleStore, Watched, click_node, wait_until_interactive

pytestmark = pytest.mark.browser

LINEAGE_889 = "/graph/legal/doc-889-qd-ttg-2020"


def outside(watched: Watched, base_url: str) -> list[str]:
    return [url for url in watched.requests if not (url.startswith(base_url + "/") or url.startswith("data:"))]


def test_home_page_loads_offline_without_console_errors(
    sample_server, open_page: Callable[[], Watched], screenshot
) -> None:
    watched = open_page()
    watched.page.goto(sample_server.url("/"))
    watched.page.wait_for_load_state("networkidle")
    screenshot(watched.page, "home")
    assert watched.errors == []
    assert outside(watched, sample_server.base_url) == []
    headings = watched.page.locator("h2").all_text_contents()
    assert any(text.startswith("Kế hoạch") for text in headings)
    assert watched.page.locator("#plans a[href^='/graph/plan/']").count() == 4
    assert watched.page.locator("#documents a[href='/graph/legal/doc-889-qd-ttg-2020']").count() == 1


def test_home_page_in_english(sample_server, open_page: Callable[[], Watched], screenshot) -> None:
    watched = open_page()
    watched.page.goto(sample_server.url("/?lang=en"))
    screenshot(watched.page, "home-en")
    assert watched.page.locator("html").get_attribute("lang") == "en"
    assert "Plans" in watched.page.locator("#plans h2").text_content()
    assert watched.page.locator("#plans a").first.get_attribute("href").endswith("?lang=en")


def test_search_for_so_cong_thuong_lists_the_three_departments(
    sample_server, open_page: Callable[[], Watched], screenshot
) -> None:
    watched = open_page()
    page = watched.page
    page.goto(sample_server.url("/"))
    page.fill("#home-search input[name=q]", "so cong thuong")
    page.press("#home-search input[name=q]", "Enter")
    page.wait_for_selector("#results")
    screenshot(page, "search-so-cong-thuong")
    assert "q=so+cong+thuong" in page.url
    labels = page.locator(".kind-agency .result-link").all_text_contents()
    for province in ("An Giang", "Hà Tĩnh", "Đồng Tháp"):
        assert f"Sở Công Thương tỉnh {province}" in labels
    first = page.locator(".kind-agency .result-link").first
    assert first.get_attribute("href").startswith("/id/agency-so-cong-thuong-")
    assert watched.errors == []


def test_lineage_of_889_draws_both_plans_that_implement_it(
    sample_server, sample_store: SampleStore, open_page: Callable[[], Watched], screenshot
) -> None:
    expected = [(plan.id, plan.province_name) for plan in sample_store.implementing("889/QĐ-TTg")]
    assert {province for _, province in expected} >= {"Hà Tĩnh", "Đồng Tháp"}
    watched = open_page()
    page = watched.page
    page.goto(sample_server.url(LINEAGE_889))
    ready = wait_until_interactive(page)
    screenshot(page, "lineage-889")
    drawn = page.evaluate("policykgGraph.network.body.data.nodes.get().map(n => [n.id, n.kind])")
    drawn_ids = {node_id for node_id, _ in drawn}
    for plan_id, _ in expected:
        assert plan_id in drawn_ids
    assert ready["nodes"] == len(drawn) > len(expected)
    assert {kind for _, kind in drawn} >= {"document", "plan", "task", "agency"}
    assert watched.errors == []
    assert outside(watched, sample_server.base_url) == []


def test_clicking_a_task_shows_its_quote_and_lines_and_keeps_it_in_the_url(
    sample_server, sample_store: SampleStore, open_page: Callable[[], Watched], screenshot
) -> None:
    plan_id = next(
        plan.id
        for plan in sample_store.implementing("889/QĐ-TTg")
        if plan.province_name == "Hà Tĩnh" and plan.source_file != HOSTILE_FILE
    )
    task = sample_store.tasks[plan_id][0]
    quotes = sample_store.sources[task.id]
    assert quotes
    watched = open_page()
    page = watched.page
    page.goto(sample_server.url(f"/graph/plan/{plan_id}"))
    wait_until_interactive(page)
    click_node(page, task.id)
    page.wait_for_selector(f"#panel-body[data-node='{task.id}'] .quote")
    screenshot(page, "plan-task-selected")
    assert page.locator(".quote").first.text_content() == quotes[0].quote
    caption = page.locator(".source figcaption").first.text_content()
    assert quotes[0].file in caption and str(quotes[0].start_line) in caption
    assert f"node={task.id}" in page.url
    assert page.locator(".sparql-link").count() >= 2
    api = page.locator(".api-link").first.get_attribute("href")
    assert api == f"/graph/api/node/{task.id}"
    # The URL alone brings the same selection back.
    again = open_page().page
    again.goto(page.url)
    again.wait_for_selector(f"#panel-body[data-node='{task.id}'] .quote")
    assert again.locator("#panel-label").text_content() == page.locator("#panel-label").text_content()


def test_expanding_a_node_adds_its_neighbours_through_the_url(sample_server, open_page: Callable[[], Watched]) -> None:
    page = open_page().page
    page.goto(sample_server.url(LINEAGE_889 + "?node=doc-889-qd-ttg-2020"))
    wait_until_interactive(page)
    before = page.evaluate("policykgGraph.network.body.data.nodes.length")
    page.wait_for_selector("#panel-expand")
    counts = page.locator("#panel-counts li").all_text_contents()
    assert any("(đi)" in text or "(đến)" in text for text in counts)
    page.click("#panel-expand")
    page.wait_for_url("**expand=doc-889-qd-ttg-2020**")
    wait_until_interactive(page)
    after = page.evaluate("policykgGraph.network.body.data.nodes.get().map(n => n.kind)")
    assert len(after) > before
    assert "target" in after  # the programme's targets come with its other neighbours


def test_an_agency_page_draws_inherited_mandates_distinctly(
    sample_server, open_page: Callable[[], Watched], screenshot
) -> None:
    page = open_page().page
    page.goto(sample_server.url("/graph/agency/agency-so-cong-thuong-an-giang"))
    wait_until_interactive(page)
    screenshot(page, "agency-so-cong-thuong-an-giang")
    inherited = page.evaluate("policykgGraph.network.body.data.nodes.get().filter(n => n.inherited).map(n => n.kind)")
    assert "agency" in inherited and "task" in inherited
    assert page.locator(".legend .note").count() == 1


def test_a_plan_with_markup_in_its_text_runs_nothing(
    sample_server, sample_store: SampleStore, open_page: Callable[[], Watched], screenshot
) -> None:
    plan = next(p for p in sample_store.plans if p.source_file == HOSTILE_FILE)
    hostile = next(task for task in sample_store.tasks[plan.id] if "<img src=x onerror=alert(1)>" in task.text)
    watched = open_page()
    page = watched.page
    for path in ("/", f"/graph/plan/{plan.id}", "/graph/search?q=tuyen+truyen+img", f"/graph/node/{hostile.id}"):
        page.goto(sample_server.url(path))
        if path.startswith("/graph/plan") or path.startswith("/graph/node"):
            wait_until_interactive(page)
    page.goto(sample_server.url(f"/graph/plan/{plan.id}"))
    wait_until_interactive(page)
    click_node(page, hostile.id)
    page.wait_for_selector(f"#panel-body[data-node='{hostile.id}']")
    page.hover("#panel-label")
    screenshot(page, "hostile-plan")
    assert "<img src=x onerror=alert(1)>" in page.locator("#panel-label").text_content()
    assert page.locator("#panel-body img, #subject img, .graph-head img").count() == 0
    titles = page.evaluate("policykgGraph.network.body.data.nodes.get().map(n => n.title)")
    assert any("<img src=x onerror=alert(1)>" in title for title in titles)
    home = open_page()
    home.page.goto(sample_server.url("/"))
    assert '<script>window.__pwned = "heading"</script>' in home.page.locator("#plans").text_content()
    for visited in (page, home.page):
        assert visited.evaluate("window.__pwned === undefined")
    assert watched.dialogs == [] and home.dialogs == []
    assert not any(url.rsplit("/", 1)[-1] == "x" or url.endswith("/y") for url in watched.requests)


def test_overlaps_page_for_two_chosen_provinces(
    sample_server, sample_store: SampleStore, open_page: Callable[[], Watched], screenshot
) -> None:
    (chosen, pairs), *_ = sample_store.overlaps.items()
    assert pairs
    watched = open_page()
    page = watched.page
    page.goto(sample_server.url("/"))
    names = {plan.province_name for plan in sample_store.plans if plan.province in chosen}
    boxes = page.locator("#overlaps input[name=provinces]")
    for index in range(boxes.count()):
        box = boxes.nth(index)
        if box.get_attribute("value") not in names:
            box.uncheck()
    page.click("#overlaps button[type=submit]")
    # The ranked list comes first; the graph is its second view.
    page.click("#graph-view")
    ready = wait_until_interactive(page)
    screenshot(page, "overlaps")
    query = parse_qs(urlparse(page.url).query)
    assert page.url.split("?")[0].endswith("/graph/overlaps") and set(query["provinces"]) == names
    drawn = page.evaluate(
        "policykgGraph.network.body.data.edges.get().filter(e => e.relation === 'overlaps').map(e => [e.from, e.to])"
    )
    assert {frozenset(edge) for edge in drawn} == {frozenset((pair.a.id, pair.b.id)) for pair in pairs}
    assert ready["nodes"] > len(pairs)
    assert watched.errors == []
