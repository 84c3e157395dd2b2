"""Folding Vietnamese text (lowercase, no diacritics, đ → d, spaces collapsed) gives the same
result by the fast path as by decomposing the whole text, on every line of the real plans, and
the offsets it returns point back at the characters they came from."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from loaders.text import fold, fold_with_offsets, fold_with_offsets_by_character

REPO = Path(__file__).resolve().parents[2]
FILES = sorted((REPO / "data" / "samples").glob("*.txt")) + sorted((REPO.parent / "shared" / "corpus-extra").glob("*"))


def _decomposed_fold(text: str) -> str:
    """The definition: NFD of the whole text, combining marks dropped, đ → d, lowercased."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return re.sub(r"\s+", " ", stripped).strip().lower()


def _lines() -> list[str]:
    lines: list[str] = []
    for path in FILES:
        lines += path.read_text(encoding="utf-8").splitlines()
    return lines


def test_every_line_of_the_plans_folds_as_defined() -> None:
    lines = _lines()
    assert len(lines) > 1000
    for line in lines:
        assert fold(line) == _decomposed_fold(line)
        assert fold_with_offsets(line) == fold_with_offsets_by_character(line)


@pytest.mark.parametrize(
    "text",
    [
        "Sở  Tài nguyên\tvà   Môi trường",
        "Ủy ban nhân dân tỉnh Đồng Tháp",
        "ho\u0301a (tone mark as a combining character)",
        "\u0301 a lone combining mark first",
        "ﬁnance: a ligature",
        "   leading and trailing   ",
    ],
)
def test_offsets_point_at_the_source_characters(text: str) -> None:
    folded, offsets = fold_with_offsets(text)
    assert (folded, offsets) == fold_with_offsets_by_character(text)
    assert folded.strip() == _decomposed_fold(text)
    assert len(offsets) == len(folded)
    for char, offset in zip(folded, offsets, strict=True):
        assert char == " " or char in _decomposed_fold(text[offset]) or char in text[offset].lower()
