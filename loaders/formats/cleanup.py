"""Normalising decoded text: Unicode NFC, spaces, invisible characters, page furniture."""

from __future__ import annotations

import re
import unicodedata

# characters that take no room on the page and only get in the way of matching
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# spaces other than the plain one (no-break, figure, thin, ideographic ...)
_SPACES = dict.fromkeys(
    map(ord, "\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u3000"), " "
)
_RUN_OF_SPACE = re.compile(r"\s+")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

# a line that is only a page number ("2", "- 3 -", "Trang 2/5", "Page 4 of 9"); not "2025"
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?\d{1,3}(?:\s*[-–—])?$"
    r"|^(?:trang|page)\s+\d{1,3}(?:\s*(?:/|trên|of)\s*\d{1,3})?$",
    re.IGNORECASE,
)
# a typographic rule: "-------", "______", "=====", "* * *"
_RULE = re.compile(r"^(?:[-_=–—]\s*){3,}$|^(?:\*\s*){3,}$")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def split_lines(text: str) -> list[str]:
    """Lines as an editor counts them: split at CR LF, CR or LF only (not at form feeds).

    >>> split_lines("Điều 1.\\r\\nĐiều 2.\\rĐiều 3.\\n")
    ['Điều 1.', 'Điều 2.', 'Điều 3.']
    """
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def clean_text(text: str) -> str:
    """NFC; no-break and other spaces to " "; zero-width characters removed."""
    return nfc(text).translate(_INVISIBLE).translate(_SPACES).replace("\f", " ").replace("\v", " ")


def clean_line(line: str, *, keep_tabs: bool = False) -> str:
    """``clean_text`` and trailing space stripped. Tabs become spaces unless ``keep_tabs``
    (table detection needs them)."""
    line = clean_text(line)
    if keep_tabs:  # trailing tabs are empty cells
        return line.rstrip(" \r\n")
    return line.replace("\t", " ").rstrip()


def squeeze(text: str) -> str:
    """Runs of white space to one space, ends trimmed."""
    return _RUN_OF_SPACE.sub(" ", text).strip()


def is_page_furniture(line: str) -> bool:
    """A bare page number or "Trang x/y" line, which a printed page adds and the text does not.

    >>> is_page_furniture("  12 "), is_page_furniture("Trang 2/5"), is_page_furniture("2. Mục tiêu")
    (True, True, False)
    """
    return bool(_PAGE_NUMBER.match(line.strip()))


def is_rule(line: str) -> bool:
    """A line drawn with dashes, underscores or equals signs (the rule under a letterhead)."""
    return bool(_RULE.match(line.strip()))
