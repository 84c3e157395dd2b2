"""Reading Word, PDF, HTML, Markdown and plain-text files made in the test."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from fpdf import FPDF
from PIL import Image, ImageDraw

from loaders.read import read_source
from loaders.source import ReadError, SourceCell, SourceLine, SourceRow, SourceTable

FONT_PLACES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/TTF/DejaVuSans.ttf"),
    Path("/Library/Fonts/DejaVuSans.ttf"),
)


@pytest.fixture(scope="module")
def vietnamese_font() -> Path:
    for place in FONT_PLACES:
        if place.is_file():
            return place
    pytest.fail("DejaVuSans.ttf (Vietnamese glyphs) not found: install fonts-dejavu-core")


def cell(text: str, line: int, *, bold: bool = False, colspan: int = 1, repeated: bool = False) -> SourceCell:
    return SourceCell(text=text, start_line=line, end_line=line, bold=bold, colspan=colspan, repeated=repeated)


# --- Word ----------------------------------------------------------------------------------


@pytest.fixture
def plan_docx(tmp_path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph().add_run("ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP").bold = True
    document.add_heading("KẾ HOẠCH", level=1)
    mixed = document.add_paragraph("Thực hiện ")
    mixed.add_run("Quyết định số 889/QĐ-TTg").italic = True
    document.add_paragraph("")
    table = document.add_table(rows=5, cols=4)
    for column, text in enumerate(("STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian")):
        table.cell(0, column).text = text
    table.cell(1, 0).merge(table.cell(1, 3)).text = "I. NÂNG CAO NHẬN THỨC"
    for row, (number, task, time) in enumerate(
        (
            ("1", "Tuyên truyền về sản xuất và tiêu dùng bền vững", "2026"),
            ("2", "Tập huấn cho doanh nghiệp", "2027"),
            ("3", "Đánh giá kết quả", "Hằng năm"),
        ),
        start=2,
    ):
        table.cell(row, 0).text = number
        table.cell(row, 1).text = task
        table.cell(row, 3).text = time
    table.cell(2, 2).merge(table.cell(4, 2)).text = "Sở Công Thương"
    document.add_paragraph("Nơi nhận:")
    path = tmp_path / "ke-hoach.docx"
    document.save(str(path))
    return path


def test_docx_paragraphs_and_merged_cells_in_document_order(plan_docx: Path) -> None:
    document = read_source(plan_docx)
    assert document.format == "docx"
    assert document.items[:3] == [
        SourceLine("ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP", 1, bold=True),
        SourceLine("KẾ HOẠCH", 2, bold=True),  # bold by its heading style
        SourceLine("Thực hiện Quyết định số 889/QĐ-TTg", 3),  # only partly italic
    ]
    table = document.items[3]
    assert isinstance(table, SourceTable)
    assert (table.start_line, table.end_line) == (5, 9)  # paragraph 4 is empty
    header, group, first, second, third = table.rows
    assert [c.text for c in header.cells] == ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian"]
    assert group == SourceRow(cells=(cell("I. NÂNG CAO NHẬN THỨC", 6, colspan=4),), start_line=6, end_line=6)
    assert first.cells == (
        cell("1", 7),
        cell("Tuyên truyền về sản xuất và tiêu dùng bền vững", 7),
        cell("Sở Công Thương", 7),
        cell("2026", 7),
    )
    # the vertically merged lead cell is in every row it covers, marked after the first
    assert second.cells[2] == cell("Sở Công Thương", 8, repeated=True)
    assert third.cells[2] == cell("Sở Công Thương", 9, repeated=True)
    assert [c.text for c in third.cells] == ["3", "Đánh giá kết quả", "Sở Công Thương", "Hằng năm"]
    assert document.items[4] == SourceLine("Nơi nhận:", 10)
    # one line per paragraph or table row, for quoting
    assert document.lines[3] == ""
    assert document.quote(7, 7) == ("1 | Tuyên truyền về sản xuất và tiêu dùng bền vững | Sở Công Thương | 2026")


def test_file_that_is_not_a_zip_is_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "hong.docx"
    path.write_text("Kế hoạch, không phải Word", encoding="utf-8")
    with pytest.raises(ReadError) as raised:
        read_source(path)
    assert "hong.docx" in str(raised.value)
    assert "not a zip archive" in str(raised.value)


def test_zip_without_document_xml_is_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "thieu.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/styles.xml", "<styles/>")
    with pytest.raises(ReadError) as raised:
        read_source(path)
    assert "thieu.docx" in str(raised.value)
    assert "word/document.xml" in str(raised.value)


# --- PDF -----------------------------------------------------------------------------------


def _pdf(font: Path) -> FPDF:
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(font))
    pdf.set_font("DejaVu", size=11)
    return pdf


PAGES = (
    ("I. MỤC TIÊU", "Phấn đấu trên 85% trường học được tuyên truyền."),
    ("II. NHIỆM VỤ", "Sở Công Thương chủ trì, phối hợp với các sở, ban, ngành."),
    ("III. TỔ CHỨC THỰC HIỆN", "Ủy ban nhân dân các xã, phường báo cáo kết quả."),
)


def test_pdf_lines_are_numbered_across_pages_without_page_furniture(tmp_path: Path, vietnamese_font: Path) -> None:
    pdf = _pdf(vietnamese_font)
    for number, (heading, text) in enumerate(PAGES, start=1):
        pdf.add_page()
        pdf.cell(0, 8, "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", new_x="LMARGIN", new_y="NEXT")
        pdf.cell(0, 8, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
        pdf.cell(0, 8, f"- {number} -", new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "ke-hoach.pdf"
    pdf.output(str(path))
    document = read_source(path)
    assert document.format == "pdf"
    assert len(document.lines) == 12  # four extracted lines on each of three pages
    assert document.lines[3] == "- 1 -"
    assert [(item.line, item.text) for item in document.items] == [
        (1, "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH"),  # a running header: its repeats are dropped
        (2, "I. MỤC TIÊU"),
        (3, "Phấn đấu trên 85% trường học được tuyên truyền."),
        (6, "II. NHIỆM VỤ"),
        (7, "Sở Công Thương chủ trì, phối hợp với các sở, ban, ngành."),
        (10, "III. TỔ CHỨC THỰC HIỆN"),
        (11, "Ủy ban nhân dân các xã, phường báo cáo kết quả."),
    ]
    assert document.quote(6, 7) == ("II. NHIỆM VỤ\nSở Công Thương chủ trì, phối hợp với các sở, ban, ngành.")


def test_scanned_pdf_without_text_is_refused_once_ocr_finds_none(tmp_path: Path) -> None:
    scan = Image.new("RGB", (400, 200), "white")
    ImageDraw.Draw(scan).rectangle((40, 40, 360, 80), fill="black")
    buffer = io.BytesIO()
    scan.save(buffer, format="PNG")
    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.image(io.BytesIO(buffer.getvalue()), x=10, y=10, w=180)
    path = tmp_path / "ban-scan.pdf"
    pdf.output(str(path))
    with pytest.raises(ReadError) as raised:
        read_source(path)
    message = str(raised.value)
    assert "ban-scan.pdf" in message
    assert "OCR found no text" in message
    assert "2 scanned page(s)" in message


def test_pdf_with_almost_no_text_needs_ocr(tmp_path: Path, vietnamese_font: Path) -> None:
    pdf = _pdf(vietnamese_font)
    for number in range(1, 4):
        pdf.add_page()
        pdf.cell(0, 8, f"Trang {number}")
    path = tmp_path / "chi-so-trang.pdf"
    pdf.output(str(path))
    with pytest.raises(ReadError, match=r"chi-so-trang\.pdf: .*3 page\(s\).*needs OCR"):
        read_source(path)


def test_password_protected_pdf_is_refused(tmp_path: Path, vietnamese_font: Path) -> None:
    pdf = _pdf(vietnamese_font)
    pdf.set_encryption(owner_password="chu-so-huu", user_password="mat-khau")
    pdf.add_page()
    pdf.cell(0, 8, "Kế hoạch thực hiện Chương trình hành động quốc gia")
    path = tmp_path / "co-mat-khau.pdf"
    pdf.output(str(path))
    with pytest.raises(ReadError) as raised:
        read_source(path)
    assert "co-mat-khau.pdf" in str(raised.value)
    assert "encrypted" in str(raised.value)


def test_pdf_restricted_only_by_permissions_is_read_with_a_warning(tmp_path: Path, vietnamese_font: Path) -> None:
    pdf = _pdf(vietnamese_font)
    pdf.set_encryption(owner_password="chu-so-huu")
    pdf.add_page()
    pdf.cell(0, 8, "Kế hoạch thực hiện Chương trình hành động quốc gia")
    path = tmp_path / "han-che.pdf"
    pdf.output(str(path))
    document = read_source(path)
    assert document.items == [SourceLine("Kế hoạch thực hiện Chương trình hành động quốc gia", 1)]
    assert any("encrypted" in warning for warning in document.warnings)


def test_file_that_is_not_a_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "gia.pdf"
    path.write_text("Đây không phải là PDF", encoding="utf-8")
    with pytest.raises(ReadError, match=r"gia\.pdf: is not a valid PDF file"):
        read_source(path)


# --- HTML ----------------------------------------------------------------------------------

HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Kế hoạch 617</title>
<style>p { font-weight: bold }</style></head>
<body>
<p><b>ỦY BAN NHÂN DÂN</b><br>TỈNH ĐỒNG THÁP</p>
<h2>KẾ HOẠCH</h2>
<p>Thực hiện <i>Quyết định số 889/QĐ-TTg</i> ngày 24/6/2020
của Thủ tướng&nbsp;Chính phủ.</p>
<p><span style="font-weight:bold">I. MỤC TIÊU</span></p>
<ul><li>Phấn đấu 100% xã, phường</li><li><em>Giảm 40% túi nhựa</em></li></ul>
<table>
<tr><th>STT</th><th>Nhiệm vụ</th><th>Chủ trì</th><th>Thời gian</th></tr>
<tr><td colspan="4"><b>I. Truyền thông</b></td></tr>
<tr><td>1</td><td>Tuyên truyền</td><td rowspan="2">Sở Công Thương</td><td>2026</td></tr>
<tr><td>2</td><td><p>Tập huấn</p><p>cho doanh nghiệp</p></td><td>2027</td>
</table>
<div>Nơi nhận:</div>
<script>document.write("<p>không phải nội dung</p>")</script>
</body></html>
"""


def test_html_blocks_emphasis_and_table_spans(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach.html"
    path.write_text(HTML, encoding="utf-8")
    document = read_source(path)
    assert document.format == "html"
    lines = [item for item in document.items if isinstance(item, SourceLine)]
    assert lines == [
        SourceLine("ỦY BAN NHÂN DÂN", 5, bold=True),
        SourceLine("TỈNH ĐỒNG THÁP", 5),
        SourceLine("KẾ HOẠCH", 6, bold=True),
        SourceLine("Thực hiện Quyết định số 889/QĐ-TTg ngày 24/6/2020 của Thủ tướng Chính phủ.", 7, end_line=8),
        SourceLine("I. MỤC TIÊU", 9, bold=True),
        SourceLine("Phấn đấu 100% xã, phường", 10),
        SourceLine("Giảm 40% túi nhựa", 10, italic=True),
        SourceLine("Nơi nhận:", 17),
    ]
    (table,) = [item for item in document.items if isinstance(item, SourceTable)]
    assert (table.start_line, table.end_line) == (11, 16)
    header, group, first, second = table.rows
    assert header.cells[0] == cell("STT", 12, bold=True)
    assert group.cells == (cell("I. Truyền thông", 13, bold=True, colspan=4),)
    assert first.cells[2] == cell("Sở Công Thương", 14)
    assert [c.text for c in second.cells] == ["2", "Tập huấn cho doanh nghiệp", "Sở Công Thương", "2027"]
    assert second.cells[2] == cell("Sở Công Thương", 14, repeated=True)
    assert second.start_line == 15
    assert document.quote(14, 14).startswith("<tr><td>1</td>")


def test_html_in_windows_1258_as_declared(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; '
        'charset=windows-1258"></head><body><p>Sở Tài chính thẩm định dự toán</p>'
        "</body></html>"
    )
    # Windows-1258 writes most toned letters as letter + combining tone mark
    decomposed = unicodedata.normalize("NFD", page)
    legacy = unicodedata.normalize(
        "NFC",
        decomposed.replace("\u0323", "\x00")
        .replace("\u0309", "\x01")
        .replace("\u0300", "\x02")
        .replace("\u0301", "\x03")
        .replace("\u0303", "\x04"),
    )
    for placeholder, mark in zip("\x00\x01\x02\x03\x04", "\u0323\u0309\u0300\u0301\u0303", strict=True):
        legacy = legacy.replace(placeholder, mark)
    path = tmp_path / "cu.htm"
    path.write_bytes(legacy.encode("cp1258"))
    document = read_source(path)
    assert document.encoding == "cp1258"
    assert document.items == [SourceLine("Sở Tài chính thẩm định dự toán", 1)]
    assert document.lines[0].endswith("<p>Sở Tài chính thẩm định dự toán</p></body></html>")


# --- Markdown and plain text ----------------------------------------------------------------


def test_markdown_file_with_headings_links_and_a_grid_table(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach.md"
    path.write_text(
        "# Kế hoạch chuyển đổi số\n"
        "\n"
        "Căn cứ [Nghị quyết 57-NQ/TW](https://example.org/57) về *đột phá* phát triển.\n"
        "\n"
        "| STT | Nhiệm vụ | Chủ trì |\n"
        "|---|---|:---:|\n"
        "| 1 | Xây dựng **Bộ tiêu chí** | Sở KH&CN |\n"
        "| 2 | Hỗ trợ doanh nghiệp | Sở Công Thương |\n"
        "\n"
        "---\n"
        "*Nơi nhận:*\n",
        encoding="utf-8",
    )
    document = read_source(path)
    assert document.format == "md"
    assert document.items[:2] == [
        SourceLine("Kế hoạch chuyển đổi số", 1, bold=True),
        SourceLine("Căn cứ Nghị quyết 57-NQ/TW về đột phá phát triển.", 3),
    ]
    table = document.items[2]
    assert isinstance(table, SourceTable)
    assert (table.start_line, table.end_line) == (5, 8)
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["STT", "Nhiệm vụ", "Chủ trì"],
        ["1", "Xây dựng Bộ tiêu chí", "Sở KH&CN"],
        ["2", "Hỗ trợ doanh nghiệp", "Sở Công Thương"],
    ]
    assert table.rows[1].start_line == 7
    assert document.items[3] == SourceLine("Nơi nhận:", 11, italic=True)


def test_markdown_pipe_table_with_empty_cells_and_group_rows(tmp_path: Path) -> None:
    cells = [
        "**TT**",
        "**Nội dung**",
        "**Chủ trì**",
        "**Kinh phí**",
        "",
        "**I. TRUYỀN THÔNG**",
        "",
        "1",
        "Tuyên truyền",
        "Sở Văn hóa, Thể thao và Du lịch",
        "",
        "",
        "2",
        "Tập huấn",
        "Sở Công Thương",
        "Ngân sách tỉnh",
    ]
    text = "|\n" + "".join(f"{c}\n|\n" if c else "|\n" for c in cells) + "\nHết.\n"
    path = tmp_path / "bang.txt"
    path.write_text(text, encoding="utf-8")
    document = read_source(path)
    table, after = document.items
    assert isinstance(table, SourceTable)
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["TT", "Nội dung", "Chủ trì", "Kinh phí"],
        ["I. TRUYỀN THÔNG"],
        ["1", "Tuyên truyền", "Sở Văn hóa, Thể thao và Du lịch", ""],
        ["2", "Tập huấn", "Sở Công Thương", "Ngân sách tỉnh"],
    ]
    assert table.rows[1].cells[0].colspan == 4 and table.rows[1].cells[0].bold
    assert after == SourceLine("Hết.", len(text.splitlines()))


def test_plain_text_drops_page_numbers_and_keeps_a_table_across_pages(tmp_path: Path) -> None:
    path = tmp_path / "tu-pdf.txt"
    path.write_text(
        "KẾ HOẠCH\n"  # 1
        "Sở Công Thương chủ trì\t\n"  # 2  one tab field: not a table
        "- 2 -\n"  # 3
        "TT\tNhiệm vụ\tChủ trì\n"  # 4
        "1\tTuyên truyền\tSở Công Thương\n"  # 5
        "\n"  # 6
        "Trang 2/3\n"  # 7
        "TT\tNhiệm vụ\tChủ trì\n"  # 8
        "2\tTập huấn\t\n"  # 9  empty last cell
        "3\n"  # 10 a bare page number
        "Nơi nhận:\n",  # 11
        encoding="utf-8",
    )
    document = read_source(path)
    assert document.format == "txt"
    first, second, table, last = document.items
    assert first == SourceLine("KẾ HOẠCH", 1)
    assert second == SourceLine("Sở Công Thương chủ trì", 2)
    assert isinstance(table, SourceTable)
    assert (table.start_line, table.end_line) == (4, 9)
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["TT", "Nhiệm vụ", "Chủ trì"],
        ["1", "Tuyên truyền", "Sở Công Thương"],
        ["TT", "Nhiệm vụ", "Chủ trì"],
        ["2", "Tập huấn", ""],
    ]
    assert last == SourceLine("Nơi nhận:", 11)
    assert len(document.lines) == 11


def test_plain_text_line_with_a_tab_but_few_fields_is_a_line(tmp_path: Path) -> None:
    path = tmp_path / "mot-tab.txt"
    path.write_text("Sở Công Thương\tchủ trì\nKẾ HOẠCH\n", encoding="utf-8")
    assert read_source(path).items == [SourceLine("Sở Công Thương chủ trì", 1), SourceLine("KẾ HOẠCH", 2)]


def test_a_year_alone_on_a_line_is_text_not_a_page_number(tmp_path: Path) -> None:
    path = tmp_path / "nam.txt"
    path.write_text("Phấn đấu hoàn thành trước năm\n2030\n12\n", encoding="utf-8")
    assert [item.text for item in read_source(path).items] == ["Phấn đấu hoàn thành trước năm", "2030"]
