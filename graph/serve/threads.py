"""Client SPARQL over an in-memory store, in threads of the server process.

Other processes cannot see an in-memory store, so its queries cannot run in killable workers
(:mod:`graph.serve.workers`): they run in threads, the time limit is answered on time, but the
thread itself runs on until the query ends. Each thread leaves the network namespace as it
starts where the process may do so (as root, :mod:`graph.serve.netns`).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from graph.serve.netns import cut_network
from graph.serve.results import QueryJob, QueryOutcome, execute
from graph.serve.workers import QueryTimeout
from graph.store.embedded import PolicyStore


class InProcessQueries:
    """Queries on an in-memory store, in threads of this process (not killable)."""

    def __init__(self, store: PolicyStore, *, size: int = 2, timeout_s: float = 10.0):
        self.store = store
        self.timeout_s = timeout_s
        self._size = size
        self._isolation: dict[str, str | None] = {}
        self._executor = ThreadPoolExecutor(
            max_workers=size, thread_name_prefix="sparql-query", initializer=self._cut_network
        )
        self._lock = threading.Lock()

    def _cut_network(self) -> None:
        self._isolation[threading.current_thread().name] = cut_network()

    def isolation(self) -> str | None:
        """None when the query threads have no network (each leaves it as it starts)."""
        futures = [self._executor.submit(time.sleep, 0.05) for _ in range(self._size)]
        for future in futures:
            future.result()
        reasons = {why for why in self._isolation.values() if why is not None}
        return "; ".join(sorted(reasons)) or None

    async def run(self, job: QueryJob) -> QueryOutcome:
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self._executor, self._run, job)
        try:
            return await asyncio.wait_for(future, self.timeout_s)
        except TimeoutError as error:
            raise QueryTimeout(self.timeout_s) from error

    def _run(self, job: QueryJob) -> QueryOutcome:
        return execute(self.store, job)

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        with self._lock:
            yield

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
