"""The product and funding each task of a plan states (the columns of the plan's task table
beside those of ``graph.read.plans.plan_tasks``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.build.ids import local, node
from graph.queries.named import run_named
from graph.store.protocol import GraphStore


@dataclass
class TaskDetails:
    products: list[str] = field(default_factory=list)
    funding: list[str] = field(default_factory=list)


def task_details(store: GraphStore, plan_id: str) -> dict[str, TaskDetails]:
    found: dict[str, TaskDetails] = {}
    for row in run_named(store, "plan_task_details", plan=node(plan_id)):
        details = found.setdefault(local(str(row["task"])), TaskDetails())
        for key, values in (("product", details.products), ("funding", details.funding)):
            if row.get(key) is not None and str(row[key]) not in values:
                values.append(str(row[key]))
    return found
