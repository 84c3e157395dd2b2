"""A ``PlanRecord`` as RDF: one module per part of the plan graph (spans, the document and the
documents it cites, agencies and assignments, tasks, targets, successions, findings), put
together by ``graph.build.plan.parts``."""
