"""The README's Quickstart is what CI runs."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _quickstart_commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quickstart = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", quickstart)


def test_the_quickstart_has_the_demo_and_the_test_command() -> None:
    demo, tests = _quickstart_commands()
    assert demo.endswith("policykg demo")
    assert "pytest" in tests


def test_ci_runs_the_readme_test_command() -> None:
    _demo, tests = _quickstart_commands()
    assert tests in (REPO / ".ci" / "run").read_text(encoding="utf-8")
