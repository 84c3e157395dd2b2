"""What the node pages are made of: facts (label, value, link), sections holding a table, a
tree, a timeline or a chart, links to the source reader, and the task's own words.

Display only: nothing here reads the store except through the read models passed in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from api.pages.rendering import link
from api.pages.tables import Table
from graph.read.source_text import graph_of_document, graph_of_file
from graph.store.protocol import GraphStore
from loaders.text import fold


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    href: str | None = None
    css: str | None = None


@dataclass
class Section:
    id: str
    title: str
    table: Table | None = None
    template: str | None = None  # a partial of api/templates for what is not a table
    context: dict[str, Any] = field(default_factory=dict)
    intro: str | None = None


def node_href(node_id: str, lang: str, **params: Any) -> str:
    """The page of a node, at its IRI's path."""
    return link(f"/id/{node_id}", lang, **params)


def source_href(
    store: GraphStore,
    lang: str,
    start: int | None,
    end: int | None,
    *,
    document: str | None = None,
    file: str | None = None,
) -> str | None:
    """The source reader at the quoted lines: the graph of the document (else of the only
    file of that name); None when the store keeps no text for it."""
    graph = graph_of_document(store, document) if document else None
    if graph is None and file:
        graph = graph_of_file(store, file)
    if graph is None or start is None:
        return None
    last = end if end is not None and end >= start else start
    return link(f"/source/{graph}", lang, lines=f"{start}-{last}") + f"#L{start}"


# A task text often opens with the same clause ("Chủ trì, phối hợp với các sở, ban, ngành …
# tổ chức …"): the task's own words start at the first verb of action after it.
_OPENING = ("chu tri", "phoi hop")
_ACTION = re.compile(
    r"\b(tổ chức|triển khai|tuyên truyền|phổ biến|hướng dẫn|xây dựng|thực hiện|theo dõi|kiểm tra|"
    r"đẩy mạnh|tăng cường|nghiên cứu|rà soát|tham mưu|lồng ghép|hỗ trợ|khuyến khích|đôn đốc|"
    r"thúc đẩy|phát triển|nhân rộng|vận động|giám sát|đánh giá|tập huấn|bố trí|quản lý|thu hút)\b",
    re.IGNORECASE,
)


def own_words(text: str) -> tuple[str, str | None]:
    """(the task's own words, the opening clause before them or None)."""
    flat = " ".join(text.split())
    if not fold(flat[:20]).startswith(_OPENING):
        return flat, None
    match = _ACTION.search(flat, 8)
    if match is None or match.start() > 240:
        return flat, None
    words = flat[match.start() :]
    return words[:1].upper() + words[1:], flat[: match.start()].rstrip(" ,;:")


def lines_text(lang: str, start: int | None, end: int | None) -> str:
    """``dòng 221–227``, ``dòng 47`` (``lines 221–227``, ``line 47``)."""
    from api.pages.i18n import texts

    t = texts(lang)
    if start is None:
        return ""
    if end is None or end == start:
        return t["line_single"].format(start=start)
    return t["lines_range"].format(start=start, end=end)


def short(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
