"""graph/store/sparql."""
