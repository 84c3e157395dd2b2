"""Building read models in a short-lived child process.

The read models (the plan list, the agency directory, the targets, the search index) are
built from scans of the whole store. A process that runs those scans keeps more than their
results: the store's block caches, filled by the scans, and heap pages that the allocator
cannot hand back because the results are spread through them. On a national store that is
several hundred megabytes. A server that has the models built by a child process, over a
read-only open of the same store, and receives only the finished results, holds only those.

Each result is pickled by the child as soon as it is built and unpickled here, so the
builders must be module-level functions (:class:`graph.read.cache.models.ReadModel` says so) and their
results plain data. An in-memory or remote store has nothing another process could open:
its models are built in this process.

Measured at 10^5 tasks (``bench.serve.memory``), once warm: the API holds about 500 MB less
resident memory with the models built apart than built in its own process, where it passes
1 GB after a ``/sparql`` request.
"""

from __future__ import annotations

import math
import multiprocessing
from collections.abc import Callable, Generator, Hashable, Sequence
from multiprocessing.connection import Connection
from typing import Any, Protocol, TypeGuard, TypeVar

from graph.serve.heap import limit_arenas
from graph.store.embedded import PolicyStore, StoreError
from graph.store.protocol import GraphStore

# Below this size on disk a store's read models are built in the process that asks: they take
# little memory, and a child process would take longer to start than they take to build.
APART_MIN_MB = 64.0
_apart_min_mb = APART_MIN_MB


class Buildable(Protocol):
    """What is built apart: a key to name it by and a module-level build function."""

    @property
    def key(self) -> Hashable: ...

    @property
    def build(self) -> Callable[[Any], Any]: ...


M = TypeVar("M", bound=Buildable)


def build_apart_above(min_mb: float) -> None:
    """Build read models in a child process over stores of at least ``min_mb`` on disk
    (``math.inf``: never) from now on, in this process."""
    global _apart_min_mb
    _apart_min_mb = min_mb


def can_build_apart(store: object) -> TypeGuard[GraphStore]:
    """Whether another process can open ``store``: an embedded store on disk.

    >>> can_build_apart(None)
    False
    """
    return isinstance(store, PolicyStore) and store.location is not None


def builds_apart(store: object, min_mb: float | None = None) -> bool:
    """Whether ``store``'s read models are built in a child process."""
    threshold = _apart_min_mb if min_mb is None else min_mb
    if math.isinf(threshold):
        return False
    return can_build_apart(store) and store.size_on_disk() >= threshold * 1e6


# How long the child may take over one read model before it is stopped (and the model built
# where it is asked for). The search index of 10^5 tasks takes under a minute.
BUILD_TIMEOUT_S = 900.0


class BuildFailed(StoreError):
    """A read model could not be built in the child process."""


def build_apart(
    store: object, models: Sequence[M], *, timeout_s: float = BUILD_TIMEOUT_S
) -> Generator[tuple[M, Any], None, None]:
    """Each model with its value, built in one child process over the store as it is on disk
    now, yielded as each arrives. Raises :class:`BuildFailed` naming the model that failed or
    took longer than ``timeout_s``, or saying how the child ended if it ended without a word;
    the child is stopped."""
    if not can_build_apart(store):
        raise BuildFailed("only an embedded store on disk can be read by another process")
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_build_all,
        args=(sender, str(store.location), [model.build for model in models]),
        name="policykg-read-models",
        daemon=True,
    )
    process.start()
    sender.close()
    try:
        for model in models:
            if not receiver.poll(timeout_s):
                raise BuildFailed(f"the read model {model.key!r} was not built within {timeout_s:g} s")
            try:
                status, payload = receiver.recv()
            except EOFError:
                process.join(timeout=5)
                raise BuildFailed(
                    f"the process building the read models ended (exit code {process.exitcode})"
                    f" before {model.key!r} was sent"
                ) from None
            if status != "ok":
                raise BuildFailed(f"could not build the read model {model.key!r}: {payload}")
            yield model, payload
            del payload
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join(timeout=5)


def _build_all(connection: Connection, location: str, builds: list[Callable[[GraphStore], Any]]) -> None:
    """The child: open the store read-only, build each model and send it before the next."""
    limit_arenas()
    build_apart_above(math.inf)  # what the builds need of other read models is built here
    try:
        store = PolicyStore.open_read_only(location)
        for build in builds:
            try:
                value = build(store)
            except Exception as error:  # sent to the parent, which raises it with the model's name
                connection.send(("error", f"{type(error).__name__}: {error}"))
                return
            connection.send(("ok", value))
            del value
    except StoreError as error:
        connection.send(("error", str(error)))
    finally:
        connection.close()
