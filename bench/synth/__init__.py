"""A synthetic national corpus of implementation plans, for scale benchmarks."""
