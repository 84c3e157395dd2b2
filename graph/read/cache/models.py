"""Read models: results over the whole store that requests share (the plan list, the agency
directory, the targets, the search index), kept until the store changes.

Over an embedded store of at least ``APART_MIN_MB`` on disk a read model is built in a
short-lived child process (``graph.read.cache.apart``, which also decides where a model is
built), so that the process serving requests keeps the result and not what the scans behind
it took. A smaller store, an in-memory or a remote one has its read models built where they
are asked for.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from graph.read.cache.apart import APART_MIN_MB, BuildFailed, build_apart, build_apart_above, builds_apart
from graph.read.cache.memo import memoized

__all__ = ["APART_MIN_MB", "ReadModel", "build_apart_above", "builds_apart"]

T = TypeVar("T")
log = logging.getLogger(__name__)


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
            try:
                with contextlib.closing(build_apart(store, [self])) as built:
                    return next(built)[1]  # type: ignore[no-any-return]
            except BuildFailed as error:
                log.warning("building %r here: %s", self.key, error)
        return self.build(store)
