"""graph/analysis/overlaps."""
