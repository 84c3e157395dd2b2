"""Timing of the analyses and of the plan checks on ingested or read plans."""
