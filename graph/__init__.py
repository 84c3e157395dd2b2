"""PolicyKG."""
