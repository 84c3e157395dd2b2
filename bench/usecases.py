"""The use cases the benchmarks measure: each a route of the API and the named query behind it
(or a named query alone), with the identifiers they need picked from the data itself.

The same query runs on every engine: in Oxigraph with substitutions, in rdflib with
``initBindings``, and over HTTP with a trailing ``VALUES`` clause (both endpoints). rdflib and
rdflib-endpoint get it without join hints (:func:`graph.queries.named.without_join_hints`):
rdflib joins a sub-select by comparing every pair of solutions, about 28 times slower on the targets
query at 10^4 tasks, so the peers are timed on the form that is fastest for them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from pyoxigraph import QuerySolutions

from graph.analysis.overlaps.analysis import MAX_COMPARED
from graph.build.ids import node
from graph.queries.named import without_join_hints
from graph.read.plans import all_plans
from graph.store.embedded import QueryResult
from graph.store.protocol import GraphStore

QUERIES = Path(__file__).resolve().parents[1] / "graph" / "queries"
POLID = "https://w3id.org/policykg/id/"
POL = "https://w3id.org/policykg/ontology#"


@dataclass(frozen=True)
class UseCase:
    name: str
    route: str | None  # path template with {plan} {agency} {document} {successor}
    query: str | None  # named query (graph/queries/<query>.rq)
    binding: tuple[str, str] | None = None  # (query variable, which picked id)
    join_heavy: bool = False
    route_max_tasks: int | None = None  # do not call the route above this size (see its note)
    note: str = ""

    def sparql(self, *, plain: bool = False) -> str | None:
        """The query text; ``plain``: without join hints (for the rdflib peers)."""
        if self.query is None:
            return None
        path = QUERIES / f"{self.query}.rq"
        if not path.is_file():
            return None
        text = path.read_text(encoding="utf-8")
        return without_join_hints(text) if plain else text

    @property
    def label(self) -> str:
        return f"{self.name} ({self.query}.rq)" if self.query else self.name

    def bound(self, ids: dict[str, str]) -> dict[str, str]:
        """The query variable to bind and the local id it takes (none for an unbound query)."""
        if self.binding is None:
            return {}
        variable, which = self.binding
        return {variable: ids[which]}

    def path(self, ids: dict[str, str]) -> str | None:
        if self.route is None:
            return None
        return self.route.format(**{key: quote(value, safe="") for key, value in ids.items()})

    def http_text(self, ids: dict[str, str], *, plain: bool = False) -> str | None:
        """The query with its binding as a trailing VALUES clause (for SPARQL over HTTP)."""
        text = self.sparql(plain=plain)
        if text is None or self.binding is None:
            return text
        variable, which = self.binding
        return f"{text.rstrip()}\nVALUES ?{variable} {{ <{POLID}{ids[which]}> }}\n"


USE_CASES: tuple[UseCase, ...] = (
    UseCase("plans", "/plans", "plans", join_heavy=True),
    UseCase("plan detail", "/plans/{plan}", "plan_tasks", ("plan", "plan")),
    UseCase("plan references", None, "plan_references", ("plan", "plan")),
    UseCase("agencies", "/agencies", "agencies", join_heavy=True),
    UseCase("mandates", "/agencies/{agency}/mandates", "mandates", ("agency", "agency"), join_heavy=True),
    UseCase("inherited mandates", None, "predecessors", ("agency", "successor"), join_heavy=True),
    UseCase("lineage", "/legal/{document}/lineage", "legal_chain", ("start", "document")),
    UseCase("search", "/search?q=so%20cong%20thuong", "search_corpus", join_heavy=True),
    UseCase("targets", "/targets", "targets", join_heavy=True),
    UseCase(
        "overlaps",
        "/overlaps",
        None,
        route_max_tasks=MAX_COMPARED,
        note=f"above {MAX_COMPARED:,} provincial tasks the route asks for provinces (422): see the use case"
        ' "overlaps of two provinces"',
    ),
    UseCase(
        "overlaps of two provinces",
        "/overlaps?provinces={provinces}",
        None,
        note=f"the two provinces with the most tasks that together hold at most {MAX_COMPARED:,}",
    ),
    UseCase("lead types in several provinces", None, "example_overlaps", join_heavy=True),
    UseCase("descendants of QĐ 889", None, "example_lineage", join_heavy=True),
    UseCase("Sở Công Thương mandates", None, "example_mandates", join_heavy=True),
)

_PICKS: dict[str, str] = {
    # a plan that implements an earlier plan (a lineage of at least two levels), else any plan
    "plan": f"""SELECT ?id WHERE {{
        ?id a <{POL}Plan> . OPTIONAL {{ ?id <{POL}implements> ?up . ?up a <{POL}Plan> }}
    }} ORDER BY DESC(BOUND(?up)) ?id LIMIT 1""",
    # the agency that leads the most tasks
    "agency": f"""SELECT ?id (COUNT(*) AS ?n) WHERE {{ ?t <{POL}leadAgency> ?id }}
        GROUP BY ?id ORDER BY DESC(?n) ?id LIMIT 1""",
    # the successor with the most predecessors (for inherited mandates)
    "successor": f"""SELECT ?id (COUNT(*) AS ?n) WHERE {{ ?h <{POL}successor> ?id . ?t <{POL}agency> ?h }}
        GROUP BY ?id ORDER BY DESC(?n) ?id LIMIT 1""",
}


def pick_ids(store: GraphStore) -> dict[str, str]:
    """Local ids (after ``polid:``) of a plan, an agency and a successor agency in the store."""
    ids: dict[str, str] = {}
    for key, sparql in _PICKS.items():
        rows = store.select(sparql)
        if rows:
            ids[key] = str(rows[0]["id"]).removeprefix(POLID)
    if "successor" not in ids and "agency" in ids:
        ids["successor"] = ids["agency"]
    ids["document"] = ids.get("plan", "")
    ids["provinces"] = ",".join(_two_provinces(store))
    return ids


def _two_provinces(store: GraphStore) -> list[str]:
    """The two provinces with the most tasks that may be compared at once (one if only one)."""
    tasks: dict[str, int] = {}
    for plan in all_plans(store):
        if plan.province:
            tasks[plan.province] = tasks.get(plan.province, 0) + plan.tasks
    ranked = sorted(tasks, key=lambda p: (-tasks[p], p))
    pairs = [(a, b) for k, a in enumerate(ranked) for b in ranked[k + 1 :] if tasks[a] + tasks[b] <= MAX_COMPARED]
    if pairs:
        first, second = max(pairs, key=lambda pair: tasks[pair[0]] + tasks[pair[1]])
        return [first, second]
    return ranked[:1]


def oxigraph_runner(store: GraphStore, case: UseCase, ids: dict[str, str]) -> Callable[[], int] | None:
    """The use case's query in the store, its rows counted as the engine gives them (pyoxigraph
    terms), as rdflib's are counted as rdflib terms. Turning terms into Python values is the
    API's work on top of either engine; it is timed with the routes."""
    text = case.sparql()
    if text is None:
        return None
    bindings = {variable: node(local_id) for variable, local_id in case.bound(ids).items()}
    return lambda: _count(store.query(text, bindings=bindings))


def _count(result: QueryResult) -> int:
    if not isinstance(result, QuerySolutions):
        raise TypeError("a use case's query is a SELECT query")
    return sum(1 for _solution in result)
