"""Typed reading of query rows: the value of one variable as text, integer, decimal or local id."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from graph.build.ids import local
from graph.store.terms import PythonValue

Row = Mapping[str, PythonValue]


def text(row: Row, name: str) -> str | None:
    value = row.get(name)
    return None if value is None else str(value)


def integer(row: Row, name: str) -> int | None:
    value = row.get(name)
    if value is None or isinstance(value, (dt.date, dt.datetime)):
        return None
    return int(value)


def decimal(row: Row, name: str) -> Decimal | None:
    value = row.get(name)
    if value is None or isinstance(value, (dt.date, dt.datetime, bool)):
        return None
    return Decimal(str(value))


def local_id(row: Row, name: str) -> str | None:
    value = row.get(name)
    return None if value is None else local(str(value))


def iso_date(row: Row, name: str) -> str | None:
    value = row.get(name)
    if isinstance(value, dt.date):
        return value.isoformat()
    return None if value is None else str(value)
