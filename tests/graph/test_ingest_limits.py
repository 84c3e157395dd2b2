"""Bounded work: a file too large, too long or with a line too long is refused at once with an
error naming the file, the limit and how to raise it; the limits come from the command line,
the environment or the defaults; the store is left as it was."""

from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest

from api.cli.main import main
from graph.ingest.run import ingest
from graph.store.embedded import PolicyStore
from loaders.limits import Limits

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "data" / "samples"
HA_TINH = SAMPLES / "ha-tinh_kh-sxtdbv-2026-2030.txt"
TASK = (
    "- Sở Công Thương chủ trì, phối hợp với Sở Tư pháp tổ chức tuyên truyền về sản xuất và tiêu dùng bền vững"
    " cho doanh nghiệp trên địa bàn tỉnh, hoàn thành trước năm 2030."
)


def _repeated_tasks(folder: Path, count: int) -> Path:
    """The Hà Tĩnh plan's opening, then one agency heading over ``count`` task lines."""
    head = HA_TINH.read_text(encoding="utf-8").splitlines()[:40]
    body = ["II. TỔ CHỨC THỰC HIỆN", "", "1. Sở Công Thương", ""] + [f"{TASK} Đợt {i}." for i in range(count)]
    path = folder / f"lap-lai-{count}.txt"
    path.write_text("\n".join(head + body) + "\n", encoding="utf-8")
    return path


def _fifty_megabytes(folder: Path) -> Path:
    path = folder / "rat-lon.txt"
    text = HA_TINH.read_text(encoding="utf-8")
    with open(path, "w", encoding="utf-8") as out:
        while out.tell() < 50_000_000:
            out.write(text)
    return path


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.parametrize("make", [_fifty_megabytes, lambda folder: _repeated_tasks(folder, 100_000)])
def test_a_huge_file_is_refused_at_once_and_the_store_is_unchanged(make, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    with PolicyStore.open(tmp_path / "store") as store:
        ingest(store, [SAMPLES / "an-giang_kh-trien-khai-cd-17-2025.txt"])
        before = store.dump("application/n-quads")
        rss = _rss_mb()
        started = time.perf_counter()
        report = ingest(store, [path])[0]
        seconds = time.perf_counter() - started
        assert store.dump("application/n-quads") == before
    assert not report.ok and report.error is not None
    assert path.name in report.error and "limit" in report.error and "--max-" in report.error
    assert seconds < 10, f"{seconds:.1f} s to refuse {path.name}"
    assert _rss_mb() - rss < 600


def test_the_limits_come_from_the_command_line_then_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store = str(tmp_path / "store")
    assert main(["ingest", str(HA_TINH), "--store", store, "--max-lines", "100"]) == 1
    out = capsys.readouterr().out
    assert HA_TINH.name in out and "more than the limit of 100" in out and "--max-lines" in out
    monkeypatch.setenv("POLICYKG_MAX_FILE_MB", "0.01")
    assert main(["ingest", str(HA_TINH), "--store", store]) == 1
    out = capsys.readouterr().out
    assert "MB, more than the limit of 0.01 MB" in out and "POLICYKG_MAX_FILE_MB" in out
    assert main(["ingest", str(HA_TINH), "--store", store, "--max-file-mb", "5"]) == 0
    capsys.readouterr()
    monkeypatch.delenv("POLICYKG_MAX_FILE_MB")
    monkeypatch.setenv("POLICYKG_MAX_LINE_CHARS", "200")
    assert main(["ingest", str(HA_TINH), "--store", store]) == 1
    assert "a line of" in capsys.readouterr().out


def test_a_long_plan_within_the_limits_is_read_in_time(tmp_path: Path) -> None:
    """Two thousand task lines: read, built and validated in seconds (linear in the lines)."""
    path = _repeated_tasks(tmp_path, 2_000)
    started = time.perf_counter()
    with PolicyStore.open(":memory:") as store:
        report = ingest(store, [path], limits=Limits())[0]
    assert report.ok and report.tasks == 2_000
    assert time.perf_counter() - started < 60
