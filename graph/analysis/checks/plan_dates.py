"""When a plan was issued, as far as its text tells: an interval, never a guess.

A signed plan states its date. A draft often states only the year (``ngày ... tháng ...
năm 2026``), and some copies state nothing; then the latest dated document the plan cites
is a lower bound (a plan is issued after what it carries out), and there is no upper bound.
A rule about "a plan dated after 1 March 2025" fires only when the whole interval lies after.

>>> import datetime as dt
>>> when = IssueInterval(dt.date(2026, 1, 1), dt.date(2026, 12, 31), "năm 2026")
>>> when.surely_on_or_after(dt.date(2025, 7, 1)), when.surely_before(dt.date(2025, 3, 1))
(True, False)
>>> IssueInterval(None, None, None).surely_on_or_after(dt.date(2025, 3, 1))
False
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from loaders.models import PlanRecord


@dataclass(frozen=True)
class IssueInterval:
    earliest: dt.date | None
    latest: dt.date | None
    stated_as: str | None  # how the plan's own text gives it, for messages

    def surely_on_or_after(self, day: dt.date) -> bool:
        return self.earliest is not None and self.earliest >= day

    def surely_before(self, day: dt.date) -> bool:
        return self.latest is not None and self.latest < day

    @property
    def year(self) -> int | None:
        """The year of issue when the interval lies within one year."""
        if self.earliest is not None and self.latest is not None and self.earliest.year == self.latest.year:
            return self.earliest.year
        return None


def issue_interval(record: PlanRecord) -> IssueInterval:
    """The interval the plan was issued in."""
    if record.date is not None:
        day = record.date.value
        return IssueInterval(day, day, day.strftime("%d/%m/%Y"))
    if record.year is not None:
        year = record.year.value
        return IssueInterval(dt.date(year, 1, 1), dt.date(year, 12, 31), f"năm {year}")
    cited = [ref.date for ref in record.references if ref.date is not None]
    if cited:
        return IssueInterval(max(cited), None, None)
    return IssueInterval(None, None, None)


def period_years(record: PlanRecord) -> tuple[int, int] | None:
    """The years the plan covers (``2026 - 2030``, ``2023``), when its title says."""
    if record.period is None:
        return None
    years = [int(part) for part in record.period.value.replace("–", "-").split("-") if part.strip().isdigit()]
    if not years:
        return None
    return min(years), max(years)
