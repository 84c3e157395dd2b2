"""graph/ingest."""
