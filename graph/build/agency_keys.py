"""One description per agency.

A plan graph names agencies (in assignments, as issuer, in "nay là" statements) but does not
describe them: the description of a concrete agency (type, labels, province) is the same in
every plan that names it, and kept once, in the agencies graph, beside the 2025 successors.
A fact stored in many named graphs would come back once per graph from the union default
graph, and every query joining on agencies would grow with the number of plans.

``graph.build.plan.agencies`` keeps a plan's agency descriptions apart from its own triples (they are
validated together); ``graph.ingest.succession.refresh_succession`` writes the agencies graph.
"""

from __future__ import annotations

# (agency type id, province id or None for a national body)
AgencyKey = tuple[str, str | None]
