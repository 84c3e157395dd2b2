"""Markdown emphasis (``**bold**``, ``*italic*``) as legal-document web sites write it.

Their markers are loose: a bold run may open on one line and close on the next
(``**ỦY BAN NHÂN`` / ``DÂN **``), a closing marker may stand after a space (``*(HKD) *``) and
``***`` closes bold and opens italic at once. So a marker is read as a toggle, not by the
CommonMark flanking rules, and the state is carried from line to line within a paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARKERS = re.compile(r"(\*+)")
_ESCAPED_STAR = "\\*"
_STAR_PLACEHOLDER = "\ue000"


@dataclass(frozen=True)
class Emphasis:
    """Whether the text at a point is inside a bold and/or an italic run."""

    bold: bool = False
    italic: bool = False

    @property
    def plain(self) -> bool:
        return not (self.bold or self.italic)


PLAIN = Emphasis()


@dataclass(frozen=True)
class MarkedText:
    """One line with its markers removed."""

    text: str
    bold: bool  # every visible character is bold
    italic: bool  # every visible character is italic
    before: Emphasis  # emphasis at the start of the line
    after: Emphasis  # emphasis at the end of the line, carried to the next line


def strip_emphasis(line: str, state: Emphasis = PLAIN) -> MarkedText:
    """Remove ``*`` markers from ``line``, given the emphasis open at its start."""
    line = line.replace(_ESCAPED_STAR, _STAR_PLACEHOLDER)
    bold, italic = state.bold, state.italic
    pieces: list[str] = []
    visible = all_bold = all_italic = 0
    for piece in _MARKERS.split(line):
        if not piece:
            continue
        if piece[0] == "*":
            toggles_bold, toggles_italic = divmod(len(piece), 2)
            bold ^= bool(toggles_bold % 2)
            italic ^= bool(toggles_italic)
            continue
        pieces.append(piece)
        letters = len(piece) - piece.count(" ")
        visible += letters
        all_bold += letters if bold else 0
        all_italic += letters if italic else 0
    text = "".join(pieces).replace(_STAR_PLACEHOLDER, "*")
    return MarkedText(
        text=text,
        bold=visible > 0 and all_bold == visible,
        italic=visible > 0 and all_italic == visible,
        before=state,
        after=Emphasis(bold, italic),
    )


def strip_all(lines: list[str]) -> tuple[str, bool, bool]:
    """Text of several lines read as one run (a table cell): markers removed, lines joined
    with single spaces; whether all of it is bold, whether all of it is italic."""
    state = PLAIN
    texts: list[str] = []
    flags_bold: list[bool] = []
    flags_italic: list[bool] = []
    for line in lines:
        marked = strip_emphasis(line, state)
        state = marked.after
        if marked.text.strip():
            texts.append(marked.text.strip())
            flags_bold.append(marked.bold)
            flags_italic.append(marked.italic)
    text = " ".join(" ".join(texts).split())
    return text, bool(flags_bold) and all(flags_bold), bool(flags_italic) and all(flags_italic)
