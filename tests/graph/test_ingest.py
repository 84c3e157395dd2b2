"""Ingesting real plans into the embedded store: named graphs, provenance, SHACL, stable IRIs,
and bad input that changes nothing."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from fpdf import FPDF
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from api.cli.main import main
from graph.build.ids import graph_id
from graph.build.plan.agencies import ROLE_PROPERTY
from graph.build.plan.parts import build_plan_graph
from graph.ingest.run import ingest
from graph.store.embedded import PolicyStore
from graph.validate.plan_shapes import violations
from loaders.extract import load_plan
from tests.conftest import ingest_samples

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "data" / "samples"
EXTRA = REPO.parent / "shared" / "corpus-extra"
POL = "https://w3id.org/policykg/ontology#"
POLID = "https://w3id.org/policykg/id/"


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingest_samples(tmp_path_factory.mktemp("ingest") / "store")


def _all_files() -> list[Path]:
    files = sorted(SAMPLES.glob("*.txt"))
    if EXTRA.is_dir():
        files += sorted(EXTRA.glob("*.txt"))
    return files


@pytest.mark.parametrize("path", _all_files(), ids=lambda p: p.stem)
def test_every_plan_graph_conforms_to_the_shapes(path: Path) -> None:
    _iri, graph = build_plan_graph(load_plan(path))
    assert violations(graph) == []


@pytest.mark.parametrize("path", _all_files(), ids=lambda p: p.stem)
def test_every_assignment_is_also_the_tasks_role_property(path: Path) -> None:
    """Queries that only need who does what (mandates.rq) read the role properties; the
    assignment nodes carry the same facts with their mention and span."""
    _iri, graph = build_plan_graph(load_plan(path))
    role_of = {prop: role for role, prop in ROLE_PROPERTY.items()}
    direct = {(task, role_of[p], agency) for task, p, agency in graph if p in role_of}
    facts: dict[object, dict[str, object]] = {}
    for s, p, o in graph:
        if str(p) in (POL + "agency", POL + "role"):
            facts.setdefault(s, {})[str(p).removeprefix(POL)] = o
    assigned = {
        (task, str(facts[a]["role"]), facts[a]["agency"]) for task, p, a in graph if str(p) == POL + "hasAssignment"
    }
    assert assigned, f"{path.name} should name agencies for its tasks"
    assert direct == assigned


@pytest.mark.parametrize("path", _all_files()[:3], ids=lambda p: p.stem)
def test_the_same_input_twice_gives_identical_graphs(path: Path) -> None:
    first_iri, first = build_plan_graph(load_plan(path))
    second_iri, second = build_plan_graph(load_plan(path))
    assert first_iri == second_iri
    assert set(first) == set(second)  # same IRIs, not only isomorphic
    assert isomorphic(first.to_graph(), second.to_graph())


def test_one_named_graph_per_file_and_the_reference_graphs(sample_store: Path) -> None:
    with PolicyStore.open(sample_store) as store:
        graphs = set(store.graph_iris())
    assert {
        POLID + graph_id(str(SAMPLES / "an-giang_kh-trien-khai-cd-17-2025.txt")),
        POLID + graph_id(str(SAMPLES / "ha-tinh_kh-sxtdbv-2026-2030.txt")),
        POLID + graph_id(str(SAMPLES / "dong-thap_kh-sxtdbv-2023.txt")),
        POLID + "graph-reference-agency-types",
        POLID + "graph-reference-provinces",
        POLID + "graph-agencies",
    } <= graphs


def test_qd_889_cited_by_ha_tinh_and_dong_thap_is_one_node(sample_store: Path) -> None:
    query = f"""
    PREFIX pol: <{POL}>
    SELECT DISTINCT ?plan WHERE {{ ?plan pol:implements <{POLID}doc-889-qd-ttg-2020> }}"""
    with PolicyStore.open(sample_store) as store:
        plans = {row["plan"] for row in store.select(query)}
    assert plans == {
        POLID + "doc-kh-ha-tinh-2026-2030-87ea930a",
        POLID + "doc-kh-dong-thap-pre2025-2023-e9326e56",
    }


def test_every_task_points_to_the_lines_it_was_read_from(sample_store: Path) -> None:
    query = f"""
    PREFIX pol: <{POL}>
    PREFIX prov: <http://www.w3.org/ns/prov#>
    SELECT ?task ?file ?start ?end ?quote WHERE {{
      ?task a pol:Task .
      OPTIONAL {{ ?task prov:wasDerivedFrom ?span .
                 ?span pol:sourceFile ?file ; pol:startLine ?start ; pol:endLine ?end ;
                       pol:quote ?quote }}
    }}"""
    with PolicyStore.open(sample_store) as store:
        rows = store.select(query)
    assert len(rows) >= 60
    for row in rows:
        assert row.get("file") in {p.name for p in SAMPLES.glob("*.txt")}, row["task"]
        assert 1 <= row["start"] <= row["end"]  # type: ignore[operator]
        lines = (SAMPLES / str(row["file"])).read_text(encoding="utf-8").splitlines()
        assert row["end"] <= len(lines)  # type: ignore[operator]


def test_reingesting_a_file_replaces_its_graph_with_an_identical_one(sample_store: Path) -> None:
    graph_iri = POLID + graph_id(str(SAMPLES / "ha-tinh_kh-sxtdbv-2026-2030.txt"))
    with PolicyStore.open(sample_store) as store:
        before = store.dump("application/n-triples", graph_iri)
        total = store.triple_count()
        ingest(store, [SAMPLES / "ha-tinh_kh-sxtdbv-2026-2030.txt"])
        after = store.dump("application/n-triples", graph_iri)
        assert store.triple_count() == total
    assert set(before.splitlines()) == set(after.splitlines())


# --------------------------------------------------------------------------- bad input


def _bad_files(folder: Path) -> dict[str, tuple[Path, str]]:
    """name → (file, words the error must contain)."""
    empty = folder / "empty.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    binary = folder / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    unsupported = folder / "plan.xlsx"
    unsupported.write_bytes(b"PK\x03\x04 not really")
    corrupt = folder / "corrupt.docx"
    corrupt.write_bytes(b"this is not a zip archive")
    broken_zip = folder / "nodocument.docx"
    with zipfile.ZipFile(broken_zip, "w") as archive:
        archive.writestr("readme.txt", "no word/document.xml here")
    scanned = folder / "scanned.pdf"
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # a page with a drawing and no text layer
    pdf.output(str(scanned))
    legacy = folder / "legacy.txt"
    legacy.write_bytes("Привет, это не вьетнамский текст. ".encode("koi8_r") * 20)
    return {
        "empty": (empty, "empty"),
        "binary": (binary, "binary"),
        "unsupported": (unsupported, "unsupported"),
        "corrupt docx": (corrupt, "docx"),
        "docx without document": (broken_zip, "docx"),
        "pdf without text": (scanned, "OCR"),
        "legacy encoding": (legacy, "encoding"),
    }


def test_bad_input_gets_a_clear_error_and_leaves_the_store_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store_path = tmp_path / "store"
    assert (
        main(
            [
                "ingest",
                str(SAMPLES / "an-giang_kh-trien-khai-cd-17-2025.txt"),
                "--store",
                str(store_path),
            ]
        )
        == 0
    )
    with PolicyStore.open(store_path) as store:
        before = store.dump("application/n-quads")
    capsys.readouterr()
    for name, (path, words) in _bad_files(tmp_path).items():
        code = main(["ingest", str(path), "--store", str(store_path)])
        output = capsys.readouterr()
        message = output.out + output.err
        assert code != 0, name
        assert path.name in message, (name, message)
        assert words.lower() in message.lower(), (name, message)
        with PolicyStore.open(store_path) as store:
            assert store.dump("application/n-quads") == before, name


def test_a_good_and_a_bad_file_together_exit_non_zero_and_keep_the_good_one(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    store_path = tmp_path / "store"
    good = SAMPLES / "dong-thap_kh-sxtdbv-2023.txt"
    assert main(["ingest", str(good), str(empty), "--store", str(store_path)]) == 1
    with PolicyStore.open(store_path) as store:
        assert POLID + graph_id(str(SAMPLES / "dong-thap_kh-sxtdbv-2023.txt")) in store.graph_iris()


def test_a_failed_write_leaves_the_previous_graph_in_place(tmp_path: Path) -> None:
    with PolicyStore.open(tmp_path / "store") as store:
        ingest(store, [SAMPLES / "an-giang_kh-trien-khai-cd-17-2025.txt"])
        graph_iri = POLID + graph_id(str(SAMPLES / "an-giang_kh-trien-khai-cd-17-2025.txt"))
        before = store.dump("application/n-triples", graph_iri)
        with pytest.raises(Exception, match="parse"):
            store.replace_graph(graph_iri, b"<broken", "application/n-triples")
        assert store.dump("application/n-triples", graph_iri) == before


def test_the_graph_parses_back_from_every_export_format(sample_store: Path, tmp_path: Path) -> None:
    formats = {"ttl": "turtle", "trig": "trig", "nq": "nquads", "jsonld": "json-ld"}
    for fmt, parser in formats.items():
        out = tmp_path / f"export.{fmt}"
        assert main(["export", "--store", str(sample_store), "--format", fmt, "-o", str(out)]) == 0
        dataset = Dataset()
        dataset.parse(out, format=parser)
        assert len(list(dataset.quads())) > 1000, fmt


def test_export_of_one_plan(sample_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.ttl"
    assert main(["export", "--store", str(sample_store), "--format", "ttl", "--plan",
                 "doc-kh-dong-thap-pre2025-2023-e9326e56", "-o", str(out)]) == 0  # fmt: skip
    graph = Graph().parse(out, format="turtle")
    assert len(graph) > 500
    text = out.read_text(encoding="utf-8")
    assert "3235715000" in text and "07/KH-UNBD" in text
    assert "an-giang" not in text
