"""Running the W3C SPARQL 1.1 protocol, result-format and service-description tests against
a SPARQL endpoint over HTTP, and scoring them.

Each protocol test's requests are sent as the manifest writes them (method, path and query
string, headers, body in its declared character encoding) to the endpoint, after its
``ut:graphData`` has been loaded through the endpoint itself (``DROP ALL`` then an
``INSERT``, with the update token). Result-format tests load their data the same way, into a named
graph (the endpoint's default graph is the union of its named graphs), send the query with the
``Accept`` of the format under test and compare the answer with the expected document
(tests.sparql_w3c.results).

Run by hand against any endpoint: ``python -m tests.sparql_w3c.runner http://host:port/sparql
[token]``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import httpx
from rdflib import RDF, Graph, Namespace, URIRef

from tests.sparql_w3c.manifests import (
    DescriptionTest,
    HttpRequest,
    ProtocolTest,
    ResultFormatTest,
    Suite,
    read_suite,
)
from tests.sparql_w3c.results import (
    RDF_MEDIA_TYPES,
    RESULT_MEDIA_TYPES,
    ResultMismatch,
    compare_tables,
    expected_reader,
    is_ordered,
    media_type,
    read_boolean,
    read_table,
)

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
SD_LANGUAGES = {SD.SPARQL10Query, SD.SPARQL11Query, SD.SPARQL11Update}
ACCEPT_BY_SUFFIX = {".srj": "application/sparql-results+json", ".csv": "text/csv", ".tsv": "text/tab-separated-values"}
TIMEOUT_S = 30.0


@dataclass(frozen=True)
class Outcome:
    manifest: str
    name: str
    passed: bool
    reason: str = ""


class Endpoint:
    """A SPARQL endpoint URL, with the bearer token its updates need (if any)."""

    def __init__(self, url: str, token: str | None = None):
        self.url = url.rstrip("/")
        self.token = token
        self.client = httpx.Client(timeout=TIMEOUT_S)

    def send(self, method: str, path: str, headers: Iterable[tuple[str, str]], body: bytes | None) -> httpx.Response:
        sent = list(headers)
        if self.token:
            sent.append(("Authorization", f"Bearer {self.token}"))
        return self.client.request(method, self.url + path, headers=sent, content=body)

    def update(self, text: str) -> None:
        response = self.send("POST", "", [("Content-Type", "application/sparql-update")], text.encode())
        if response.status_code // 100 != 2:
            raise RuntimeError(f"loading the test data failed: {response.status_code} {response.text[:300]}")

    def load(self, graphs: Iterable[tuple[Path, str]]) -> None:
        """Empty the dataset, then put each file's triples into its named graph."""
        self.update("DROP ALL")
        for file, graph_iri in graphs:
            data = Graph().parse(file, format="turtle" if file.suffix == ".ttl" else "nt")
            triples = data.serialize(format="nt")
            # a template rather than INSERT DATA: some servers refuse blank nodes in DATA blocks
            self.update(f"INSERT {{ GRAPH <{graph_iri}> {{\n{triples}\n}} }} WHERE {{}}")

    def close(self) -> None:
        self.client.close()


def check_response(request: HttpRequest, response: httpx.Response) -> None:
    expected = request.expected
    if response.status_code // 100 not in expected.status_classes:
        wanted = " or ".join(f"{c}xx" for c in sorted(expected.status_classes))
        raise ResultMismatch(f"status {response.status_code} instead of {wanted}: {response.text[:300]}")
    media = media_type(response.headers.get("content-type"))
    if expected.result_format == "boolean":
        value = read_boolean(response.content, media)
        if expected.boolean is not None and value != expected.boolean:
            raise ResultMismatch(f"answered {value}, expected {expected.boolean}")
    elif expected.result_format == "tabular":
        if media not in RESULT_MEDIA_TYPES:
            raise ResultMismatch(f"a SELECT result as {media!r}")
        read_table(response.content, media)
    elif expected.result_format == "RDF":
        if media not in RDF_MEDIA_TYPES:
            raise ResultMismatch(f"an RDF result as {media!r}, not RDF/XML, Turtle or N-Triples")
        try:
            Graph().parse(data=response.content, format=RDF_MEDIA_TYPES[media])
        except Exception as error:  # any parser failure is the endpoint's
            raise ResultMismatch(f"the {media} body does not parse: {error}") from error


def run_protocol_test(endpoint: Endpoint, test: ProtocolTest) -> Outcome:
    try:
        if test.graph_data:
            endpoint.load((item.file, item.graph_iri) for item in test.graph_data)
        for index, request in enumerate(test.requests, start=1):
            response = endpoint.send(request.method, request.path, request.headers, request.body)
            try:
                check_response(request, response)
            except ResultMismatch as error:
                raise ResultMismatch(f"request {index} ({request.method}): {error}") from error
    except (ResultMismatch, RuntimeError, httpx.HTTPError) as error:
        return Outcome("protocol", test.name, False, str(error))
    return Outcome("protocol", test.name, True)


def run_result_format_test(endpoint: Endpoint, test: ResultFormatTest) -> Outcome:
    manifest = test.result.parent.name
    try:
        endpoint.load([(test.data, test.data.resolve().as_uri())])
        query = test.query.read_text(encoding="utf-8")
        accept = ACCEPT_BY_SUFFIX[test.result.suffix]
        response = endpoint.send(
            "POST", "", [("Content-Type", "application/sparql-query"), ("Accept", accept)], query.encode()
        )
        if response.status_code != 200:
            raise ResultMismatch(f"status {response.status_code}: {response.text[:300]}")
        media = media_type(response.headers.get("content-type"))
        if media != accept:
            raise ResultMismatch(f"answered {media!r} to Accept: {accept}")
        expected = expected_reader(test.result.suffix)(test.result.read_bytes())
        if isinstance(expected, bool):
            actual = read_boolean(response.content, media)
            if actual != expected:
                raise ResultMismatch(f"answered {actual}, expected {expected}")
        else:
            compare_tables(expected, read_table(response.content, media), ordered=is_ordered(query))
    except (ResultMismatch, RuntimeError, httpx.HTTPError, SyntaxError) as error:
        return Outcome(manifest, test.name, False, str(error))
    return Outcome(manifest, test.name, True)


def run_description_test(endpoint: Endpoint, test: DescriptionTest) -> Outcome:
    try:
        response = endpoint.client.get(endpoint.url, headers={"Accept": "text/turtle, application/rdf+xml;q=0.9"})
        if response.status_code != 200:
            raise ResultMismatch(f"status {response.status_code}")
        media = media_type(response.headers.get("content-type"))
        if media not in RDF_MEDIA_TYPES:
            raise ResultMismatch(f"the description is {media!r}, not RDF")
        graph = Graph().parse(data=response.content, format=RDF_MEDIA_TYPES[media])
        if test.name == "returns-rdf" and len(graph) == 0:
            raise ResultMismatch("the description is empty")
        if test.name == "has-endpoint-triple" and (None, SD.endpoint, URIRef(endpoint.url)) not in graph:
            raise ResultMismatch(f"no sd:endpoint <{endpoint.url}>")
        if test.name == "conforms-to-schema":
            check_description_schema(graph)
    except (ResultMismatch, httpx.HTTPError, SyntaxError) as error:
        return Outcome("service-description", test.name, False, str(error))
    return Outcome("service-description", test.name, True)


def check_description_schema(graph: Graph) -> None:
    """The ranges the Service Description vocabulary gives its properties."""
    services = list(graph.subjects(RDF.type, SD.Service))
    if not services:
        raise ResultMismatch("no sd:Service")
    for service in services:
        endpoints = list(graph.objects(service, SD.endpoint))
        if not endpoints or not all(isinstance(e, URIRef) for e in endpoints):
            raise ResultMismatch("an sd:Service needs an sd:endpoint IRI")
        languages = set(graph.objects(service, SD.supportedLanguage))
        if not languages or not languages <= SD_LANGUAGES:
            raise ResultMismatch(f"sd:supportedLanguage must be among {sorted(SD_LANGUAGES)}: {languages}")
        for prop in (SD.resultFormat, SD.feature, SD.inputFormat, SD.extensionFunction):
            if not all(isinstance(value, URIRef) for value in graph.objects(service, prop)):
                raise ResultMismatch(f"{prop} values must be IRIs")
        for dataset in graph.objects(service, SD.defaultDataset):
            if (dataset, RDF.type, SD.Dataset) not in graph:
                raise ResultMismatch("sd:defaultDataset must be an sd:Dataset")
            for named in graph.objects(dataset, SD.namedGraph):
                if not isinstance(graph.value(named, SD.name), URIRef):
                    raise ResultMismatch("an sd:namedGraph needs an sd:name IRI")


def run_suite(endpoint: Endpoint, suite: Suite | None = None) -> list[Outcome]:
    suite = suite if suite is not None else read_suite()
    outcomes = [run_protocol_test(endpoint, test) for test in suite.protocol]
    outcomes += [run_result_format_test(endpoint, test) for test in suite.result_formats]
    outcomes += [run_description_test(endpoint, test) for test in suite.description]
    return outcomes


def score(outcomes: list[Outcome]) -> dict[str, tuple[int, int]]:
    """Passed and run per manifest."""
    table: dict[str, tuple[int, int]] = {}
    for outcome in outcomes:
        passed, run = table.get(outcome.manifest, (0, 0))
        table[outcome.manifest] = (passed + outcome.passed, run + 1)
    return table


def report(label: str, outcomes: list[Outcome]) -> str:
    lines = [f"W3C SPARQL 1.1 tests on {label}:"]
    lines += [f"  {manifest}: {passed}/{run}" for manifest, (passed, run) in score(outcomes).items()]
    lines += [f"  FAILED {o.manifest}/{o.name}: {o.reason}" for o in outcomes if not o.passed]
    return "\n".join(lines)


if __name__ == "__main__":
    target = Endpoint(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
    try:
        print(report(target.url, run_suite(target)))
    finally:
        target.close()
