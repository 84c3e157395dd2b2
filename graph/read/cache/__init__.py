"""graph/read/cache."""
