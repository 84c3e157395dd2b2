"""The FastAPI application: where the routers are put together.

Run it with ``uvicorn api.app:app_factory --factory`` (settings from ``POLICYKG_*``
environment variables) or build it with ``create_app(Settings(...))``. One server process
per store: it holds the store directory read-write, so run a single uvicorn worker.

Routes reach the store and settings through the dependencies :func:`get_store`,
:func:`get_runtime` (for writes) and :func:`get_settings`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware

from api import sparql
from api.settings import Settings
from api.sparql_runtime import Runtime
from graph.store import PolicyStore

# The routers of the HTTP API. Add new ones here.
ROUTERS: list[APIRouter] = [
    sparql.router,
]


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; ``settings`` default to the environment."""
    settings = settings if settings is not None else Settings()
    runtime = Runtime(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        runtime.start()
        try:
            yield
        finally:
            runtime.close()

    app = FastAPI(
        title="PolicyKG",
        summary="Vietnamese implementation plans as a linked, provenance-tracked policy graph",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.runtime = runtime
    for router in ROUTERS:
        app.include_router(router)
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


def get_store(request: Request) -> PolicyStore:
    """Dependency: the app's store (read-write, in this process)."""
    runtime: Runtime = request.app.state.runtime
    return runtime.store


def get_runtime(request: Request) -> Runtime:
    """Dependency: the app's runtime; write with ``runtime.write(lambda store: ...)`` so
    that query workers never read while the store changes."""
    runtime: Runtime = request.app.state.runtime
    return runtime


def get_settings(request: Request) -> Settings:
    """Dependency: the app's settings."""
    settings: Settings = request.app.state.settings
    return settings
