"""``/graph/...``: the graph pages — a plan, an agency's mandates, a legal document's lineage,
a node's neighbourhood, overlapping tasks across provinces. Each takes ``lang``, ``limit``,
``expand`` (nodes whose neighbours are added) and ``format=json`` for the data itself; the
selected node is the ``node`` parameter, kept by the page's script."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, NamedTuple

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from api.deps import StoreDep
from api.errors import error_responses
from api.pages.graphs.links import sparql_links
from api.pages.i18n import LangParam, texts
from api.pages.params import Expand, Format, Limit, NodeId
from api.pages.rendering import render, url_with
from graph.analysis.loading import UnknownFilter
from graph.analysis.overlaps.analysis import DEFAULT_MIN_SCORE
from graph.build.ids import slug
from graph.store.protocol import GraphStore
from graph.visualize.kinds import NODE_KINDS
from graph.visualize.network_data import edge_legend, legend, network_data
from graph.visualize.overlaps_view import overlaps_view
from graph.visualize.standalone import standalone_html
from graph.visualize.view import NODE_CAP, View
from graph.visualize.views import UnknownNode, agency_view, expand, legal_view, node_view, plan_view

router = APIRouter()
PAGING_FROM = 40  # as graph.js: a larger hierarchical view shows a page of each node's neighbours


def _expanded(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))


class ViewOptions(NamedTuple):
    """The query parameters every graph page takes."""

    lang: str
    expand: list[str]
    limit: int
    format: str


def view_options(
    lang: LangParam = "vi",
    expand: Expand = [],  # noqa: B006 — FastAPI reads the default, it is never mutated
    limit: Limit = NODE_CAP,
    format: Format = "html",
) -> ViewOptions:
    return ViewOptions(lang, _expanded(expand), limit, format)


Options = Annotated[ViewOptions, Depends(view_options)]


def graph_response(
    request: Request,
    store: GraphStore,
    build: Callable[[], View],
    *,
    heading_key: str,
    options: ViewOptions,
    subject: str | None = None,
    hierarchical: bool = False,
) -> Response:
    """Build the view (404 for an unknown id), expand the requested nodes, and answer with the
    page or, for ``format=json``, the data."""
    try:
        view = build()
    except UnknownNode as error:
        raise HTTPException(404, f"no such node for this page: '{error.args[0]}'") from None
    except UnknownFilter as error:
        raise HTTPException(404, str(error)) from None
    lang = options.lang
    expand(store, view, options.expand, lang)
    data = network_data(view, lang, hierarchical)
    if options.format == "json":
        return JSONResponse(data)
    root: dict[str, Any] = dict(view.graph.nodes[view.roots[0]]) if view.roots else {}
    words = texts(lang)
    name = slug(view.roots[0]) if view.roots else "policykg-graph"
    if options.format == "standalone":
        heading = f"{words[heading_key]}: {subject if subject is not None else root.get('label', '')}"
        return HTMLResponse(
            standalone_html(view, heading, lang, hierarchical),
            headers={"Content-Disposition": f'attachment; filename="{name}.html"'},
        )
    notice = (
        words["truncated"].format(shown=data["node_count"], omitted=data["omitted"], cap=data["cap"])
        if data["truncated"]
        else None
    )
    config = {
        "lang": lang,
        "nodeApi": "/graph/api/node/",
        "expanded": options.expand,
        "texts": words,
        "kindNames": {kind.name: (kind.en if lang == "en" else kind.vi).lower() for kind in NODE_KINDS},
        "fileName": name,
    }
    return render(
        request,
        "graph.html",
        lang,
        heading=words[heading_key],
        subject=subject if subject is not None else str(root.get("label", "")),
        data=data,
        config=config,
        legend=legend(lang, view),
        edge_legend=edge_legend(view, lang),
        inherited=any(attrs.get("inherited") for _, attrs in view.graph.nodes(data=True)),
        notice=notice,
        json_url=url_with(request, format="json"),
        standalone_url=url_with(request, format="standalone", node=None) if hierarchical else None,
        paging_note=words["paging_note"] if data["hierarchical"] and data["node_count"] > PAGING_FROM else None,
        sparql=sparql_links(view.queries[:6]),
        sparql_more=max(0, len(view.queries) - 6),
    )


@router.get("/graph/plan/{plan_id}", response_class=HTMLResponse, responses=error_responses(404))
def plan_page(
    request: Request,
    plan_id: NodeId,
    store: StoreDep,
    options: Options,
) -> Response:
    """A plan: its tasks, their agencies and targets, the documents it rests on."""
    return graph_response(
        request,
        store,
        lambda: plan_view(store, plan_id, options.lang, options.limit),
        heading_key="plan_graph",
        options=options,
        hierarchical=True,
    )


@router.get("/graph/agency/{agency_id}", response_class=HTMLResponse, responses=error_responses(404))
def agency_page(
    request: Request,
    agency_id: NodeId,
    store: StoreDep,
    options: Options,
) -> Response:
    """An agency's mandates, inherited ones drawn through the bodies merged into it."""
    return graph_response(
        request,
        store,
        lambda: agency_view(store, agency_id, options.lang, options.limit),
        heading_key="agency_graph",
        options=options,
        hierarchical=True,
    )


@router.get("/graph/legal/{document_id}", response_class=HTMLResponse, responses=error_responses(404))
def legal_page(
    request: Request,
    document_id: NodeId,
    store: StoreDep,
    options: Options,
) -> Response:
    """A legal document's lineage down to tasks and agencies."""
    return graph_response(
        request,
        store,
        lambda: legal_view(store, document_id, options.lang, options.limit),
        heading_key="legal_graph",
        options=options,
        hierarchical=True,
    )


@router.get("/graph/node/{node_id}", response_class=HTMLResponse, responses=error_responses(404))
def node_page(
    request: Request,
    node_id: NodeId,
    store: StoreDep,
    options: Options,
) -> Response:
    """Any node (a task, target, province, agency type, ...) with all its neighbours."""
    return graph_response(
        request,
        store,
        lambda: node_view(store, node_id, options.lang, options.limit),
        heading_key="node_graph",
        options=options,
    )


@router.get("/graph/overlaps", response_class=HTMLResponse, responses=error_responses(404))
def overlaps_page(
    request: Request,
    store: StoreDep,
    options: Options,
    provinces: Annotated[list[str], Query(description="province ids or names (repeatable)", max_length=40)] = [],  # noqa: B006
    min_score: Annotated[float, Query(ge=0, le=1, description="lowest pair score shown")] = DEFAULT_MIN_SCORE,
) -> Response:
    """Similar tasks and targets in plans of the chosen provinces (all provinces when none)."""
    return graph_response(
        request,
        store,
        lambda: overlaps_view(store, provinces, min_score, options.lang, options.limit),
        heading_key="overlaps_graph",
        options=options,
        subject=", ".join(provinces) or "*",
    )
