"""How commands print rows: as an aligned text table, as CSV, or as JSON. Every command with
a ``--format table|json|csv`` (and ``query``'s table) writes through these."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Mapping, Sequence

FORMATS = ("table", "json", "csv")


def shorten(text: str, width: int) -> str:
    """``text`` on one line, cut with an ellipsis past ``width``, padded to ``width``.

    >>> shorten("Sở   Công\\nThương", 12)
    'Sở Công Thư…'
    >>> shorten("gaps", 6)
    'gaps  '
    """
    text = " ".join(str(text).split())
    return (text if len(text) <= width else text[: width - 1] + "…").ljust(width)


def clip(text: str, width: int) -> str:
    """``text`` cut at ``width`` and padded to it, spaces kept as they are.

    >>> clip("abcdef", 4), clip("ab", 4)
    ('abcd', 'ab  ')
    """
    return text[:width].ljust(width)


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[int] | None = None,
    *,
    fit: Callable[[str, int], str] = shorten,
    widest: int = 60,
) -> str:
    """Rows under their headers, columns joined by `` | ``; ``widths`` by default those of the
    longest cell of each column (at most ``widest``).

    >>> table(["n", "tỉnh"], [["1", "Huế"], ["2", "Vinh"]]).splitlines()
    ['n | tỉnh', '--+-----', '1 | Huế ', '2 | Vinh']
    """
    if widths is None:
        widths = [min(widest, max([len(h)] + [len(r[i]) for r in rows])) for i, h in enumerate(headers)]
    lines = [" | ".join(fit(h, w) for h, w in zip(headers, widths, strict=True))]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(fit(c, w) for c, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(lines) + "\n"


def csv_text(records: Iterable[Mapping[str, object]], fieldnames: Sequence[str] | None = None) -> str:
    """The records as CSV under a header row: ``fieldnames``, else the keys of the first record
    (no records and no ``fieldnames``: nothing).

    >>> csv_text([{"a": 1, "b": "x"}]).splitlines()
    ['a,b', '1,x']
    """
    records = list(records)
    if fieldnames is None:
        if not records:
            return ""
        fieldnames = list(records[0])
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(fieldnames))
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue()


def json_text(data: object) -> str:
    """``data`` as indented JSON, non-ASCII letters as they are; a pydantic model as its own
    ``model_dump_json``.

    >>> json_text({"tỉnh": "Huế"})
    '{\\n  "tỉnh": "Huế"\\n}\\n'
    """
    dump = getattr(data, "model_dump_json", None)
    if callable(dump):
        return str(dump(indent=2)) + "\n"
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
