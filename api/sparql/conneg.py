"""Choosing a response format from the ``Accept`` header (RFC 9110 q-values, wildcards)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Offer:
    """A media type the endpoint can send, and the format that produces it."""

    media_type: str
    """What the response's Content-Type says."""
    format: str
    """The canonical media type of the serialiser (a key of graph.serve.results' tables)."""


def _offers(*pairs: tuple[str, str]) -> tuple[Offer, ...]:
    return tuple(Offer(media_type, fmt) for media_type, fmt in pairs)


# In order of preference: on equal q the earlier offer wins; aliases come last.
SOLUTION_OFFERS = _offers(
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/json", "application/sparql-results+json"),
    ("application/xml", "application/sparql-results+xml"),
)
GRAPH_OFFERS = _offers(
    ("text/turtle", "text/turtle"),
    ("application/n-triples", "application/n-triples"),
    ("application/ld+json", "application/ld+json"),
    ("application/rdf+xml", "application/rdf+xml"),
    ("application/n-quads", "application/n-quads"),
    ("application/trig", "application/trig"),
    ("application/turtle", "text/turtle"),
    ("application/x-turtle", "text/turtle"),
    ("application/x-json+ld", "application/ld+json"),
    ("application/xml", "application/rdf+xml"),
)


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float

    @property
    def specificity(self) -> int:
        if self.type == "*":
            return 0
        return 1 if self.subtype == "*" else 2

    def matches(self, media_type: str) -> bool:
        kind, _, sub = media_type.partition("/")
        return self.type in ("*", kind) and self.subtype in ("*", sub)


def parse_accept(header: str) -> list[MediaRange]:
    """The media ranges of an Accept header; malformed entries are skipped."""
    ranges: list[MediaRange] = []
    for item in header.split(","):
        parts = [part.strip() for part in item.split(";")]
        kind, slash, sub = parts[0].lower().partition("/")
        if not slash or not kind or not sub or (kind == "*" and sub != "*"):
            continue
        q = 1.0
        valid = True
        for param in parts[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value.strip())
                except ValueError:
                    valid = False
                if not 0.0 <= q <= 1.0:
                    valid = False
        if valid:
            ranges.append(MediaRange(kind, sub, q))
    return ranges


def quality(media_type: str, ranges: list[MediaRange]) -> float:
    """The q of the most specific range that matches ``media_type`` (0 if none does)."""
    best: MediaRange | None = None
    for media_range in ranges:
        if media_range.matches(media_type) and (best is None or media_range.specificity > best.specificity):
            best = media_range
    return best.q if best is not None else 0.0


def negotiate(accept: str | None, offers: tuple[Offer, ...]) -> Offer | None:
    """The offer the client prefers, None if it accepts none of them.

    No Accept header (or an empty one) means anything: the first offer.
    """
    if accept is None or not accept.strip():
        return offers[0]
    ranges = parse_accept(accept)
    if not ranges:
        return offers[0]
    chosen: Offer | None = None
    chosen_q = 0.0
    for offer in offers:
        q = quality(offer.media_type, ranges)
        if q > chosen_q:
            chosen, chosen_q = offer, q
    return chosen


def media_types(offers: tuple[Offer, ...]) -> list[str]:
    """The canonical media types of some offers, for error messages."""
    seen: list[str] = []
    for offer in offers:
        if offer.format not in seen:
            seen.append(offer.format)
    return seen
