"""Build the read models the use-case routes share before the first request needs them."""

from __future__ import annotations

import logging
import threading

from graph.agency_directory import all_agencies
from graph.analysis.lineage_local import title_children
from graph.heap import release_free_memory
from graph.plans import all_plans
from graph.search import warm as warm_search
from graph.store import PolicyStore
from graph.targets import all_targets

log = logging.getLogger(__name__)


def warm(store: PolicyStore) -> None:
    """The plan list, agency directory, targets, search index and the document list that
    lineage trees start from, computed now. (The whole lineage graph and the overlaps,
    heavier and not needed by most users, are built on first use.)"""
    all_plans(store)
    all_agencies(store)
    all_targets(store)
    warm_search(store)
    title_children(store)
    release_free_memory()  # what building them took and let go of


def warm_in_background(store: PolicyStore) -> threading.Thread:
    """``warm`` in a daemon thread; a failure is logged, the first request then recomputes."""

    def run() -> None:
        try:
            warm(store)
        except Exception:
            log.exception("could not prepare the read models; they will be built on first use")

    thread = threading.Thread(target=run, name="policykg-warm", daemon=True)
    thread.start()
    return thread
