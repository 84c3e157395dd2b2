"""Where a remote SPARQL server answers, from a ``sparql+http(s)://`` store value.

The value names the query endpoint. The update endpoint is the same URL unless the
``update`` query parameter names another one, as a path on the same server or a full URL:
``sparql+http://127.0.0.1:8890/sparql?update=/sparql-auth``. Credentials come from the URL's
user information (``sparql+http://user:password@host/...``, percent-encoded) or, when the URL
has none, from ``POLICYKG_STORE_USER`` / ``POLICYKG_STORE_PASSWORD``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote, urlencode, urljoin, urlsplit, urlunsplit

from graph.store.errors import StoreError

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


def parse_endpoint(
    spec: str,
    *,
    user: str | None = None,
    password: str | None = None,
) -> RemoteEndpoint:
    """The endpoint a ``sparql+http(s)://`` value names (see the module text).

    >>> parse_endpoint("sparql+http://127.0.0.1:8890/sparql?update=/sparql-auth").update_url
    'http://127.0.0.1:8890/sparql-auth'
    >>> parse_endpoint("sparql+https://me:p%40ss@example.org/sparql").password
    'p@ss'
    """
    text = spec.strip()
    scheme, _, rest = text.partition("://")
    scheme = scheme.lower().removeprefix("sparql+")
    if scheme not in ("http", "https"):
        raise StoreError(f"a remote store URL must start with sparql+http:// or sparql+https://: {spec!r}")
    parts = urlsplit(f"{scheme}://{rest}")
    if not parts.hostname:
        raise StoreError(f"the remote store URL has no host: {without_password(spec)!r}")
    try:
        port = parts.port
    except ValueError as error:
        raise StoreError(f"the remote store URL has an invalid port: {without_password(spec)!r}") from error
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


def without_password(spec: str) -> str:
    """A store value fit for a message: its password, if it has one, replaced by stars.

    >>> without_password("sparql+http://dba:secret@127.0.0.1:8890/sparql")
    'sparql+http://dba:***@127.0.0.1:8890/sparql'
    >>> without_password("sparql+http://127.0.0.1:8890/sparql")
    'sparql+http://127.0.0.1:8890/sparql'
    """
    scheme, sep, rest = spec.partition("://")
    userinfo, at, host = rest.partition("@")
    if not at or "/" in userinfo:
        return spec
    user = userinfo.split(":", 1)[0]
    return f"{scheme}{sep}{user}:***@{host}"


__all__ = ["PASSWORD_ENV", "USER_ENV", "RemoteEndpoint", "parse_endpoint", "without_password"]
