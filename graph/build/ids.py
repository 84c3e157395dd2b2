"""Identifiers of the instance graph. This module and graph/build/plan_graph.py are the only places that
mint IRIs; the curated reference graphs follow the same rules (a test holds them to it).

Local names are flat (``doc-889-qd-ttg-2020``) so that they serve as route ids.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata

from pyoxigraph import NamedNode
from rdflib import URIRef

from ontology.namespaces import POLID as POLID_IRI

_FOLD = str.maketrans({"đ": "d", "Đ": "D"})


def slug(text: str, limit: int = 80) -> str:
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text).translate(_FOLD))
    ascii_text = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn").lower()
    value = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return value[:limit].rstrip("-")


def iri(local: str) -> URIRef:
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
    fingerprint of the text, see ``graph.build.plan_graph.plan_id``): never from a file name."""
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]
    parts = [slug(kind, 10) or "doc", slug(place, 40) or "unplaced", slug(when or "undated", 20), digest]
    return "doc-" + "-".join(parts)


def span_id(doc_local: str, start: int, end: int, quote: str) -> str:
    digest = hashlib.sha1(quote.encode("utf-8")).hexdigest()[:8]
    return f"span-{doc_local.removeprefix('doc-')}-{start}-{end}-{digest}"
