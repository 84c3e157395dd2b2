"""Identifiers of the instance graph. This module is the only place that mints IRIs; the curated
reference graphs follow the same rules (a test holds them to it).

Local names are flat (``doc-889-qd-ttg-2020``) so that they serve as route ids.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import unicodedata

from pyoxigraph import NamedNode
from rdflib import URIRef

from ontology.namespaces import POLID as POLID_IRI

# the named graphs the store keeps beside the files' graphs: every concrete agency the plans
# name, described once, with its successors (graph.ingest.succession); the state of the
# reference data the store holds and the vocabulary (graph.ingest.derived)
AGENCIES_GRAPH = POLID_IRI + "graph-agencies"
REFERENCE_HASH_GRAPH = POLID_IRI + "graph-reference-state"
ONTOLOGY_GRAPH = POLID_IRI + "graph-ontology"
# the national coverage: each national document in each of the 34 provinces, recomputed after
# every ingest (graph.ingest.coverage)
COVERAGE_GRAPH = POLID_IRI + "graph-coverage"

_FOLD = str.maketrans({"đ": "d", "Đ": "D"})


def slug(text: str, limit: int = 80) -> str:
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text).translate(_FOLD))
    ascii_text = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn").lower()
    value = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return value[:limit].rstrip("-")


def iri(local: str) -> URIRef:
    """The ``polid:`` IRI of a local name, as the graph builder's (rdflib) term.

    >>> str(iri("doc-889-qd-ttg-2020"))
    'https://w3id.org/policykg/id/doc-889-qd-ttg-2020'
    """
    return URIRef(POLID_IRI + local)


def node(local_name: str) -> NamedNode:
    """The store term for a ``polid:`` local name (what query bindings take)."""
    return NamedNode(POLID_IRI + local_name)


def local(iri_text: str) -> str:
    return iri_text[len(POLID_IRI) :] if iri_text.startswith(POLID_IRI) else iri_text


def province_suffix(province_id: str | None) -> str:
    if not province_id:
        return "national"
    return province_id.removeprefix("province-")


def document_id(
    number: str | None,
    *,
    year: int | None = None,
    province: str | None = None,
    title: str | None = None,
    fallback: str | None = None,
) -> str:
    """``doc-889-qd-ttg-2020``, ``doc-135-2024-nd-cp``, ``doc-07-kh-ubnd-2021-dong-thap-pre2025``."""
    if number:
        base = slug(number)
        if year and not re.search(rf"(?:^|/){year}(?:/|$)", number):
            base = f"{base}-{year}"
        if province:
            base = f"{base}-{province_suffix(province)}"
        return f"doc-{base}"
    if title:
        return f"doc-{slug(title, 90)}"
    if fallback:
        return f"doc-{slug(fallback, 90)}"
    raise ValueError("a document needs a number, a title or a fallback name")


def agency_id(type_id: str, province: str | None) -> str:
    """``agency-so-cong-thuong-an-giang-pre2025``; a national body has no province part."""
    base = f"agency-{type_id.removeprefix('type-')}"
    return f"{base}-{province.removeprefix('province-')}" if province else base


def named_agency_id(text: str, province: str | None) -> str:
    """A body known by its name as written and its head noun only: ``agency-named-…``."""
    base = f"agency-named-{slug(text, 60)}"
    return f"{base}-{province.removeprefix('province-')}" if province else base


def unresolved_agency_id(text: str, province: str | None) -> str:
    base = f"agency-unresolved-{slug(text, 60)}"
    return f"{base}-{province.removeprefix('province-')}" if province else base


def graph_id(source_file: str) -> str:
    """The named graph of one source file: ``graph-ke-hoach-txt-3f2a9c1d07e4``.

    A file is the file at its (absolute) path: the name is there to be read, the digest of
    the path to keep apart files that share a name or fold to the same one (``x/ke-hoach.txt``
    and ``y/ke-hoach.txt``, ``Kế hoạch (1).txt`` and ``ke-hoach-1.txt``). Ingesting the file
    at the same path again gives the same graph, which is replaced."""
    path = os.path.abspath(source_file)
    digest = hashlib.sha256(path.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    return f"graph-{slug(os.path.basename(path), 80) or 'file'}-{digest}"


def unnumbered_document_id(kind: str, place: str, when: str | None, key: str) -> str:
    """A document without a number: ``doc-kh-ha-tinh-2026-2030-5c0e2a91``, from its type, its
    province (or issuer), its period or year, and a digest of ``key`` (issuer, title and a
    fingerprint of the text, see ``graph.build.plan.document.plan_id``): never from a file name."""
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]
    parts = [slug(kind, 10) or "doc", slug(place, 40) or "unplaced", slug(when or "undated", 20), digest]
    return "doc-" + "-".join(parts)


def span_id(doc_local: str, start: int, end: int, quote: str) -> str:
    digest = hashlib.sha1(quote.encode("utf-8")).hexdigest()[:8]
    return f"span-{doc_local.removeprefix('doc-')}-{start}-{end}-{digest}"


def task_id(doc_local: str, key: str) -> str:
    """The task ``key`` of a document.

    >>> task_id("doc-kh-an-giang", "II.1.đ")
    'task-kh-an-giang-ii-1-dd'
    """
    return f"task-{doc_local[4:]}-{slug(key.replace('đ', 'dd'), 60)}"


def target_id(owner_local: str, index: int) -> str:
    """The ``index``-th target of a document (``doc-…``) or of a task (``task-…``)."""
    return f"target-{owner_local.split('-', 1)[1]}-{index}"


def assignment_id(task_local: str, role: str, index: int) -> str:
    return f"assign-{task_local[5:]}-{role}-{index}"


def event_id(doc_local: str, line: int, before: str) -> str:
    """A change of name or of body a document states ("(nay là ...)"), at ``line``."""
    return f"event-{doc_local[4:]}-{line}-{slug(before, 30)}"


def change_event_id(before_agency: str, when: dt.date, after_agency: str) -> str:
    """A hand-over of the 2025 restructuring, from one concrete agency to its successor.

    >>> change_event_id("agency-so-tnmt-an-giang", dt.date(2025, 3, 1), "agency-so-nnmt-an-giang")
    'event-so-tnmt-an-giang-2025-03-01-so-nnmt-an-giang'
    """
    return f"event-{before_agency[7:]}-{when.isoformat()}-{after_agency[7:]}"


def coverage_id(doc_local: str, province_local: str) -> str:
    """A national document in one province.

    >>> coverage_id("doc-889-qd-ttg-2020", "province-ha-tinh")
    'coverage-889-qd-ttg-2020-ha-tinh'
    """
    return f"coverage-{doc_local.removeprefix('doc-')}-{province_local.removeprefix('province-')}"


def uptake_id(national_target_local: str, target_local: str) -> str:
    """A provincial target matched to a national one."""
    digest = hashlib.sha1(f"{national_target_local} {target_local}".encode()).hexdigest()[:10]
    return f"uptake-{target_local.removeprefix('target-')[:60]}-{digest}"


def finding_id(doc_local: str, index: int) -> str:
    return f"finding-{doc_local[4:]}-{index}"


def doc_type_id(code: str | None, default: str) -> str:
    """The document type a number's code names (``QĐ`` → ``doctype-qd``), ``default`` if none.

    >>> doc_type_id("TTLT", "doctype-vb"), doc_type_id("XYZ", "doctype-vb")
    ('doctype-tt', 'doctype-vb')
    """
    return DOC_TYPE_IDS.get(code or "", default)


DOC_TYPE_IDS = {
    "NĐ": "doctype-nd",
    "QĐ": "doctype-qd",
    "CĐ": "doctype-cd",
    "KH": "doctype-kh",
    "CT": "doctype-ct",
    "NQ": "doctype-nq",
    "TT": "doctype-tt",
    "TTLT": "doctype-tt",
    "TB": "doctype-tb",
    "BC": "doctype-bc",
    "TTr": "doctype-ttr",
    "HD": "doctype-hd",
    "CV": "doctype-cv",
    "VB": "doctype-vb",
    "LUAT": "doctype-luat",
    "KHHĐ": "doctype-kh",
    "KL": "doctype-vb",
    "CTr": "doctype-vb",
    "PL": "doctype-vb",
    "HP": "doctype-vb",
}
