"""Agencies as plans name them: ``resolve`` matches a mention to a curated agency type and its
jurisdiction; ``structure`` types a body nobody listed by the head noun of its name."""
