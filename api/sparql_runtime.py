"""What a running app holds: the settings, the store and the query runner.

The server process owns the store read-write (which also keeps other processes from writing
to it while it serves); SPARQL from clients runs in killable worker processes that open it
read-only (graph.store_workers). Both are created on first use or at startup, and released at
shutdown. With a remote SPARQL server as the store, client queries are sent to the server
with the time limit as HTTP timeout (graph.store_remote_queries); there are no workers.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from api.settings import Settings
from graph.store import PolicyStore
from graph.store_open import open_store
from graph.store_remote import RemoteStore
from graph.store_remote_queries import RemoteQueries
from graph.store_update_dataset import UsingGraphs
from graph.store_workers import InProcessQueries, QueryRunner, QueryWorkers

T = TypeVar("T")


class Runtime:
    """The store and query workers of one app."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._store: PolicyStore | None = None
        self._queries: QueryRunner | None = None
        self._lock = threading.Lock()

    @property
    def store(self) -> PolicyStore:
        """The read-write store (opened on first use)."""
        with self._lock:
            if self._store is None:
                self._store = open_store(self.settings.store)
            return self._store

    @property
    def queries(self) -> QueryRunner:
        """The runner for client SPARQL (started on first use)."""
        store = self.store
        with self._lock:
            if self._queries is None:
                if isinstance(store, RemoteStore):
                    self._queries = RemoteQueries(
                        store,
                        size=self.settings.workers,
                        timeout_s=self.settings.query_timeout_s,
                    )
                elif store.location is None:
                    self._queries = InProcessQueries(
                        store,
                        size=self.settings.workers,
                        timeout_s=self.settings.query_timeout_s,
                    )
                else:
                    self._queries = QueryWorkers(
                        store.location,
                        size=self.settings.workers,
                        timeout_s=self.settings.query_timeout_s,
                        generation=lambda: store.generation,
                    )
            return self._queries

    def start(self) -> None:
        """Open the store and start the workers now rather than on the first request."""
        _ = self.queries

    def write(self, change: Callable[[PolicyStore], T]) -> T:
        """Change the store while no client query runs, then flush.

        Every write in the server process should go through here: query workers read the
        store files beside the writer, and a flushed store reopens quickly.
        """
        with self.queries.exclusive():
            try:
                return change(self.store)
            finally:
                self.store.flush()

    def update(self, sparql_update: str, *, base_iri: str | None = None, using: UsingGraphs | None = None) -> None:
        """Apply a SPARQL update (see :meth:`write`; the options: ``PolicyStore.update``)."""
        self.write(lambda store: store.update(sparql_update, base_iri=base_iri, using=using))

    def close(self) -> None:
        with self._lock:
            if self._queries is not None:
                self._queries.close()
                self._queries = None
            if self._store is not None:
                self._store.close()
                self._store = None
