"""What the embedded store asks of pyoxigraph beyond one call: opening a directory (its lock,
its retries), the dataset options of one query, and what an error from it means.

Kept apart from :mod:`graph.store.embedded` so that the class there reads as the store's
vocabulary, and so that the query runners of :mod:`graph.serve` can classify Oxigraph's
errors the way the store does.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pyoxigraph import NamedNode, Store

from graph.store.errors import QueryError, StoreError, StoreLocked
from graph.store.sparql.lexer import SparqlText

READ_ONLY_ATTEMPTS = 8


def open_directory(path: Path) -> Store:
    """The Oxigraph dataset in ``path`` read-write, creating the directory if missing.

    Only one process at a time can hold a directory read-write: another one gets
    :class:`StoreLocked`.
    """
    if path.exists() and not path.is_dir():
        raise StoreError(f"the store location {path} exists and is not a directory")
    try:
        path.mkdir(parents=True, exist_ok=True)
        return Store(str(path))
    except OSError as error:
        if "lock" in str(error).lower():
            raise StoreLocked(
                f"the store at {path} is open in another process "
                "(a running `policykg serve`?); stop it or use its SPARQL endpoint"
            ) from error
        raise StoreError(f"cannot open the store at {path}: {error}") from error


def open_directory_read_only(path: Path) -> Store:
    """The existing Oxigraph dataset in ``path`` read-only, beside its writer.

    While the writer compacts, the file list read at opening can name a file just deleted:
    opening is retried a few times before giving up.
    """
    if not (path / "CURRENT").is_file():
        raise StoreError(f"there is no store at {path}")
    for attempt in range(READ_ONLY_ATTEMPTS):
        try:
            return Store.read_only(str(path))
        except (OSError, RuntimeError) as error:
            if attempt + 1 == READ_ONLY_ATTEMPTS:
                raise StoreError(f"cannot open the store at {path} read-only: {error}") from error
            time.sleep(0.02 * (attempt + 1))
    raise AssertionError("unreachable")


def dataset_options(
    text: SparqlText,
    default_graph_uris: Iterable[str] | None,
    named_graph_uris: Iterable[str] | None,
) -> dict[str, Any]:
    """The pyoxigraph ``query`` arguments that select the dataset of one query.

    Without explicit graphs the default graph is the union of all graphs, unless the query
    names its own dataset with FROM / FROM NAMED (Oxigraph would otherwise let the union
    option win over the query's FROM).
    """
    options: dict[str, Any] = {}
    try:
        if default_graph_uris is not None:
            options["default_graph"] = [NamedNode(iri) for iri in default_graph_uris]
        elif not text.has_dataset_clause:
            options["use_default_graph_as_union"] = True
        if named_graph_uris is not None:
            options["named_graphs"] = [NamedNode(iri) for iri in named_graph_uris]
    except ValueError as error:
        raise QueryError(f"invalid graph IRI: {error}") from error
    return options


def classify_error(error: Exception) -> StoreError:
    """A query-time error from Oxigraph as a QueryError (the query's fault) or, for storage
    failures (reported by RocksDB as "IO error" / "Corruption"), a StoreError.

    >>> type(classify_error(RuntimeError("IO error: No space left on device"))).__name__
    'StoreError'
    >>> type(classify_error(ValueError("The variable ?x is not bound"))).__name__
    'QueryError'
    """
    message = str(error)
    if message.startswith(("IO error", "Corruption")) or "IO error:" in message:
        return StoreError(f"the store could not be read: {message}")
    return QueryError(message)


__all__ = ["classify_error", "dataset_options", "open_directory", "open_directory_read_only"]
