"""Opening the store a ``--store`` value names, as the command line and the server do: an
embedded store whose last ingest was cut short gets its derived graphs re-derived first
(:func:`graph.ingest.derived.repair_derived`), and the caller is told what was repaired.

This sits above :mod:`graph.store` because the repair needs the ingest's own knowledge
(the journal, the agencies graph, the successions); the store itself only stores.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from graph.ingest.derived import repair_derived
from graph.store.embedded import PolicyStore, StoreLocked
from graph.store.location import open_store as open_location
from graph.store.location import store_spec
from graph.store.protocol import GraphStore


@dataclass
class Opened:
    """A store as opened, with what the opening repaired (None when nothing was)."""

    store: GraphStore
    repaired: str | None


def open_repaired(
    spec: str | os.PathLike[str] | None = None,
    *,
    user: str | None = None,
    password: str | None = None,
    timeout_s: float | None = None,
) -> Opened:
    """Open a store read-write and repair what a cut-short ingest left stale."""
    store = open_location(spec, user=user, password=password, timeout_s=timeout_s)
    try:
        repaired = repair_derived(store)
    except BaseException:
        store.close()
        raise
    return Opened(store, repaired)


def open_store(
    spec: str | os.PathLike[str] | None = None,
    *,
    user: str | None = None,
    password: str | None = None,
    timeout_s: float | None = None,
) -> GraphStore:
    """Open a store read-write (see :func:`graph.store.location.open_store`), repaired."""
    return open_repaired(spec, user=user, password=password, timeout_s=timeout_s).store


def open_for_reading(
    spec: str | os.PathLike[str] | None = None,
    *,
    user: str | None = None,
    password: str | None = None,
) -> GraphStore:
    """Open a store to read from it, beside a server that may hold it.

    An embedded store held read-write by another process (``policykg serve`` or ``demo``)
    is opened read-only, as the server's own query workers open it: the instance sees the
    store as it was at opening, with every write the server has flushed. Otherwise as
    :func:`open_store` (and so repaired).
    """
    try:
        return open_store(spec, user=user, password=password)
    except StoreLocked:
        return PolicyStore.open_read_only(store_spec(spec))
