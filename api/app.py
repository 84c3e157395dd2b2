"""The FastAPI application: where the routers are put together.

Run it with ``uvicorn api.app:app_factory --factory`` (settings from ``POLICYKG_*``
environment variables) or build it with ``create_app(Settings(...))``. One server process
per store: it holds the store directory read-write, so run a single uvicorn worker.

Routes reach the store and settings through the dependencies :func:`get_store`,
:func:`get_runtime` (for writes) and :func:`get_settings`, declared as the typed aliases of
``api.deps`` (``store: StoreDep``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from api import pages
from api.app_state import get_runtime, get_settings, get_store
from api.docs_page import add_docs
from api.pages.error_pages import add_error_pages
from api.pages.rendering import STATIC_DIR
from api.routes import agencies, analysis, checks, coverage, plans, query_editor, search, targets
from api.settings import Settings
from api.sparql import routes as sparql
from api.sparql.runtime import Runtime
from graph.read.cache.models import build_apart_above
from graph.serve.heap import limit_arenas
from graph.warm import warm_in_background

# The routers of the HTTP API. Add new ones here.
ROUTERS: list[APIRouter] = [
    sparql.router,
    plans.router,
    agencies.router,
    search.router,
    analysis.router,
    coverage.router,
    checks.router,
    targets.router,
    query_editor.router,
    pages.router,
]

__all__ = ["ROUTERS", "app_factory", "create_app", "get_runtime", "get_settings", "get_store"]


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; ``settings`` default to the environment."""
    settings = settings if settings is not None else Settings()
    runtime = Runtime(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        limit_arenas()  # before the worker threads allocate (graph/serve/heap.py)
        build_apart_above(settings.read_models_apart_min_mb)
        runtime.start()
        if settings.warm:
            warm_in_background(runtime.store)
        try:
            yield
        finally:
            runtime.close()

    app = FastAPI(
        title="PolicyKG",
        summary="Vietnamese implementation plans as a linked, provenance-tracked policy graph",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    add_docs(app)
    add_error_pages(app)  # HTML errors for browsers, JSON {"detail"} for the rest
    app.state.settings = settings
    app.state.runtime = runtime
    for router in ROUTERS:
        # the browser pages are for people, not part of the API the schema describes
        app.include_router(router, include_in_schema=router is not pages.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_middleware(sparql.VaryAcceptMiddleware)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Accept", "Content-Type", "Authorization"],
            expose_headers=[sparql.ROW_LIMIT_HEADER, sparql.TRUNCATED_HEADER],
            allow_credentials=False,
        )
    return app


def app_factory() -> FastAPI:
    """The app with settings from the environment (for ``uvicorn --factory``)."""
    return create_app()
