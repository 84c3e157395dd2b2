"""The words of the browser pages, in Vietnamese (the default) and English (``?lang=en``)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query

Lang = Literal["vi", "en"]
LangParam = Annotated[Lang, Query(description="page language: vi (default) or en")]

TEXTS: dict[str, dict[str, str]] = {
    "vi": {
        "site": "PolicyKG — đồ thị chính sách",
        "home": "Trang chủ",
        "search": "Tìm kiếm",
        "search_placeholder": "Tìm kế hoạch, văn bản, cơ quan, nhiệm vụ… (không cần dấu)",
        "search_results": "Kết quả tìm kiếm",
        "results_for": "kết quả cho",
        "no_results": "Không tìm thấy kết quả.",
        "plans": "Kế hoạch",
        "agencies": "Cơ quan được giao nhiệm vụ",
        "documents": "Văn bản trung ương được thực hiện",
        "overlaps": "Nhiệm vụ trùng lặp giữa các tỉnh",
        "overlaps_pick": "Chọn các tỉnh để so sánh",
        "show": "Xem",
        "province": "Tỉnh",
        "tasks": "Nhiệm vụ",
        "plans_count": "Kế hoạch",
        "graph": "Đồ thị",
        "plan_graph": "Đồ thị kế hoạch",
        "agency_graph": "Nhiệm vụ của cơ quan",
        "legal_graph": "Dòng thực thi của văn bản",
        "node_graph": "Lân cận của nút",
        "overlaps_graph": "Nhiệm vụ trùng lặp",
        "legend": "Chú giải",
        "relations": "Quan hệ",
        "inherited_note": "Viền nét đứt: nhiệm vụ giao cho cơ quan tiền thân (được kế thừa).",
        "nodes": "nút",
        "edges": "cạnh",
        "truncated": "Đồ thị đã bị cắt: chỉ hiển thị {shown} nút, còn ít nhất {omitted} nút khác không được vẽ "
        "(giới hạn {cap} nút mỗi trang). Hãy mở rộng từng nút hoặc xem trang của một nút.",
        "details": "Chi tiết",
        "select_node": "Chọn một nút trên đồ thị để xem thuộc tính, trích dẫn nguồn và liên kết.",
        "properties": "Thuộc tính",
        "source": "Nguồn",
        "lines": "dòng",
        "links_per_relation": "Liên kết theo quan hệ",
        "expand": "Mở rộng",
        "expanded": "đã mở rộng",
        "open_page": "Mở trang của nút",
        "json_api": "JSON API",
        "sparql": "SPARQL đã tạo ra",
        "view_json": "Dữ liệu đồ thị (JSON)",
        "view_sparql": "Truy vấn SPARQL của trang",
        "loading": "Đang tải…",
        "incoming": "đến",
        "outgoing": "đi",
        "language": "English",
        "no_items": "Chưa có dữ liệu.",
        "fit": "Vừa khung",
        "physics_off": "Bố cục tính trước (tắt mô phỏng vật lý).",
        "min_score": "Điểm tương đồng tối thiểu",
        "pairs": "cặp nhiệm vụ",
        "error_load": "Không tải được chi tiết của nút.",
    },
    "en": {
        "site": "PolicyKG — policy graph",
        "home": "Home",
        "search": "Search",
        "search_placeholder": "Search plans, documents, agencies, tasks… (diacritics optional)",
        "search_results": "Search results",
        "results_for": "results for",
        "no_results": "Nothing found.",
        "plans": "Plans",
        "agencies": "Agencies with tasks",
        "documents": "National documents implemented",
        "overlaps": "Overlapping tasks across provinces",
        "overlaps_pick": "Choose provinces to compare",
        "show": "Show",
        "province": "Province",
        "tasks": "Tasks",
        "plans_count": "Plans",
        "graph": "Graph",
        "plan_graph": "Plan graph",
        "agency_graph": "Agency mandates",
        "legal_graph": "Lineage of a legal document",
        "node_graph": "Neighbourhood of a node",
        "overlaps_graph": "Overlapping tasks",
        "legend": "Legend",
        "relations": "Relations",
        "inherited_note": "Dashed border: a task given to a predecessor body (inherited).",
        "nodes": "nodes",
        "edges": "edges",
        "truncated": "This graph is truncated: {shown} nodes are shown and at least {omitted} more are not drawn "
        "(at most {cap} nodes per page). Expand single nodes or open a node's own page.",
        "details": "Details",
        "select_node": "Select a node in the graph to see its properties, source quote and links.",
        "properties": "Properties",
        "source": "Source",
        "lines": "lines",
        "links_per_relation": "Links per relation",
        "expand": "Expand",
        "expanded": "expanded",
        "open_page": "Open the node's page",
        "json_api": "JSON API",
        "sparql": "SPARQL that produced it",
        "view_json": "Graph data (JSON)",
        "view_sparql": "The page's SPARQL",
        "loading": "Loading…",
        "incoming": "in",
        "outgoing": "out",
        "language": "Tiếng Việt",
        "no_items": "Nothing yet.",
        "fit": "Fit",
        "physics_off": "Layout computed beforehand (physics off).",
        "min_score": "Minimum similarity",
        "pairs": "task pairs",
        "error_load": "Could not load the node's details.",
    },
}


def texts(lang: str) -> dict[str, str]:
    return TEXTS["en" if lang == "en" else "vi"]


# --- The node pages, the source reader, downloads and error pages (their own module) ------
from api.pages.i18n_node_pages import NODE_PAGE_TEXTS  # noqa: E402

for _lang, _words in NODE_PAGE_TEXTS.items():
    TEXTS[_lang].update(_words)
