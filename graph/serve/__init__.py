"""graph/serve."""
