"""The plan checks over the sample plans and the development corpus: findings per rule and the
time of ``check`` per plan (each file read, extracted, written to a store in memory of its own
and checked, as ``policykg check FILE`` does).

    python -m bench.analysis.checks [--corpus ../shared/corpus-extra]
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from bench.measure import markdown_table
from graph.analysis.checks import RULES
from graph.analysis.checks.files import check_file

REPO = Path(__file__).resolve().parents[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus-extra")
    args = parser.parse_args()
    files = sorted((REPO / "data" / "samples").glob("*.txt")) + sorted(args.corpus.glob("*.txt"))
    per_rule: Counter[str] = Counter()
    rows: list[list[str]] = []
    times: list[float] = []
    for path in files:
        started = time.perf_counter()
        result = check_file(path)
        seconds = time.perf_counter() - started
        times.append(seconds)
        counts = Counter(f.rule for f in result.findings)
        per_rule.update(counts)
        rows.append(
            [
                path.name[:60],
                f"{seconds:.2f}",
                str(len(result.findings)),
                ", ".join(f"{r} {n}" for r, n in sorted(counts.items())),
            ]
        )
    print(markdown_table(["file", "seconds", "findings", "by rule"], rows))
    print()
    print(markdown_table(["rule", "severity", "findings"], [[r.id, r.severity, str(per_rule[r.id])] for r in RULES]))
    times.sort()
    print(f"\n{len(files)} plans; check per plan: median {times[len(times) // 2]:.2f} s, max {times[-1]:.2f} s")


if __name__ == "__main__":
    main()
