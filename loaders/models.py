"""``PlanRecord``: one document as read, the seam between the loaders and the graph.

Plain, typed and JSON-serialisable. Every extracted value carries the ``Span`` of the source
lines it was read from. A value the document does not state is ``None``; a value read with
doubt carries a flag saying why.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")


class Span(BaseModel):
    """Where in the source file a fact was read."""

    file: str
    start_line: int
    end_line: int
    quote: str
    page: int | None = None  # the page of a paged source (PDF, scan) the span begins on
    # read by OCR: the lowest mean word confidence (0-100) of the lines the span stands on
    ocr_confidence: float | None = None


OCR_FLAG = "read by OCR"


class OcrReading(BaseModel):
    """How the text of a scanned document (or of its scanned pages) was read."""

    engine: str  # "tesseract 5.3.0 (vie)"
    pages: list[int]  # the pages read by OCR
    confidence: float | None = None  # mean word confidence over those pages, 0-100
    page_confidence: dict[int, float | None] = Field(default_factory=dict)


class Extracted(BaseModel, Generic[T]):
    """A scalar value together with the span it was read from."""

    value: T
    span: Span
    flags: list[str] = Field(default_factory=list)


Relation = Literal["implements", "based_on", "cites"]


class DocumentRef(BaseModel):
    """A document the plan refers to, by number and/or by title."""

    relation: Relation
    number: str | None = None  # normalised: "889/QĐ-TTg", "135/2024/NĐ-CP", "07/KH-UBND"
    raw_number: str | None = None  # as written: "07/KH-UNBD"
    doc_type: str | None = None  # code of the document type: QĐ, NĐ, CĐ, KH, CV, LUAT, ...
    issuer_code: str | None = None  # TTg, CP, UBND, BCT, QH, ...
    year: int | None = None
    date: dt.date | None = None
    title: str | None = None
    issuer_name: str | None = None  # "Thủ tướng Chính phủ", "UBND tỉnh Đồng Tháp"
    province: str | None = None  # for a provincial document: the province that issued it
    known_id: str | None = None  # local id of a curated reference document it matched
    span: Span
    flags: list[str] = Field(default_factory=list)


AgencyRole = Literal["lead", "coordinating", "monitoring", "reporting_to"]


class AgencyMention(BaseModel):
    """An agency (or a group of agencies) as named in the document, and what it resolved to."""

    text: str  # as written
    type_id: str | None = None  # local id of the agency type (``None``: unresolved)
    province: str | None = None  # local id of the province the agency belongs to
    national: bool = False  # a ministry or the Prime Minister, not a provincial body
    group: bool = False  # "UBND các huyện, thị xã, thành phố", "các Sở, ban, ngành khác"
    matched_label: str | None = None  # the label that matched, to explain the resolution
    span: Span
    flags: list[str] = Field(default_factory=list)


Comparator = Literal["gt", "gte", "approx", "eq", "lt", "lte"]


class TargetRecord(BaseModel):
    """One numeric target: "Phấn đấu trên 85% trường THPT ... được tuyên truyền"."""

    value: Decimal
    value_max: Decimal | None = None  # upper end of a range: "01 - 02 mô hình"
    unit: str  # "%", "mô hình", "lớp", "tin bài", ...
    comparator: Comparator = "eq"
    comparator_text: str | None = None  # trên, khoảng, ít nhất, đạt, ...
    metric: str  # what is measured, in the document's words
    deadline_year: int | None = None
    span: Span
    flags: list[str] = Field(default_factory=list)


class BudgetRecord(BaseModel):
    amount_dong: Decimal | None = None  # a total stated in đồng
    sources: list[str] = Field(default_factory=list)  # funding sources as written
    span: Span


class TaskRecord(BaseModel):
    """One task (nhiệm vụ) as fine-grained as the document states it."""

    key: str  # stable within the document: "V.1.2", "annex.I.4"
    code: str | None = None  # numbering as printed: "I.4", "1", "a"
    origin: Literal["organisation", "annex", "content", "table"]
    heading: str | None = None  # the heading the task sits under (agency or group of tasks)
    text: str
    leads: list[AgencyMention] = Field(default_factory=list)
    coordinators: list[AgencyMention] = Field(default_factory=list)
    reports_to: list[AgencyMention] = Field(default_factory=list)
    advises: bool = False  # "tham mưu": the lead drafts, the committee decides
    monitoring: bool = False  # "theo dõi, đôn đốc, kiểm tra", "tổng hợp, báo cáo"
    product: Extracted[str] | None = None
    funding: Extracted[str] | None = None
    timeframe: Extracted[str] | None = None
    target_text: Extracted[str] | None = None
    targets: list[TargetRecord] = Field(default_factory=list)
    references: list[DocumentRef] = Field(default_factory=list)
    span: Span


class SuccessionStatement(BaseModel):
    """An in-text rename: "Bộ Nông nghiệp và Phát triển nông thôn (nay là Bộ ...)"."""

    before: str
    after: str
    kind: Literal["agency", "province"]
    before_type_id: str | None = None
    after_type_id: str | None = None
    before_province: str | None = None
    after_province: str | None = None
    span: Span


class Warning_(BaseModel):
    code: str
    message: str
    span: Span | None = None


class PlanRecord(BaseModel):
    """One ingested document (a plan, or a decision that issues a plan as its annex)."""

    source_file: str  # path as given to the loader
    source_name: str  # file name, as spans cite it
    source_sha256: str
    source_format: str
    # the document's opening words (title and legal basis), folded to letters and digits: the
    # same in every file of the document, whatever its format (see graph.build.plan.document.plan_id)
    text_fingerprint: str | None = None
    # the normalised text the extraction read (the source's lines joined by "\n"): line n of
    # every span is line n of this text
    source_text: str = ""
    # a paged source (PDF, scan): the line of ``source_text`` each page begins with, page p at
    # [p - 1], so that a reader can show one page's text
    page_starts: list[int] = Field(default_factory=list)
    doc_type: Extracted[str]  # KH (Kế hoạch), QĐ (Quyết định issuing a plan), ...
    number: Extracted[str] | None = None  # normalised "144/KH-UBND"; None when blank
    date: Extracted[dt.date] | None = None
    year: Extracted[int] | None = None  # "năm 2026" when day and month are blank
    place: Extracted[str] | None = None
    issuer: AgencyMention | None = None
    province: Extracted[str] | None = None  # local id of the province
    title: Extracted[str] | None = None
    signer: Extracted[str] | None = None
    signing_capacity: Extracted[str] | None = None  # "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
    is_draft: bool = False
    plan_title: Extracted[str] | None = None  # when the plan is the annex of a decision
    period: Extracted[str] | None = None  # "2026 - 2030", "2023"
    references: list[DocumentRef] = Field(default_factory=list)
    targets: list[TargetRecord] = Field(default_factory=list)
    budgets: list[BudgetRecord] = Field(default_factory=list)
    tasks: list[TaskRecord] = Field(default_factory=list)
    successions: list[SuccessionStatement] = Field(default_factory=list)
    warnings: list[Warning_] = Field(default_factory=list)
    ocr: OcrReading | None = None  # set when some of the text was read by OCR

    def agency_mentions(self) -> list[AgencyMention]:
        found: list[AgencyMention] = []
        for task in self.tasks:
            found.extend(task.leads)
            found.extend(task.coordinators)
            found.extend(task.reports_to)
        if self.issuer is not None:
            found.append(self.issuer)
        return found
