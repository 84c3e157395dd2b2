"""api/sparql."""
