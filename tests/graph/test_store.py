"""The graph store: opening, replacing graphs atomically, querying, dumping."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from pyoxigraph import QuerySolutions
from rdflib.compare import isomorphic

from graph.queries.named import QUERY_DIR, named_query, query_names, run_named
from graph.store.embedded import PolicyStore, QueryError, StoreError, iri, resolve_location

POL = "https://w3id.org/policykg/ontology#"
POLID = "https://w3id.org/policykg/id/"
PLAN_GRAPH = POLID + "graph-an-giang-kh-trien-khai-cd-17-2025"
REFERENCE_GRAPH = POLID + "graph-reference-agencies"
PREFIXES = (
    "PREFIX pol: <https://w3id.org/policykg/ontology#> "
    "PREFIX polid: <https://w3id.org/policykg/id/> "
    "PREFIX dcterms: <http://purl.org/dc/terms/> "
    "PREFIX prov: <http://www.w3.org/ns/prov#> "
)


@pytest.fixture
def store(sample_graphs: dict[str, str]) -> PolicyStore:
    policy_store = PolicyStore.open(":memory:")
    for graph, turtle in sample_graphs.items():
        policy_store.replace_graph(graph, turtle, "text/turtle")
    return policy_store


def test_the_store_lists_its_graphs_and_counts_their_triples(store: PolicyStore) -> None:
    assert store.graph_iris() == [PLAN_GRAPH, REFERENCE_GRAPH]
    plan = store.graph_size(PLAN_GRAPH)
    reference = store.graph_size(REFERENCE_GRAPH)
    assert reference == 13
    assert plan > 20
    assert store.triple_count() == plan + reference
    assert store.graph_size(POLID + "graph-absent") == 0


def test_a_broken_payload_leaves_the_store_exactly_as_it_was(store: PolicyStore) -> None:
    before = store.dump("application/n-quads")
    broken = '<https://w3id.org/policykg/id/x> <https://w3id.org/policykg/ontology#p> "unclosed .'
    with pytest.raises(StoreError, match="cannot parse"):
        store.replace_graph(PLAN_GRAPH, broken, "text/turtle")
    assert store.dump("application/n-quads") == before
    assert store.graph_size(PLAN_GRAPH) > 20


def test_a_payload_naming_another_graph_is_refused_without_change(store: PolicyStore) -> None:
    before = store.dump("nq")
    payload = f"<{POLID}a> <{POL}p> <{POLID}b> <{PLAN_GRAPH}> .\n<{POLID}a> <{POL}p> <{POLID}c> <{REFERENCE_GRAPH}> .\n"
    with pytest.raises(StoreError, match="another graph"):
        store.replace_graph(PLAN_GRAPH, payload, "application/n-quads")
    assert store.dump("nq") == before


def test_replacing_a_graph_twice_with_the_same_data_gives_identical_content(
    store: PolicyStore, sample_graphs: dict[str, str]
) -> None:
    first = store.dump("nq")
    written = store.replace_graph(PLAN_GRAPH, sample_graphs[PLAN_GRAPH], "text/turtle")
    assert written == store.graph_size(PLAN_GRAPH)
    assert store.dump("nq") == first


def test_replacing_a_graph_drops_what_the_new_data_no_longer_says(store: PolicyStore) -> None:
    reference_before = store.dump("nq", REFERENCE_GRAPH)
    turtle = f'<{POLID}doc-x> <{POL}documentNumber> "07/KH-UBND" .'
    assert store.replace_graph(PLAN_GRAPH, turtle, "text/turtle") == 1
    assert store.graph_size(PLAN_GRAPH) == 1
    assert store.dump("nq", REFERENCE_GRAPH) == reference_before
    assert store.remove_graph(PLAN_GRAPH) is True
    assert store.remove_graph(PLAN_GRAPH) is False
    assert store.graph_iris() == [REFERENCE_GRAPH]


def test_select_gives_python_values(store: PolicyStore) -> None:
    rows = store.select(
        PREFIXES
        + """SELECT ?number ?issued ?start ?draft ?agency WHERE {
            ?plan a pol:Plan ; pol:isDraft ?draft ; pol:implements ?doc ;
                  pol:hasTask/pol:leadAgency ?agency ; prov:wasDerivedFrom ?span .
            ?doc pol:documentNumber ?number ; dcterms:issued ?issued .
            ?span pol:startLine ?start .
        }"""
    )
    assert rows == [
        {
            "number": "17/CĐ-TTg",
            "issued": dt.date(2025, 2, 20),
            "start": 1,
            "draft": False,
            "agency": POLID + "agency-so-cong-thuong-an-giang-pre2025",
        }
    ]


def test_bindings_are_substituted_by_oxigraph(store: PolicyStore) -> None:
    query = PREFIXES + ("SELECT ?agency ?task WHERE { ?task pol:leadAgency ?agency } ORDER BY ?task")
    lead = iri(POLID + "agency-so-cong-thuong-an-giang-pre2025")
    assert store.select(query, agency=lead) == [
        {"agency": lead.value, "task": POLID + "task-an-giang-cd-17-2025-v-1-1"}
    ]
    assert store.select(query, agency=iri(POLID + "agency-nobody")) == []
    numbered = PREFIXES + "SELECT ?doc ?number WHERE { ?doc pol:documentNumber ?number }"
    assert store.select(numbered, number="135/2024/NĐ-CP") == [
        {"doc": POLID + "doc-135-2024-nd-cp", "number": "135/2024/NĐ-CP"}
    ]
    assert store.ask(PREFIXES + "ASK { ?t pol:taskCode ?code }", code="V.1") is True


def test_the_default_graph_is_the_union_unless_graphs_are_named(store: PolicyStore) -> None:
    query = PREFIXES + "SELECT ?doc WHERE { ?doc a pol:LegalDocument } ORDER BY ?doc"

    def docs(default_graph_uris: list[str] | None = None) -> list[str]:
        result = store.query(query, default_graph_uris=default_graph_uris)
        assert isinstance(result, QuerySolutions)
        return [str(solution["doc"].value) for solution in result]  # type: ignore[union-attr]

    assert docs() == [POLID + "doc-135-2024-nd-cp", POLID + "doc-17-cd-ttg-2025"]
    assert docs(default_graph_uris=[REFERENCE_GRAPH]) == [POLID + "doc-17-cd-ttg-2025"]
    assert docs(default_graph_uris=[]) == []
    with_from = PREFIXES + f"SELECT ?doc FROM <{PLAN_GRAPH}> WHERE {{ ?doc a pol:LegalDocument }}"
    assert [row["doc"] for row in store.select(with_from)] == [POLID + "doc-135-2024-nd-cp"]
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    named = store.query(graphs, named_graph_uris=[PLAN_GRAPH])
    assert isinstance(named, QuerySolutions)
    assert [str(solution["g"].value) for solution in named] == [PLAN_GRAPH]  # type: ignore[union-attr]


def test_bad_queries_raise_query_error_with_the_parser_message(store: PolicyStore) -> None:
    with pytest.raises(QueryError, match=r"syntax error: error at 1:\d+"):
        store.query("SELECT * WHERE { ?s ?p }")
    with pytest.raises(QueryError, match="invalid graph IRI"):
        store.query("SELECT * WHERE { ?s ?p ?o }", default_graph_uris=["not an iri"])


def test_the_store_refuses_service_and_load(store: PolicyStore) -> None:
    with pytest.raises(QueryError, match="SERVICE is not allowed"):
        store.query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    with pytest.raises(QueryError, match="LOAD is not allowed"):
        store.update("LOAD <http://127.0.0.1:9/data.ttl>")


def test_update_is_one_transaction(store: PolicyStore) -> None:
    before = store.dump("nq")
    with pytest.raises(QueryError):
        store.update(
            f"INSERT DATA {{ GRAPH <{PLAN_GRAPH}> {{ <{POLID}x> <{POL}p> 1 }} }} ; CREATE GRAPH <{PLAN_GRAPH}>"
        )
    assert store.dump("nq") == before
    store.update(f"INSERT DATA {{ GRAPH <{PLAN_GRAPH}> {{ <{POLID}x> <{POL}p> 1 }} }}")
    assert store.ask(f"ASK {{ <{POLID}x> <{POL}p> 1 }}")


@pytest.mark.parametrize(
    ("fmt", "rdflib_format", "dataset"),
    [
        ("text/turtle", "turtle", False),
        ("application/n-triples", "nt", False),
        ("application/rdf+xml", "xml", False),
        ("application/trig", "trig", True),
        ("application/n-quads", "nquads", True),
        ("application/ld+json", "json-ld", True),
    ],
)
def test_dumps_parse_back_to_the_same_graphs(
    store: PolicyStore, sample_graphs: dict[str, str], fmt: str, rdflib_format: str, dataset: bool
) -> None:
    expected = rdflib.Dataset()
    for graph, turtle in sample_graphs.items():
        expected.graph(rdflib.URIRef(graph)).parse(data=turtle, format="turtle")

    plan_name = rdflib.URIRef(PLAN_GRAPH)
    one_graph = store.dump(fmt, PLAN_GRAPH)
    if dataset:
        holder = rdflib.Dataset()
        holder.parse(data=one_graph, format=rdflib_format)
        assert {g.identifier for g in holder.graphs() if len(g)} == {plan_name}
        plan = holder.graph(plan_name)
    else:
        plan = rdflib.Graph().parse(data=one_graph, format=rdflib_format)
    assert isomorphic(plan, expected.graph(plan_name))

    whole = store.dump(fmt)
    if dataset:
        parsed = rdflib.Dataset()
        parsed.parse(data=whole, format=rdflib_format)
        for graph in sample_graphs:
            name = rdflib.URIRef(graph)
            assert isomorphic(parsed.graph(name), expected.graph(name)), graph
    else:
        union = rdflib.Graph().parse(data=whole, format=rdflib_format)
        merged = rdflib.Graph()
        for graph in sample_graphs:
            merged += expected.graph(rdflib.URIRef(graph))
        assert isomorphic(union, merged)


def test_the_location_defaults_to_the_environment_then_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("POLICYKG_STORE", raising=False)
    assert resolve_location(None) == Path(".policykg/store")
    with PolicyStore.open() as store:
        assert store.location == Path(".policykg/store")
        assert (tmp_path / ".policykg" / "store" / "CURRENT").is_file()
    monkeypatch.setenv("POLICYKG_STORE", str(tmp_path / "elsewhere"))
    with PolicyStore.open() as store:
        assert store.location == tmp_path / "elsewhere"
    assert resolve_location(":memory:") is None
    with pytest.raises(
        StoreError, match=r"is a SPARQL server, not a directory: open it with graph\.store\.location\.open_store"
    ):
        PolicyStore.open("sparql+http://127.0.0.1:8890/sparql")


def test_only_one_process_holds_a_store_read_write(tmp_path: Path, sample_graphs: dict[str, str]) -> None:
    path = tmp_path / "store"
    other_process = [
        sys.executable,
        "-c",
        "import sys; from graph.store.embedded import PolicyStore, StoreError\n"
        "try:\n    PolicyStore.open(sys.argv[1]).close()\n"
        "except StoreError as error:\n    print(error); sys.exit(3)\n",
        str(path),
    ]
    with PolicyStore.open(path) as store:
        store.replace_graph(PLAN_GRAPH, sample_graphs[PLAN_GRAPH], "text/turtle")
        assert store.size_on_disk() > 0
        refused = subprocess.run(other_process, capture_output=True, text=True, check=False)
        assert refused.returncode == 3, refused.stderr
        assert "open in another process" in refused.stdout

        reader = PolicyStore.open_read_only(path)
        assert reader.graph_iris() == [PLAN_GRAPH]
        with pytest.raises(StoreError, match="read-only"):
            reader.replace_graph(PLAN_GRAPH, "", "text/turtle")
        store.remove_graph(PLAN_GRAPH)
        assert reader.graph_iris() == [PLAN_GRAPH], "a read-only instance is a snapshot"
        assert PolicyStore.open_read_only(path).graph_iris() == []
    released = subprocess.run(other_process, capture_output=True, text=True, check=False)
    assert released.returncode == 0, released.stdout + released.stderr


def test_named_queries_say_what_they_answer(store: PolicyStore) -> None:
    assert "graphs" in query_names()
    for name in query_names():
        assert named_query(name).question, name
    assert named_query("graphs").question.startswith("Which named graphs")
    rows = run_named(store, "graphs")
    assert rows == [
        {"graph": PLAN_GRAPH, "triples": store.graph_size(PLAN_GRAPH)},
        {"graph": REFERENCE_GRAPH, "triples": 13},
    ]
    assert (QUERY_DIR / "graphs.rq").is_file()
    with pytest.raises(StoreError, match="no named query"):
        named_query("no-such-query")
    with pytest.raises(StoreError, match="invalid query name"):
        named_query("../store")
