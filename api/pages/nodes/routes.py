"""``/id/{local}``: every ``polid:`` node at the path of its IRI
(``https://w3id.org/policykg/id/{local}``), by content negotiation.

The answer is **303 See Other** to a document about the node: ``/page/{local}`` (HTML) for a
browser, ``/data/{local}.ttl|.jsonld|.nt`` for an RDF client asking for Turtle, JSON-LD or
N-Triples by ``Accept``; 406 when it accepts none of them, 404 for an id the store does not
know. Why 303 and not 200: the IRIs name agencies, tasks and plans, not web pages
(the W3C's httpRange-14 resolution and "Cool URIs for the Semantic Web"), so the server says
where a description is rather than answering as if the page were the thing; each
representation then has its own URL, which a person can share with its ``lang`` and filters, a
client can fetch again without negotiating, and a cache keeps apart.

``/page/{local}`` is the page of the node's kind (plan or legal document, agency, task,
target, province, agency type), with ``?format=csv|xlsx&table=ID`` for the download of one of
its tables.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import RedirectResponse, Response

from api.deps import StoreDep
from api.errors import error_responses
from api.pages.i18n import LangParam
from api.pages.nodes.agency import agency_page
from api.pages.nodes.document import document_page
from api.pages.nodes.other import other_page
from api.pages.params import NodeId
from api.pages.rendering import link, render
from api.pages.tables import download, download_links
from api.sparql.conneg import Offer, negotiate
from graph.read.directory import agency
from graph.read.document_facts import document_facts
from graph.read.node_rdf import EXTENSIONS, node_rdf
from graph.store.protocol import GraphStore
from graph.visualize.store_nodes import describe

router = APIRouter(tags=["browser"])

HTML = "text/html"
OFFERS = (
    Offer(HTML, HTML),
    Offer("application/xhtml+xml", HTML),
    Offer("text/turtle", "ttl"),
    Offer("application/ld+json", "jsonld"),
    Offer("application/n-triples", "nt"),
)


def _known(store: GraphStore, node_id: str) -> bool:
    return describe(store, node_id) is not None


@router.get(
    "/id/{node_id}",
    status_code=303,
    responses={303: {"description": "where the node is described"}, **error_responses(404, 406)},
)
def node_iri(request: Request, node_id: NodeId, store: StoreDep, lang: LangParam = "vi") -> Response:
    """The node's IRI: 303 to its page (HTML) or its RDF (Turtle, JSON-LD, N-Triples) by ``Accept``."""
    offer = negotiate(request.headers.get("accept"), OFFERS)
    if offer is None:
        raise HTTPException(406, "acceptable here: text/html, text/turtle, application/ld+json, application/n-triples")
    if not _known(store, node_id):
        raise HTTPException(404, f"no node with id '{node_id}'")
    target = link(f"/page/{node_id}", lang) if offer.format == HTML else f"/data/{node_id}.{offer.format}"
    return RedirectResponse(target, status_code=303, headers={"Vary": "Accept"})


@router.get("/data/{node_id}.{extension}", responses=error_responses(404))
def node_data(
    node_id: NodeId, extension: Annotated[str, Path(pattern="^(ttl|jsonld|nt)$")], store: StoreDep
) -> Response:
    """The triples about a node and those pointing at it."""
    media_type = EXTENSIONS[extension]
    body = node_rdf(store, node_id, media_type)
    if body is None:
        raise HTTPException(404, f"no node with id '{node_id}'")
    return Response(body, media_type=media_type)


@router.get("/page/{node_id}", responses=error_responses(404))
def node_page(request: Request, node_id: NodeId, store: StoreDep, lang: LangParam = "vi") -> Response:
    """The node's page; ``?format=csv|xlsx&table=ID`` downloads one of its tables."""
    found_agency = agency(store, node_id)
    if found_agency is not None:
        context = agency_page(store, found_agency, request, lang)
    else:
        facts = document_facts(store, node_id)
        if facts is not None:
            context = document_page(store, facts, lang)
        else:
            details = describe(store, node_id, lang)
            if details is None:
                raise HTTPException(404, f"no node with id '{node_id}'")
            context = other_page(store, details, lang)
    tables = context.pop("tables")
    assert isinstance(tables, list)
    file = download(request, tables, node_id)
    if file is not None:
        return file
    return render(
        request,
        "node.html",
        lang,
        200,
        node_id=node_id,
        downloads=lambda table: download_links(request, table),
        rdf={ext: f"/data/{node_id}.{ext}" for ext in EXTENSIONS},
        **context,
    )
