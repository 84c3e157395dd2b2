"""Client SPARQL for a remote store: sent to the server, with the endpoint's time limit.

The query runs on the server, so there is no worker process to kill: each request carries an
HTTP timeout of the endpoint's limit (the server enforces its own limits too), and waiting is
done in a private thread pool so the event loop never blocks. Results are serialised by the
same code as the embedded store's (:func:`graph.serve.results.execute`), so formats, the row
cap and its flags do not depend on the backend. A result the server itself cut short is
flagged as truncated as well.

Writes made by the app (:meth:`RemoteQueries.exclusive`) wait for this app's running queries
and hold new ones back, as with the embedded store.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from typing import Any

from graph.serve.gate import WriteGate
from graph.serve.results import QueryJob, QueryOutcome, execute
from graph.serve.workers import QueryTimeout
from graph.store.protocol import QueryResult
from graph.store.remote.http import RemoteTimeout
from graph.store.remote.store import RemoteStore

_JSON_RESULTS_KEY = b',"results":'
_JSON_TRUNCATED_KEY = b',"truncated":true,"results":'


class _Fetched:
    """A result already fetched, in the shape :func:`execute` reads a store."""

    def __init__(self, result: QueryResult):
        self._result = result

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Any] | None = None,
        default_graph_uris: Iterable[str] | None = None,
        named_graph_uris: Iterable[str] | None = None,
        base_iri: str | None = None,
    ) -> QueryResult:
        return self._result


class RemoteQueries:
    """Runs client queries on a remote store, at most ``size`` at a time."""

    def __init__(self, store: RemoteStore, *, size: int = 2, timeout_s: float = 10.0):
        self.store = store
        self.timeout_s = timeout_s
        self._executor = ThreadPoolExecutor(max_workers=size, thread_name_prefix="sparql-remote")
        self._gate = WriteGate()

    async def run(self, job: QueryJob) -> QueryOutcome:
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self._executor, self._run, job)
        try:
            # the HTTP timeout ends the request; this bounds the wait for a pool thread too
            return await asyncio.wait_for(future, self.timeout_s + 1)
        except TimeoutError as error:
            raise QueryTimeout(self.timeout_s) from error

    def _run(self, job: QueryJob) -> QueryOutcome:
        try:
            with self._gate.reading():
                result, cut = self.store.fetch(
                    job.sparql,
                    default_graph_uris=job.default_graph_uris,
                    named_graph_uris=job.named_graph_uris,
                    base_iri=job.base_iri,
                    timeout_s=self.timeout_s,
                )
        except RemoteTimeout as error:
            raise QueryTimeout(self.timeout_s) from error
        outcome = execute(_Fetched(result), job)
        if cut is None or outcome.truncated:
            return outcome
        body = outcome.body
        if outcome.media_type == "application/sparql-results+json":
            body = body.replace(_JSON_RESULTS_KEY, _JSON_TRUNCATED_KEY, 1)
        return dataclasses.replace(outcome, body=body, truncated=True)

    def exclusive(self) -> AbstractContextManager[None]:
        return self._gate.writing()

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
