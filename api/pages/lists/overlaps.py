"""``/graph/overlaps/list``: overlapping tasks and targets as a ranked list — both texts side
by side with the shared terms marked, both plans, provinces and lead agencies, the score and
how it was reached, in the page's language. The graph (``/graph/overlaps``) is the second view."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from api.deps import StoreDep
from api.pages.i18n import LangParam, texts
from api.pages.rendering import link, render
from api.pages.tables import MEDIA_TYPES, Cell, Table, download, download_links
from graph.analysis import loading
from graph.analysis.overlaps.analysis import (
    AGENCY_TYPE_BOOST,
    ANCESTOR_BOOST,
    DEFAULT_MIN_SCORE,
    METRIC_BOOST,
    UNRELATED_FACTOR,
    OverlapPair,
    TooManyToCompare,
    overlap_page,
)
from graph.analysis.similarity.syllables import canonical
from graph.read.cache.memo import memoized
from graph.read.plans import all_plans
from graph.store.protocol import GraphStore

router = APIRouter()

PAGE_SIZE = 25
_WORD = re.compile(r"[^\W\d_]+")


def marked(text: str, terms: list[str]) -> list[tuple[str, bool]]:
    """``text`` cut into (part, is a shared term) pieces: a term (one or more syllables, in the
    analyser's canonical form) is marked wherever its syllables stand in a row in the text."""
    words = [(m.start(), m.end(), canonical(m.group())) for m in _WORD.finditer(text)]
    spans: list[tuple[int, int]] = []
    for term in terms:
        syllables = term.split()
        for k in range(len(words) - len(syllables) + 1):
            run = words[k : k + len(syllables)]
            if [w for _, _, w in run] != syllables:
                continue
            if any(text[a[1] : b[0]].strip() for a, b in itertools.pairwise(run)):
                continue  # punctuation between: not the term
            spans.append((run[0][0], run[-1][1]))
    parts: list[tuple[str, bool]] = []
    position = 0
    for start, end in sorted(spans):
        if end <= position:
            continue
        start = max(start, position)
        if start > position:
            parts.append((text[position:start], False))
        parts.append((text[start:end], True))
        position = end
    if position < len(text):
        parts.append((text[position:], False))
    return parts


@dataclass(frozen=True)
class Judgement:
    """One line of how a pair was scored, in the page's language."""

    text: str
    weight: str


def judgements(pair: OverlapPair, lang: str) -> list[Judgement]:
    t = texts(lang)
    lines = []
    if pair.whole_similarity is not None and pair.clause_similarity is not None:
        lines.append(
            Judgement(
                t["ov_similarity_clauses"].format(whole=pair.whole_similarity, clause=pair.clause_similarity),
                f"{pair.similarity:.2f}",
            )
        )
    else:
        lines.append(Judgement(t["ov_similarity"], f"{pair.similarity:.2f}"))
    if "agency_type" in pair.boosts:
        names = ", ".join(pair.common_agency_types)
        lines.append(Judgement(t["ov_same_type"].format(names=names), f"+{AGENCY_TYPE_BOOST:.0%}"))
    if "legal_ancestor" in pair.boosts:
        names = ", ".join(pair.common_documents)
        lines.append(Judgement(t["ov_same_ancestor"].format(names=names), f"+{ANCESTOR_BOOST:.0%}"))
    if "metric" in pair.boosts:
        lines.append(Judgement(t["ov_same_metric"], f"+{METRIC_BOOST:.0%}"))
    if pair.unrelated_plans is not None:
        lines.append(Judgement(t["ov_unrelated"].format(area=pair.unrelated_plans), f"×{UNRELATED_FACTOR}"))
    return lines


def _agency_types(store: GraphStore) -> list[tuple[str, str]]:
    """The agency types that lead a task in a provincial plan, by name."""

    def build() -> list[tuple[str, str]]:
        found: dict[str, str] = {}
        for a in loading.assignments(store):
            if a.role == "lead" and a.type and not a.generic_type:
                found[a.type] = a.type_label or a.type
        for current in loading.current_types(store).values():
            if current.id in found and current.label:
                found[current.id] = current.label
        return sorted(found.items(), key=lambda item: item[1])

    return memoized(store, "pages.overlap_agency_types", build)


def _weighted_terms(terms: list[str], weights: list[float]) -> list[tuple[str, float | None]]:
    """The shared terms beside their weights (None for each when the pair has no weights).

    >>> _weighted_terms(["nhựa", "rác"], [0.5, 0.25])
    [('nhựa', 0.5), ('rác', 0.25)]
    >>> _weighted_terms(["nhựa"], [])
    [('nhựa', None)]
    """
    if not weights:
        return [(term, None) for term in terms]
    return list(zip(terms, weights, strict=True))


def _side(side: Any, terms: list[str], plan_labels: dict[str, str], lang: str) -> dict[str, Any]:
    return {
        "evidence": side,
        "parts": marked(side.text, terms),
        "plan_label": plan_labels.get(side.plan, side.plan),
        "plan_url": link(f"/id/{side.plan}", lang),
        "item_url": link(f"/id/{side.id}", lang),
        "hide_key": " ".join((side.clause or side.text).split()),
    }


MAX_DOWNLOAD = 5_000
"""Pairs written to a CSV or XLSX download at most, best first."""
PAIRS_TABLE = "pairs"


def pairs_table(pairs: list[OverlapPair], plans: list[Any], lang: str) -> Table:
    """The pairs as one table, as the list shows them: both sides, score and how it was reached."""
    t = texts(lang)
    labels = {p.id: p.label or p.title or p.id for p in plans}
    table = Table(
        PAIRS_TABLE,
        t["ov_title"],
        [
            "#",
            t["ov_score"],
            t["ov_kind"],
            *(f"{name} A" for name in (t["province"], t["plans"], t["ov_kind_task"], t["ov_lead"])),
            *(f"{name} B" for name in (t["province"], t["plans"], t["ov_kind_task"], t["ov_lead"])),
            t["ov_terms_caption"],
            t["ov_how_caption"],
        ],
    )
    for k, pair in enumerate(pairs, start=1):
        sides = []
        for side in (pair.a, pair.b):
            text = f"{side.value} — {side.text}" if side.value else side.text
            sides += [
                Cell(side.province_name or ""),
                Cell(labels.get(side.plan, side.plan), href=f"/id/{side.plan}"),
                Cell(text, href=f"/id/{side.id}"),
                Cell(", ".join(side.lead_agencies)),
            ]
        terms = ", ".join(
            f"{term} ({weight:.3f})" for term, weight in zip(pair.shared_terms, pair.term_weights, strict=False)
        )
        how = "; ".join(f"{line.text}: {line.weight}" for line in judgements(pair, lang))
        kind = t["ov_kind_task"] if pair.kind == "task" else t["ov_kind_target"]
        table.add(Cell(str(k)), Cell(f"{pair.score:.2f}"), Cell(kind), *sides, Cell(terms), Cell(how))
    return table


@router.get("/graph/overlaps/list", response_class=HTMLResponse)
def overlaps_list(
    request: Request,
    store: StoreDep,
    lang: LangParam = "vi",
    provinces: Annotated[list[str], Query(description="province names or ids (repeatable)", max_length=40)] = [],  # noqa: B006
    agency_type: Annotated[str, Query(max_length=200, description="one side led by this agency type")] = "",
    kind: Annotated[Literal["", "task", "target"], Query(description="only tasks or only targets")] = "",
    min_score: Annotated[float, Query(ge=0, le=1, description="lowest score shown")] = DEFAULT_MIN_SCORE,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Response:
    """Pairs of similar tasks or targets, best first, each shown with both texts."""
    words = texts(lang)
    plans = all_plans(store)
    # by name: a province before and after the 2025 mergers is one choice
    known = sorted({p.province_name or p.province for p in plans if p.province})
    chosen = [name for name in provinces if name.strip()]
    error = None
    pairs: list[OverlapPair] = []
    total = 0
    downloading = request.query_params.get("format") in MEDIA_TYPES
    try:
        page = overlap_page(
            store,
            chosen or None,
            agency_type or None,
            min_score,
            kind=kind or None,
            scope="across",
            offset=0 if downloading else offset,
            limit=MAX_DOWNLOAD if downloading else PAGE_SIZE,
        )
        total = page.total
        if downloading:
            return download(request, [pairs_table(page.pairs, plans, lang)], "overlaps")  # type: ignore[return-value]
        pairs = page.pairs
    except TooManyToCompare as refusal:
        error = words["ov_too_many"].format(detail=str(refusal))
    except loading.UnknownFilter as unknown:
        error = words["ov_unknown_filter"].format(detail=str(unknown))
    plan_labels = {p.id: p.label or p.title or p.id for p in plans}
    cards = [
        {
            "rank": offset + k + 1,
            "pair": pair,
            "a": _side(pair.a, pair.shared_terms, plan_labels, lang),
            "b": _side(pair.b, pair.shared_terms, plan_labels, lang),
            "judgements": judgements(pair, lang),
            "terms": _weighted_terms(pair.shared_terms, pair.term_weights),
        }
        for k, pair in enumerate(pairs)
    ]
    chosen_names = set(chosen)
    params: dict[str, Any] = {
        "provinces": chosen,
        "agency_type": agency_type or None,
        "kind": kind or None,
        "min_score": min_score,
    }
    return render(
        request,
        "overlaps.html",
        lang,
        provinces=[(name, name in chosen_names) for name in known],
        agency_types=_agency_types(store),
        agency_type=agency_type,
        kind=kind,
        min_score=min_score,
        cards=cards,
        total=total,
        offset=offset,
        page_size=PAGE_SIZE,
        error=error,
        downloads=download_links(request, Table(PAIRS_TABLE, "", [])),
        graph_url=link("/graph/overlaps", lang, provinces=chosen, min_score=min_score),
        previous_url=link("/graph/overlaps/list", lang, **params, offset=max(0, offset - PAGE_SIZE))
        if offset
        else None,
        next_url=link("/graph/overlaps/list", lang, **params, offset=offset + PAGE_SIZE)
        if offset + PAGE_SIZE < total
        else None,
    )
