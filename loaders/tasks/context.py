"""What the two task readers share: the document they read for (``TaskContext``, which also
collects the tasks found), and the way a task's list of agencies is kept free of repeats."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from loaders.agencies.resolve import Resolution, to_mention
from loaders.models import AgencyMention, TaskRecord
from loaders.text import Paragraph, fold


@dataclass
class TaskContext:
    file: str
    province: str | None
    on: dt.date | None = None  # the document date, for the provincial unit of named provinces
    tasks: list[TaskRecord] = field(default_factory=list)

    def mention(self, paragraph: Paragraph, resolution: Resolution, base: int = 0) -> AgencyMention:
        return to_mention(self.file, paragraph, resolution, base=base, province=self.province, on=self.on)


def names_same_type(mention: AgencyMention, others: list[AgencyMention]) -> bool:
    """Whether one of ``others`` is of the same agency type (and group) as ``mention``: a
    coordinator of a lead's own type is the lead named again, not a second body."""
    return any(o.type_id == mention.type_id and o.type_id is not None and o.group == mention.group for o in others)


def dedupe_mentions(mentions: list[AgencyMention]) -> list[AgencyMention]:
    """The mentions in order, each agency type once (an unresolved name once per spelling,
    folded)."""
    seen: set[tuple[str | None, str]] = set()
    out = []
    for mention in mentions:
        key = (mention.type_id, fold(mention.text) if mention.type_id is None else "")
        if key in seen:
            continue
        seen.add(key)
        out.append(mention)
    return out
