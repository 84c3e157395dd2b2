"""Page images read by Tesseract, Word 97-2003 / RTF / OpenDocument read through LibreOffice,
and the clear errors of what cannot be read: made in the test, read by the real programs."""

from __future__ import annotations

import subprocess
from pathlib import Path

import docx
import pytest
from PIL import Image, ImageDraw, ImageFont

from bench.reading.renderings import soffice
from loaders.read import SUPPORTED_EXTENSIONS, read_source
from loaders.source import ReadError, SourceLine, SourceTable
from loaders.text import fold

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
LINES = (
    "KẾ HOẠCH",
    "Thực hiện Quyết định số 889/QĐ-TTg của Thủ tướng Chính phủ",
    "Sở Công Thương chủ trì tuyên truyền về tiêu dùng bền vững.",
)
CELLS = (("TT", "Nhiệm vụ", "Chủ trì"), ("1", "Tập huấn doanh nghiệp", "Sở Công Thương"))


def _page(path: Path, *, table: bool = True, turn: float = 0.0) -> Path:
    """A page of a plan as a 200 dpi scan would show it: lines of text and a ruled table."""
    image = Image.new("L", (1654, 1400), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), 34)
    y = 120
    for line in LINES:
        draw.text((120, y), line, font=font, fill=0)
        y += 70
    if table:
        columns = (120, 260, 900, 1500)
        rows = (y + 60, y + 140, y + 220)
        for x in columns:
            draw.line((x, rows[0], x, rows[-1]), fill=0, width=3)
        for row_y in rows:
            draw.line((columns[0], row_y, columns[-1], row_y), fill=0, width=3)
        for r, cells in enumerate(CELLS):
            for c, text in enumerate(cells):
                draw.text((columns[c] + 14, rows[r] + 20), text, font=font, fill=0)
    if turn:
        image = image.rotate(turn, resample=Image.BICUBIC, fillcolor=255)
    image.save(path, dpi=(200, 200))
    return path


def _texts(document) -> list[str]:  # type: ignore[no-untyped-def]
    return [fold(item.text) for item in document.items if isinstance(item, SourceLine)]


def test_every_reader_is_in_the_one_registry() -> None:
    for extension in (".doc", ".rtf", ".odt", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".pdf", ".docx"):
        assert extension in SUPPORTED_EXTENSIONS


def test_a_scanned_page_is_read_with_its_lines_its_table_and_its_confidence(tmp_path: Path) -> None:
    document = read_source(_page(tmp_path / "trang-1.png"))
    assert document.format == "image"
    texts = _texts(document)
    assert texts[0] == "ke hoach"
    assert "889/qd-ttg" in texts[1]
    assert "so cong thuong chu tri" in texts[2]
    tables = [item for item in document.items if isinstance(item, SourceTable)]
    assert len(tables) == 1
    assert [[fold(c.text) for c in row.cells] for row in tables[0].rows] == [
        ["tt", "nhiem vu", "chu tri"],
        ["1", "tap huan doanh nghiep", "so cong thuong"],
    ]
    assert document.ocr is not None and document.ocr.confidence is not None and document.ocr.confidence > 80
    assert document.page_of(tables[0].start_line) == 1
    # the OCR text is kept for a human check, line by line with its confidence
    assert "Sở Công Thương" in document.page_text(1)
    assert all(document.ocr.line_confidence[item.line] > 50 for item in document.items if isinstance(item, SourceLine))
    assert any("read by OCR" in warning for warning in document.warnings)


def test_a_page_scanned_askew_is_straightened_before_its_table_is_read(tmp_path: Path) -> None:
    document = read_source(_page(tmp_path / "nghieng.tif", turn=1.5))
    tables = [item for item in document.items if isinstance(item, SourceTable)]
    assert len(tables) == 1
    assert fold(tables[0].rows[1].cells[2].text) == "so cong thuong"


def test_an_image_without_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "trang-trang.png"
    blank = Image.new("L", (1200, 1600), 255)
    ImageDraw.Draw(blank).rectangle((200, 300, 700, 420), fill=0)
    blank.save(path)
    with pytest.raises(ReadError, match=r"trang-trang\.png: OCR found no text in the image"):
        read_source(path)


def test_a_file_that_is_not_an_image_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "anh.jpg"
    path.write_text("không phải ảnh", encoding="utf-8")
    with pytest.raises(ReadError, match=r"anh\.jpg: is not a readable image"):
        read_source(path)


def test_ocr_that_takes_too_long_is_stopped_with_the_file_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLICYKG_OCR_TIMEOUT", "0.01")
    with pytest.raises(ReadError, match=r"cham\.png: OCR of page 1 took longer than 0\.01 s.*POLICYKG_OCR_TIMEOUT"):
        read_source(_page(tmp_path / "cham.png"))


def test_without_tesseract_the_error_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYKG_TESSERACT", str(tmp_path / "khong-co" / "tesseract"))
    with pytest.raises(ReadError) as raised:
        read_source(_page(tmp_path / "trang.png", table=False))
    assert "trang.png" in str(raised.value)
    assert "apt-get install tesseract-ocr tesseract-ocr-vie" in str(raised.value)


def test_without_the_vietnamese_model_the_error_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYKG_OCR_LANG", "vie+khm")
    with pytest.raises(ReadError, match=r"no 'khm' model installed.*tesseract-ocr-vie"):
        read_source(_page(tmp_path / "trang.png", table=False))


# --- Word 97-2003, RTF, OpenDocument --------------------------------------------------------


@pytest.fixture(scope="module")
def word_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("word")
    document = docx.Document()
    document.add_paragraph("ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP")
    document.add_paragraph("Thực hiện Quyết định số 889/QĐ-TTg ngày 24/6/2020 của Thủ tướng Chính phủ")
    table = document.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    for r, cells in enumerate((("TT", "Nhiệm vụ", "Chủ trì"), ("I", "NÂNG CAO NHẬN THỨC", ""), CELLS[1])):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    table.cell(1, 1).merge(table.cell(1, 2))
    document.add_paragraph("Nơi nhận:")  # Word always ends a document with a paragraph
    path = folder / "ke-hoach.docx"
    document.save(str(path))
    return path


def _convert(source: Path, kind: str, out: Path) -> Path:
    program = soffice()
    assert program is not None, "LibreOffice (soffice) is needed: apt-get install libreoffice-writer-nogui"
    subprocess.run(
        [program, f"-env:UserInstallation={(out / 'profile').as_uri()}", "--headless", "--convert-to", kind,
         "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return out / f"{source.stem}.{kind}"


@pytest.mark.parametrize("kind", ["doc", "rtf", "odt"])
def test_word_97_rtf_and_opendocument_read_as_the_word_file_does(word_plan: Path, kind: str, tmp_path: Path) -> None:
    converted = _convert(word_plan, kind, tmp_path)
    document = read_source(converted)
    original = read_source(word_plan)
    assert document.format == kind
    assert document.path == converted
    assert [(i.text, i.line) for i in document.items if isinstance(i, SourceLine)] == [
        (i.text, i.line) for i in original.items if isinstance(i, SourceLine)
    ]
    table = next(i for i in document.items if isinstance(i, SourceTable))
    assert [[(c.text, c.colspan) for c in row.cells] for row in table.rows] == [
        [("TT", 1), ("Nhiệm vụ", 1), ("Chủ trì", 1)],
        [("I", 1), ("NÂNG CAO NHẬN THỨC", 2)],
        [("1", 1), ("Tập huấn doanh nghiệp", 1), ("Sở Công Thương", 1)],
    ]


def test_a_corrupt_word_97_file_is_refused_with_its_name(word_plan: Path, tmp_path: Path) -> None:
    real = _convert(word_plan, "doc", tmp_path).read_bytes()
    damaged = bytearray(real)
    damaged[512 : len(damaged) // 2] = bytes(len(damaged) // 2 - 512)
    path = tmp_path / "hong.doc"
    path.write_bytes(bytes(damaged))
    with pytest.raises(ReadError, match=r"hong\.doc: is not a readable Word 97-2003 \(\.doc\) file"):
        read_source(path)


def test_a_text_file_named_doc_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "gia.doc"
    path.write_text("Kế hoạch thực hiện Chương trình", encoding="utf-8")
    with pytest.raises(ReadError, match=r"gia\.doc: is not a valid Word 97-2003 \(\.doc\) file"):
        read_source(path)
