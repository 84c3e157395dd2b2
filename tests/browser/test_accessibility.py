"""axe-core (vendored from npm: tests/browser/vendor/axe.min.js) run in headless Chromium on the
pages a person lands on: no serious or critical violation. Add a page to PAGES to check it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.browser.conftest import SampleStore, Watched

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"

TWO_PROVINCES = ["Hà Tĩnh", "Đồng Tháp"]
# (name, path, a selector to wait for before checking)
PAGES = [
    ("home", "/", "#plans"),
    ("home-en", "/?lang=en", "#plans"),
    ("overlaps-list", "/graph/overlaps/list?" + urlencode({"provinces": TWO_PROVINCES}, doseq=True), "#pairs"),
    ("search", "/graph/search?q=tui+ni+long", "#results"),
    ("query", "/query?example=example_mandates", "#results table"),
    ("plan-graph", "/graph/plan/{ha_tinh_plan}", "#network[data-ready]"),
    ("lineage-graph", "/graph/legal/doc-889-qd-ttg-2020", "#network[data-ready]"),
    ("national-document", "/id/doc-889-qd-ttg-2020", "main"),
    ("plan-document", "/id/{ha_tinh_plan}", "main"),
    ("agency", "/id/agency-so-nong-nghiep-va-moi-truong-dong-thap", "main"),
    ("agency-en", "/id/agency-so-nong-nghiep-va-moi-truong-dong-thap?lang=en", "main"),
    ("coverage", "/graph/coverage?document=doc-889-qd-ttg-2020", ".province-grid"),
]


@pytest.mark.parametrize(("name", "path", "ready"), PAGES, ids=[name for name, _, _ in PAGES])
def test_no_serious_or_critical_accessibility_violation(
    name: str,
    path: str,
    ready: str,
    sample_server,
    sample_store: SampleStore,
    open_page: Callable[[], Watched],
    screenshot,
) -> None:
    ha_tinh = max(
        (plan for plan in sample_store.plans if plan.province_name == "Hà Tĩnh"),
        key=lambda plan: len(sample_store.tasks[plan.id]),
    )
    watched = open_page()
    page = watched.page
    page.goto(sample_server.url(path.format(ha_tinh_plan=ha_tinh.id)))
    page.wait_for_selector(ready, timeout=60_000)
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    found = page.evaluate(
        """async () => {
          const result = await axe.run(document);
          return {passes: result.passes.length, version: axe.version,
                  violations: result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                              nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))};
        }"""
    )
    assert found["version"] == "4.14.1" and found["passes"] > 10  # the rules ran
    screenshot(page, f"axe-{name}")
    serious = [v for v in found["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, ensure_ascii=False, indent=1)
