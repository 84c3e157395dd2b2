"""What a paged or scanned source adds to a record: pages on spans, OCR flags, unread tables.

After extraction, every ``Span`` of a record read from a PDF or a page image gets the page its
first line stands on; when the text was read by OCR, the span also gets the lowest confidence
of the lines it stands on, every fact with flags gets the flag ``read by OCR (confidence
N/100)``, and the record says how it was read (``PlanRecord.ocr``). A table that gave no task
is named in the warnings, with its page when the source has pages, so that a table the
extraction could not read is never dropped without a word.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from loaders.models import OCR_FLAG, OcrReading, PlanRecord, Span, Warning_
from loaders.source import SourceDocument, SourceTable


def _models(value: object) -> Iterator[BaseModel]:
    if isinstance(value, BaseModel):
        yield value
        for name in type(value).model_fields:
            yield from _models(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _models(item)


def _confidence(document: SourceDocument, span: Span) -> float | None:
    assert document.ocr is not None
    found = [
        document.ocr.line_confidence[line]
        for line in range(span.start_line, span.end_line + 1)
        if line in document.ocr.line_confidence
    ]
    return min(found) if found else None


def stamp_pages(record: PlanRecord, document: SourceDocument) -> None:
    """Pages and OCR confidences on the spans of ``record``, read from ``document``."""
    if not document.page_starts:
        return
    record.page_starts = list(document.page_starts)
    ocr = document.ocr
    for model in list(_models(record)):
        if isinstance(model, Span):
            model.page = document.page_of(model.start_line)
            if ocr is not None and (model.page in ocr.pages):
                model.ocr_confidence = _confidence(document, model)
    if ocr is None:
        return
    record.ocr = OcrReading(
        engine=ocr.engine, pages=ocr.pages, confidence=ocr.confidence, page_confidence=ocr.page_confidence
    )
    for model in _models(record):
        flags = getattr(model, "flags", None)
        span = getattr(model, "span", None)
        if not isinstance(flags, list) or not isinstance(span, Span) or span.page not in ocr.pages:
            continue
        level = span.ocr_confidence if span.ocr_confidence is not None else ocr.confidence
        flags.append(f"{OCR_FLAG} (confidence {level:.0f}/100)" if level is not None else OCR_FLAG)


def unread_table_warnings(document: SourceDocument, tables: list[SourceTable]) -> list[Warning_]:
    """A warning for each table of ``document`` that gave no task."""
    warnings = []
    order = [item for item in document.items if isinstance(item, SourceTable)]
    for table in tables:
        columns = max((sum(cell.colspan for cell in row.cells) for row in table.rows), default=0)
        where = f"lines {table.start_line}-{table.end_line}"
        index = next((i for i, item in enumerate(order) if item is table), None)
        if index is not None and index < len(document.table_pages):
            where = f"page {document.table_pages[index]}, {where}"
        elif (page := document.page_of(table.start_line)) is not None:
            where = f"page {page}, {where}"
        first = " | ".join(cell.text for cell in table.rows[0].cells if cell.text)[:120] if table.rows else ""
        warnings.append(
            Warning_(
                code="table-without-tasks",
                message=(
                    f"a table ({where}; {len(table.rows)} rows, {columns} columns) gave no task: "
                    f"no header naming the task and lead columns was recognised (first row: '{first}')"
                ),
                span=Span(
                    file=document.path.name,
                    start_line=table.start_line,
                    end_line=table.end_line,
                    quote=first,
                    page=document.page_of(table.start_line),
                ),
            )
        )
    return warnings
