"""Bounds on the work one file may ask for.

A file larger than ``max_file_mb``, or whose text holds more than ``max_lines`` lines (table
rows counted) or a line longer than ``max_line_chars`` characters, is refused with an error
naming the file, the limit and how to raise it, before extraction starts. Real plans stay far
below the defaults: the largest of the development corpus is 0.3 MB and 1,100 lines, its
longest line 1,016 characters. Measured on two cores, extraction, graph building and
validation together take about 2.5 ms a line, so the defaults bound one file to well under a
minute and a few hundred MB.

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
OPTION = {"max_file_mb": "--max-file-mb", "max_lines": "--max-lines", "max_line_chars": "--max-line-chars"}


@dataclass(frozen=True)
class Limits:
    max_file_mb: float = 25.0
    max_lines: int = 20_000
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
        size = path.stat().st_size
        if size > self.max_file_mb * 1_000_000:
            raise ReadError(
                path,
                f"too large: {size / 1_000_000:.1f} MB, more than the limit of {self.max_file_mb:g} MB"
                f" (raise it with {OPTION['max_file_mb']} or {ENV['max_file_mb']})",
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
        if lines > self.max_lines:
            raise ReadError(
                document.path,
                f"too long: {lines:,} lines, more than the limit of {self.max_lines:,}"
                f" (raise it with {OPTION['max_lines']} or {ENV['max_lines']})",
            )
        if longest > self.max_line_chars:
            raise ReadError(
                document.path,
                f"a line of {longest:,} characters, more than the limit of {self.max_line_chars:,}"
                f" (raise it with {OPTION['max_line_chars']} or {ENV['max_line_chars']})",
            )
