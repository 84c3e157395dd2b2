"""The sample plans as offices publish them (Word, a browser-printed PDF with real tables, a
200 dpi scan of that PDF, Word 97-2003) read as their plain text does.

The renderings are made here from ``data/samples`` (``bench.reading.renderings``: python-docx,
Chromium's print to PDF, pdftoppm and Pillow, LibreOffice), once per test session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bench.reading.renderings import print_pdf, scan_pdf, write_doc, write_docx
from bench.reading.scores import Score, score, target_count
from loaders.extract import extract
from loaders.models import OCR_FLAG, PlanRecord
from loaders.read import read_source
from loaders.source import SourceDocument
from loaders.text import fold

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
PLANS = sorted(path.stem for path in SAMPLES.glob("*.txt"))
HA_TINH = "ha-tinh_kh-sxtdbv-2026-2030"

Reading = tuple[SourceDocument, PlanRecord]


@pytest.fixture(scope="session")
def reading(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, str], Reading]:
    """The reading of one sample plan in one format, rendered and read once per session."""
    work = tmp_path_factory.mktemp("published")
    cache: dict[tuple[str, str], Reading] = {}

    def path_of(stem: str, kind: str) -> Path:
        text = SAMPLES / f"{stem}.txt"
        target = {
            "txt": text,
            "docx": work / f"{stem}.docx",
            "pdf": work / f"{stem}.pdf",
            "scan": work / f"{stem}.scan.pdf",
            "doc": work / f"{stem}.doc",
            "unruled": work / f"{stem}.unruled.pdf",
        }[kind]
        if target.exists():
            return target
        if kind == "docx":
            write_docx(text, target)
        elif kind == "pdf":
            print_pdf(text, target)
        elif kind == "scan":
            scan_pdf(path_of(stem, "pdf"), target, dpi=200)
        elif kind == "doc":
            write_doc(path_of(stem, "docx"), work)
        elif kind == "unruled":
            print_pdf(text, target, ruled=False)
        return target

    def read(stem: str, kind: str) -> Reading:
        if (stem, kind) not in cache:
            path = path_of(stem, kind)
            document = read_source(path)
            cache[stem, kind] = (document, extract(document, path))
        return cache[stem, kind]

    return read


def _score(reading: Callable[[str, str], Reading], stem: str, kind: str) -> Score:
    return score(reading(stem, "txt")[1], reading(stem, kind)[1])


@pytest.mark.parametrize("kind", ["docx", "pdf"])
@pytest.mark.parametrize("stem", PLANS)
def test_word_and_printed_pdf_give_the_facts_of_the_text(reading, stem: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    result = _score(reading, stem, kind)
    assert result.number_same and result.date_same and result.legal_bases_same
    assert result.lead_recall == 1.0
    assert result.annex_recall == 1.0
    assert result.invented_numbers == ()
    text = reading(stem, "txt")[1]
    assert target_count(reading(stem, kind)[1]) == target_count(text)


def test_the_ha_tinh_annex_printed_to_pdf_gives_its_15_rows_and_targets(reading) -> None:  # type: ignore[no-untyped-def]
    text, pdf = reading(HA_TINH, "txt")[1], reading(HA_TINH, "pdf")[1]
    assert len(pdf.tasks) == len(text.tasks)
    assert target_count(pdf) == target_count(text)
    annex = [task for task in pdf.tasks if task.origin == "annex"]
    assert len(annex) == 15  # the annex's table, going on over four pages, header repeated on each
    assert {task.heading for task in annex} == {task.heading for task in text.tasks if task.origin == "annex"}


def test_a_pdf_fact_names_its_page_and_the_page_text_holds_its_quote(reading) -> None:  # type: ignore[no-untyped-def]
    document, record = reading(HA_TINH, "pdf")
    assert len(document.page_starts) >= 2
    assert record.page_starts == document.page_starts
    lines = record.source_text.split("\n")
    last = record.tasks[-1].span
    assert fold(last.quote)[:40] in fold(" ".join(lines[record.page_starts[last.page - 1] - 1 :]))
    for task in record.tasks:
        assert task.span.page == document.page_of(task.span.start_line)
        page_text = fold(document.page_text(task.span.page))
        assert fold(task.span.quote)[:40] in page_text
        for lead in task.leads:
            assert lead.span.page is not None
    annex_pages = {task.span.page for task in record.tasks if task.origin == "annex"}
    assert min(annex_pages) > max(task.span.page for task in record.tasks if task.origin != "annex") - 1


@pytest.mark.parametrize("stem", PLANS)
def test_a_scan_of_the_pdf_read_by_ocr_keeps_the_leads_and_annex_rows(reading, stem: str) -> None:  # type: ignore[no-untyped-def]
    result = _score(reading, stem, "scan")
    assert result.lead_recall >= 0.95
    assert result.annex_recall >= 0.95
    assert result.invented_numbers == ()
    assert result.number_same and result.date_same and result.legal_bases_same


def test_every_fact_read_by_ocr_is_flagged_with_its_confidence(reading) -> None:  # type: ignore[no-untyped-def]
    document, record = reading(HA_TINH, "scan")
    assert record.ocr is not None and record.ocr.confidence is not None
    assert record.ocr.pages == list(range(1, len(document.page_starts) + 1))
    assert any(w.code == "reader" and "read by OCR" in w.message for w in record.warnings)
    for task in record.tasks:
        assert task.span.page is not None and task.span.ocr_confidence is not None
        for mention in task.leads:
            assert any(flag.startswith(OCR_FLAG) for flag in mention.flags)
    assert all(any(f.startswith(OCR_FLAG) for f in target.flags) for target in record.targets)
    # the text read is there for a human check, page by page
    page = record.tasks[-1].span.page
    assert fold(record.tasks[-1].span.quote)[:30] in fold(document.page_text(page))


def test_word_97_gives_the_facts_of_the_text(reading) -> None:  # type: ignore[no-untyped-def]
    result = _score(reading, HA_TINH, "doc")
    assert result.number_same and result.date_same and result.legal_bases_same
    assert (result.lead_recall, result.annex_recall, result.annex_rows) == (1.0, 1.0, 15)
    assert result.tasks == len(reading(HA_TINH, "txt")[1].tasks)


def test_an_annex_printed_without_borders_is_read_from_its_columns(reading) -> None:  # type: ignore[no-untyped-def]
    result = _score(reading, HA_TINH, "unruled")
    assert result.legal_bases_same
    assert result.lead_recall == 1.0
    # one of the 15 rows breaks across a page under the repeated header, and is lost with it
    assert result.annex_recall >= 14 / 15
    assert result.targets == target_count(reading(HA_TINH, "txt")[1])
    assert result.invented_numbers == ()


def test_a_table_that_gives_no_task_is_named_with_its_page(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", fname="/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 8, "KẾ HOẠCH\nThực hiện Quyết định số 889/QĐ-TTg ngày 24/6/2020 của Thủ tướng Chính phủ")
    pdf.add_page()
    with pdf.table(first_row_as_headings=False) as table:
        for cells in (("Chỉ số", "Năm 2025", "Năm 2030"), ("Siêu thị có bao bì thân thiện", "85%", "100%"),
                      ("Tỉnh có chiến dịch truyền thông", "80%", "100%")):  # fmt: skip
            row = table.row()
            for text in cells:
                row.cell(text)
    path = tmp_path / "chi-tieu.pdf"
    pdf.output(str(path))
    record = extract(read_source(path), path)
    warnings = [w for w in record.warnings if w.code == "table-without-tasks"]
    assert len(warnings) == 1
    assert "page 2" in warnings[0].message and "3 rows, 3 columns" in warnings[0].message
    assert warnings[0].span is not None and warnings[0].span.page == 2
