"""The errors both stores raise, in a module of their own so that every piece of the store
(the embedded one, the remote one, the SPARQL checks) can raise them without importing a store.

A caller tells the two kinds apart: a :class:`QueryError` is the fault of the text it sent
(answer 400), a :class:`StoreError` that of the store (answer 500 or 503).
"""

from __future__ import annotations


class StoreError(Exception):
    """The store cannot do what was asked; the message says why."""


class StoreLocked(StoreError):
    """The store directory is held read-write by another process (a running server)."""


class QueryError(StoreError):
    """A SPARQL query or update was rejected: invalid syntax, an evaluation error, or an
    operation the store refuses (SERVICE, LOAD)."""


__all__ = ["QueryError", "StoreError", "StoreLocked"]
