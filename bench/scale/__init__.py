"""Scale figures on a synthetic national corpus: run measures each size, report prints and
writes them."""
