"""Reading the sample plans and the legal-site Markdown plans into SourceDocuments."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from loaders.read import SUPPORTED_EXTENSIONS, read_source
from loaders.source import ReadError, SourceDocument, SourceLine, SourceRow, SourceTable

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "data" / "samples"
CORPUS_EXTRA = REPO.parent / "shared" / "corpus-extra"

needs_corpus_extra = pytest.mark.skipif(
    not CORPUS_EXTRA.is_dir(),
    reason=f"{CORPUS_EXTRA} is absent: the legal-site Markdown plans are not in this checkout",
)


def lines_of(document: SourceDocument) -> list[SourceLine]:
    return [item for item in document.items if isinstance(item, SourceLine)]


def tables_of(document: SourceDocument) -> list[SourceTable]:
    return [item for item in document.items if isinstance(item, SourceTable)]


def texts(row: SourceRow) -> list[str]:
    return [cell.text for cell in row.cells]


def extra(name_start: str) -> Path:
    (path,) = CORPUS_EXTRA.glob(f"{name_start}*.txt")
    return path


# --- the three sample plans (plain text from PDFs) --------------------------------------------


def test_an_giang_sample_is_190_lines_of_plain_text() -> None:
    document = read_source(SAMPLES / "an-giang_kh-trien-khai-cd-17-2025.txt")
    assert document.format == "txt"
    assert document.encoding == "utf-8"
    assert document.warnings == []
    assert len(lines_of(document)) == 190
    assert tables_of(document) == []
    first = lines_of(document)[0]
    assert (first.text, first.line) == ("KẾ HOẠCH", 1)
    # line numbers are those of the file, and the original lines are kept for quoting
    signer = lines_of(document)[-1]
    assert (signer.text, signer.line) == ("Lê Văn Phước", 241)
    assert document.quote(238, 239) == "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"


def test_dong_thap_sample_reads_muc_tieu_once_normalised_to_nfc() -> None:
    path = SAMPLES / "dong-thap_kh-sxtdbv-2023.txt"
    raw = path.read_text(encoding="utf-8")
    assert "MỤC TIÊU" not in raw  # the file writes Ụ as U + combining dot below
    document = read_source(path)
    headings = [line for line in lines_of(document) if line.text == "II. MỤC TIÊU"]
    assert [line.line for line in headings] == [62]
    assert all(unicodedata.is_normalized("NFC", line) for line in document.lines)
    # 215 non-blank lines, one of them the "______________" rule under the title
    assert len(lines_of(document)) == 214
    assert not any(set(line.text) <= {"_"} for line in lines_of(document))
    assert lines_of(document)[0].text == "KẾ HOẠCH"  # leading and trailing spaces gone


def test_ha_tinh_sample_annex_is_one_table_of_seven_columns() -> None:
    document = read_source(SAMPLES / "ha-tinh_kh-sxtdbv-2026-2030.txt")
    (table,) = tables_of(document)
    assert (table.start_line, table.end_line) == (192, 218)
    assert len(table.rows) == 23
    assert {len(row.cells) for row in table.rows} == {7}
    header = texts(table.rows[0])
    assert header == [
        "TT",
        "Tên nhiệm vụ",
        "Mục tiêu",
        "Sản phẩm",
        "Đơn vị chủ trì/ Đơn vị phối hợp",
        "Kinh phí dự kiến",
        "Thời gian",
    ]
    # the header row is repeated at the top of each of the five pages the annex runs over
    assert [row.start_line for row in table.rows if texts(row) == header] == [192, 197, 204, 209, 215]
    group = table.rows[1]
    assert texts(group)[:2] == ["I", "Nhóm nhiệm vụ truyền thông và nâng cao nhận thức"]
    assert texts(group)[2:] == ["", "", "", "", ""]
    task = next(row for row in table.rows if row.start_line == 205)
    assert task.cells[0].text == "2"
    assert task.cells[4].text.startswith("Sở Công Thương chủ trì")
    assert (task.cells[4].start_line, task.cells[4].end_line) == (205, 205)
    # the 100 other non-blank lines are lines of text
    assert len(lines_of(document)) == 100


# --- the legal-site Markdown plans ---------------------------------------------------------------


@needs_corpus_extra
def test_every_legal_site_plan_reads_with_its_header_table_first() -> None:
    files = sorted(CORPUS_EXTRA.glob("*.txt"))
    assert len(files) == 11
    for path in files:
        document = read_source(path)
        assert document.format == "md", path.name
        header = document.items[0]
        assert isinstance(header, SourceTable), path.name
        assert [len(row.cells) for row in header.rows] == [2, 2], path.name
        issuer, motto = texts(header.rows[0])
        assert motto.startswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do"), path.name
        assert "---" not in issuer + motto  # the rules under the letterhead are dropped
        number, place_date = texts(header.rows[1])
        assert number.startswith("Số: "), path.name
        assert ", ngày " in place_date, path.name
        assert header.rows[1].cells[1].bold is False
        for item in document.items:  # no Markdown marker survives
            cells = [c.text for r in item.rows for c in r.cells] if isinstance(item, SourceTable) else [item.text]
            assert not any("**" in text or text.startswith("*") for text in cells), path.name


@needs_corpus_extra
def test_bac_ninh_header_table_gives_the_number_and_the_indicator_annex() -> None:
    document = read_source(extra("bac-ninh_kh-144"))
    header = tables_of(document)[0]
    assert header.rows[1].cells[0].text == "Số: 144/KH-UBND"
    assert header.rows[1].cells[1].text == "Bắc Ninh, ngày 24 tháng 11 năm 2025"
    assert header.rows[0].cells[0].text == "ỦY BAN NHÂN DÂN TỈNH BẮC NINH"
    assert (header.start_line, header.end_line) == (1, 17)
    annex = tables_of(document)[-1]
    assert texts(annex.rows[0]) == ["TT", "Chỉ tiêu", "Chủ trì"]
    assert all(cell.bold for cell in annex.rows[0].cells)
    # group rows keep their empty number and lead cells: the row is as wide as the header
    assert texts(annex.rows[1]) == ["", "I. Kinh tế số", ""]
    second_group = [row for row in annex.rows if texts(row)[1] == "II. Xã hội số"]
    assert len(second_group) == 1
    after = annex.rows[annex.rows.index(second_group[0]) + 1 :]
    assert [row.cells[0].text for row in after] == [str(n) for n in range(1, 14)]
    assert texts(annex.rows[2]) == ["1", "Kinh tế số chiếm 45% GRDP tỉnh.", "Sở Tài chính"]
    assert annex.rows[2].cells[1].start_line == 1388


@needs_corpus_extra
def test_dong_thap_617_annex_has_five_columns_group_rows_and_tasks() -> None:
    document = read_source(extra("dong-thap_kh-617"))
    header, signature, annex = tables_of(document)
    assert header.rows[1].cells[0].text == "Số: 617/KH-UBND"
    assert signature.rows[0].cells[0].text.startswith("Nơi nhận: - Bộ Khoa học và Công nghệ;")
    assert signature.rows[0].cells[1].text.endswith("PHÓ CHỦ TỊCH Huỳnh Minh Tuấn")
    assert texts(annex.rows[0]) == [
        "STT",
        "Tên nhiệm vụ",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời gian hoàn thành",
    ]
    groups = [row for row in annex.rows if len(row.cells) == 1]
    assert [row.cells[0].text for row in groups] == [
        "I. NÂNG CAO NHẬN THỨC VÀ ĐỔI MỚI TƯ DUY",
        "II. HOÀN THIỆN CƠ CHẾ, CHÍNH SÁCH HỖ TRỢ CHUYỂN ĐỔI SỐ DOANH NGHIỆP",
        "III. PHÁT TRIỂN HẠ TẦNG SỐ VÀ THÚC ĐẨY ỨNG DỤNG TRONG SẢN XUẤT KINH DOANH",
        "IV. HỢP TÁC VÀ THU HÚT ĐẦU TƯ",
    ]
    assert all(row.cells[0].colspan == 5 and row.cells[0].bold for row in groups)
    tasks = [row for row in annex.rows[1:] if len(row.cells) == 5]
    assert [row.cells[0].text for row in tasks] == [str(n) for n in range(1, 12)]
    first = tasks[0]
    assert first.cells[1].text == (
        "Triển khai nền tảng đào tạo trực tuyến mở đại trà, cung cấp "
        "kiến thức, kỹ năng số, công nghệ số cơ bản cho người dân, "
        "doanh nghiệp."
    )
    assert (first.cells[1].start_line, first.cells[1].end_line) == (317, 319)
    assert first.cells[2].text == "Sở KH&CN"
    assert first.cells[3].text == "Các sở, ban, ngành tỉnh; UBND các xã, phường"
    assert first.cells[4].text == "Thường xuyên"
    assert (first.start_line, first.end_line) == (315, 325)
    assert tasks[2].cells[2].text == "Sở Nội vụ"
    assert tasks[7].cells[3].text == (
        "Ban Quản lý Khu kinh tế, Sở Công Thương, các doanh nghiệp viễn thông; các cơ quan, đơn vị liên quan"
    )
    # the empty row the export leaves at the end of the table is not a row
    assert annex.rows[-1].cells[0].text == "11"
    assert annex.end_line == 474


@needs_corpus_extra
def test_dong_thap_617_bold_heading_split_over_two_lines_is_one_line() -> None:
    document = read_source(extra("dong-thap_kh-617"))
    heading = next(line for line in lines_of(document) if line.text.startswith("I. MỤC"))
    assert heading == SourceLine(text="I. MỤC ĐÍCH, YÊU CẦU", line=36, bold=True, end_line=37)
    assert document.quote(heading.line, heading.last_line) == "**I. MỤC\nĐÍCH, YÊU CẦU**"
    title = next(line for line in lines_of(document) if line.text == "KẾ HOẠCH")
    assert (title.line, title.bold, title.end_line) == (20, True, None)
    # a paragraph that is not wholly emphasised keeps its lines, markers removed
    line = next(line for line in lines_of(document) if line.line == 42)
    assert line.text == ("số toàn diện trong hoạt động sản xuất kinh doanh của các doanh nghiệp (DN),")
    assert (line.bold, line.italic, line.end_line) == (False, False, None)
    mixed = next(line for line in lines_of(document) if line.line == 266)
    assert mixed.text.startswith("ngày 01/6 và 15/11 hằng năm (hoặc đột xuất khi có yêu cầu) báo")
    assert not mixed.bold


@needs_corpus_extra
def test_nghe_an_plan_without_blank_lines_still_splits_tables_from_text() -> None:
    document = read_source(extra("nghe-an_kh-980"))
    header, signature, annex = tables_of(document)
    assert (header.start_line, header.end_line) == (1, 16)
    assert texts(header.rows[1]) == ["Số: 980/KH-UBND", "Nghệ An, ngày 18 tháng 11 năm 2025"]
    title = document.items[1]
    assert title == SourceLine(text="KẾ HOẠCH", line=17, bold=True)
    assert (signature.start_line, signature.end_line) == (91, 109)
    assert len(signature.rows) == 1
    assert signature.rows[0].cells[1].text == ("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Văn Đệ")
    between = [line for line in lines_of(document) if 109 < line.line < 116]
    assert [line.text for line in between][:2] == [
        "PHỤ LỤC",
        "DANH MỤC NHIỆM VỤ TRIỂN KHAI THI HÀNH NGHỊ ĐỊNH QUY ĐỊNH",
    ]
    assert len(annex.rows[0].cells) == 6
    first_group = annex.rows[1]
    assert texts(first_group)[0] == "I"
    assert first_group.cells[1].colspan == 5
    # a line of dots written between two rows is kept as a row of its own
    dots = [row for row in annex.rows if row.cells[0].text.startswith("….")]
    assert len(dots) == 1 and dots[0].cells[0].colspan == 6
    assert dots[0].start_line == 285
    after_dots = annex.rows[annex.rows.index(dots[0]) + 1]
    assert texts(after_dots)[:3] == [
        "2",
        "Thành lập bộ máy quản lý Quỹ và ban hành Quy chế hoạt động Quỹ Phòng thủ dân "
        "sự cấp tỉnh (khoản 4, Điều 51 Nghị định)",
        "Sở Tài chính",
    ]
    # an empty last cell is a cell, not the end of the row
    empty_last = next(row for row in annex.rows if row.start_line == 303)
    assert texts(empty_last)[4:] == ["2025", ""]


@needs_corpus_extra
def test_tp_hcm_rows_continuing_a_merged_row_get_its_cells_marked_repeated() -> None:
    document = read_source(extra("tp-hcm_qd-2820"))
    annex = tables_of(document)[-1]
    assert len(annex.rows[0].cells) == 7
    assert {len(row.cells) for row in annex.rows if len(row.cells) != 2} == {7}
    backup = next(row for row in annex.rows if row.cells[1].text.startswith("Thực hiện sao lưu"))
    assert [cell.text for cell in backup.cells[:4]] == [
        "2",
        "Thực hiện sao lưu dữ liệu và đảm bảo có khả năng phục hồi hệ thống sau sự cố.",
        "Sở Khoa học và Công nghệ",
        "Sở Tài chính",
    ]
    assert [cell.repeated for cell in backup.cells] == [True, False, False, False, True, True, True]
    assert backup.cells[4].text == "Quý IV/2026"
    assert (backup.start_line, backup.end_line) == (764, 769)
    # a row whose funding cell is merged with the row above repeats that cell
    second = next(row for row in annex.rows if row.start_line == 501)
    assert second.cells[5].text == "Nghị định"
    assert second.cells[6].repeated
    assert second.cells[6].text.startswith("Chi thường xuyên")
    assert second.cells[6].start_line < second.start_line
    heading = next(row for row in annex.rows if row.cells[0].text == "VI")
    assert heading.cells[1].text == "Các nhiệm vụ khác" and heading.cells[1].colspan == 6


@needs_corpus_extra
def test_footnote_markers_stay_in_the_text() -> None:
    document = read_source(extra("can-tho_kh-165"))
    assert any("kế hoạch[1] để triển khai" in line.text for line in lines_of(document))
    assert any(line.text == "[1]" for line in lines_of(document))


# --- files that cannot be read ----------------------------------------------------------------


def test_unsupported_extension_names_the_file_and_the_supported_ones(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach.xlsx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(ReadError) as raised:
        read_source(path)
    message = str(raised.value)
    assert "ke-hoach.xlsx" in message
    assert "'.xlsx' files are not supported" in message
    for extension in (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf", ".doc", ".png", ".tif"):
        assert extension in message
    assert set(SUPPORTED_EXTENSIONS) == {
        ".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf",
        ".doc", ".rtf", ".odt", ".png", ".jpg", ".jpeg", ".tif", ".tiff",
    }  # fmt: skip


def test_empty_and_blank_files_are_refused(tmp_path: Path) -> None:
    empty = tmp_path / "trong.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "khoang-trang.md"
    blank.write_text(" \n\t\n\u00a0\n", encoding="utf-8")
    for path in (empty, blank):
        with pytest.raises(ReadError) as raised:
            read_source(path)
        assert path.name in str(raised.value)
        assert "is empty" in str(raised.value)


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "anh.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    with pytest.raises(ReadError) as raised:
        read_source(path)
    assert "anh.txt" in str(raised.value)
    assert "binary" in str(raised.value)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match=r"khong-co\.pdf: does not exist"):
        read_source(tmp_path / "khong-co.pdf")


def test_text_of_only_page_numbers_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "so-trang.txt"
    path.write_text("1\n\n- 2 -\nTrang 3/3\n", encoding="utf-8")
    with pytest.raises(ReadError, match=r"so-trang\.txt: holds no text"):
        read_source(path)
