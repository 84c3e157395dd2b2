"""Opening a store from one ``--store`` / ``POLICYKG_STORE`` value.

- a directory path: the embedded Oxigraph store (created if missing);
- ``:memory:``: an embedded in-memory store;
- ``sparql+http://host:port/path`` or ``sparql+https://...`` (plain ``http(s)://`` too): a
  remote SPARQL 1.1 server, see :mod:`graph.store.remote.store`; how the URL names the
  endpoints and the credentials is told in :mod:`graph.store.remote.endpoint`. Credentials
  are answered to a Basic or Digest challenge from the server.

What a value names, without opening anything, is :mod:`graph.store.spec`.
"""

from __future__ import annotations

import os
from pathlib import Path

from graph.store.embedded import PolicyStore
from graph.store.errors import StoreError
from graph.store.protocol import GraphStore
from graph.store.remote.endpoint import RemoteEndpoint, parse_endpoint, without_password
from graph.store.spec import MEMORY, is_remote, store_spec


def open_store(
    spec: str | os.PathLike[str] | None = None,
    *,
    user: str | None = None,
    password: str | None = None,
    timeout_s: float | None = None,
) -> GraphStore:
    """Open the store a ``--store`` value names, read-write.

    None means ``$POLICYKG_STORE``, else ``.policykg/store``. A remote server is contacted
    once at opening, so an unreachable server or refused credentials fail here with a clear
    message. ``timeout_s`` bounds each HTTP request to a remote server.
    """
    text = store_spec(spec)
    if not is_remote(text):
        return PolicyStore.open(text)
    from graph.store.remote.store import RemoteStore  # the HTTP client, only for a server

    endpoint = parse_endpoint(text, user=user, password=password)
    store = RemoteStore(endpoint) if timeout_s is None else RemoteStore(endpoint, timeout_s=timeout_s)
    store.check()
    return store


def store_label(spec: str | os.PathLike[str] | None) -> str:
    """How to name a store in messages (never with its password).

    >>> store_label(":memory:")
    'an in-memory store'
    >>> store_label("sparql+http://dba:secret@127.0.0.1:8890/sparql")
    'the SPARQL server at http://127.0.0.1:8890/sparql'
    """
    text = store_spec(spec)
    if text == MEMORY:
        return "an in-memory store"
    if is_remote(text):
        try:
            return parse_endpoint(text).label
        except StoreError:
            return without_password(text)
    return str(Path(text).expanduser())


__all__ = [
    "RemoteEndpoint",
    "is_remote",
    "open_store",
    "parse_endpoint",
    "store_label",
    "store_spec",
]
