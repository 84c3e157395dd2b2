"""Every file of an ingest stands alone: a file that cannot be read, extracted, built or
validated gets its own clear error (the file named, the reason, no traceback unless asked),
the other files of the run are ingested and reported, and a file of a kind PolicyKG does not
read is named, never skipped without a word."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from api.cli.main import main
from graph.ingest.run import SUPPORTED, ingest
from graph.store.embedded import PolicyStore
from loaders.read import SUPPORTED_EXTENSIONS

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "data" / "samples"
EXTRA = REPO.parent / "shared" / "corpus-extra"
NGHE_AN = EXTRA / "nghe-an_kh-980-ubnd-2025_thuc-hien-qd-1899-qd-ttg-phong-thu-dan-su.txt"
HA_TINH = SAMPLES / "ha-tinh_kh-sxtdbv-2026-2030.txt"


def _table_only(folder: Path) -> Path:
    """A document whose only content is a task table (as a Markdown export of a plan's annex)."""
    path = folder / "phu-luc.md"
    path.write_text(
        "| TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp |\n"
        "|---|---|---|---|\n"
        "| 1 | Tuyên truyền về sản xuất và tiêu dùng bền vững | Sở Công Thương | Sở Tư pháp |\n",
        encoding="utf-8",
    )
    return path


def _plans_with_one_table_line_deleted(folder: Path) -> list[Path]:
    """The Nghệ An plan with, in turn, each of the last lines of its tables (the task table)
    deleted."""
    lines = NGHE_AN.read_text(encoding="utf-8").splitlines()
    table = [i for i, line in enumerate(lines) if line.startswith("|")]
    made = []
    for n, index in enumerate(table[-12:]):
        path = folder / f"nghe-an-{n}.txt"
        path.write_text("\n".join(lines[:index] + lines[index + 1 :]) + "\n", encoding="utf-8")
        made.append(path)
    return made


def test_the_ingest_registry_is_the_readers_registry() -> None:
    assert set(SUPPORTED_EXTENSIONS) == SUPPORTED


def test_a_table_only_document_and_a_mutilated_plan_do_not_stop_the_run(tmp_path: Path) -> None:
    files = [_table_only(tmp_path), *_plans_with_one_table_line_deleted(tmp_path), HA_TINH]
    with PolicyStore.open(":memory:") as store:
        reports = ingest(store, files, jobs=1)
        plans = store.select("SELECT DISTINCT ?p WHERE { ?p a <https://w3id.org/policykg/ontology#Plan> }")
    assert [r.path for r in reports] == files
    for report in reports:
        assert report.ok or (report.error and str(report.path) in report.error), report
        assert report.error is None or "Traceback" not in report.error
    assert reports[-1].ok and reports[-1].tasks == 52
    assert sum(r.ok for r in reports[1:-1]) >= 10  # a plan missing one table line is still a plan
    assert len(plans) >= 2


def test_an_error_in_one_file_is_that_files_error_and_the_cli_shows_no_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "docs"
    broken.mkdir()
    shutil.copy(HA_TINH, broken / HA_TINH.name)
    # a Word file whose document part is not XML: the reader's own library raises
    (broken / "hong.docx").write_bytes(
        b"PK\x03\x04" + b"\x00" * 26 + b"word/document.xml" + b"\x00" * 40  # a zip header and nothing after
    )
    store_path = tmp_path / "store"
    code = main(["ingest", str(broken), "--store", str(store_path)])
    out = capsys.readouterr()
    assert code == 1
    assert "hong.docx" in out.out and "Traceback" not in out.out + out.err
    assert "1 of 2 files ingested" in out.out
    code = main(["ingest", str(broken / "hong.docx"), "--store", str(store_path), "--debug"])
    out = capsys.readouterr()
    assert code == 1 and "hong.docx" in out.out


def test_a_folder_names_the_file_it_does_not_read_and_exits_non_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "ho-so"
    (folder / "phu-luc").mkdir(parents=True)
    shutil.copy(HA_TINH, folder / HA_TINH.name)
    (folder / "phu-luc" / "bang-theo-doi.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    store_path = tmp_path / "store"
    code = main(["ingest", str(folder), "--store", str(store_path)])
    out = capsys.readouterr().out
    assert code == 1
    assert "bang-theo-doi.xls" in out and "'.xls'" in out and "not supported" in out
    assert "1 of 2 files ingested" in out
    with PolicyStore.open(store_path) as store:
        tasks = store.select(
            "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?p <https://w3id.org/policykg/ontology#hasTask> ?t }"
        )
    assert tasks[0]["n"] == 52
