"""The node pages, the source reader and the error pages in headless Chromium, over the
sample plans and a plan carrying markup."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from api.pages.i18n import TEXTS
from graph.read.mandates import mandates
from graph.read.targets import all_targets
from graph.store.embedded import PolicyStore
from tests.browser.conftest import HOSTILE_FILE, SampleStore, Watched

pytestmark = pytest.mark.browser

AGENCY = "agency-so-nong-nghiep-va-moi-truong-dong-thap"
CELL_TEXT = """cell => { const a = cell.querySelector('a'); const first = a || cell.childNodes[0];
  return first ? first.textContent.trim() : ''; }"""


def _rows(page, table: str) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return page.evaluate(
        f"""() => [...document.querySelectorAll('#table-{table} tbody tr:not(.group)')].map(
              tr => [...tr.children].map({CELL_TEXT}))"""
    )


def test_an_official_finds_the_current_agency_its_inherited_mandates_their_download_and_a_quote(
    sample_server, sample_store: SampleStore, open_page: Callable[[], Watched], screenshot, tmp_path: Path
) -> None:
    with PolicyStore.open_read_only(sample_store.path) as store:
        expected = mandates(store, AGENCY, include_predecessors=True)
    inherited = [m for m in expected if m.inherited]
    assert {m.holder_label for m in inherited} >= {
        "Sở Tài nguyên và Môi trường tỉnh Đồng Tháp (trước 01/7/2025)",
        "Sở Nông nghiệp và Phát triển nông thôn tỉnh Đồng Tháp (trước 01/7/2025)",
    }
    watched = open_page()
    page = watched.page
    page.goto(sample_server.url("/"))
    page.fill("#home-search input[name=q]", "so nong nghiep va moi truong dong thap")
    page.press("#home-search input[name=q]", "Enter")
    page.wait_for_selector("#results")
    page.locator(
        ".kind-agency .result-link", has_text=re.compile("^Sở Nông nghiệp và Môi trường tỉnh Đồng Tháp$")
    ).click()
    page.wait_for_selector("#table-mandates")
    assert page.url.endswith(f"/page/{AGENCY}")
    screenshot(page, "page-agency")
    assert page.locator("h1").text_content() == "Sở Nông nghiệp và Môi trường tỉnh Đồng Tháp"
    shown = page.locator("#table-mandates tr.inherited")
    assert shown.count() == len(inherited)
    text = " ".join(shown.all_text_contents())
    for name in ("Sở Tài nguyên và Môi trường", "Sở Nông nghiệp và Phát triển nông thôn", "01/03/2025"):
        assert name in text
    timeline = page.locator("#table-restructuring").text_content()
    assert "01/03/2025" in timeline and "01/07/2025" in timeline and "45/2025/NĐ-CP" in timeline
    # the XLSX holds the rows of the page
    with page.expect_download() as download:
        page.click("#table-mandates a[data-format=xlsx]")
    saved = tmp_path / "mandates.xlsx"
    download.value.save_as(saved)
    sheet = load_workbook(saved).active
    header, *rows = [[str(c) if c is not None else "" for c in row] for row in sheet.iter_rows(values_only=True)]
    assert header == page.locator("#table-mandates thead th").all_text_contents()
    on_page = _rows(page, "mandates")
    assert len(rows) == len(on_page) == len(expected)
    for exported, cells in zip(rows, on_page, strict=True):
        assert [e.startswith(c) for e, c in zip(exported, cells, strict=True)] == [True] * len(cells)
    # a quote opens the plan's text at its lines, marked and scrolled to
    mandate = inherited[0]
    row = page.locator("#table-mandates tr.inherited").first
    row.locator(".quote-link a").click()
    page.wait_for_selector(".source-text li.marked")
    screenshot(page, "page-source")
    marked = page.locator(".source-text li.marked")
    assert marked.count() == mandate.end_line - mandate.start_line + 1
    assert marked.first.get_attribute("id") == f"L{mandate.start_line}"
    lines = " ".join(" ".join(marked.locator(".line").all_text_contents()).split())
    assert " ".join((mandate.quote or "").split())[:60] in lines
    assert page.evaluate(
        "() => { const r = document.querySelector('li.marked').getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; }"
    )
    assert watched.errors == []


def test_the_889_page_shows_its_lineage_tree_and_the_provinces(
    sample_server, open_page: Callable[[], Watched], screenshot
) -> None:
    watched = open_page()
    page = watched.page
    page.goto(sample_server.url("/id/doc-889-qd-ttg-2020"))
    page.wait_for_selector("#lineage-tree")
    screenshot(page, "page-document-889")
    tree = page.locator("#lineage-tree").text_content()
    for name in ("Hà Tĩnh", "Đồng Tháp", "07/KH-UBND"):
        assert name in tree
    assert page.locator("#lineage-tree details").count() > 3
    with_plan = page.locator("#table-provinces tr.has-plan th a").all_text_contents()
    assert {"Hà Tĩnh", "Đồng Tháp"} <= set(with_plan)
    assert page.locator("#table-provinces tr.no-plan").count() > 20
    relations = page.locator("#table-relations").text_content()
    assert "Được thực hiện bởi" in relations
    assert watched.errors == []


def test_the_plan_page_groups_tasks_under_the_plans_headings(
    sample_server, sample_store: SampleStore, open_page: Callable[[], Watched], screenshot
) -> None:
    plan = next(p for p in sample_store.plans if p.province_name == "Hà Tĩnh" and p.source_file != HOSTILE_FILE)
    tasks = sample_store.tasks[plan.id]
    page = open_page().page
    page.goto(sample_server.url(f"/id/{plan.id}"))
    page.wait_for_selector("#table-tasks")
    screenshot(page, "page-plan")
    assert page.locator("#table-tasks tbody tr:not(.group)").count() == len(tasks)
    groups = page.locator("#table-tasks tr.group th").all_text_contents()
    assert groups and set(groups) <= {t.heading for t in tasks if t.heading} | {"(không thuộc mục nào)"}
    assert "Dự thảo" in page.locator(".facts").first.text_content()
    assert page.locator("#table-relations tr.group th").first.text_content() in ("Căn cứ", "Thực hiện", "Trích dẫn")
    assert page.locator("#table-targets tbody tr").count() > 0
    assert page.locator("#graph-link").get_attribute("href") == f"/graph/plan/{plan.id}"


def _chrome(page) -> list[str]:  # type: ignore[no-untyped-def]
    """The page's own words: headings, column headers, labels, buttons, tabs, fact names."""
    return page.evaluate(
        """() => [...document.querySelectorAll(
             'main h2, main thead th, main dt, main label:not(.filters label), .filters .label-text,'
             + ' main button, .tabs a, .kind-name, .downloads,'
             + ' main summary .relation, .error-page p, header button, .intro')].map(e => e.textContent)"""
    )


def _english_only_words() -> set[str]:
    vi = {w for text in TEXTS["vi"].values() for w in re.findall(r"[A-Za-z]+", text)}
    en = {w for text in TEXTS["en"].values() for w in re.findall(r"[A-Za-z]{3,}", text)}
    return en - vi


def test_pages_speak_one_language(
    sample_server, sample_store: SampleStore, open_page: Callable[[], Watched], screenshot
) -> None:
    with PolicyStore.open_read_only(sample_store.path) as store:
        target = next(t for t in all_targets(store) if not t.national)
    plan = next(p for p in sample_store.plans if p.province_name == "Đồng Tháp")
    task = sample_store.tasks[plan.id][0]
    paths = {
        "plan": f"/page/{plan.id}",
        "agency": f"/page/{AGENCY}",
        "document": "/page/doc-889-qd-ttg-2020",
        "task": f"/page/{task.id}",
        "target": f"/page/{target.id}",
        "province": "/page/province-dong-thap",
        "agency-type": "/page/type-so-cong-thuong",
        "error": "/id/khong-co-nut-nay",
    }
    english = _english_only_words()
    assert {"Download", "Role", "Source"} <= english
    page = open_page().page
    for name, path in paths.items():
        answer = page.goto(sample_server.url(path))
        assert answer is not None and answer.status == (404 if name == "error" else 200)
        screenshot(page, f"page-{name}")
        words = set(re.findall(r"[A-Za-z]+", " ".join(_chrome(page))))
        assert words & english == set(), (name, words & english)
        page.goto(sample_server.url(path + "?lang=en"))
        screenshot(page, f"page-{name}-en")
        leaked = [text for text in _chrome(page) if re.search(r"[À-ỹĐđ]", text)]
        assert leaked == [], (name, leaked)
    page.goto(sample_server.url("/id/khong-co-nut-nay"))
    page.click("#home-link")
    assert page.url == sample_server.url("/")


def test_the_home_page_leads_an_official_to_their_department(
    sample_server, open_page: Callable[[], Watched], screenshot
) -> None:
    page = open_page().page
    page.goto(sample_server.url("/"))
    page.select_option("#pick-province", label="Đồng Tháp")
    page.click("#officials button[type=submit]")
    page.wait_for_selector("#agency-picks")
    screenshot(page, "home-officials")
    current = page.locator("#agency-picks > ul a").all_text_contents()
    assert "Sở Nông nghiệp và Môi trường tỉnh Đồng Tháp" in current
    assert not any("trước 01/7/2025" in name for name in current)
    page.locator("#agency-picks > ul a", has_text="Sở Nông nghiệp và Môi trường tỉnh Đồng Tháp").click()
    page.wait_for_selector("#table-mandates")
    assert page.url.endswith(f"/page/{AGENCY}")


def test_document_text_stays_text_on_the_node_pages_and_the_source_reader(
    sample_server, sample_store: SampleStore, open_page: Callable[[], Watched], screenshot
) -> None:
    plan = next(p for p in sample_store.plans if p.source_file == HOSTILE_FILE)
    hostile = next(task for task in sample_store.tasks[plan.id] if "<img src=x onerror=alert(1)>" in task.text)
    watched = open_page()
    page = watched.page
    page.goto(sample_server.url(f"/id/{plan.id}"))
    assert '<script>window.__pwned = "heading"</script>' in page.locator("h1").text_content()
    assert "<img src=x onerror=alert(1)>" in page.locator("#table-tasks").text_content()
    page.goto(sample_server.url(f"/id/{hostile.id}"))
    assert "<img src=x onerror=alert(1)>" in page.locator("h1").text_content()
    page.locator("#table-sources .quote-link a").first.click()
    page.wait_for_selector(".source-text li.marked")
    screenshot(page, "page-source-hostile")
    assert "<img src=x onerror=alert(1)>" in page.locator(".source-text li.marked").first.text_content()
    page.goto(sample_server.url("/page/agency-so-cong-thuong-ha-tinh"))
    assert page.locator("main img, main script").count() == 0
    assert page.evaluate("window.__pwned === undefined")
    assert watched.dialogs == []
    assert not any(url.rsplit("/", 1)[-1] == "x" or url.endswith("/y") for url in watched.requests)
