"""Build the read models the use-case routes share before the first request needs them."""

from __future__ import annotations

import logging
import threading
from typing import Any

from graph.analysis.lineage.local import DOCUMENTS, TITLE_CHILDREN
from graph.read.cache.apart import build_apart, builds_apart
from graph.read.cache.memo import Filling
from graph.read.cache.models import ReadModel
from graph.read.directory import AGENCY_DIRECTORY
from graph.read.plans import PLANS
from graph.read.targets import TARGETS
from graph.search.index import SEARCH_INDEX
from graph.serve.heap import release_free_memory
from graph.store.protocol import GraphStore

log = logging.getLogger(__name__)

# The plan list, agency directory, targets, search index and the document list that lineage
# trees start from. (The whole lineage graph and the overlaps, heavier and not needed by most
# users, are built on first use.)
READ_MODELS: tuple[ReadModel[Any], ...] = (PLANS, AGENCY_DIRECTORY, TARGETS, SEARCH_INDEX, DOCUMENTS, TITLE_CHILDREN)


def warm(store: GraphStore, *, apart_min_mb: float | None = None) -> None:
    """Compute the read models now: all in one child process where the store calls for it
    (graph.read.cache.apart; ``apart_min_mb`` overrides the size from which it does), so that
    this process keeps only the results. Anything the child could not build is built here."""
    if builds_apart(store, apart_min_mb):
        try:
            with Filling(store, [model.key for model in READ_MODELS]) as filling:
                for model, value in build_apart(store, READ_MODELS):
                    filling.fill(model.key, value)
                    del value
        except Exception:
            log.exception("could not build the read models in a child process; building them here")
        release_free_memory()
    for model in READ_MODELS:
        model.get(store)  # at once if remembered above
    release_free_memory()  # what building them took and let go of


def warm_in_background(store: GraphStore) -> threading.Thread:
    """``warm`` in a daemon thread; a failure is logged, the first request then recomputes."""

    def run() -> None:
        try:
            warm(store)
        except Exception:
            log.exception("could not prepare the read models; they will be built on first use")

    thread = threading.Thread(target=run, name="policykg-warm", daemon=True)
    thread.start()
    return thread
