"""Ingest figures: per file and per set, per stage, and what compacting the store after a bulk
ingest buys."""
