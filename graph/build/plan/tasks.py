"""A plan's tasks (``pol:Task``): text, key, heading, the agencies assigned to them, their
products, funding, timeframes, targets and the documents they cite."""

from __future__ import annotations

from rdflib import Literal, URIRef

from graph.build.ids import iri, target_id
from graph.build.plan.agencies import AgencyTerms
from graph.build.plan.references import ReferenceTerms
from graph.build.plan.targets import TargetTerms
from graph.build.terms import DCTERMS, POL, RDF, RDFS, vi
from loaders.models import TaskRecord


class TaskTerms(AgencyTerms, TargetTerms, ReferenceTerms):
    def task(self, task: TaskRecord) -> URIRef:
        task_local = self.task_local(task.key)
        node = iri(task_local)
        add = self.graph.add
        add((node, RDF.type, POL.Task))
        add((node, DCTERMS.description, vi(task.text)))
        add((node, RDFS.label, vi(short(task.text))))
        add((node, POL.taskKey, Literal(task.key)))
        add((node, POL.origin, self.literal(task.origin)))
        if task.code:
            add((node, POL.taskCode, Literal(task.code)))
        if task.heading:
            add((node, POL.heading, vi(task.heading)))
        add((node, POL.advisory, Literal(task.advises)))
        add((node, POL.monitoring, Literal(task.monitoring)))
        self.derived(node, task.span)
        for role, mentions in (
            ("lead", task.leads),
            ("coordinating", task.coordinators),
            ("reporting", task.reports_to),
        ):
            for index, mention in enumerate(mentions, start=1):
                self.assign(node, task_local, mention, role, index)
        for prop, value in (
            (POL.product, task.product),
            (POL.fundingSource, task.funding),
            (POL.timeframe, task.timeframe),
            (POL.targetText, task.target_text),
        ):
            if value is not None:
                add((node, prop, vi(value.value)))
                self.derived(node, value.span)
        for index, target in enumerate(task.targets, start=1):
            add((node, POL.hasTarget, self.target(target, target_id(task_local, index))))
        for ref in task.references:
            add((node, POL.cites, self.reference(ref)))
        return node


def short(text: str, limit: int = 90) -> str:
    """A task's label: its text, cut at a word before ``limit`` characters.

    >>> short("Rà soát, sửa đổi quy chế", limit=12)
    'Rà soát,…'
    """
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
