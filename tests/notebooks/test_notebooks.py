"""The use-case notebooks run clean from top to bottom on the sample plans, and are stored
without outputs."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


def test_the_three_use_cases_are_there() -> None:
    assert {p.stem for p in NOTEBOOKS} >= {"tracing_mandates", "overlaps_across_provinces", "policy_lineage"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_is_stored_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name} keeps outputs"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_clean(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(REPO)}})
    client.execute()
    errors = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    shown = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    html = [
        o for o in shown if o.output_type in {"display_data", "execute_result"} and "text/html" in o.get("data", {})
    ]
    assert any("<iframe" in o["data"]["text/html"] for o in html), "no embedded graph"
    assert any("<table>" in o["data"]["text/html"] for o in html), "no table"
