"""graph/analysis/lineage."""
