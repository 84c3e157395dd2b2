"""Recognising SPARQL operations and the keywords that would make Oxigraph fetch remotely."""

from __future__ import annotations

import contextlib
import http.server
import threading
from collections.abc import Iterator
from typing import cast

import pytest
from pyoxigraph import QuerySolutions, Store

from graph.store.sparql.lexer import analyse


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str]

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(500)
        self.end_headers()

    do_POST = do_GET

    def log_message(self, format: str, *args: object) -> None:
        return None


@pytest.fixture(scope="module")
def listener() -> Iterator[tuple[str, list[str]]]:
    """A loopback HTTP server that records every request it gets."""
    hits: list[str] = []
    handler = type("Recorder", (_Recorder,), {"hits": hits})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


def test_the_query_form_comes_after_the_prologue() -> None:
    assert analyse("PREFIX select: <http://e/> BASE <http://e/> ask {}").form == "ASK"
    assert analyse("# SELECT in a comment\nCONSTRUCT WHERE { ?s ?p ?o }").form == "CONSTRUCT"
    assert analyse("describe <http://e/x>").form == "DESCRIBE"
    insert = analyse("PREFIX ex: <http://e/> INSERT DATA { ex:a ex:b 'SELECT' }")
    assert insert.form is None
    assert insert.is_update
    assert analyse("WITH <http://e/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }").is_update
    assert analyse("not sparql at all").form is None


def test_a_from_clause_is_seen_but_not_in_a_string() -> None:
    assert analyse("SELECT * FROM <http://e/g> WHERE { ?s ?p ?o }").has_dataset_clause
    assert analyse("SELECT * FROM NAMED <http://e/g> { GRAPH ?g {} }").has_dataset_clause
    assert not analyse('SELECT * WHERE { ?s ?p "FROM <x>" }').has_dataset_clause


HARMLESS = [
    'SELECT * WHERE {{ ?s ?p "SERVICE <{url}/string> {{ }}" }}',
    "SELECT * WHERE {{ ?s ?p '''it's \"SERVICE\" <{url}/long> {{}}''' }}",
    "SELECT * WHERE {{ ?s ?p <{url}/SERVICE> }}",
    "SELECT ?service WHERE {{ ?service ?p ?o }}",
    "PREFIX service: <http://e/> SELECT * WHERE {{ ?s service:load ?o }}",
    "SELECT * WHERE {{ ?s ?p ?o }} # SERVICE <{url}/comment> {{ }}",
    'SELECT * WHERE {{ BIND("a\\" SERVICE <{url}/escaped> {{ }}" AS ?x) }}',
]

DANGEROUS = [
    "SELECT * WHERE {{ SERVICE <{url}/plain> {{ ?s ?p ?o }} }}",
    "select * where {{ service <{url}/lower> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SeRvIcE SILENT <{url}/silent> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ BIND(<{url}/var> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{url}/sub> {{ ?s ?p ?o }} }} }} }}",
    'SELECT * WHERE {{ # a comment with }} and "\n SERVICE <{url}/after-comment> {{ ?s ?p ?o }} }}',
    "PREFIX ex: <http://e/> SELECT * WHERE {{ ?s ex:a\\# ?o . SERVICE <{url}/pname> {{ ?s ?p ?o }} }}",
    "PREFIX ex: <http://e/> SELECT * WHERE {{ ?s ?p ex: .SERVICE <{url}/dot> {{ ?s ?p ?o }} }}",
    'SELECT * WHERE {{ BIND("a\\\\" AS ?x) SERVICE <{url}/backslash> {{ ?s ?p ?o }} }}',
    "SELECT * WHERE {{ FILTER(1<2)SERVICE<{url}/glued>{{?s ?p ?o}} }}",
    "SELECT * WHERE {{ OPTIONAL {{ SERVICE SILENT <{url}/optional> {{ ?s ?p ?o }} }} }}",
]


@pytest.mark.parametrize("template", DANGEROUS)
def test_every_spelling_of_service_that_oxigraph_would_follow_is_caught(
    template: str, listener: tuple[str, list[str]]
) -> None:
    url, hits = listener
    query = template.format(url=url)
    assert analyse(query).remote_keywords == ("SERVICE",)
    # And Oxigraph really would have called out: the guard is needed, not decorative.
    path = query.split(url, 1)[1].split(">", 1)[0]
    store = Store()
    # Something for the patterns before SERVICE to match, so that it is reached.
    store.update("INSERT DATA { <http://e/s> <http://e/a#> <http://e/> }")
    with contextlib.suppress(SyntaxError, RuntimeError, OSError):
        list(cast(QuerySolutions, store.query(query)))
    if path not in ("/var",):
        assert path in hits, f"Oxigraph did not fetch {path}; the case proves nothing"


@pytest.mark.parametrize("template", HARMLESS)
def test_service_in_strings_iris_comments_and_names_is_not_a_keyword(
    template: str, listener: tuple[str, list[str]]
) -> None:
    url, hits = listener
    query = template.format(url=url)
    assert analyse(query).remote_keywords == ()
    before = list(hits)
    list(cast(QuerySolutions, Store().query(query)))
    assert hits == before


def test_load_is_caught_in_updates(listener: tuple[str, list[str]]) -> None:
    url, hits = listener
    for update in (
        f"LOAD <{url}/load>",
        f"load silent <{url}/load-silent> INTO GRAPH <http://e/g>",
    ):
        text = analyse(update)
        assert text.is_update
        assert text.remote_keywords == ("LOAD",)
    Store().update(f"LOAD SILENT <{url}/load-proof>")
    assert "/load-proof" in hits, "Oxigraph fetches LOAD targets, so LOAD must be refused"


def test_long_and_repeated_texts_are_analysed_alike() -> None:
    """Short texts have their analysis kept, long ones are analysed each time: same answers."""
    from graph.store.sparql.bindings import where_group_start
    from graph.store.sparql.lexer import CACHED_TEXT_MAX

    padding = "# " + "x" * CACHED_TEXT_MAX + "\n"
    for text in ("SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }", "ASK { ?s ?p ?o }"):
        long_text = padding + text
        assert len(long_text) > CACHED_TEXT_MAX
        assert analyse(text) == analyse(text) == analyse(long_text)
        assert where_group_start(long_text) == len(padding) + where_group_start(text)  # type: ignore[operator]
    assert analyse(padding + "SELECT * WHERE { SERVICE <x:> { } }").remote_keywords == ("SERVICE",)
