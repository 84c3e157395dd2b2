"""Results that stay valid until the store changes.

Read models that every request would otherwise rebuild (the agency directory, the search
index, the legal chains) are kept per store object and recomputed when the store's write
counter moves. A store without a write counter (a remote server, written by others too)
keeps them for a short time only. Entries go with the store object.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from typing import Any, TypeVar

T = TypeVar("T")

# How long a result over a store without a write counter is reused, in seconds.
UNVERSIONED_TTL_S = 30.0


class _Slot:
    __slots__ = ("lock", "stamp", "value", "version")

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.version: object = None
        self.stamp = -1.0
        self.value: Any = None


_lock = threading.Lock()
_slots: weakref.WeakKeyDictionary[object, dict[Hashable, _Slot]] = weakref.WeakKeyDictionary()


def _version(store: object) -> int | None:
    generation = getattr(store, "generation", None)
    return generation if isinstance(generation, int) else None


def memoized(store: object, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``'s result for ``store`` and ``key``, recomputed after the store changes.

    Concurrent callers asking for the same missing entry wait for one computation.
    """
    with _lock:
        slot = _slots.setdefault(store, {}).setdefault(key, _Slot())
    with slot.lock:
        version = _version(store)
        if slot.stamp >= 0:
            if version is not None:
                fresh = slot.version == version
            else:
                fresh = time.monotonic() - slot.stamp < UNVERSIONED_TTL_S
            if fresh:
                return slot.value  # type: ignore[no-any-return]
        value = compute()
        slot.version, slot.stamp, slot.value = version, time.monotonic(), value
        return value


class Filling:
    """Results for ``keys`` of ``store``, coming from elsewhere (``graph.read.cache.apart``).

    Until a key is filled, or the filling ends, :func:`memoized` callers asking for it wait
    rather than compute it themselves. Use as a context manager; a key left unfilled at the
    end is computed by the next caller as usual."""

    def __init__(self, store: object, keys: Iterable[Hashable]):
        self.store = store
        self.version = _version(store)
        with _lock:
            slots = _slots.setdefault(store, {})
            wanted = {key: slots.setdefault(key, _Slot()) for key in keys}
        # A key being computed right now is left to its caller (waiting for it could deadlock
        # with a computation that needs a key held here).
        self._held = {key: slot for key, slot in wanted.items() if slot.lock.acquire(blocking=False)}

    def fill(self, key: Hashable, value: Any) -> bool:
        """Keep ``value`` for ``key`` (computed over the store as it was when the filling
        began) and let waiting callers have it. Dropped (False) if the store changed since,
        or has no write counter, or another caller was computing it when the filling began."""
        slot = self._held.pop(key, None)
        if slot is None:
            return False
        try:
            if self.version is None or _version(self.store) != self.version:
                return False
            slot.version, slot.stamp, slot.value = self.version, time.monotonic(), value
            return True
        finally:
            slot.lock.release()

    def __enter__(self) -> Filling:
        return self

    def __exit__(self, *_exc: object) -> None:
        for slot in self._held.values():
            slot.lock.release()
        self._held.clear()


class _Recent:
    """The last results of one kind, by key, for one store version."""

    def __init__(self, keep: int) -> None:
        self.keep = keep
        self.lock = threading.Lock()
        self.version: object = None
        self.stamp = -1.0
        self.values: OrderedDict[Hashable, Any] = OrderedDict()


_recent: weakref.WeakKeyDictionary[object, dict[Hashable, _Recent]] = weakref.WeakKeyDictionary()


def memoized_recent(store: object, kind: Hashable, key: Hashable, compute: Callable[[], T], *, keep: int = 64) -> T:
    """Like :func:`memoized` for results asked for by many different keys (one agency's
    mandates): only the ``keep`` most recently used results of ``kind`` are kept, so memory
    stays bounded however many keys are asked for."""
    with _lock:
        entry = _recent.setdefault(store, {}).setdefault(kind, _Recent(keep))
    version = _version(store)
    with entry.lock:
        stale = entry.version != version if version is not None else time.monotonic() - entry.stamp >= UNVERSIONED_TTL_S
        if stale:
            entry.values.clear()
            entry.version, entry.stamp = version, time.monotonic()
        if key in entry.values:
            entry.values.move_to_end(key)
            return entry.values[key]  # type: ignore[no-any-return]
    value = compute()
    with entry.lock:
        if entry.version == version:
            entry.values[key] = value
            entry.values.move_to_end(key)
            while len(entry.values) > entry.keep:
                entry.values.popitem(last=False)
    return value
