"""One document, however many files carry it, and one graph per file.

The Hà Tĩnh plan saved as text and as Word is one plan with its 52 tasks once and Sở Công
Thương Hà Tĩnh's 15 mandates; both files are listed behind it; renaming a file changes
nothing; two different files never share a graph, even when their names fold alike; and the
text behind a span is found through the span's graph."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.cli.main import main
from api.settings import Settings
from graph.build.ids import graph_id
from graph.ingest.run import ingest
from graph.read.mandates import find_agencies, mandates
from graph.store.embedded import PolicyStore

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "data" / "samples"
HA_TINH = SAMPLES / "ha-tinh_kh-sxtdbv-2026-2030.txt"
DONG_THAP = SAMPLES / "dong-thap_kh-sxtdbv-2023.txt"
POL = "https://w3id.org/policykg/ontology#"
PLANS = f"SELECT DISTINCT ?plan WHERE {{ ?plan a <{POL}Plan> }}"
TASKS = f"SELECT (COUNT(DISTINCT ?t) AS ?n) (COUNT(?t) AS ?rows) WHERE {{ ?p a <{POL}Plan> ; <{POL}hasTask> ?t }}"


def word_copy(text_file: Path, folder: Path) -> Path:
    """The plan as a Word file: each line a paragraph, each run of tab-separated lines a table."""
    document = docx.Document()
    lines = [line for line in text_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    index = 0
    while index < len(lines):
        if "\t" not in lines[index]:
            document.add_paragraph(lines[index])
            index += 1
            continue
        rows = []
        while index < len(lines) and "\t" in lines[index]:
            rows.append(lines[index].split("\t"))
            index += 1
        width = max(len(row) for row in rows)
        table = document.add_table(rows=len(rows), cols=width)
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                table.cell(r, c).text = cell
    path = folder / (text_file.stem + ".docx")
    document.save(str(path))
    return path


def _mandates(store: PolicyStore, name: str, province: str) -> int:
    return sum(len(mandates(store, match.id)) for match in find_agencies(store, name, province))


def _plans(store: PolicyStore) -> set[str]:
    return {str(row["plan"]) for row in store.select(PLANS)}


@pytest.fixture(scope="module")
def text_and_word(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("ha-tinh")
    text = folder / HA_TINH.name
    shutil.copy(HA_TINH, text)
    return text, word_copy(HA_TINH, folder)


def test_the_plan_as_text_and_as_word_is_one_plan_with_its_tasks_once(
    tmp_path: Path, text_and_word: tuple[Path, Path]
) -> None:
    text, word = text_and_word
    with PolicyStore.open(tmp_path / "store") as store:
        alone = ingest(store, [text])[0]
        assert alone.ok and alone.tasks == 52
        assert _mandates(store, "so cong thuong", "ha tinh") == 15
        second = ingest(store, [word])[0]
        assert second.ok, second.error
        assert second.plan_id == alone.plan_id
        assert second.note and "another file of" in second.note
        assert _plans(store) == {f"https://w3id.org/policykg/id/{alone.plan_id}"}
        counted = store.select(TASKS)[0]
        assert counted["n"] == counted["rows"] == 52
        assert _mandates(store, "so cong thuong", "ha tinh") == 15
        files = store.select(
            f"SELECT ?name ?format ?preferred WHERE {{ <https://w3id.org/policykg/id/{alone.plan_id}>"
            f" <{POL}hasSourceFile> ?f . ?f <{POL}fileName> ?name ; <{POL}fileFormat> ?format ;"
            f" <{POL}preferred> ?preferred }}"
        )
    assert sorted((r["name"], r["format"]) for r in files) == sorted([(text.name, "txt"), (word.name, "docx")])
    assert sum(1 for r in files if r["preferred"]) == 1


def test_both_files_in_one_run_in_either_order_give_the_same_plan(
    tmp_path: Path, text_and_word: tuple[Path, Path]
) -> None:
    text, word = text_and_word
    for order in ([text, word], [word, text]):
        with PolicyStore.open(tmp_path / f"store-{order[0].suffix[1:]}") as store:
            reports = ingest(store, order, jobs=2)
            assert all(r.ok for r in reports), [r.error for r in reports]
            assert len(_plans(store)) == 1
            counted = store.select(TASKS)[0]
            assert counted["n"] == counted["rows"] == 52
            assert _mandates(store, "so cong thuong", "ha tinh") == 15


def test_a_better_read_file_takes_over_and_the_report_says_how_the_readings_differ(tmp_path: Path) -> None:
    """A copy of the Đồng Tháp plan with half its lines cut reads fewer tasks; the whole plan,
    ingested after it, holds the plan's facts."""
    lines = DONG_THAP.read_text(encoding="utf-8").splitlines()
    cut = tmp_path / "cut" / DONG_THAP.name
    cut.parent.mkdir()
    cut.write_text("\n".join(lines[: len(lines) * 2 // 3]) + "\n", encoding="utf-8")
    with PolicyStore.open(tmp_path / "store") as store:
        first = ingest(store, [cut])[0]
        second = ingest(store, [DONG_THAP])[0]
        counted = store.select(TASKS)[0]
    assert first.ok and second.ok and first.plan_id == second.plan_id
    assert first.tasks < second.tasks == 38
    assert second.note and "read better than" in second.note and f"{first.tasks} tasks" in second.note
    assert counted["n"] == counted["rows"] == 38


def test_renaming_a_numberless_plans_file_changes_nothing_in_the_store(tmp_path: Path) -> None:
    original = tmp_path / "a" / "ke-hoach-sxtdbv.txt"
    original.parent.mkdir()
    shutil.copy(DONG_THAP, original)
    with PolicyStore.open(tmp_path / "store") as store:
        assert ingest(store, [original])[0].ok
        before = store.dump("application/n-quads")
        renamed = original.rename(tmp_path / "a" / "Kế hoạch 2023 (bản lưu).txt")
        report = ingest(store, [renamed])[0]
        assert report.ok and report.unchanged and "same content as ke-hoach-sxtdbv.txt" in (report.note or "")
        assert store.dump("application/n-quads") == before


def test_files_whose_names_fold_alike_never_share_a_graph(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    pairs = [
        (tmp_path / "x" / "ke-hoach.txt", tmp_path / "y" / "ke-hoach.txt"),
        (tmp_path / "Kế hoạch (1).txt", tmp_path / "ke-hoach-1.txt"),
    ]
    for first, second in pairs:
        shutil.copy(HA_TINH, first)
        shutil.copy(DONG_THAP, second)
        assert graph_id(str(first)) != graph_id(str(second))
        with PolicyStore.open(":memory:") as store:
            reports = ingest(store, [first, second])
            assert [r.ok for r in reports] == [True, True]
            assert reports[0].graph_iri != reports[1].graph_iri
            assert len(_plans(store)) == 2
            counted = store.select(TASKS)[0]
            assert counted["n"] == 52 + 38


def test_a_changed_file_replaces_its_graph(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach.txt"
    shutil.copy(DONG_THAP, path)
    with PolicyStore.open(tmp_path / "store") as store:
        assert ingest(store, [path])[0].ok
        graphs = set(store.graph_iris())
        shutil.copy(HA_TINH, path)  # the same file, now holding another plan
        report = ingest(store, [path])[0]
        assert report.ok and set(store.graph_iris()) == graphs
        counted = store.select(TASKS)[0]
        assert counted["n"] == 52 and len(_plans(store)) == 1


def test_the_cli_and_the_plans_json_list_the_files_behind_a_plan(
    tmp_path: Path, text_and_word: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    text, word = text_and_word
    store_path = tmp_path / "store"
    assert main(["ingest", str(text), str(word), "--store", str(store_path)]) == 0
    out = capsys.readouterr().out
    assert f"{word.name}: doc-kh-ha-tinh" in out and "another file of doc-kh-ha-tinh" in out
    app = create_app(Settings(store=str(store_path), warm=False))
    with TestClient(app) as client:
        plans = client.get("/plans").json()["items"]
        assert len(plans) == 1
        detail = client.get(f"/plans/{plans[0]['id']}").json()
    files = detail["files"]
    assert {f["name"] for f in files} == {text.name, word.name}
    assert [f["preferred"] for f in files].count(True) == 1
    assert {f["format"] for f in files} == {"txt", "docx"}
    assert all(len(f["sha256"]) == 64 and f["ingested"] for f in files)
    assert detail["tasks"] == 52


def test_the_text_behind_a_span_is_found_through_the_spans_graph(tmp_path: Path) -> None:
    with PolicyStore.open(tmp_path / "store") as store:
        ingest(store, [HA_TINH])
        rows = store.select(
            f"SELECT ?g ?file ?start WHERE {{ GRAPH ?g {{ ?task a <{POL}Task> ;"
            f" <http://www.w3.org/ns/prov#wasDerivedFrom> ?span . ?span <{POL}sourceFile> ?file ;"
            f" <{POL}startLine> ?start . ?g a <{POL}SourceFile> ; <{POL}fileName> ?name . }} }}"
        )
    assert rows and {str(r["g"]) for r in rows} == {"https://w3id.org/policykg/id/" + graph_id(str(HA_TINH))}
    assert {r["file"] for r in rows} == {HA_TINH.name}
