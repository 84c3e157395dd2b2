"""What every command of ``policykg`` shares: the error a user sees (``CommandError``: the
message says what went wrong, and the command exits 2), and the store a command opens.

Each command group is a module of ``api/cli`` (see ``api.cli.registry``); the functions of a
group import what they need when they run: the command line starts for one command at a time,
and importing everything (the readers, SHACL, the analyses) cost about 1.3 s of CPU before any
command could start (``python -X importtime -c "import api.cli.main"``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graph.store.protocol import GraphStore

__all__ = ["CommandError", "open_store", "store_label"]


class CommandError(Exception):
    """A user-facing failure: the message says what went wrong."""


def open_store(location: str | None, *, write: bool = False) -> GraphStore:
    """The store to read from (beside a server holding it, read-only), or with ``write`` to
    change; a store a server holds cannot be written here, and the message says what to do."""
    from graph.ingest.opening import open_for_reading
    from graph.ingest.opening import open_store as open_any_store
    from graph.store.embedded import StoreError, StoreLocked

    try:
        return open_any_store(location) if write else open_for_reading(location)
    except StoreLocked as error:
        raise CommandError(
            f"{store_label(location)} is held by a running `policykg serve` (or `demo`), and only one process"
            " writes to a store: stop the server, run this command, then start the server again"
            " (reading commands — query, mandates, lineage, export — work beside it)"
        ) from error
    except StoreError as error:
        raise CommandError(str(error)) from error


def store_label(location: str | None) -> str:
    """How messages name the store at ``location``."""
    from graph.store.location import store_label as describe_store

    return describe_store(location)
