"""Writing the graphs new to an embedded store in batches, with the bulk loader.

A batch is written in a background thread (the loader releases the GIL), so the files of the
next batch keep arriving from the workers meanwhile; one batch at most is in flight. A batch
the loader refuses is taken back whole (``graph/store/bulk.py``) and handed back to the
ingest, which writes its files one by one, so that only the bad file fails.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from graph.store.protocol import GraphStore

# quads gathered before a bulk write (about 150 synthetic plans of 50 tasks, some 100 MB of N-Quads):
# bigger batches mean fewer, larger files for the store to merge as it grows
BULK_QUADS = 400_000


@dataclass
class Pending:
    """One file's graph waiting to be bulk-loaded, and what to do once it is written."""

    graph: str
    data: bytes
    done: Callable[[float, float], None]  # (wall seconds, processor seconds) spent on it
    quads: int = field(init=False)

    def __post_init__(self) -> None:
        self.quads = self.data.count(b"\n")  # one quad a line


@dataclass
class Outcome:
    """A batch written (``error`` None) or refused whole."""

    batch: list[Pending]
    error: Exception | None = None


class BulkWriter:
    """Gathers graphs new to the store and loads them together once enough quads wait."""

    def __init__(self, store: GraphStore, quads: int = BULK_QUADS) -> None:
        self.store = store
        self.limit = quads
        self.waiting: list[Pending] = []
        self.size = 0
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="policykg-bulk-load")
        self._in_flight: tuple[Future[None], list[Pending]] | None = None

    def holds(self, graph: str) -> bool:
        """Whether ``graph`` waits or is being loaded."""
        in_flight = self._in_flight[1] if self._in_flight is not None else []
        return any(p.graph == graph for p in (*self.waiting, *in_flight))

    def add(self, pending: Pending) -> list[Outcome]:
        self.waiting.append(pending)
        self.size += pending.quads
        done = self._finished(wait=False)
        if self.size >= self.limit:
            done += self._submit()
        return done

    def poll(self) -> list[Outcome]:
        """The batch in flight, if it has finished."""
        return self._finished(wait=False)

    def drain(self) -> list[Outcome]:
        """Write everything waiting and wait until it is written."""
        done = self._submit() if self.waiting else []
        return done + self._finished(wait=True)

    def close(self) -> None:
        self._thread.shutdown(wait=True)

    def _submit(self) -> list[Outcome]:
        done = self._finished(wait=True)
        batch, self.waiting, self.size = self.waiting, [], 0
        self._in_flight = (self._thread.submit(self._write, batch), batch)
        return done

    def _finished(self, *, wait: bool) -> list[Outcome]:
        if self._in_flight is None:
            return []
        future, batch = self._in_flight
        if not wait and not future.done():
            return []
        self._in_flight = None
        try:
            future.result()
        except Exception as error:  # the loader took the whole batch back
            return [Outcome(batch, error)]
        return [Outcome(batch)]

    def _write(self, batch: list[Pending]) -> None:
        started = time.perf_counter()
        cpu_started = time.process_time()
        self.store.load_new_graphs(b"".join(p.data for p in batch), [p.graph for p in batch])
        seconds = (time.perf_counter() - started) / len(batch)
        cpu = (time.process_time() - cpu_started) / len(batch)
        for item in batch:
            item.done(seconds, cpu)
