"""graph/store."""
