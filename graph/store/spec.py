"""What one ``--store`` / ``POLICYKG_STORE`` value names, before anything is opened.

A value is a directory (the embedded store on disk), ``:memory:`` (an embedded store in
memory) or a ``sparql+http(s)://`` URL (a remote SPARQL server). Telling them apart needs
neither store, so the command line can decide what to import from the value alone.
"""

from __future__ import annotations

import os
from pathlib import Path

from graph.store.errors import StoreError

MEMORY = ":memory:"
DEFAULT_LOCATION = Path(".policykg") / "store"
STORE_ENV = "POLICYKG_STORE"
REMOTE_SCHEMES = ("sparql+http://", "sparql+https://", "http://", "https://")


def is_remote(spec: str | os.PathLike[str] | None) -> bool:
    """Whether a store value names a remote SPARQL server.

    >>> is_remote("sparql+https://example.org/sparql"), is_remote("HTTP://localhost:8890/sparql")
    (True, True)
    >>> is_remote(":memory:"), is_remote(Path("http://not-a-url")), is_remote(None)
    (False, False, False)
    """
    return isinstance(spec, str) and spec.strip().lower().startswith(REMOTE_SCHEMES)


def store_spec(spec: str | os.PathLike[str] | None) -> str:
    """The store value to use: ``spec``, else ``$POLICYKG_STORE``, else ``.policykg/store``.

    >>> store_spec(Path("data") / "store")
    'data/store'
    """
    if spec is None:
        spec = os.environ.get(STORE_ENV) or os.fspath(DEFAULT_LOCATION)
    return os.fspath(spec)


def resolve_location(location: str | os.PathLike[str] | None) -> Path | None:
    """Where an embedded store lives: a directory, or None for an in-memory store.

    None means ``$POLICYKG_STORE``, else ``.policykg/store`` in the working directory. A
    remote value is an error here: it names no directory.

    >>> resolve_location(":memory:") is None
    True
    >>> resolve_location("/srv/policykg/store")
    PosixPath('/srv/policykg/store')
    """
    if location is None:
        location = os.environ.get(STORE_ENV) or DEFAULT_LOCATION
    text = os.fspath(location)
    if text == MEMORY:
        return None
    if text.lower().startswith(REMOTE_SCHEMES):
        raise StoreError(
            f"{text!r} is a SPARQL server, not a directory: open it with graph.store.location.open_store"
            " (the command line and the server do)"
        )
    return Path(text).expanduser()


__all__ = ["DEFAULT_LOCATION", "MEMORY", "REMOTE_SCHEMES", "STORE_ENV", "is_remote", "resolve_location", "store_spec"]
