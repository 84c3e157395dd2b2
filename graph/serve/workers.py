"""Running untrusted SPARQL with a hard time limit.

Neither pyoxigraph nor rdflib can interrupt a running query, so queries that must stop on
time run in worker processes that can be killed. :class:`QueryWorkers` keeps a small pool of
them, each holding the on-disk store open read-only beside the read-write owner (the server
process). A query that outlives the limit gets its worker killed and replaced; the caller
gets :class:`QueryTimeout`. A worker left holding more than ``max_worker_mb`` after a query
is replaced too, so that the pool's memory returns to its resting size.

Each pool slot is driven by one thread of a private executor, so waiting for a result
never blocks an event loop and never takes threads from anybody else's pool. Queries beyond
the number of workers queue in that executor: up to ``max_queued`` of them, each for at most
``queue_wait_s``; a query beyond that, or one that waited that long, gets :class:`StoreBusy`
at once rather than an answer a minute later.

Workers run with no network (:mod:`graph.serve.netns`) and at most ``memory_mb`` of data memory
each. A query that goes over it ends its worker (the engine aborts when an allocation fails);
the pool tells that from other ends by the worker's last words on standard error, replaces
the worker and raises :class:`QueryMemoryLimit`. A worker that dies otherwise while running
a query (a stack overflow in the engine) is replaced too and the caller gets
:class:`QueryCrashed`. Updates are parsed in a worker first (:meth:`QueryWorkers.check_update`):
a text that would crash the engine ends a worker, not the server that applies it.

Writes go through :meth:`QueryWorkers.exclusive`, which waits for running queries to finish
and holds new ones back while the write runs. Every write raises the owner's generation
counter; workers compare it with the generation their instance was opened at and reopen
when it changed, so a query never sees a state older than the last completed write.
(A read-only RocksDB instance is a snapshot of the files at opening; opening is retried when
it races with the writer's compaction, see ``PolicyStore.open_read_only``.) Measured here:
a worker answers its first job about 125 ms after it is spawned; a read-only open takes a
few milliseconds.

:class:`graph.serve.threads.InProcessQueries` offers the same interface for in-memory
stores, which other processes cannot see.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnProcess
from pathlib import Path
from queue import Empty, Queue
from typing import Any, Protocol

from graph.serve.gate import WriteGate
from graph.serve.results import NotAcceptable, QueryJob, QueryOutcome
from graph.serve.worker import PING, UpdateCheck, WorkerState, serve
from graph.store.errors import QueryError, StoreError

LOG = logging.getLogger("policykg.sparql")

# A worker holding more than this after a query is replaced by a fresh one (memory that the
# store's joins took is kept by the allocator, not returned to the system).
WORKER_MAX_MB = 160.0
# A worker left idle this long holding more than WORKER_REST_MB (what the store's caches grew to
# during its queries) is replaced too, so that a quiet server rests small while a busy one keeps
# its warm workers.
WORKER_REST_MB = 80.0
WORKER_IDLE_S = 5.0
# What an engine that could not allocate writes before it aborts: Rust's allocator, C++'s
# bad_alloc, Python's MemoryError, and RocksDB failing to start a thread (whose stack counts
# against the limit: "Resource temporarily unavailable").
OUT_OF_MEMORY_MARKS = (
    "memory allocation of",
    "bad_alloc",
    "MemoryError",
    "Cannot allocate memory",
    "Resource temporarily unavailable",
)
# How long a new worker may take to start (import and answer a ping) on a loaded machine;
# this is not counted in any query's time limit.
WORKER_START_S = 120.0


def resident_mb(pid: int | None) -> float:
    """The resident memory of a process in MB (0 where /proc is not there to ask)."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


class QueryTimeout(StoreError):
    """The query ran longer than the time limit and was stopped."""

    def __init__(self, seconds: float):
        super().__init__(f"query exceeded the {seconds:g} s timeout")
        self.seconds = seconds


class WorkerStartFailed(StoreError):
    """A new worker did not answer its first ping."""


class StoreBusy(StoreError):
    """Too many queries are waiting for a worker."""


class QueryMemoryLimit(StoreError):
    """The query needed more memory than a worker may take; its worker was replaced."""

    def __init__(self, memory_mb: int | None):
        limit = f"the {memory_mb} MB memory limit" if memory_mb else "the memory"
        super().__init__(f"query exceeded {limit} of a query worker and was stopped")
        self.memory_mb = memory_mb


class QueryCrashed(QueryError):
    """The query ended the worker running it in another way; the worker was replaced."""


class QueryRunner(Protocol):
    """What the SPARQL endpoint needs from a query runner."""

    timeout_s: float

    async def run(self, job: QueryJob) -> QueryOutcome: ...

    def exclusive(self) -> AbstractContextManager[None]: ...

    def close(self) -> None: ...


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, context: Any, location: Path, memory_mb: int | None, logs: Path):
        parent_end, child_end = context.Pipe(duplex=True)
        self.connection: Connection = parent_end
        handle, stderr_path = tempfile.mkstemp(prefix="worker-", suffix=".log", dir=logs)
        os.close(handle)
        self.stderr_path = Path(stderr_path)
        self.process: SpawnProcess = context.Process(
            target=serve,
            args=(child_end, str(location), memory_mb, stderr_path),
            name="policykg-query-worker",
            daemon=True,
        )
        self.started = time.perf_counter()
        self.used = self.started
        self.ready = False
        """Whether the worker has answered a ping (its imports are done)."""
        self.process.start()
        child_end.close()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.connection.close()
        self.stderr_path.unlink(missing_ok=True)

    def last_words(self) -> str:
        """The end of what the worker wrote to its standard error."""
        try:
            with self.stderr_path.open("rb") as log:
                log.seek(max(0, log.seek(0, os.SEEK_END) - 4096))
                return log.read().decode("utf-8", "replace")
        except OSError:
            return ""


class QueryWorkers:
    """A pool of killable query worker processes over one on-disk store."""

    def __init__(
        self,
        location: Path,
        *,
        size: int = 2,
        timeout_s: float = 10.0,
        generation: Callable[[], int] = lambda: 0,
        max_queued: int | None = None,
        max_worker_mb: float = WORKER_MAX_MB,
        rest_mb: float = WORKER_REST_MB,
        idle_s: float = WORKER_IDLE_S,
        memory_mb: int | None = None,
        queue_wait_s: float | None = None,
    ):
        if size < 1:
            raise ValueError("a query pool needs at least one worker")
        self.location = location
        self.size = size
        self.timeout_s = timeout_s
        self.max_queued = max_queued if max_queued is not None else 16 * size
        self.max_worker_mb = max_worker_mb
        self.rest_mb = rest_mb
        self.idle_s = idle_s
        self.memory_mb = memory_mb
        self.queue_wait_s = queue_wait_s if queue_wait_s is not None else timeout_s
        self._logs = Path(tempfile.mkdtemp(prefix="policykg-workers-"))
        self._generation = generation
        self._context = multiprocessing.get_context("spawn")
        self._idle: Queue[_Worker] = Queue()
        self._all: set[_Worker] = set()
        self._executor = ThreadPoolExecutor(max_workers=size, thread_name_prefix="sparql-query")
        self._gate = WriteGate()
        self._pending_lock = threading.Lock()
        self._pending = 0
        self._closed = False
        self.replacements = 0
        spawned = [self._spawn() for _ in range(size)]
        for worker in spawned:  # all start at once; the pool is returned warm
            self._make_ready(worker)
            self._idle.put(worker)
        self._stop = threading.Event()
        threading.Thread(target=self._recycle_idle, name="policykg-worker-recycler", daemon=True).start()

    # ---------------------------------------------------------------- running

    async def run(self, job: QueryJob) -> QueryOutcome:
        """Run a query in a worker without blocking the event loop."""
        with self._pending_lock:
            if self._pending >= self.size + self.max_queued:
                raise StoreBusy("too many queries are waiting; try again shortly")
            self._pending += 1
        try:
            loop = asyncio.get_running_loop()
            deadline = time.perf_counter() + self.queue_wait_s
            return await loop.run_in_executor(self._executor, self.run_blocking, job, deadline)
        finally:
            with self._pending_lock:
                self._pending -= 1

    def run_blocking(self, job: QueryJob, deadline: float | None = None) -> QueryOutcome:
        """Run a query in a worker, waiting for it; raise QueryTimeout when over time and
        StoreBusy when no worker was free by ``deadline`` (a ``time.perf_counter`` value)."""
        outcome = self._in_worker(job, deadline)
        assert outcome is not None  # the reply to a query is its outcome
        return outcome

    def _in_worker(self, job: QueryJob | UpdateCheck, deadline: float | None = None) -> QueryOutcome | None:
        with self._gate.reading():
            try:
                wait = None if deadline is None else max(0.0, deadline - time.perf_counter())
                worker = self._idle.get(timeout=wait)
            except Empty:
                raise StoreBusy(
                    f"every query worker stayed busy for {self.queue_wait_s:g} s; try again shortly"
                ) from None
            try:
                self._make_ready(worker)  # a replacement's start is not the query's time
                reply = self._exchange(worker, (job, self._generation()), self.timeout_s)
                if reply[0] == "memory_limit":
                    worker = self._replace(worker)
                    raise QueryMemoryLimit(self.memory_mb)
                if resident_mb(worker.process.pid) > self.max_worker_mb:
                    # a large query left the worker holding memory it will not give back
                    worker = self._replace(worker)
            except QueryTimeout:
                worker = self._replace(worker)
                raise
            except (EOFError, OSError) as error:
                ended = self._ending(worker)
                worker = self._replace(worker)
                raise ended from error
            except WorkerStartFailed:
                worker = self._replace(worker)
                raise
            finally:
                worker.used = time.perf_counter()
                self._idle.put(worker)
        return _outcome(reply)

    def check_update(self, sparql_update: str, *, base_iri: str | None = None) -> None:
        """Parse an update in a worker (no network, a crash ends only the worker); raise
        QueryError for a syntax error, a refused operation or a text that ends the worker."""
        self._in_worker(UpdateCheck(sparql_update, base_iri))

    def state(self) -> WorkerState:
        """What a worker says of itself: whether it has no network, its memory limit."""
        worker = self._idle.get()
        try:
            reply = self._exchange(worker, PING, timeout=60)
        finally:
            self._idle.put(worker)
        status, value = reply
        assert status == "ok" and isinstance(value, WorkerState)
        return value

    def ping(self) -> float:
        """Wait until a worker answers; return the seconds that took (for measurements)."""
        started = time.perf_counter()
        worker = self._idle.get()
        try:
            self._exchange(worker, PING, timeout=60)
        finally:
            self._idle.put(worker)
        return time.perf_counter() - started

    def exclusive(self) -> AbstractContextManager[None]:
        """Hold queries back while the caller writes to the store."""
        return self._gate.writing()

    def close(self) -> None:
        """Stop every worker. Idempotent."""
        if self._closed:
            return
        self._closed = True
        self._stop.set()
        self._executor.shutdown(wait=False, cancel_futures=True)
        for worker in list(self._all):
            worker.kill()
        self._all.clear()
        shutil.rmtree(self._logs, ignore_errors=True)

    # ---------------------------------------------------------------- helpers

    def _exchange(self, worker: _Worker, message: Any, timeout: float) -> Any:
        if self._closed:
            raise StoreError("the query workers are stopped")
        worker.connection.send(message)
        if not worker.connection.poll(timeout):
            raise QueryTimeout(self.timeout_s)
        return worker.connection.recv()

    def _make_ready(self, worker: _Worker) -> None:
        """Wait (up to WORKER_START_S) until a new worker answers a ping."""
        if worker.ready:
            return
        try:
            worker.connection.send(PING)
            if not worker.connection.poll(WORKER_START_S):
                raise WorkerStartFailed(f"a query worker did not start within {WORKER_START_S:g} s")
            worker.connection.recv()
        except (EOFError, OSError) as error:
            raise WorkerStartFailed("a query worker stopped while starting") from error
        worker.ready = True

    def _ending(self, worker: _Worker) -> StoreError:
        """Why a worker died while running a query."""
        worker.process.join(timeout=2)
        words = worker.last_words()
        code = worker.process.exitcode
        LOG.warning("a query worker ended (exit code %s) while running a query: %s", code, words[-1000:].strip())
        overflow = "overflowed its stack" in words
        aborted = code == -signal.SIGABRT and self.memory_mb is not None and not overflow
        if aborted or any(mark in words for mark in OUT_OF_MEMORY_MARKS):
            return QueryMemoryLimit(self.memory_mb)
        if code is not None and code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            cause = " (its stack overflowed: the text nests too deeply)" if overflow else ""
            return QueryCrashed(f"the query ended the worker running it with {name}{cause}; the worker was replaced")
        return StoreError("the query worker stopped unexpectedly")

    def _spawn(self) -> _Worker:
        worker = _Worker(self._context, self.location, self.memory_mb, self._logs)
        self._all.add(worker)
        return worker

    def _recycle_idle(self) -> None:
        """Replace the workers that have rested ``idle_s`` holding more than ``rest_mb``."""
        while not self._stop.wait(self.idle_s / 2):
            for _ in range(self.size):
                try:
                    worker = self._idle.get_nowait()
                except Empty:
                    break
                try:
                    # a worker that has answered nothing since it started is as small as it gets
                    rested = worker.used > worker.started and time.perf_counter() - worker.used >= self.idle_s
                    if rested and not self._closed and resident_mb(worker.process.pid) > self.rest_mb:
                        worker = self._replace(worker)
                finally:
                    self._idle.put(worker)

    def _replace(self, worker: _Worker) -> _Worker:
        worker.kill()
        self._all.discard(worker)
        self.replacements += 1
        return self._spawn()


def _outcome(reply: tuple[str, Any]) -> QueryOutcome | None:
    status, value = reply
    if status == "ok" and (value is None or isinstance(value, QueryOutcome)):
        return value
    if status == "not_acceptable":
        raise NotAcceptable(value)
    if status == "query_error":
        raise QueryError(value)
    raise StoreError(value)
