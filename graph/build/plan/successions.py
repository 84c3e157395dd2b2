"""What a plan says of renamed or merged bodies and provinces ("... (nay là ...)"): a
``pol:successor`` link and an ``org:ChangeEvent``, dated where the reference data knows the
date."""

from __future__ import annotations

import datetime as dt

from graph.build.ids import event_id, iri
from graph.build.plan.agencies import AgencyTerms
from graph.build.terms import DCTERMS, ORG, POL, RDF, RDFS, date, vi
from loaders.models import AgencyMention, SuccessionStatement
from loaders.places import PROVINCE_REFORM
from ontology import catalogue


class SuccessionTerms(AgencyTerms):
    def succession(self, statement: SuccessionStatement) -> None:
        add = self.graph.add
        if statement.kind == "province" and statement.before_province and statement.after_province:
            old, new = iri(statement.before_province), iri(statement.after_province)
        elif statement.kind == "agency" and statement.before_type_id and statement.after_type_id:
            province = self.record.province.value if self.record.province else None
            before = AgencyMention(
                text=statement.before,
                type_id=statement.before_type_id,
                province=province,
                span=statement.span,
            )
            after = AgencyMention(
                text=statement.after,
                type_id=statement.after_type_id,
                province=province,
                span=statement.span,
            )
            for mention in (before, after):
                entry = catalogue.agency_types().get(mention.type_id or "")
                mention.national = entry is not None and entry.level == "national"
            old, new = self.agency(before), self.agency(after)
        else:
            return
        add((old, POL.successor, new))
        event = iri(event_id(self.doc_local, statement.span.start_line, statement.before))
        known = known_date(statement)
        if known is not None:
            add((event, DCTERMS.date, date(known)))
        add((event, RDF.type, ORG.ChangeEvent))
        add((event, ORG.originalOrganization, old))
        add((event, ORG.resultingOrganization, new))
        add((event, RDFS.comment, vi(f"{statement.before} (nay là {statement.after})")))
        self.derived(event, statement.span)


def known_date(statement: SuccessionStatement) -> dt.date | None:
    """The curated date of a rename the text states ("(nay là ...)"), where the reference knows it."""
    if statement.kind == "province":
        return PROVINCE_REFORM
    for succession in catalogue.type_successions().get(statement.before_type_id or "", ()):
        if succession.to_id == statement.after_type_id:
            return succession.date
    return None
