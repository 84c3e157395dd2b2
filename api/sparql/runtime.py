"""What a running app holds: the settings, the store and the query runner.

The server process owns the store read-write (which also keeps other processes from writing
to it while it serves); SPARQL from clients runs in killable worker processes that open it
read-only (graph.serve.workers). Both are created on first use or at startup, and released at
shutdown. With a remote SPARQL server as the store, client queries are sent to the server
with the time limit as HTTP timeout (graph.serve.remote); there are no workers.

Client SPARQL never runs where the network is reachable, when the machine allows it: the
workers cut it for themselves (graph.serve.netns), and client updates, which change the server's
read-write store and so run in the server process, are applied by one thread of their own
that has left the network namespace (possible as root only; the same goes for the query
threads over an in-memory store). An update is parsed in a worker first, so that a text that
would crash the engine ends a worker, not the server. :meth:`Runtime.start` says, in the log,
what could not be isolated; with ``require_network_isolation`` it refuses to start instead.
Measured: the check in a worker adds 0.5 ms to an update of one triple and 75 ms to one of
3,000 triples (130 KB); leaving the network namespace takes a thread about 1 ms, once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from api.settings import Settings
from graph.ingest.opening import open_store
from graph.serve.netns import cut_network
from graph.serve.remote import RemoteQueries
from graph.serve.threads import InProcessQueries
from graph.serve.workers import QueryRunner, QueryWorkers
from graph.store.embedded import PolicyStore
from graph.store.protocol import GraphStore
from graph.store.remote.store import RemoteStore
from graph.store.update_dataset import UsingGraphs

T = TypeVar("T")
LOG = logging.getLogger("policykg.sparql")


class IsolationError(RuntimeError):
    """Client SPARQL would run where the network is reachable, and the settings forbid it."""


class _IsolatedThread:
    """One thread with no network (where the process may make it), for client updates."""

    def __init__(self) -> None:
        self.isolation: str | None = "not started"
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sparql-update", initializer=self._cut)
        self._executor.submit(lambda: None).result()

    def _cut(self) -> None:
        self.isolation = cut_network()

    def run(self, work: Callable[[], T]) -> T:
        return self._executor.submit(work).result()

    def close(self) -> None:
        self._executor.shutdown(wait=True)


class Runtime:
    """The store and query workers of one app."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._store: GraphStore | None = None
        self._queries: QueryRunner | None = None
        self._updates: _IsolatedThread | None = None
        self._lock = threading.Lock()
        self.isolation: dict[str, str | None] = {}
        """Where client SPARQL runs → None when it has no network there, else why it has."""

    @property
    def store(self) -> GraphStore:
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
                elif not isinstance(store, PolicyStore):
                    raise TypeError(f"no query runner for {type(store).__name__}")
                elif store.location is None:
                    self._queries = InProcessQueries(
                        store,
                        size=self.settings.workers,
                        timeout_s=self.settings.query_timeout_s,
                    )
                else:
                    embedded = store
                    self._queries = QueryWorkers(
                        store.location,
                        size=self.settings.workers,
                        timeout_s=self.settings.query_timeout_s,
                        generation=lambda: embedded.generation,
                        max_queued=self.settings.max_queued,
                        memory_mb=self.settings.worker_memory_mb,
                    )
            return self._queries

    def start(self) -> None:
        """Open the store and start the workers now rather than on the first request; log
        where client SPARQL would run with the network reachable (or refuse to start, with
        ``require_network_isolation``)."""
        queries = self.queries
        if isinstance(queries, QueryWorkers):
            self.isolation["query workers"] = queries.state().isolation
        elif isinstance(queries, InProcessQueries):
            self.isolation["query threads"] = queries.isolation()
        if not self.store.is_remote and self.settings.update_token is not None:
            self.isolation["update thread"] = self._update_thread().isolation
        exposed = {where: why for where, why in self.isolation.items() if why is not None}
        for where, why in exposed.items():
            LOG.warning("SPARQL %s run with the network reachable: %s", where, why)
        if exposed and self.settings.require_network_isolation:
            self.close()
            places = "; ".join(f"{where}: {why}" for where, why in exposed.items())
            raise IsolationError(f"client SPARQL cannot be kept off the network ({places})")

    @property
    def network_isolated(self) -> bool | None:
        """Whether every place client SPARQL runs has no network (None before start)."""
        if not self.isolation:
            return None
        return all(why is None for why in self.isolation.values())

    def _update_thread(self) -> _IsolatedThread:
        with self._lock:
            if self._updates is None:
                self._updates = _IsolatedThread()
            return self._updates

    def write(self, change: Callable[[GraphStore], T]) -> T:
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
        """Apply a client's SPARQL update (see :meth:`write`): parsed in a worker first, then
        applied by the update thread, which has no network (the options: ``PolicyStore.update``)."""
        queries = self.queries
        if isinstance(queries, QueryWorkers):
            queries.check_update(sparql_update, base_iri=base_iri)

        def change(store: GraphStore) -> None:
            store.update(sparql_update, base_iri=base_iri, using=using)

        if self.store.is_remote:
            self.write(change)
            return
        self._update_thread().run(lambda: self.write(change))

    def close(self) -> None:
        with self._lock:
            if self._updates is not None:
                self._updates.close()
                self._updates = None
            if self._queries is not None:
                self._queries.close()
                self._queries = None
            if self._store is not None:
                self._store.close()
                self._store = None
