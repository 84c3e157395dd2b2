"""A synthetic national corpus: N provinces × M plans, written as files with a manifest of
what each file should yield when read.

    python -m bench.synth.corpus OUT --tasks 10000 --seed 7

The same seed and sizes give byte-identical files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.synth.plans import PlanSpec, citable, compose, render_markdown, render_text
from ontology.catalogue import AgencyTypeEntry, agency_types, national_documents, provinces

TASKS_PER_PLAN = 50
FIRST_YEAR, LAST_YEAR = 2021, 2026


@dataclass(frozen=True)
class Size:
    provinces: int
    plans_per_province: int
    tasks_per_plan: int = TASKS_PER_PLAN

    @property
    def plans(self) -> int:
        return self.provinces * self.plans_per_province

    @property
    def tasks(self) -> int:
        return self.plans * self.tasks_per_plan


def size_for(tasks: int, tasks_per_plan: int = TASKS_PER_PLAN) -> Size:
    """Provinces × plans for about ``tasks`` tasks: half as many provinces as plans (so that
    provinces have earlier plans to implement), up to the 34 current units."""
    plans = max(1, round(tasks / tasks_per_plan))
    count = min(34, plans if plans < 4 else plans // 2)
    return Size(count, max(1, round(plans / count)), tasks_per_plan)


@dataclass(frozen=True)
class FileFacts:
    """What reading one generated file should give."""

    file: str
    province: str  # local id of the province
    number: str
    issued: str
    tasks: int
    leads: list[str | None]  # agency type id of each task's lead (None: no agency named), in document order
    targets: int
    implements: list[str]  # national document ids and earlier plan numbers cited as bases


def _departments(on: dt.date) -> list[AgencyTypeEntry]:
    """Provincial departments that existed on a date."""
    return sorted(
        (
            a
            for a in agency_types().values()
            if a.level == "province"
            and a.category == "department"
            and not a.generic  # a kind of body by head noun ("Sở") names no department
            and (a.abolished is None or a.abolished > on)
            and (a.established is None or a.established <= on)
        ),
        key=lambda a: a.id,
    )


def plan_specs(size: Size, seed: int) -> list[PlanSpec]:
    """The plans of a corpus, in a fixed order; deterministic from ``seed``."""
    rng = random.Random(seed)
    units = sorted((p for p in provinces().values() if p.current), key=lambda p: p.id)
    chosen = rng.sample(units, k=min(size.provinces, len(units)))
    national = sorted(citable(national_documents()), key=lambda d: d.id)
    specs: list[PlanSpec] = []
    for province in chosen:
        dates = sorted(
            dt.date(rng.randint(FIRST_YEAR, LAST_YEAR), rng.randint(1, 12), rng.randint(1, 28))
            for _ in range(size.plans_per_province)
        )
        earlier: PlanSpec | None = None
        for index, issued in enumerate(dates, start=1):
            spec = compose(
                rng,
                province=province,
                number=index * 3 + rng.randint(0, 2),
                issued=issued,
                agencies=_departments(issued),
                national=national,
                earlier=earlier if earlier is not None and rng.random() < 0.5 else None,
                tasks=size.tasks_per_plan,
            )
            spec.stem = f"{province.id.removeprefix('province-')}_kh-{spec.number}-{issued.year}"
            specs.append(spec)
            earlier = spec
    return specs


def facts(spec: PlanSpec, file: str) -> FileFacts:
    return FileFacts(
        file=file,
        province=spec.province.id,
        number=spec.number_text,
        issued=spec.issued.isoformat(),
        tasks=len(spec.tasks),
        leads=[task.lead.id if task.lead else None for task in spec.tasks],
        targets=spec.target_count,
        implements=[b.national_id or b.plan_number or "" for b in spec.bases],
    )


def write_corpus(out: Path, size: Size, seed: int, *, markdown_share: float = 0.3) -> list[FileFacts]:
    """Write the corpus into ``out`` (created if needed) with ``manifest.json``; every
    ``1/markdown_share``-th plan, chosen by the seed, is Markdown."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed + 1)
    written: list[FileFacts] = []
    for spec in plan_specs(size, seed):
        markdown = rng.random() < markdown_share
        name = spec.stem + (".md" if markdown else ".txt")
        text = render_markdown(spec) if markdown else render_text(spec)
        (out / name).write_text(text, encoding="utf-8")
        written.append(facts(spec, name))
    manifest = {"seed": seed, "size": asdict(size), "files": [asdict(f) for f in written]}
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic national corpus of plans.")
    parser.add_argument("out", type=Path)
    parser.add_argument("--tasks", type=int, default=1000, help="about this many tasks in all")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    size = size_for(args.tasks)
    files = write_corpus(args.out, size, args.seed)
    print(
        f"{len(files)} plans ({size.provinces} provinces × {size.plans_per_province}), {size.tasks} tasks → {args.out}"
    )


if __name__ == "__main__":
    main()
