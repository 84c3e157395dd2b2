"""Dependencies that give routes the app's store, runtime and settings."""

from __future__ import annotations

from fastapi import Request

from api.settings import Settings
from api.sparql.runtime import Runtime
from graph.store.protocol import GraphStore


def get_store(request: Request) -> GraphStore:
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
