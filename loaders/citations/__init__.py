"""References from a plan to other documents, by number and by title."""
