"""Queries and writes on one store: many queries at once, or one write.

A write waits until the queries already running end, and holds new queries back until it is
done, so that no query reads a store half-way through a change.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class WriteGate:
    def __init__(self) -> None:
        self._state = threading.Condition()
        self._reading = 0
        self._writing = False

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Run a query: wait while a write is under way."""
        with self._state:
            while self._writing:
                self._state.wait()
            self._reading += 1
        try:
            yield
        finally:
            with self._state:
                self._reading -= 1
                self._state.notify_all()

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Write: wait for the running queries, hold new ones back until done."""
        with self._state:
            while self._writing:
                self._state.wait()
            self._writing = True
            while self._reading:
                self._state.wait()
        try:
            yield
        finally:
            with self._state:
                self._writing = False
                self._state.notify_all()
