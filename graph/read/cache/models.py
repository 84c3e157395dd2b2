"""Read models: results over the whole store that requests share (the plan list, the agency
directory, the targets, the search index), kept until the store changes.

Over an embedded store of at least ``APART_MIN_MB`` on disk a read model is built in a
short-lived child process (graph.read.cache.apart), so that the process serving requests keeps
the result and not what the scans behind it took. A smaller store, an in-memory or a remote
one has its read models built where they are asked for.
"""

from __future__ import annotations

import contextlib
import logging
import math
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, Generic, TypeGuard, TypeVar

from graph.read.cache.memo import memoized
from graph.store.embedded import PolicyStore

T = TypeVar("T")
log = logging.getLogger(__name__)

# Below this size on disk a store's read models are built in the process that asks: they take
# little memory, and a child process would take longer to start than they take to build.
APART_MIN_MB = 64.0
_apart_min_mb = APART_MIN_MB


def build_apart_above(min_mb: float) -> None:
    """Build read models in a child process over stores of at least ``min_mb`` on disk
    (``math.inf``: never) from now on, in this process."""
    global _apart_min_mb
    _apart_min_mb = min_mb


def can_build_apart(store: object) -> TypeGuard[PolicyStore]:
    """Whether another process can open ``store``: an embedded store on disk."""
    return isinstance(store, PolicyStore) and store.location is not None


def builds_apart(store: object, min_mb: float | None = None) -> bool:
    """Whether ``store``'s read models are built in a child process."""
    threshold = _apart_min_mb if min_mb is None else min_mb
    if math.isinf(threshold):
        return False
    return can_build_apart(store) and store.size_on_disk() >= threshold * 1e6


@dataclass(frozen=True)
class ReadModel(Generic[T]):
    """One read model: its key among the store's kept results and how it is built.

    ``build`` must be a module-level function, so that it can be named to another process,
    and its result plain data that can be pickled."""

    key: Hashable
    build: Callable[[Any], T]

    def get(self, store: object) -> T:
        return memoized(store, self.key, lambda: self.compute(store))

    def compute(self, store: object) -> T:
        """Build it now: in a child process where the store calls for it (built here if that fails)."""
        if builds_apart(store):
            from graph.read.cache.apart import BuildFailed, build_apart

            try:
                with contextlib.closing(build_apart(store, [self])) as built:  # type: ignore[arg-type]
                    return next(built)[1]  # type: ignore[no-any-return]
            except BuildFailed as error:
                log.warning("building %r here: %s", self.key, error)
        return self.build(store)
