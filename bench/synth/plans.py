"""One synthetic plan: what it says (``PlanSpec``), composed from a seeded random source, and
its text as a plain-text file or as Markdown in the style of legal-document web sites.

The spec also records what a reader should find in the text (task count, the lead agency type
of every task, the number of numeric targets), so a corpus carries its own expected answers.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from bench.synth import phrases
from ontology.catalogue import AgencyTypeEntry, NationalDocumentEntry, ProvinceEntry

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


@dataclass(frozen=True)
class TaskSpec:
    text: str
    lead: AgencyTypeEntry | None  # None: a task of the "Nhiệm vụ, giải pháp" part, which names no agency
    coordinators: tuple[AgencyTypeEntry, ...]
    target: str | None = None  # annex "Mục tiêu" cell with a number, if any
    product: str = ""
    timeframe: str = ""


@dataclass(frozen=True)
class Basis:
    """A legal basis sentence: a national document, or an earlier plan of the same province."""

    sentence: str
    national_id: str | None = None
    plan_number: str | None = None


@dataclass
class PlanSpec:
    province: ProvinceEntry
    number: int
    issued: dt.date
    subject: str
    group: str
    bases: list[Basis]
    aims: list[str]
    general_goals: list[str]
    objectives: list[str]  # specific objectives, each with one numeric target
    solutions: list[tuple[str, list[str]]]
    funding: list[str]
    budget: int
    sections: list[tuple[AgencyTypeEntry, list[TaskSpec]]]
    annex: list[TaskSpec]
    signer: str
    signed_for: bool
    stem: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def number_text(self) -> str:
        return f"{self.number}/KH-UBND"

    @property
    def place(self) -> str:
        return self.province.name

    @property
    def issuer_line(self) -> str:
        return f"{self.province.unit_kind.upper()} {self.province.name.upper()}"

    @property
    def tasks(self) -> list[TaskSpec]:
        """Every task in document order: the measures of "Nhiệm vụ, giải pháp" (no agency),
        the agency paragraphs of "Tổ chức thực hiện", the annex rows."""
        measures = [TaskSpec(text=b, lead=None, coordinators=()) for _title, bullets in self.solutions for b in bullets]
        return measures + [task for _agency, tasks in self.sections for task in tasks] + self.annex

    @property
    def target_count(self) -> int:
        return len(self.objectives) + sum(1 for task in self.annex if task.target)


def _pct(rng: random.Random) -> int:
    return rng.choice((30, 40, 50, 60, 70, 75, 80, 85, 90, 95, 100))


def _activity(rng: random.Random, objects: tuple[str, ...]) -> str:
    return rng.choice(phrases.ACTIVITIES).format(object=rng.choice(objects))


def _basis_sentence(doc: NationalDocumentEntry) -> str:
    assert doc.number is not None and doc.issued is not None and doc.title is not None
    word = phrases.TYPE_WORDS[doc.doc_type]
    issuer = phrases.ISSUER_WORDS.get(doc.issuer or "", "Chính phủ")
    on = f"{doc.issued.day}/{doc.issued.month}/{doc.issued.year}"
    title = doc.title[0].lower() + doc.title[1:]
    return f"{word} số {doc.number} ngày {on} của {issuer} {title}"


def citable(documents: dict[str, NationalDocumentEntry]) -> list[NationalDocumentEntry]:
    """National documents a plan can cite by number, date and title."""
    return [
        d
        for d in documents.values()
        if d.number and d.issued and d.doc_type in phrases.TYPE_WORDS and d.issuer in phrases.ISSUER_WORDS
    ]


def compose(
    rng: random.Random,
    *,
    province: ProvinceEntry,
    number: int,
    issued: dt.date,
    agencies: list[AgencyTypeEntry],
    national: list[NationalDocumentEntry],
    earlier: PlanSpec | None,
    tasks: int,
) -> PlanSpec:
    """A plan with exactly ``tasks`` tasks: a few measures under "Nhiệm vụ, giải pháp", then of
    the rest about three fifths in the organisation section (one paragraph per agency) and the
    others as annex rows."""
    subject, group, objects = rng.choice(phrases.THEMES)
    before = [d for d in national if d.issued and d.issued < issued]
    bases = [Basis(_basis_sentence(d), national_id=d.id) for d in rng.sample(before, k=min(len(before), 2))]
    if earlier is not None:
        on = earlier.issued
        bases.append(
            Basis(
                f"Kế hoạch số {earlier.number_text} ngày {on.day:02d}/{on.month:02d}/{on.year} của UBND "
                f"{earlier.province.unit_kind} {earlier.province.name} về {earlier.subject}",
                plan_number=earlier.number_text,
            )
        )
    objectives = [
        f"Phấn đấu đến năm {issued.year} có {_pct(rng)}% {population} "
        + rng.choice(phrases.OUTCOMES).format(theme=subject)
        + "."
        for population in rng.sample(phrases.POPULATIONS, k=rng.randint(2, 4))
    ]
    measures = min(tasks // 4, rng.randint(4, 8))
    groups = min(measures, rng.randint(2, 3)) or 1
    solutions = [
        (
            f"{rng.choice(phrases.SOLUTION_OPENINGS)} {subject}",
            [
                f"{_activity(rng, objects)}, {rng.choice(phrases.TAILS)}."
                for _ in range(measures // groups + (1 if g < measures % groups else 0))
            ],
        )
        for g in range(groups)
    ]
    rest = tasks - measures
    organisation = max(1, round(rest * 0.6)) if rest > 1 else rest
    annex_count = rest - organisation
    heads = rng.sample(agencies, k=min(len(agencies), max(1, min(10, organisation // 3 or 1))))
    per_head = [organisation // len(heads)] * len(heads)
    for i in range(organisation - sum(per_head)):
        per_head[i % len(heads)] += 1
    sections: list[tuple[AgencyTypeEntry, list[TaskSpec]]] = []
    for head, count in zip(heads, per_head, strict=True):
        others = [a for a in agencies if a.id != head.id]
        items: list[TaskSpec] = []
        for index in range(count):
            coordinators = tuple(rng.sample(others, k=rng.randint(0, 2)))
            text = f"{_activity(rng, objects)}, {rng.choice(phrases.TAILS)}"
            if coordinators and index == 0:
                text = f"Chủ trì, phối hợp với {', '.join(c.pref_vi for c in coordinators)} {text[0].lower()}{text[1:]}"
            elif coordinators:
                text = f"{text}; phối hợp với {' và '.join(c.pref_vi for c in coordinators)} trong quá trình thực hiện"
            items.append(TaskSpec(text=text + ".", lead=head, coordinators=coordinators))
        sections.append((head, items))
    annex: list[TaskSpec] = []
    for _ in range(annex_count):
        lead = rng.choice(agencies)
        coordinators = tuple(rng.sample([a for a in agencies if a.id != lead.id], k=rng.randint(1, 2)))
        target = None
        if rng.random() < 0.5:
            target = f"{_pct(rng)}% {rng.choice(phrases.POPULATIONS)} " + rng.choice(phrases.OUTCOMES).format(
                theme=subject
            )
        annex.append(
            TaskSpec(
                text=_activity(rng, objects),
                lead=lead,
                coordinators=coordinators,
                target=target,
                product=rng.choice(phrases.PRODUCTS),
                timeframe=rng.choice(phrases.TIMEFRAMES),
            )
        )
    return PlanSpec(
        province=province,
        number=number,
        issued=issued,
        subject=subject,
        group=group,
        bases=bases,
        aims=rng.sample(phrases.AIMS, k=2),
        general_goals=rng.sample(phrases.GENERAL_GOALS, k=2),
        objectives=objectives,
        solutions=solutions,
        funding=rng.sample(phrases.FUNDING, k=2),
        budget=rng.randrange(200, 9000) * 1_000_000 + rng.randrange(0, 1000) * 1000,
        sections=sections,
        annex=annex,
        signer=rng.choice(phrases.SIGNERS),
        signed_for=rng.random() < 0.7,
    )


def _money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def _annex_lead_cell(task: TaskSpec) -> str:
    assert task.lead is not None, "the annex lists the tasks with a lead"
    return f"{task.lead.pref_vi} chủ trì. {', '.join(c.pref_vi for c in task.coordinators)} phối hợp"


def _body(spec: PlanSpec, bold: bool) -> list[str]:
    """The plan's paragraphs (without the annex), one string a paragraph; ``bold`` marks the
    headings as Markdown does."""

    def heading(text: str) -> str:
        return f"**{text}**" if bold else text

    on = spec.issued
    out = [
        heading("ỦY BAN NHÂN DÂN"),
        heading(spec.issuer_line),
        f"Số: {spec.number_text}",
        f"{spec.place}, ngày {on.day:02d} tháng {on.month:02d} năm {on.year}",
        heading("KẾ HOẠCH"),
        heading(f"Thực hiện {spec.subject} trên địa bàn {spec.province.unit_kind} {spec.province.name} năm {on.year}"),
    ]
    bases = [b.sentence for b in spec.bases]
    out.append(
        "Thực hiện " + "; ".join(bases) + f"; Ủy ban nhân dân {spec.province.unit_kind} ban hành Kế hoạch thực hiện"
        " với các nội dung sau:"
    )
    part = 0

    def part_heading(title: str) -> str:
        nonlocal part
        part += 1
        return heading(f"{ROMAN[part - 1]}. {title}")

    out.append(part_heading("MỤC ĐÍCH, YÊU CẦU"))
    out += [f"{i}. {aim}" for i, aim in enumerate(spec.aims, start=1)]
    out.append(part_heading("MỤC TIÊU"))
    out.append(heading("1. Mục tiêu chung"))
    out += [f"- {goal}" for goal in spec.general_goals]
    out.append(heading("2. Mục tiêu cụ thể"))
    out += [f"- {objective}" for objective in spec.objectives]
    out.append(part_heading("NHIỆM VỤ, GIẢI PHÁP"))
    for i, (title, bullets) in enumerate(spec.solutions, start=1):
        out.append(heading(f"{i}. {title}"))
        out += [f"- {b}" for b in bullets]
    out.append(part_heading("KINH PHÍ THỰC HIỆN"))
    out += [f"- {f}." for f in spec.funding]
    out.append(f"- Tổng kinh phí dự kiến: {_money(spec.budget)} đồng.")
    out.append(part_heading("TỔ CHỨC THỰC HIỆN"))
    for i, (agency, tasks) in enumerate(spec.sections, start=1):
        out.append(heading(f"{i}. {agency.pref_vi}"))
        out += [f"- {task.text}" for task in tasks]
    if spec.annex:
        out.append("(Nhiệm vụ cụ thể của các cơ quan, đơn vị theo Phụ lục kèm theo).")
    out.append("Nơi nhận:")
    out += [f"- {d};" for d in phrases.DISTRIBUTION]
    if spec.signed_for:
        out += ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    else:
        out += ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    out.append(spec.signer)
    return out


_ANNEX_HEADER = ("TT", "Tên nhiệm vụ", "Mục tiêu", "Sản phẩm", "Đơn vị chủ trì/ Đơn vị phối hợp", "Thời gian")


def _annex_rows(spec: PlanSpec) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = [("I", spec.group, "", "", "", "")]
    for i, task in enumerate(spec.annex, start=1):
        rows.append((str(i), task.text, task.target or "", task.product, _annex_lead_cell(task), task.timeframe))
    return rows


def _annex_title(spec: PlanSpec) -> list[str]:
    on = spec.issued
    return [
        "PHỤ LỤC",
        f"Danh mục nhiệm vụ thực hiện Kế hoạch về {spec.subject}",
        f"(Kèm theo Kế hoạch số {spec.number_text} ngày {on.day:02d}/{on.month:02d}/{on.year} của UBND "
        f"{spec.province.unit_kind})",
    ]


def render_text(spec: PlanSpec) -> str:
    """As a PDF's text layer reads: paragraphs between blank lines, the annex as tab-separated
    rows with the header repeated every ten rows (a page)."""
    lines: list[str] = []
    for paragraph in _body(spec, bold=False):
        lines += [paragraph, ""]
    if spec.annex:
        lines += [line for title in _annex_title(spec) for line in (title, "")]
        rows = _annex_rows(spec)
        for start in range(0, len(rows), 10):
            lines.append("\t".join(_ANNEX_HEADER))
            lines += ["\t".join(row) for row in rows[start : start + 10]]
            lines.append("")
    return "\n".join(lines)


def render_markdown(spec: PlanSpec) -> str:
    """As a legal-document web site exports it: bold headings and a ``|`` table."""
    lines: list[str] = []
    for paragraph in _body(spec, bold=True):
        lines += [paragraph, ""]
    if spec.annex:
        title = _annex_title(spec)
        lines += [f"**{title[0]}**", "", title[1], "", f"*{title[2]}*", ""]
        lines.append("| " + " | ".join(_ANNEX_HEADER) + " |")
        lines.append("|" + "---|" * len(_ANNEX_HEADER))
        lines += ["| " + " | ".join(cell.replace("|", "/") for cell in row) + " |" for row in _annex_rows(spec)]
        lines.append("")
    return "\n".join(lines)
