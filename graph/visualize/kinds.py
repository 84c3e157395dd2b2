"""The kinds of node and the relations a view shows, with how each is drawn and named."""

from __future__ import annotations

from dataclasses import dataclass

from ontology.namespaces import POL


@dataclass(frozen=True)
class NodeKind:
    name: str
    shape: str
    colour: str
    vi: str
    en: str


@dataclass(frozen=True)
class Relation:
    name: str
    colour: str
    vi: str
    en: str
    dashes: bool = False


# Most specific first: a plan is also a legal document.
NODE_KINDS: tuple[NodeKind, ...] = (
    NodeKind("plan", "box", "#f4a259", "Kế hoạch", "Plan"),
    NodeKind("task", "dot", "#8cb369", "Nhiệm vụ", "Task"),
    NodeKind("target", "triangle", "#bc4b51", "Chỉ tiêu", "Target"),
    NodeKind("agency", "ellipse", "#5b8e7d", "Cơ quan", "Agency"),
    NodeKind("agency_type", "diamond", "#9d8189", "Loại cơ quan", "Agency type"),
    NodeKind("province", "hexagon", "#d8a47f", "Tỉnh, thành phố", "Province"),
    NodeKind("document", "square", "#4a6fa5", "Văn bản pháp lý", "Legal document"),
)
KINDS_BY_NAME: dict[str, NodeKind] = {kind.name: kind for kind in NODE_KINDS}
_KIND_OF_CLASS: dict[str, str] = {
    POL + "Plan": "plan",
    POL + "Task": "task",
    POL + "Target": "target",
    POL + "Agency": "agency",
    POL + "AgencyType": "agency_type",
    POL + "Province": "province",
    POL + "LegalDocument": "document",
}
_ORDER = [kind.name for kind in NODE_KINDS]

RELATIONS: dict[str, Relation] = {
    relation.name: relation
    for relation in (
        Relation("hasTask", "#8cb369", "có nhiệm vụ", "has task"),
        Relation("leadAgency", "#2f6f4f", "chủ trì", "led by"),
        Relation("coordinatingAgency", "#86a697", "phối hợp", "coordinated by", dashes=True),
        Relation("reportsTo", "#b0b0b0", "báo cáo", "reports to", dashes=True),
        Relation("implements", "#f4a259", "thực hiện", "implements"),
        Relation("implementsByTitle", "#f4a259", "thực hiện (theo tên)", "implements (by title)", dashes=True),
        Relation("basedOn", "#4a6fa5", "căn cứ", "based on"),
        Relation("cites", "#9fb3d1", "dẫn chiếu", "cites", dashes=True),
        Relation("hasTarget", "#bc4b51", "có chỉ tiêu", "has target"),
        Relation("province", "#d8a47f", "thuộc tỉnh", "in province"),
        Relation("agencyType", "#9d8189", "loại cơ quan", "agency type"),
        Relation("successor", "#6d597a", "kế thừa bởi", "succeeded by"),
        Relation("issuedBy", "#7d7d7d", "ban hành bởi", "issued by"),
        Relation("overlaps", "#d1495b", "trùng lặp", "overlaps", dashes=True),
        Relation("inherited", "#6d597a", "giao cho cơ quan tiền thân", "given to a predecessor", dashes=True),
    )
}


def kind_of(type_iris: list[str] | str) -> str | None:
    """The most specific shown kind among some ``rdf:type`` IRIs (or a space-separated list)."""
    names = type_iris.split() if isinstance(type_iris, str) else type_iris
    found = {_KIND_OF_CLASS[name] for name in names if name in _KIND_OF_CLASS}
    return next((kind for kind in _ORDER if kind in found), None)


ROLE_RELATIONS: dict[str, str] = {"lead": "leadAgency", "coordinating": "coordinatingAgency", "reporting": "reportsTo"}


def relation_name(relation: str, lang: str) -> str:
    known = RELATIONS.get(relation)
    if known is None:
        return relation
    return known.en if lang == "en" else known.vi
