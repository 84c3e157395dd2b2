"""Decoding text files: UTF-8/16 by their marks, legacy Vietnamese encodings by their letters."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from loaders.formats.encoding import is_vietnamese_syllable
from loaders.formats.tcvn3 import encode_tcvn3
from loaders.read import read_source
from loaders.source import ReadError, SourceLine

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "samples" / ("an-giang_kh-trien-khai-cd-17-2025.txt")

# Windows-1258 has no code for most toned letters: it writes the letter, then the tone mark
# as a combining character (0xCC grave, 0xEC acute, 0xDE tilde, 0xD2 hook, 0xF2 dot below).
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        marks = "".join(c for c in decomposed if c in _TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in marks))
        out += (base + marks).encode("cp1258")
    return bytes(out)


def read_text_of(path: Path) -> str:
    document = read_source(path)
    return "\n".join(item.text for item in document.items if isinstance(item, SourceLine))


def test_utf8_with_and_without_byte_order_mark(tmp_path: Path) -> None:
    text = "Kế hoạch\nSở Công Thương chủ trì\n"
    plain, marked = tmp_path / "khong-bom.txt", tmp_path / "co-bom.txt"
    plain.write_bytes(text.encode("utf-8"))
    marked.write_bytes(text.encode("utf-8-sig"))
    assert read_source(plain).encoding == "utf-8"
    assert read_source(marked).encoding == "utf-8-sig"
    assert read_text_of(plain) == read_text_of(marked) == "Kế hoạch\nSở Công Thương chủ trì"
    assert read_source(marked).lines[0] == "Kế hoạch"  # no BOM left in the quoted lines


def test_utf16_with_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "utf16.md"
    path.write_bytes("**KẾ HOẠCH**\nỦy ban nhân dân tỉnh Hà Tĩnh\n".encode("utf-16"))
    document = read_source(path)
    assert document.encoding == "utf-16"
    assert document.items == [SourceLine("KẾ HOẠCH", 1, bold=True), SourceLine("Ủy ban nhân dân tỉnh Hà Tĩnh", 2)]
    assert document.warnings == []


def test_windows_1258_plan_decodes_to_the_same_nfc_text_as_utf8(tmp_path: Path) -> None:
    original = SAMPLE.read_bytes()
    legacy = tmp_path / "an-giang-cp1258.txt"
    legacy.write_bytes(to_cp1258(original.decode("utf-8")))
    assert b"\xcc" in legacy.read_bytes() or b"\xf2" in legacy.read_bytes()  # combining marks
    document = read_source(legacy)
    assert document.encoding == "cp1258"
    assert len(document.warnings) == 1 and "Windows-1258" in document.warnings[0]
    assert read_text_of(legacy) == read_text_of(SAMPLE)
    assert document.lines == read_source(SAMPLE).lines


# TCVN3 bytes as a Latin-1 font shows them: how a .Vn-font document looks in a wrong font
TCVN3_SEEN_AS_LATIN1 = (
    "Céng hßa x\xb7 héi chñ nghÜa ViÖt Nam\n"
    "§éc lËp - Tù do - H¹nh phóc\n"
    "Uû ban nh©n d©n tØnh §ång Th¸p\n"
    "Thùc hiÖn ch\xad¬ng tr×nh hµnh ®éng quèc gia vÒ s¶n xuÊt vµ tiªu dïng bÒn v÷ng\n"
)


def test_tcvn3_letterhead_decodes_to_vietnamese(tmp_path: Path) -> None:
    path = tmp_path / "tcvn3.txt"
    path.write_bytes(TCVN3_SEEN_AS_LATIN1.encode("latin-1"))
    document = read_source(path)
    assert document.encoding == "tcvn3"
    assert "TCVN3" in document.warnings[0]
    assert read_text_of(path).split("\n") == [
        "Cộng hòa xã hội chủ nghĩa Việt Nam",
        "Độc lập - Tự do - Hạnh phúc",
        "Uỷ ban nhân dân tỉnh Đồng Tháp",
        "Thực hiện chương trình hành động quốc gia về sản xuất và tiêu dùng bền vững",
    ]


def test_tcvn3_plan_decodes_to_the_same_nfc_text_as_utf8(tmp_path: Path) -> None:
    # TCVN3 has no capitals with tone marks (an all-capitals font draws them): write them
    # in lower case, as a TCVN3 file holds them
    original = unicodedata.normalize("NFC", SAMPLE.read_text(encoding="utf-8"))
    lowered = "".join(c.lower() if c.isupper() and not c.isascii() and c not in "ĂÂÊÔƠƯĐ" else c for c in original)
    utf8 = tmp_path / "an-giang-utf8.txt"
    utf8.write_text(lowered, encoding="utf-8")
    legacy = tmp_path / "an-giang-tcvn3.txt"
    legacy.write_bytes(encode_tcvn3(lowered))
    assert read_source(legacy).encoding == "tcvn3"
    assert read_text_of(legacy) == read_text_of(utf8)


def test_text_in_another_legacy_encoding_is_refused_naming_what_was_tried(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach-tieng-nga.txt"
    path.write_bytes("Обычный русский текст о плане развития".encode("cp1251"))
    with pytest.raises(ReadError) as raised:
        read_source(path)
    message = str(raised.value)
    assert "ke-hoach-tieng-nga.txt" in message
    assert "not UTF-8" in message
    for name in ("UTF-8", "UTF-16", "Windows-1258", "TCVN3"):
        assert name in message


def test_decomposed_text_is_read_as_nfc(tmp_path: Path) -> None:
    path = tmp_path / "nfd.txt"
    path.write_text(unicodedata.normalize("NFD", "II. MỤC TIÊU\nThủy sản, hóa chất\n"), encoding="utf-8")
    document = read_source(path)
    assert [item.text for item in document.items] == ["II. MỤC TIÊU", "Thủy sản, hóa chất"]
    assert document.lines == ["II. MỤC TIÊU", "Thủy sản, hóa chất"]


def test_no_break_spaces_zero_width_characters_and_tabs_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "khoang-trang.txt"
    path.write_text("Sở\u00a0Công Thương\u200b chủ\ttrì\ufeff   \n", encoding="utf-8")
    document = read_source(path)
    assert document.items == [SourceLine("Sở Công Thương chủ trì", 1)]
    assert document.lines == ["Sở\u00a0Công Thương\u200b chủ\ttrì\ufeff   "]


def test_syllable_check_tells_vietnamese_from_mojibake() -> None:
    for word in ("nghiêng", "Thương", "khuyến", "người", "quốc", "hoà", "hòa", "giữa", "Đồng"):
        assert is_vietnamese_syllable(word), word
    for word in ("CÃ´ng", "hoµ", "Céngg", "ViÖt", "nghĩã"):
        assert not is_vietnamese_syllable(word), word
