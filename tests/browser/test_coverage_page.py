"""The coverage page, reached from the header: which provinces carry out QĐ 889/QĐ-TTg."""

from __future__ import annotations

import io
from collections.abc import Callable

import httpx
import pytest
from openpyxl import load_workbook

from tests.browser.conftest import Watched

pytestmark = pytest.mark.browser


def test_the_provinces_of_889_as_tiles_and_the_matrix_downloads(
    sample_server, open_page: Callable[[], Watched], screenshot
) -> None:
    watched = open_page()
    page = watched.page
    page.goto(sample_server.url("/"))
    page.get_by_role("link", name="Độ bao phủ").click()
    page.select_option("select[name=document]", "doc-889-qd-ttg-2020")
    page.get_by_role("button", name="Xem").click()
    page.wait_for_selector(".province-grid")
    covered = page.locator(".province-grid li.covered .name").all_inner_texts()
    assert sorted(covered) == ["Hà Tĩnh", "Đồng Tháp"]
    assert page.locator(".province-grid li").count() == 34
    dong_thap = page.locator(".province-grid li.covered", has_text="Đồng Tháp").inner_text()
    assert "Tiền Giang" in dong_thap
    assert "889/QĐ-TTg: 2 trên 34 tỉnh, thành phố có kế hoạch" in page.inner_text("h2")
    screenshot(page, "coverage-889")
    # the matrix, as the workbook a ministry would open
    answer = httpx.get(sample_server.url("/graph/coverage"), params={"format": "xlsx", "table": "matrix"}, timeout=60)
    assert answer.status_code == 200
    rows = list(load_workbook(io.BytesIO(answer.content)).active.iter_rows(values_only=True))
    header, *documents = rows
    assert header[0] == "Văn bản trung ương" and len(header) == 1 + 34 + 1
    by_number = {row[0]: row for row in documents}
    assert by_number["889/QĐ-TTg"][-1] == "2" and by_number["17/CĐ-TTg"][-1] == "1"
    english = httpx.get(sample_server.url("/graph/coverage"), params={"lang": "en"}, timeout=60).text
    assert "National coverage" in english and "provinces have a plan" in english
    base = sample_server.url("")
    outside = [url for url in watched.requests if not (url.startswith(base) or url.startswith("data:"))]
    assert not outside and not watched.errors  # nothing fetched from elsewhere, no script error
