"""graph/store/remote."""
