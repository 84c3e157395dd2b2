"""graph/read."""
