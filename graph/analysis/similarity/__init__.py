"""graph/analysis/similarity: Vietnamese texts compared as syllables, whole and clause by clause."""
