"""Bounds on the work one file may ask for.

A file larger than ``max_file_mb``, or whose text holds more than ``max_lines`` lines (the
physical lines of a text or Markdown file, counted before it is decoded; the paragraphs and
table rows of other formats) or a line longer than ``max_line_chars`` characters, is refused
with an error naming the file, the limit and how to raise it, before extraction starts. Real
plans stay far below the defaults: the largest of the development corpus is 0.3 MB and 1,100
lines, its longest line 1,016 characters. Measured on two shared cores, a plan of 8,000 task
lines is read, built and validated in about 18 s with 240 MB; 20,000 task lines took 109 s
and 1.2 GB (the graph of one file is held in memory as rdflib terms, about a kilobyte a
triple). So the defaults keep one file well under a minute and 600 MB.

The defaults can be changed with ``POLICYKG_MAX_FILE_MB``, ``POLICYKG_MAX_LINES`` and
``POLICYKG_MAX_LINE_CHARS``, and on the command line (``policykg ingest --max-file-mb ...``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from loaders.source import ReadError, SourceDocument, SourceTable

ENV = {
    "max_file_mb": "POLICYKG_MAX_FILE_MB",
    "max_lines": "POLICYKG_MAX_LINES",
    "max_line_chars": "POLICYKG_MAX_LINE_CHARS",
}
# formats whose physical lines are the lines read: counted before decoding
_COUNTED_RAW = (".txt", ".md", ".markdown")
OPTION = {"max_file_mb": "--max-file-mb", "max_lines": "--max-lines", "max_line_chars": "--max-line-chars"}


@dataclass(frozen=True)
class Limits:
    max_file_mb: float = 25.0
    max_lines: int = 8_000
    max_line_chars: int = 20_000

    @classmethod
    def from_env(cls, **given: float | int | None) -> Limits:
        """The limits from ``given`` values, else the environment, else the defaults."""
        values: dict[str, float | int] = {}
        for name, variable in ENV.items():
            value = given.get(name)
            if value is None and os.environ.get(variable):
                text = os.environ[variable]
                try:
                    value = float(text) if name == "max_file_mb" else int(text)
                except ValueError as error:
                    raise ValueError(f"{variable}={text!r} is not a number") from error
            if value is not None:
                if value <= 0:
                    raise ValueError(f"{name.replace('_', ' ')} must be positive, not {value}")
                values[name] = value
        return cls(**values)  # type: ignore[arg-type]

    def check_size(self, path: Path) -> None:
        """Before reading: the file's size, and the line count of a text or Markdown file."""
        size = path.stat().st_size
        if size > self.max_file_mb * 1_000_000:
            raise ReadError(
                path,
                f"too large: {size / 1_000_000:.2f} MB, more than the limit of {self.max_file_mb:g} MB"
                f" (raise it with {OPTION['max_file_mb']} or {ENV['max_file_mb']})",
            )
        if path.suffix.lower() in _COUNTED_RAW:
            with open(path, "rb") as data:
                lines = sum(chunk.count(b"\n") for chunk in iter(lambda: data.read(1 << 20), b""))
            self._check_lines(path, lines)

    def _check_lines(self, path: Path, lines: int) -> None:
        if lines > self.max_lines:
            raise ReadError(
                path,
                f"too long: {lines:,} lines, more than the limit of {self.max_lines:,}"
                f" (raise it with {OPTION['max_lines']} or {ENV['max_lines']})",
            )

    def check_text(self, document: SourceDocument) -> None:
        lines = 0
        longest = 0
        for item in document.items:
            if isinstance(item, SourceTable):
                lines += len(item.rows)
                for row in item.rows:
                    longest = max(longest, sum(len(cell.text) for cell in row.cells))
            else:
                lines += 1
                longest = max(longest, len(item.text))
        self._check_lines(document.path, lines)
        if longest > self.max_line_chars:
            raise ReadError(
                document.path,
                f"a line of {longest:,} characters, more than the limit of {self.max_line_chars:,}"
                f" (raise it with {OPTION['max_line_chars']} or {ENV['max_line_chars']})",
            )
