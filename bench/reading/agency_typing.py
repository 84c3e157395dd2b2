"""How many of the leads a plan names are found with a type, per kind of body.

    python -m bench.reading.agency_typing [PATH ...] [--list] [--repeat 3]

PATHs are files or folders (default: ``data/samples`` and ``../shared/corpus-extra``). Every
plan is extracted; each lead and coordinating mention is sorted into a kind of body by the
first words of its name as written (the head noun, read here independently of the
recogniser, so the figures compare before and after a change), and counted typed (an agency
type resolved) or untyped. Also printed: tasks, tasks with no lead, and the processor time
of one extraction per plan (median of ``--repeat`` runs). ``--list`` prints every untyped
mention with its file and line.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from bench.measure import markdown_table
from loaders.extract import load_plan
from loaders.models import AgencyMention, PlanRecord
from loaders.text import fold

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PATHS = (ROOT / "data" / "samples", ROOT.parent / "shared" / "corpus-extra")

# kind of body → folded opening words of its name, tried in this order
KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("group", ("cac ", "nhung ", "dia phuong", "doanh nghiep", "to chuc", "co quan", "don vi")),
    ("people's committee", ("ubnd", "uy ban nhan dan", "hdnd", "hoi dong nhan dan")),
    ("party", ("tinh uy", "thanh uy", "dang uy", "van phong tinh uy", "van phong thanh uy")),
    (
        "front and mass organisations",
        (
            "uy ban mat tran",
            "mat tran",
            "uy ban mttq",
            "mttq",
            "doan ",
            "tinh doan",
            "thanh doan",
            "hoi ",
            "lien doan",
            "lien hiep",
            "lien minh",
            "hiep hoi",
        ),
    ),
    ("judiciary", ("toa an", "vien kiem sat")),
    (
        "central vertical branch",
        ("thue", "kho bac", "chi cuc hai quan", "hai quan", "ngan hang", "bao hiem xa hoi", "kiem toan", "thong ke"),
    ),
    ("police and military", ("cong an", "bo chi huy", "bo tu lenh", "quan khu", "bo doi")),
    ("ministry and government", ("bo ", "chinh phu", "thu tuong", "van phong chinh phu", "thanh tra chinh phu")),
    ("department", ("so ",)),
    ("unit under a department", ("trung tam", "chi cuc", "cuc ", "cong thong tin")),
    ("institute and school", ("vien ", "hoc vien", "truong ", "dai hoc")),
    ("board", ("ban ",)),
    ("office and inspectorate", ("van phong", "thanh tra")),
    ("media", ("bao ", "dai ", "thong tan")),
)


def kind_of(text: str) -> str:
    folded = fold(text).strip(" *-+.")
    party = re.search(r"\b(?:tinh uy|thanh uy|dang uy)$", folded)
    if party and folded.startswith(("ban ", "van phong", "uy ban kiem tra")):
        return "party"
    for kind, openings in KINDS:
        if folded.startswith(openings):
            return kind
    return "other"


def plan_files(paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(
                p
                for p in path.iterdir()
                if p.suffix in {".txt", ".md", ".html", ".docx", ".pdf"} and p.name != "README.md"
            )
        elif path.is_file():
            files.append(path)
    return files


def _mentions(record: PlanRecord) -> Iterable[tuple[str, AgencyMention]]:
    for task in record.tasks:
        for mention in task.leads:
            yield "lead", mention
        for mention in task.coordinators:
            yield "coordinating", mention


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--list", action="store_true", help="print every untyped mention")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    files = plan_files(args.paths or DEFAULT_PATHS)
    typed: Counter[tuple[str, str]] = Counter()
    total: Counter[tuple[str, str]] = Counter()
    per_plan: list[list[object]] = []
    untyped: list[str] = []
    timings: list[float] = []
    for path in files:
        runs = []
        record = None
        for _ in range(max(1, args.repeat)):
            started = time.process_time()
            record = load_plan(path)
            runs.append(time.process_time() - started)
        assert record is not None
        timings.append(statistics.median(runs))
        leads = typed_leads = 0
        for role, mention in _mentions(record):
            kind = kind_of(mention.text)
            total[(role, kind)] += 1
            if mention.type_id is not None:
                typed[(role, kind)] += 1
            elif args.list:
                untyped.append(f"{path.name}:{mention.span.start_line}: {role}: {mention.text}")
            if role == "lead":
                leads += 1
                typed_leads += mention.type_id is not None
        no_lead = sum(1 for task in record.tasks if not task.leads)
        per_plan.append(
            [path.name[:60], len(record.tasks), no_lead, leads, _share(typed_leads, leads), f"{timings[-1] * 1000:.0f}"]
        )
    print(f"{len(files)} plans\n")
    print(markdown_table(["plan", "tasks", "no lead", "leads", "typed", "ms"], per_plan))
    print()
    rows = []
    for kind in sorted({k for _, k in total}, key=lambda k: -total[("lead", k)]):
        rows.append(
            [
                kind,
                total[("lead", kind)],
                _share(typed[("lead", kind)], total[("lead", kind)]),
                total[("coordinating", kind)],
                _share(typed[("coordinating", kind)], total[("coordinating", kind)]),
            ]
        )
    lead_total = sum(v for (role, _), v in total.items() if role == "lead")
    lead_typed = sum(v for (role, _), v in typed.items() if role == "lead")
    co_total = sum(v for (role, _), v in total.items() if role == "coordinating")
    co_typed = sum(v for (role, _), v in typed.items() if role == "coordinating")
    rows.append(["all", lead_total, _share(lead_typed, lead_total), co_total, _share(co_typed, co_total)])
    print(markdown_table(["kind of body", "leads", "typed", "coordinating", "typed"], rows))
    print(f"\nextraction per plan: median {statistics.median(timings) * 1000:.0f} ms, total {sum(timings):.2f} s")
    if args.list:
        print("\nuntyped mentions:")
        print("\n".join(untyped))


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.2f}" if whole else "-"


if __name__ == "__main__":
    main()
