"""Short labels for nodes: the full text stays available (shown on hover and in the panel)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal

LABEL_LIMIT = 48
_SPACE = re.compile(r"\s+")


def shorten(text: str, limit: int = LABEL_LIMIT) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters with "…"."""
    flat = _SPACE.sub(" ", text).strip()
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–") + "…"


def _number(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def full_label(kind: str, values: Mapping[str, object], lang: str = "vi") -> str:
    """The full name of a node of ``kind`` from what the store holds about it: ``label``,
    ``english``, ``number``, ``title``, ``code``, ``text``, ``metric``, ``value``, ``unit``."""

    def get(name: str) -> str | None:
        value = values.get(name)
        return None if value is None or str(value).strip() == "" else str(value)

    english = get("english") if lang == "en" else None
    if kind == "task":
        text = get("text") or get("label") or ""
        code = get("code")
        return f"{code}. {text}" if code and text else (text or code or "")
    if kind == "target":
        amount = " ".join(
            part
            for part in (_number(values["value"]) if values.get("value") is not None else None, get("unit"))
            if part
        )
        metric = get("metric") or get("label") or ""
        return f"{amount} — {metric}" if amount and metric else (metric or amount)
    if kind == "document":
        english = english or (get("english_title") if lang == "en" else None)
        number = get("number")
        title = get("title") or get("label")
        if number and title:
            return f"{number} — {english or title}"
        return number or english or title or ""
    if kind == "plan":
        return english or get("label") or get("number") or get("title") or ""
    return english or get("label") or get("title") or ""
