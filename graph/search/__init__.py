"""graph/search."""
