"""The W3C SPARQL 1.1 test manifests, read as RDF (rdflib) into plain test records.

Four manifests are read: ``protocol`` (``mf:ProtocolTest``: HTTP requests described with the
W3C HTTP vocabulary, each with the response it expects), ``json-res`` and ``csv-tsv-res``
(a query, its data and the expected result document) and ``service-description``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
HT = Namespace("http://www.w3.org/2011/http#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")

REPO_ROOT = Path(__file__).resolve().parents[2]
SUITE = REPO_ROOT.parent / "shared" / "w3c-sparql11"
PROTOCOL_PATH_PREFIX = "/sparql/"


@dataclass(frozen=True)
class Expected:
    """What one response must be."""

    status_classes: frozenset[int]
    """Acceptable first digits of the status code (2 for 2xx, ...)."""
    result_format: str | None = None
    """``boolean``, ``tabular`` or ``RDF``; None when only the status is checked."""
    boolean: bool | None = None


@dataclass(frozen=True)
class HttpRequest:
    method: str
    path: str
    """Path and query string, with the manifest's ``/sparql/`` prefix replaced by the endpoint's."""
    headers: tuple[tuple[str, str], ...]
    body: bytes | None
    expected: Expected


@dataclass(frozen=True)
class GraphData:
    file: Path
    graph_iri: str


@dataclass(frozen=True)
class ProtocolTest:
    name: str
    title: str
    requests: tuple[HttpRequest, ...]
    graph_data: tuple[GraphData, ...] = ()


@dataclass(frozen=True)
class ResultFormatTest:
    name: str
    title: str
    query: Path
    data: Path
    result: Path
    """The expected result document: ``.srj``, ``.csv`` or ``.tsv``."""


@dataclass(frozen=True)
class DescriptionTest:
    name: str
    title: str


@dataclass
class Suite:
    protocol: list[ProtocolTest] = field(default_factory=list)
    result_formats: list[ResultFormatTest] = field(default_factory=list)
    description: list[DescriptionTest] = field(default_factory=list)


def require_suite(root: Path = SUITE) -> Path:
    """The suite's folder; an AssertionError naming the missing path when it is not there."""
    manifests = [
        root / name / "manifest.ttl" for name in ("protocol", "json-res", "csv-tsv-res", "service-description")
    ]
    missing = [str(path) for path in manifests if not path.is_file()]
    assert not missing, f"the W3C SPARQL 1.1 test manifests are missing: {', '.join(missing)}"
    return root


def read_suite(root: Path = SUITE) -> Suite:
    root = require_suite(root)
    return Suite(
        protocol=read_protocol(root / "protocol" / "manifest.ttl"),
        result_formats=read_result_formats(root / "json-res" / "manifest.ttl")
        + read_result_formats(root / "csv-tsv-res" / "manifest.ttl"),
        description=read_description(root / "service-description" / "manifest.ttl"),
    )


def _manifest(path: Path) -> tuple[Graph, list[Node]]:
    graph = Graph()
    graph.parse(path, format="turtle", publicID=path.resolve().as_uri())
    manifest = graph.value(predicate=RDF.type, object=MF.Manifest, any=False)
    assert manifest is not None, f"{path}: no mf:Manifest"
    entries = graph.value(manifest, MF.entries)
    assert entries is not None, f"{path}: the manifest has no mf:entries"
    return graph, list(Collection(graph, entries))


def _name(entry: Node) -> str:
    return str(entry).rsplit("#", 1)[-1]


def _title(graph: Graph, entry: Node) -> str:
    return str(graph.value(entry, MF.name) or _name(entry))


def _file(node: Node | None) -> Path:
    assert isinstance(node, URIRef) and str(node).startswith("file://"), node
    return Path(str(node).removeprefix("file://"))


def read_protocol(path: Path) -> list[ProtocolTest]:
    graph, entries = _manifest(path)
    tests: list[ProtocolTest] = []
    for entry in entries:
        action = graph.value(entry, MF.action)
        requests = graph.value(action, HT.requests)
        assert requests is not None, f"{_name(entry)}: no ht:requests"
        data = tuple(
            GraphData(_file(graph.value(item, UT.graph)), str(graph.value(item, RDFS.label)))
            for item in graph.objects(entry, UT.graphData)
        )
        tests.append(
            ProtocolTest(
                name=_name(entry),
                title=_title(graph, entry),
                requests=tuple(_request(graph, node) for node in Collection(graph, requests)),
                graph_data=tuple(sorted(data, key=lambda item: item.graph_iri)),
            )
        )
    return tests


def _request(graph: Graph, node: Node) -> HttpRequest:
    path = str(graph.value(node, HT.absolutePath))
    assert path.startswith(PROTOCOL_PATH_PREFIX), path
    headers: list[tuple[str, str]] = []
    header_list = graph.value(node, HT.headers)
    if header_list is not None:
        for header in Collection(graph, header_list):
            headers.append((str(graph.value(header, HT.fieldName)), str(graph.value(header, HT.fieldValue))))
    body_node = graph.value(node, HT.body)
    body = None
    if body_node is not None:
        encoding = str(graph.value(body_node, CNT.characterEncoding) or "UTF-8")
        body = str(graph.value(body_node, CNT.chars)).encode(encoding)
    response = graph.value(node, HT.resp)
    statuses = frozenset(
        int(str(code).rsplit("StatusCode", 1)[1][0]) for code in graph.objects(response, MF.expectedStatus)
    )
    assert statuses, f"{path}: no mf:expectedStatus"
    result_format = graph.value(response, MF.expectedFormat)
    boolean = graph.value(response, MF.expectedBoolean)
    return HttpRequest(
        method=str(graph.value(node, HT.methodName)),
        path=path[len(PROTOCOL_PATH_PREFIX) :],
        headers=tuple(headers),
        body=body,
        expected=Expected(
            status_classes=statuses,
            result_format=None if result_format is None else str(result_format),
            boolean=None if boolean is None else bool(boolean.toPython()),
        ),
    )


def read_result_formats(path: Path) -> list[ResultFormatTest]:
    graph, entries = _manifest(path)
    tests = []
    for entry in entries:
        action = graph.value(entry, MF.action)
        tests.append(
            ResultFormatTest(
                name=_name(entry),
                title=_title(graph, entry),
                query=_file(graph.value(action, QT.query)),
                data=_file(graph.value(action, QT.data)),
                result=_file(graph.value(entry, MF.result)),
            )
        )
    return tests


def read_description(path: Path) -> list[DescriptionTest]:
    graph, entries = _manifest(path)
    return [DescriptionTest(_name(entry), _title(graph, entry)) for entry in entries]
