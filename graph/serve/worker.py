"""The body of one query worker process.

A worker opens the on-disk store read-only and answers jobs sent over a pipe. A read-only
instance sees the store as it was when opened, so every job carries the writer's generation
counter; when it changes, the worker reopens the store before running the job.

Before its first job a worker takes the network away from itself (:mod:`graph.serve.netns`), caps
its memory (``RLIMIT_DATA``: the heap and every private mapping, which is what the engine's
joins and the result buffers grow) and lets the grammar check read texts as deep as the
nesting limit. What it writes to its standard error goes to a file the pool reads when the
worker dies, to tell a memory limit from other ends.
"""

from __future__ import annotations

import os
import resource
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from pyoxigraph import Store

from graph.serve.heap import limit_arenas, release_free_memory
from graph.serve.netns import cut_network
from graph.serve.results import NotAcceptable, QueryJob, execute
from graph.store.embedded import PolicyStore
from graph.store.errors import QueryError, StoreError
from graph.store.sparql.guard import allow_deep_parsing, guard

PING = "ping"
BUFFER_LIMIT_MESSAGE = "Reached the buffer maximal size"


@dataclass(frozen=True)
class WorkerState:
    """What a worker tells in answer to a ping."""

    isolation: str | None
    """None when the worker has no network; else why it could not be taken away."""
    memory_mb: int | None
    """The worker's memory limit, None for none."""


@dataclass(frozen=True)
class UpdateCheck:
    """Parse an update where a crash is harmless, against an empty in-memory store."""

    sparql: str
    base_iri: str | None = None
    """What relative IRIs resolve against, as when the update runs."""


def prepare(memory_mb: int | None, stderr_path: str | None) -> WorkerState:
    """Cut the network, cap the memory and send standard error to ``stderr_path``."""
    if stderr_path is not None:
        sink = os.open(stderr_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(sink, 2)
        os.close(sink)
    isolation = cut_network()
    if memory_mb is not None:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    allow_deep_parsing()
    return WorkerState(isolation, memory_mb)


def serve(
    connection: Connection,
    location: str,
    memory_mb: int | None = None,
    stderr_path: str | None = None,
) -> None:
    """Answer jobs until the pipe closes.

    Messages in: ``(QueryJob, generation)``, ``(UpdateCheck, None)`` or ``PING``. Replies:
    ``("ok", QueryOutcome)``, ``("ok", None)`` for a checked update, ``("ok", WorkerState)``
    for a ping, ``("not_acceptable", kind)``, ``("query_error", message)``,
    ``("store_error", message)`` or ``("memory_limit", memory_mb)`` (then the worker ends).
    """
    state = prepare(memory_mb, stderr_path)
    store: PolicyStore | None = None
    opened_generation: int | None = None
    limit_arenas()
    while True:
        try:
            message: Any = connection.recv()
        except (EOFError, OSError):
            return
        if message == PING:
            connection.send(("ok", state))
            continue
        job, generation = message
        try:
            if isinstance(job, UpdateCheck):
                reply = _check_update(job)
            else:
                reply, store, opened_generation = _answer(job, generation, store, opened_generation, location)
        except MemoryError:
            connection.send(("memory_limit", memory_mb))
            return
        connection.send(reply)
        del reply
        release_free_memory()  # what the query's joins took, given back before the next job


def _answer(
    job: QueryJob,
    generation: int,
    store: PolicyStore | None,
    opened_generation: int | None,
    location: str,
) -> tuple[tuple[str, Any], PolicyStore | None, int | None]:
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
    return reply, store, opened_generation


def _run(store: PolicyStore, job: QueryJob) -> tuple[str, Any]:
    try:
        return ("ok", execute(store, job))
    except MemoryError as error:
        if str(error).startswith(BUFFER_LIMIT_MESSAGE):
            # pyoxigraph's result parser, not the process, ran out of room: one row too large
            return ("query_error", f"a row of the result is too large to be written: {error}")
        raise
    except NotAcceptable as error:
        return ("not_acceptable", error.kind)
    except QueryError as error:
        return ("query_error", str(error))


def _check_update(job: UpdateCheck) -> tuple[str, Any]:
    """Syntax errors and refusals are the update's; evaluation errors against an empty store
    (``DROP GRAPH`` of a graph only the real store has) are not, and pass."""
    try:
        guard(job.sparql, update=True)
        Store().update(job.sparql, base_iri=job.base_iri)
    except QueryError as error:
        return ("query_error", str(error))
    except SyntaxError as error:
        return ("query_error", f"SPARQL syntax error: {error}")
    except (RuntimeError, ValueError, OSError):
        pass
    return ("ok", None)
