"""Opening a store from one ``--store`` / ``POLICYKG_STORE`` value.

- a directory path: the embedded Oxigraph store (created if missing);
- ``:memory:``: an embedded in-memory store;
- ``sparql+http://host:port/path`` or ``sparql+https://...`` (plain ``http(s)://`` too): a
  remote SPARQL 1.1 server, see :mod:`graph.store.remote.store`.

A remote value names the query endpoint. The update endpoint is the same URL unless the
``update`` query parameter names another one, as a path on the same server or a full URL:
``sparql+http://127.0.0.1:8890/sparql?update=/sparql-auth``. Credentials come from the URL's
user information (``sparql+http://user:password@host/...``, percent-encoded) or, when the URL
has none, from ``POLICYKG_STORE_USER`` / ``POLICYKG_STORE_PASSWORD``; they are answered to a
Basic or Digest challenge from the server.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode, urljoin, urlsplit, urlunsplit

from graph.store.embedded import MEMORY, REMOTE_SCHEMES, STORE_ENV, PolicyStore, StoreError

USER_ENV = "POLICYKG_STORE_USER"
PASSWORD_ENV = "POLICYKG_STORE_PASSWORD"
UPDATE_PARAM = "update"


@dataclass(frozen=True)
class RemoteEndpoint:
    """Where a remote SPARQL server answers, and how to sign in."""

    query_url: str
    update_url: str
    user: str | None = None
    password: str | None = None

    @property
    def label(self) -> str:
        """The endpoint for messages: the query URL (never the password)."""
        if self.update_url == self.query_url:
            return f"the SPARQL server at {self.query_url}"
        return f"the SPARQL server at {self.query_url} (updates: {self.update_url})"


def is_remote(spec: str | os.PathLike[str] | None) -> bool:
    """Whether a store value names a remote SPARQL server."""
    return isinstance(spec, str) and spec.strip().lower().startswith(REMOTE_SCHEMES)


def store_spec(spec: str | os.PathLike[str] | None) -> str:
    """The store value to use: ``spec``, else ``$POLICYKG_STORE``, else ``.policykg/store``."""
    if spec is None:
        spec = os.environ.get(STORE_ENV) or os.fspath(os.path.join(".policykg", "store"))
    return os.fspath(spec)


def parse_endpoint(
    spec: str,
    *,
    user: str | None = None,
    password: str | None = None,
) -> RemoteEndpoint:
    """The endpoint a ``sparql+http(s)://`` value names (see the module text)."""
    text = spec.strip()
    scheme, _, rest = text.partition("://")
    scheme = scheme.lower().removeprefix("sparql+")
    if scheme not in ("http", "https"):
        raise StoreError(f"a remote store URL must start with sparql+http:// or sparql+https://: {spec!r}")
    parts = urlsplit(f"{scheme}://{rest}")
    if not parts.hostname:
        raise StoreError(f"the remote store URL has no host: {_without_password(spec)!r}")
    try:
        port = parts.port
    except ValueError as error:
        raise StoreError(f"the remote store URL has an invalid port: {_without_password(spec)!r}") from error
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    netloc = host if port is None else f"{host}:{port}"
    params = parse_qsl(parts.query, keep_blank_values=True)
    updates = [value for key, value in params if key == UPDATE_PARAM]
    if len(updates) > 1:
        raise StoreError("the remote store URL names more than one update endpoint")
    kept = urlencode([(key, value) for key, value in params if key != UPDATE_PARAM])
    query_url = urlunsplit((scheme, netloc, parts.path or "/", kept, ""))
    update_url = urljoin(query_url, updates[0]) if updates else query_url
    if urlsplit(update_url).scheme not in ("http", "https"):
        raise StoreError(f"the update endpoint must be an http(s) URL or a path: {updates[0]!r}")
    url_user = unquote(parts.username) if parts.username else None
    url_password = unquote(parts.password) if parts.password is not None else None
    if url_user is not None:
        user, password = url_user, url_password
    else:
        user = user if user is not None else os.environ.get(USER_ENV) or None
        password = password if password is not None else os.environ.get(PASSWORD_ENV)
    if user is None and password:
        raise StoreError(f"a store password was given without a user (set {USER_ENV})")
    return RemoteEndpoint(query_url, update_url, user, password if user is not None else None)


def open_store(
    spec: str | os.PathLike[str] | None = None,
    *,
    user: str | None = None,
    password: str | None = None,
    timeout_s: float | None = None,
) -> PolicyStore:
    """Open the store a ``--store`` value names, read-write.

    None means ``$POLICYKG_STORE``, else ``.policykg/store``. A remote server is contacted
    once at opening, so an unreachable server or refused credentials fail here with a clear
    message. ``timeout_s`` bounds each HTTP request to a remote server.
    """
    text = store_spec(spec)
    if not is_remote(text):
        return PolicyStore.open(text)
    from graph.store.remote.store import RemoteStore

    endpoint = parse_endpoint(text, user=user, password=password)
    store = RemoteStore(endpoint) if timeout_s is None else RemoteStore(endpoint, timeout_s=timeout_s)
    store.check()
    return store


def store_label(spec: str | os.PathLike[str] | None) -> str:
    """How to name a store in messages (never with its password)."""
    text = store_spec(spec)
    if text == MEMORY:
        return "an in-memory store"
    if is_remote(text):
        try:
            return parse_endpoint(text).label
        except StoreError:
            return _without_password(text)
    return str(Path(text).expanduser())


def _without_password(spec: str) -> str:
    scheme, sep, rest = spec.partition("://")
    userinfo, at, host = rest.partition("@")
    if not at or "/" in userinfo:
        return spec
    user = userinfo.split(":", 1)[0]
    return f"{scheme}{sep}{user}:***@{host}"


__all__ = [
    "RemoteEndpoint",
    "is_remote",
    "open_store",
    "parse_endpoint",
    "store_label",
    "store_spec",
]
