"""Response models of the analysis routes: pages of overlap pairs and of target gaps (the items
are the read models of :mod:`graph.analysis`)."""

from __future__ import annotations

from pydantic import BaseModel

from graph.analysis.overlaps.analysis import OverlapPair
from graph.analysis.target_gaps import TargetGap


class OverlapList(BaseModel):
    total: int
    limit: int
    offset: int
    min_score: float
    items: list[OverlapPair]


class GapList(BaseModel):
    total: int
    matched: int
    unmatched: int
    limit: int
    offset: int
    items: list[TargetGap]
