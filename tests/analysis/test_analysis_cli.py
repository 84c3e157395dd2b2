"""``policykg overlaps``, ``lineage``, ``gaps`` and the GraphML / XLSX exports, run as a user would."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import openpyxl

REPO = Path(__file__).resolve().parents[2]


def policykg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "api.cli.main", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_overlaps_as_a_table_json_and_csv(samples_store_path: Path) -> None:
    store = str(samples_store_path)
    table = policykg("overlaps", "--store", store, "--limit", "5")
    assert table.returncode == 0, table.stderr
    assert table.stdout.splitlines()[0].startswith("score") and "(5 of " in table.stdout
    data = json.loads(policykg("overlaps", "--store", store, "--format", "json", "--kind", "target").stdout)
    assert data and all(p["kind"] == "target" for p in data)
    rows = list(csv.DictReader(io.StringIO(policykg("overlaps", "--store", store, "--format", "csv").stdout)))
    assert rows and rows[0]["a_quote"] and rows[0]["b_quote"]
    refused = policykg("overlaps", "--store", store, "--provinces", "Atlantis")
    assert refused.returncode == 2 and "Atlantis" in refused.stderr


def test_lineage_by_document_number(samples_store_path: Path) -> None:
    result = policykg("lineage", "889/QĐ-TTg", "--store", str(samples_store_path), "--max-depth", "2")
    assert result.returncode == 0, result.stderr
    assert (
        "<doc-kh-ha-tinh-2026-2030-87ea930a>" in result.stdout
        and "<doc-kh-dong-thap-pre2025-2023-e9326e56>" in result.stdout
    )
    assert "07/KH-UBND" in result.stdout
    missing = policykg("lineage", "999/QĐ-TTg", "--store", str(samples_store_path))
    assert missing.returncode == 2 and "999/QĐ-TTg" in missing.stderr


def test_gaps_table(samples_store_path: Path) -> None:
    result = policykg("gaps", "--store", str(samples_store_path), "--status", "matched")
    assert result.returncode == 0, result.stderr
    assert "889/QĐ-TTg" in result.stdout and "-15" in result.stdout and "-5" in result.stdout


def test_export_graphml_and_xlsx(samples_store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.graphml"
    assert policykg("export", "--store", str(samples_store_path), "--format", "graphml", "-o", str(out)).returncode == 0
    assert "doc-889-qd-ttg-2020" in nx.read_graphml(out)
    book = tmp_path / "dong-thap.xlsx"
    done = policykg(
        "export", "--store", str(samples_store_path), "--format", "xlsx", "--province", "Đồng Tháp", "-o", str(book)
    )
    assert done.returncode == 0, done.stderr
    assert openpyxl.load_workbook(book).active.max_row > 10
    missing = policykg("export", "--store", str(samples_store_path), "--format", "xlsx")
    assert missing.returncode == 2 and "--province" in missing.stderr
