"""The use cases on the embedded store and on a SPARQL server (Virtuoso on loopback).

The three sample plans are ingested into each backend with the same ``graph.ingest.run.ingest``;
a real HTTP server is started over each. The same checks run on both, and where a route or
a named query gives rows, the two backends must give the same ones.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
import rdflib
from pyoxigraph import Literal

from api.sparql.routes import QUERY_TIMEOUT_STATUS
from graph.build.ids import graph_id, node
from graph.ingest.run import ingest
from graph.queries.named import named_query, query_names, run_named
from graph.read.mandates import mandates
from graph.store.embedded import PolicyStore, QueryError, StoreError
from graph.store.location import open_store
from graph.store.remote.store import STAGING_PREFIX, RemoteStore
from tests.remote.virtuoso_server import VirtuosoServer, running_virtuoso

pytestmark = pytest.mark.remote

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "data" / "samples"
HA_TINH_FILE = SAMPLES / "ha-tinh_kh-sxtdbv-2026-2030.txt"
HA_TINH_PLAN = "doc-kh-ha-tinh-2026-2030-87ea930a"
MERGED_INTO = node("agency-so-nong-nghiep-va-moi-truong-dong-thap")
BOUND_FOR_PATHS = {
    "predecessors": {"agency": MERGED_INTO},
    "handovers": {"agency": MERGED_INTO},
    "agency_timeline": {"agency": MERGED_INTO},
    "node_description": {"node": MERGED_INTO},
    # one node's values, as the views ask for them (unbound: every literal of the store)
    "visual_node": {"node": MERGED_INTO},
}
SAMPLE_PLANS = {HA_TINH_PLAN, "doc-kh-dong-thap-pre2025-2023-e9326e56", "doc-kh-an-giang-pre2025-undated-914180d8"}
POLID = "https://w3id.org/policykg/id/"
BACKENDS = ["embedded", "virtuoso"]
PLAN_COUNT = (
    "PREFIX pol: <https://w3id.org/policykg/ontology#> SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a pol:Plan }"
)


@dataclass
class Deployment:
    name: str
    spec: str
    server: Any  # tests.conftest.RunningServer

    def url(self, path: str) -> str:
        return str(self.server.url(path))

    def get(self, path: str, **params: object) -> Any:
        response = httpx.get(self.url(path), params=params, timeout=30)  # type: ignore[arg-type]
        assert response.status_code == 200, response.text
        return response.json()

    def reader(self) -> PolicyStore:
        """A store object beside the running server (read-only for the embedded store)."""
        if self.name == "embedded":
            return PolicyStore.open_read_only(self.spec)
        return open_store(self.spec)


@pytest.fixture(scope="module")
def use_case_virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    """A Virtuoso of this module's own, holding the samples only."""
    with running_virtuoso(tmp_path_factory.mktemp("virtuoso-use-cases")) as server:
        yield server


@pytest.fixture(scope="module")
def deployments(
    tmp_path_factory: pytest.TempPathFactory,
    serve_app: Callable[[Mapping[str, str]], object],
    use_case_virtuoso: VirtuosoServer,
) -> dict[str, Deployment]:
    specs = {
        "embedded": str(tmp_path_factory.mktemp("embedded") / "store"),
        "virtuoso": use_case_virtuoso.store_spec,
    }
    found = {}
    for name, spec in specs.items():
        with open_store(spec) as store:
            reports = ingest(store, [SAMPLES])
            assert [r.error for r in reports if not r.ok] == []
        found[name] = Deployment(name, spec, serve_app({"POLICYKG_STORE": spec}))
    return found


@pytest.fixture(params=BACKENDS)
def deployment(request: pytest.FixtureRequest, deployments: dict[str, Deployment]) -> Deployment:
    return deployments[request.param]


# ------------------------------------------------------------------ the routes


def test_plans_lists_the_three_sample_plans(deployment: Deployment) -> None:
    body = deployment.get("/plans")
    assert body["total"] == 3
    assert {plan["id"] for plan in body["items"]} == SAMPLE_PLANS


def test_the_ha_tinh_plan_has_its_tasks(deployment: Deployment) -> None:
    plan = deployment.get(f"/plans/{HA_TINH_PLAN}")
    assert plan["province_name"] == "Hà Tĩnh" and plan["year"] == 2026
    task = next(t for t in plan["task_list"] if t["code"] == "I.4")
    assert [a["as_written"] for a in task["assignments"] if a["role"] == "lead"] == [
        "Sở Công Thương",
        "Sở Giáo dục và Đào tạo",
    ]
    assert "889/QĐ-TTg" in {reference["number"] for reference in plan["references"]}


def test_an_unknown_plan_is_a_404_on_both(deployment: Deployment) -> None:
    response = httpx.get(deployment.url("/plans/doc-nothing"), timeout=30)
    assert response.status_code == 404 and "doc-nothing" in response.json()["detail"]


ROUTES: list[tuple[str, dict[str, object]]] = [
    ("/plans", {}),
    (f"/plans/{HA_TINH_PLAN}", {}),
    ("/plans/doc-kh-an-giang-pre2025-undated-914180d8", {}),
    ("/agencies", {"province": "Hà Tĩnh"}),
    ("/agencies/agency-so-cong-thuong-ha-tinh/mandates", {}),
    ("/agencies/agency-so-cong-thuong-an-giang-pre2025/mandates", {"role": "lead"}),
    ("/agencies/agency-so-nong-nghiep-va-moi-truong-dong-thap/mandates", {"include_predecessors": "true"}),
    ("/search", {"q": "tieu dung ben vung"}),
    ("/targets", {}),
    ("/targets", {"province": "Đồng Tháp"}),
    ("/legal/doc-889-qd-ttg-2020/lineage", {}),
    ("/legal/doc-135-2024-nd-cp/lineage", {}),
    ("/overlaps", {}),
    ("/targets/gaps", {}),
]


@pytest.mark.parametrize(("path", "params"), ROUTES, ids=[f"{p}?{q}" if q else p for p, q in ROUTES])
def test_every_route_answers_the_same_on_both_backends(
    deployments: dict[str, Deployment], path: str, params: dict[str, object]
) -> None:
    embedded = deployments["embedded"].get(path, **params)
    remote = deployments["virtuoso"].get(path, **params)
    assert _canonical(remote) == _canonical(embedded)
    assert embedded  # a route that answers nothing would prove nothing


def test_the_mandates_of_so_cong_thuong_ha_tinh_include_the_annex_tasks(deployment: Deployment) -> None:
    with deployment.reader() as store:
        found = mandates(store, "agency-so-cong-thuong-ha-tinh")
    annex_leads = {m.code for m in found if m.code and m.role == "lead" and m.plan == HA_TINH_PLAN}
    assert {"I.2", "I.3", "I.4", "II.1", "II.2", "II.3", "III.2", "III.4"} <= annex_leads
    eco = next(m for m in found if m.code == "III.4" and m.role == "lead")
    assert eco.file == "ha-tinh_kh-sxtdbv-2026-2030.txt" and eco.start_line == 217


# ------------------------------------------------------------- named queries


@pytest.mark.parametrize("name", query_names())
def test_each_named_query_gives_the_same_rows_on_both(deployments: dict[str, Deployment], name: str) -> None:
    """Unbound, each named query gives the same set of rows on both backends, once the
    documented differences of Virtuoso 7.2 are allowed for: its union default graph is a bag
    (a triple held by two graphs matches twice, and DISTINCT next to OPTIONAL sub-selects
    does not always remove that), its system graphs are part of the union, computed
    booleans come back as 0 / 1, numbers may change datatype (decimal 1E+9 as integer), and
    GROUP_CONCAT has no defined order (and is "" over nothing)."""
    text = named_query(name).text
    # A transitive path needs a bound end on Virtuoso ("transitive start not given"): the
    # queries that walk successor chains run for one merged-into agency, as the API runs them.
    bindings = BOUND_FOR_PATHS.get(name, {})
    if _is_construct(text):
        # a graph query (a node's Linked Data description): the same triples on both
        with deployments["embedded"].reader() as embedded, deployments["virtuoso"].reader() as remote:
            triples = {str(triple) for triple in embedded.query(text, bindings=bindings)}  # type: ignore[union-attr]
            remote_triples = {str(triple) for triple in remote.query(text, bindings=bindings)}  # type: ignore[union-attr]
        assert triples and remote_triples == triples
        return
    with deployments["embedded"].reader() as embedded, deployments["virtuoso"].reader() as remote:
        expected = run_named(embedded, name, **bindings)
        got = run_named(remote, name, **bindings)
    if bindings:
        assert expected, "a bound query that finds nothing proves nothing"
    got = [row for row in got if not any(str(value).startswith(SYSTEM_IRIS) for value in row.values())]
    assert _row_set(got, text) == _row_set(expected, text)
    assert len(got) >= len(expected)


def _is_construct(text: str) -> bool:
    """Whether a named query is a CONSTRUCT (its first line that is not a comment or a prefix)."""
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    first = next((line for line in lines if not line.upper().startswith("PREFIX")), "")
    return first.upper().startswith("CONSTRUCT")


def test_bound_values_select_the_same_rows_and_cannot_break_out(deployment: Deployment) -> None:
    query = named_query("plan_graph").text
    with deployment.reader() as store:
        rows = store.select(query, plan=node(HA_TINH_PLAN))
        assert [row["g"] for row in rows] == [POLID + graph_id(str(SAMPLES / "ha-tinh_kh-sxtdbv-2026-2030.txt"))]
        hostile = '"} } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o #'
        label_query = (
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?label ?plan WHERE { ?plan rdfs:label ?label }"
        )
        assert store.select(label_query, label=hostile) == []
        agency = store.select(label_query, label=Literal("Sở Công Thương tỉnh Hà Tĩnh", language="vi"))
        assert [row["plan"] for row in agency] == [POLID + "agency-so-cong-thuong-ha-tinh"]
        assert store.ask(PLAN_COUNT.replace("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE", "ASK"))


# -------------------------------------------------------------------- /sparql


def test_sparql_select_ask_and_construct_work(deployment: Deployment) -> None:
    select = httpx.get(deployment.url("/sparql"), params={"query": PLAN_COUNT}, timeout=30)
    assert select.status_code == 200
    assert select.headers["content-type"].startswith("application/sparql-results+json")
    assert select.json()["results"]["bindings"][0]["n"]["value"] == "3"
    assert select.headers["x-policykg-truncated"] == "false"
    ask = httpx.post(
        deployment.url("/sparql"),
        data={"query": f"ASK {{ <{POLID}{HA_TINH_PLAN}> ?p ?o }}"},
        headers={"Accept": "application/sparql-results+xml"},
        timeout=30,
    )
    assert ask.status_code == 200 and "<boolean>true</boolean>" in ask.text
    no = httpx.get(deployment.url("/sparql"), params={"query": f"ASK {{ <{POLID}doc-nothing> ?p ?o }}"}, timeout=30)
    assert no.json() == {"head": {}, "boolean": False}
    construct = httpx.get(
        deployment.url("/sparql"),
        params={"query": f"CONSTRUCT {{ <{POLID}{HA_TINH_PLAN}> ?p ?o }} WHERE {{ <{POLID}{HA_TINH_PLAN}> ?p ?o }}"},
        timeout=30,
    )
    assert construct.status_code == 200 and construct.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=construct.text, format="turtle")
    assert (rdflib.URIRef(POLID + HA_TINH_PLAN), rdflib.RDF.type, rdflib.URIRef(_POL + "Plan")) in graph


def test_sparql_results_and_errors_are_the_same_on_both(deployments: dict[str, Deployment]) -> None:
    tasks = f"PREFIX pol: <{_POL}> SELECT ?task WHERE {{ <{POLID}{HA_TINH_PLAN}> pol:hasTask ?task }} ORDER BY ?task"
    answers = {}
    for name, deployment in deployments.items():
        tsv = httpx.get(
            deployment.url("/sparql"),
            params={"query": tasks},
            headers={"Accept": "text/tab-separated-values"},
            timeout=30,
        )
        broken = httpx.get(deployment.url("/sparql"), params={"query": "SELECT ?x WHERE { ?x"}, timeout=30)
        graphs = httpx.get(
            deployment.url("/sparql"),
            params={
                "query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                "default-graph-uri": POLID + "graph-ontology",
            },
            timeout=30,
        )
        assert broken.status_code == 400 and broken.json()["detail"]
        answers[name] = (tsv.status_code, tsv.text.splitlines(), graphs.json()["results"]["bindings"])
    assert answers["virtuoso"] == answers["embedded"]
    assert len(answers["embedded"][1]) > 20


def test_the_row_cap_cuts_a_remote_result_as_it_cuts_an_embedded_one(
    deployments: dict[str, Deployment], serve_app: Callable[[Mapping[str, str]], Any]
) -> None:
    capped = serve_app({"POLICYKG_STORE": deployments["virtuoso"].spec, "POLICYKG_MAX_ROWS": "5"})
    response = httpx.get(
        capped.url("/sparql"),
        params={"query": "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 50"},
        timeout=30,
    )
    assert response.headers["x-policykg-truncated"] == "true"
    assert response.json()["truncated"] is True and len(response.json()["results"]["bindings"]) == 5


# --------------------------------------------------------------------- writes


@pytest.fixture
def writable(deployment: Deployment, tmp_path: Path) -> Iterator[PolicyStore]:
    """A store that can be written beside the running servers: the Virtuoso server itself;
    for the embedded backend (whose directory the server holds) a fresh store of the samples."""
    if deployment.name == "virtuoso":
        with open_store(deployment.spec) as store:
            yield store
        return
    with open_store(str(tmp_path / "store")) as store:
        assert all(r.ok for r in ingest(store, [SAMPLES]))
        yield store


def test_re_ingesting_a_file_replaces_its_graph(writable: PolicyStore) -> None:
    graph = POLID + graph_id(str(SAMPLES / "ha-tinh_kh-sxtdbv-2026-2030.txt"))
    size, total = writable.graph_size(graph), writable.triple_count()
    content = _graph_content(writable, graph)
    (report,) = ingest(writable, [HA_TINH_FILE])
    assert report.ok and report.triples == size > 1000
    assert writable.graph_size(graph) == size and writable.triple_count() == total
    assert _graph_content(writable, graph) == content


def test_a_write_failing_midway_leaves_the_old_graph_intact(writable: PolicyStore) -> None:
    graph = POLID + graph_id(str(SAMPLES / "ha-tinh_kh-sxtdbv-2026-2030.txt"))
    before = _graph_content(writable, graph)
    nt = writable.dump("application/n-triples", graph)
    new_fact = f'<{POLID}{HA_TINH_PLAN}> <{_POL}note> "a fact that must not land" .\n'.encode()
    if isinstance(writable, RemoteStore):
        # A payload that parses but that the server refuses in its last batch: the batches
        # before it have already been sent.
        store = RemoteStore(writable.endpoint, batch_triples=100)
        bad = f'<{POLID}{HA_TINH_PLAN}> <{_POL}taskCount> "many"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
        with pytest.raises(QueryError):
            store.replace_graph(graph, new_fact + nt + bad.encode(), "application/n-triples")
        assert store.updates_sent >= 10
        assert not store.ask(f'ASK {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{STAGING_PREFIX}")) }}')
        store.close()
    else:
        with pytest.raises(StoreError):
            writable.replace_graph(graph, new_fact + nt + b"<broken", "application/n-triples")
    assert _graph_content(writable, graph) == before
    assert not writable.ask('ASK { ?s ?p "a fact that must not land" }')


# -------------------------------------------------------------------- helpers

_POL = "https://w3id.org/policykg/ontology#"
_GROUP_CONCAT = re.compile(
    r'GROUP_CONCAT\((?:[^()]|\([^()]*\))*?separator\s*=\s*"([^"]*)"\s*\)\s+AS\s+\?(\w+)', re.IGNORECASE
)
SYSTEM_IRIS = ("http://www.openlinksw.com/", "http://www.w3.org/ns/ldp#", "http://localuriqaserver/")


def _graph_content(store: PolicyStore, graph: str) -> set[tuple[str, str, str]]:
    data = store.dump("application/n-triples", graph)
    parsed = rdflib.Graph().parse(data=data, format="nt")
    return {(str(s), str(p), _literal_key(o)) for s, p, o in parsed}


def _literal_key(term: Any) -> str:
    if isinstance(term, rdflib.Literal):
        value = term.toPython()
        return repr(value) if not isinstance(value, rdflib.Literal) else str(term)
    return str(term)


def _value(value: Any) -> Any:
    if isinstance(value, str) and value.startswith("_:"):
        return "_:blank"
    if isinstance(value, dt.datetime):  # when each store ingested its files (pol:ingestedAt)
        return "a time of ingest"
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value)).normalize()
    return value


def _row_set(rows: list[dict[str, Any]], query: str) -> set[tuple[tuple[str, Any], ...]]:
    concatenated = dict((name, separator) for separator, name in _GROUP_CONCAT.findall(query))
    found = set()
    for row in rows:
        items = []
        for key, value in row.items():
            if key in concatenated:
                if value == "":
                    continue
                parts = str(value).split(concatenated[key].encode().decode("unicode_escape"))
                items.append((key, tuple(sorted(parts))))
            else:
                items.append((key, _value(value)))
        found.add(tuple(sorted(items, key=lambda item: item[0])))
    return found


def _canonical(value: Any) -> Any:
    """JSON with lists of objects in a fixed order (engines may order ties differently)."""
    if isinstance(value, dict):
        # when each store ingested its files differs from one store to the other
        return {key: _canonical(item) for key, item in value.items() if key != "ingested"}
    if isinstance(value, list):
        items = [_canonical(item) for item in value]
        return sorted(items, key=repr)
    if isinstance(value, float):
        return round(value, 9)
    return value


def test_a_remote_query_over_the_time_limit_is_stopped_like_an_embedded_one(
    deployments: dict[str, Deployment], serve_app: Callable[[Mapping[str, str]], Any]
) -> None:
    quick = serve_app({"POLICYKG_STORE": deployments["virtuoso"].spec, "POLICYKG_QUERY_TIMEOUT_S": "1"})
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER(STR(?c) < STR(?f)) }"
    response = httpx.get(quick.url("/sparql"), params={"query": slow}, timeout=30)
    assert response.status_code == QUERY_TIMEOUT_STATUS and "1 s" in response.json()["detail"]
    after = httpx.get(quick.url("/sparql"), params={"query": PLAN_COUNT}, timeout=30)
    assert after.status_code == 200 and after.json()["results"]["bindings"][0]["n"]["value"] == "3"
