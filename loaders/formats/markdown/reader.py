"""Markdown, and the Markdown that legal-document web sites export as .txt.

Lines become ``SourceLine`` with the ``*`` markers removed and ``bold`` / ``italic`` set when
the whole line is emphasised. A bold or italic run that opens at the start of a line and closes
at the end of a later one ("**I. MỤC" / "ĐÍCH, YÊU CẦU**") is one logical line: one
``SourceLine`` from its first to its last line (``end_line``); other lines are neither joined
nor split. Tables come in two spellings: one cell per line between ``|`` lines (see
``pipe_tables``) and the usual ``| a | b |`` rows under a ``|---|---|`` line. Headings
(``# ...``) are bold lines; links keep their text; rules and lines left empty once the markers
are gone (``** **``) are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from loaders.formats.cleanup import clean_line, is_rule, split_lines, squeeze
from loaders.formats.encoding import read_text
from loaders.formats.markdown.emphasis import PLAIN, Emphasis, MarkedText, strip_emphasis
from loaders.formats.markdown.pipe_tables import PIPE, parse_pipe_table
from loaders.source import SourceCell, SourceDocument, SourceItem, SourceLine, SourceRow, SourceTable

_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*$")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_BOLD_MARK = re.compile(r"\*\*\S|\S\*\*")
_DELIMITER_ROW = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def read_md(path: Path) -> SourceDocument:
    """A ``.md`` / ``.markdown`` file."""
    decoded = read_text(path)
    lines = split_lines(decoded.text)
    return SourceDocument(
        path=path,
        format="md",
        items=markdown_items(lines),
        encoding=decoded.encoding,
        lines=lines,
        warnings=decoded.warnings,
    )


def looks_like_markdown(raw_lines: list[str]) -> bool:
    """Whether a .txt file is Markdown: ``|`` lines (tables) or ``**`` bold markers."""
    pipes = sum(1 for line in raw_lines if line.strip() == PIPE)
    bold = sum(1 for line in raw_lines if _BOLD_MARK.search(line))
    return pipes >= 2 or bold >= 2


def markdown_items(raw_lines: list[str]) -> list[SourceItem]:
    """Items of a Markdown file, from its lines as decoded (NFC)."""
    return _MarkdownReader([_LINK.sub(r"\1", clean_line(line)) for line in raw_lines]).read()


@dataclass
class _Marked:
    index: int
    marked: MarkedText

    @property
    def empty(self) -> bool:
        return not self.marked.text.strip()


class _MarkdownReader:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.items: list[SourceItem] = []
        self.paragraph: list[_Marked] = []
        self.state: Emphasis = PLAIN

    def read(self) -> list[SourceItem]:
        index = 0
        lines = self.lines
        while index < len(lines):
            stripped = lines[index].strip()
            if stripped == PIPE:
                self._end_paragraph()
                table, index = parse_pipe_table(lines, index)
                if table is not None:
                    self.items.append(table)
                continue
            if _is_table_row(stripped) and index + 1 < len(lines) and _DELIMITER_ROW.match(lines[index + 1].strip()):
                self._end_paragraph()
                index = self._grid_table(index)
                continue
            if not stripped or is_rule(stripped):
                self._end_paragraph()
            elif heading := _HEADING.match(stripped):
                self._end_paragraph()
                marked = strip_emphasis(heading.group(1))
                if marked.text.strip():
                    self.items.append(
                        SourceLine(text=squeeze(marked.text), line=index + 1, bold=True, italic=marked.italic)
                    )
            else:
                marked = strip_emphasis(stripped, self.state)
                self.state = marked.after
                self.paragraph.append(_Marked(index, marked))
            index += 1
        self._end_paragraph()
        return self.items

    def _end_paragraph(self) -> None:
        """Emit the lines of the paragraph read so far; emphasis left open ends here."""
        lines = self.paragraph
        position = 0
        while position < len(lines):
            current = lines[position]
            if current.empty:
                position += 1
                continue
            end = _span_end(lines, position)
            group = lines[position : end + 1]
            filled = [g for g in group if not g.empty]
            self.items.append(
                SourceLine(
                    text=squeeze(" ".join(g.marked.text for g in filled)),
                    line=current.index + 1,
                    bold=all(g.marked.bold for g in filled),
                    italic=all(g.marked.italic for g in filled),
                    end_line=group[-1].index + 1 if end > position else None,
                )
            )
            position = end + 1
        self.paragraph = []
        self.state = PLAIN

    def _grid_table(self, start: int) -> int:
        """A ``| a | b |`` table: header row, delimiter row, body rows. Returns the next index."""
        rows: list[SourceRow] = []
        index = start
        while index < len(self.lines) and _is_table_row(self.lines[index].strip()):
            line = self.lines[index].strip()
            if index != start + 1:
                number = index + 1
                cells = []
                for field in _UNESCAPED_PIPE.split(line.strip("|")):
                    marked = strip_emphasis(field.replace("\\|", "|"))
                    cells.append(
                        SourceCell(text=squeeze(marked.text), start_line=number, end_line=number, bold=marked.bold)
                    )
                rows.append(SourceRow(cells=tuple(cells), start_line=number, end_line=number))
            index += 1
        self.items.append(SourceTable(rows=tuple(rows), start_line=start + 1, end_line=index))
        return index


def _is_table_row(stripped: str) -> bool:
    return len(stripped) > 1 and stripped.startswith("|") and stripped.endswith("|")


def _span_end(lines: list[_Marked], start: int) -> int:
    """Index of the last line of an emphasis run covering whole lines from ``start``, or
    ``start`` when the line is not the first of such a run."""
    first = lines[start].marked
    if not first.before.plain or first.after.plain or not (first.bold or first.italic):
        return start
    bold = first.bold
    for position in range(start + 1, len(lines)):
        marked = lines[position].marked
        if not lines[position].empty and not (marked.bold if bold else marked.italic):
            return start
        if marked.after.plain:
            return position
    return start
