"""The body of one query worker process.

A worker opens the on-disk store read-only and answers jobs sent over a pipe. A read-only
instance sees the store as it was when opened, so every job carries the writer's generation
counter; when it changes, the worker reopens the store before running the job.
"""

from __future__ import annotations

from multiprocessing.connection import Connection
from typing import Any

from graph.heap import limit_arenas, release_free_memory
from graph.store import PolicyStore, QueryError, StoreError
from graph.store_results import NotAcceptable, QueryJob, execute

PING = "ping"


def serve(connection: Connection, location: str) -> None:
    """Answer jobs until the pipe closes.

    Messages in: ``(QueryJob, generation)`` or ``PING``. Replies: ``("ok", QueryOutcome)``,
    ``("ok", None)`` for a ping, ``("not_acceptable", kind)``, ``("query_error", message)``
    or ``("store_error", message)``.
    """
    store: PolicyStore | None = None
    opened_generation: int | None = None
    limit_arenas()
    while True:
        try:
            message: Any = connection.recv()
        except (EOFError, OSError):
            return
        if message == PING:
            connection.send(("ok", None))
            continue
        job, generation = message
        reply: tuple[str, Any] = ("store_error", "the store could not be read")
        for _attempt in range(2):
            # A second attempt with a fresh instance: the files under a long-lived
            # read-only instance can be compacted away by the writer.
            try:
                if store is None or generation != opened_generation:
                    store = None
                    store = PolicyStore.open_read_only(location)
                    opened_generation = generation
                reply = _run(store, job)
                break
            except (OSError, StoreError) as error:
                store = None
                reply = ("store_error", str(error))
        connection.send(reply)
        del reply
        release_free_memory()  # what the query's joins took, given back before the next job


def _run(store: PolicyStore, job: QueryJob) -> tuple[str, Any]:
    try:
        return ("ok", execute(store, job))
    except NotAcceptable as error:
        return ("not_acceptable", error.kind)
    except QueryError as error:
        return ("query_error", str(error))
