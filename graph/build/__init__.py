"""graph/build."""
