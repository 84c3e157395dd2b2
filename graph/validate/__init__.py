"""graph/validate."""
