"""The name of a body recognised by its structure, where a plan puts an assignee.

A Vietnamese agency name is a head noun of the state, Party and mass-organisation system
(``Sở``, ``Ban``, ``Văn phòng``, ``Trung tâm``, ``Chi cục``, ``Hội``, ``Liên đoàn``, ``Kho
bạc``, ``Công an`` …), then its name words (capitalised, or the fixed lower-case words of
names such as ``nhân dân``, ``Nhà nước``, ``xã hội``), then a jurisdiction (``tỉnh``, ``thành
phố``, ``khu vực`` + a numeral, a place name). The head nouns are the preferred and
alternative labels of the agency types of the ``agency-head-nouns`` scheme in
ontology/reference/agency-types.ttl, so a body nobody listed still gets a kind.

Only text already known to stand where an assignee stands (a heading of an assignment
section, a labelled field, a lead or coordination cell, the words after ``giao``/``đề nghị``,
``phối hợp với`` or before ``chủ trì``) is read here: nothing is recognised in passing prose.
The nearest listed type wins over the head noun: a name that begins with the label of a
listed type (``Ban Quản lý Khu kinh tế Đông Nam``) is that type, named as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from loaders.text import fold
from ontology import catalogue

STRUCTURE_FLAG = "recognised by structure"
_MAX_WORDS = 10  # the longest names of the corpus have 9 words after the head noun

# lower-case words that may open the name after its head noun ("Tòa án nhân dân", "Kho bạc
# nhà nước", "Bảo hiểm xã hội", "Thuế tỉnh", "Trường đại học", "Cổng thông tin điện tử",
# "Ban quản lý dự án", "Chi cục kiểm lâm")
_NAME_WORDS = frozenset(
    ("nhân", "nhà", "xã", "tỉnh", "thành", "khu", "cấp", "đại", "cao", "quản", "thông", "điện", "chỉ", "kiểm")
)
# words that end a name: what the assignee does, or how the list goes on
_STOP = re.compile(
    r"\s+(?:chủ trì|phối hợp|thực hiện|tham mưu|có trách nhiệm|chịu trách nhiệm|căn cứ|triển khai|"
    r"tổ chức|tăng cường|hướng dẫn|theo dõi|báo cáo|chủ động|đẩy mạnh|rà soát|nghiên cứu|xây dựng kế|"
    r"được giao|theo chức năng|trong phạm vi|trên địa bàn|đóng trên|có liên quan|liên quan|và các)\b.*$",
    re.DOTALL,
)
# in a sentence the name is followed by what the body does: the verbs and prepositions plans
# use there end it ("phối hợp với Viện Pasteur Nha Trang giám sát …")
_SENTENCE_STOP = re.compile(
    r"\s+(?:giám sát|kiểm tra|tuyên truyền|vận động|đôn đốc|tham gia|đánh giá|đề xuất|cung cấp|hỗ trợ|"
    r"bảo đảm|đảm bảo|cập nhật|xử lý|phổ biến|giới thiệu|thẩm định|tổng hợp|ban hành|trình|"
    r"trong|tại|để|nhằm|về|cho|theo|khi|trên|của|đối với|thông qua|bằng)\b.*$",
    re.DOTALL,
)
_SCOPE_TAIL = re.compile(
    r"\s+(?:(?:cấp\s+)?(?:tỉnh|thành phố|Tỉnh|Thành phố|TP\.?)(?:\s+[A-ZĐ]\w*){0,4}|khu vực\s+(?:[IVXLC]+|\d{1,2}))$"
)


@dataclass(frozen=True)
class NamedBody:
    start: int  # offsets in the piece
    end: int
    text: str
    type_id: str
    head: str


@cache
def _heads() -> list[tuple[str, str]]:
    """(head noun as written, generic type id), longest first."""
    heads: list[tuple[str, str]] = []
    for entry in catalogue.agency_types().values():
        if entry.generic:
            heads += [(label, entry.id) for label in (entry.pref_vi, *entry.alt_labels)]
    return sorted(heads, key=lambda pair: len(pair[0]), reverse=True)


@cache
def _listed() -> list[tuple[str, str]]:
    """(folded label without its jurisdiction word, type id) of the listed types, longest first."""
    pairs: dict[str, str] = {}
    for entry in catalogue.agency_types().values():
        if entry.generic or entry.category == "group":
            continue
        for label in entry.labels:
            key = _without_scope(fold(label))
            if len(key.split()) >= 2:
                pairs.setdefault(key, entry.id)
    return sorted(pairs.items(), key=lambda pair: len(pair[0]), reverse=True)


def _without_scope(folded: str) -> str:
    return re.sub(r"\s+(?:cap\s+)?(?:tinh|thanh pho|tp\.?)$", "", folded.replace("–", "-")).strip()


@cache
def _heads_by_first_word() -> dict[str, list[tuple[str, str]]]:
    buckets: dict[str, list[tuple[str, str]]] = {}
    for head, type_id in _heads():
        buckets.setdefault(head.split()[0], []).append((head, type_id))
    return buckets


def head_of(text: str) -> tuple[str, str] | None:
    """The head noun a name begins with, and its generic type: ``Trung tâm …`` → Trung tâm."""
    if not text[:1].isupper():
        return None
    first = text.split(None, 1)[0] if text.strip() else ""
    for head, type_id in _heads_by_first_word().get(first.rstrip(",;:."), ()):
        if text.startswith(head) and (len(text) == len(head) or not text[len(head)].isalnum()):
            return head, type_id
    return None


def recognise(piece: str, *, in_sentence: bool = False) -> NamedBody | None:
    """The body named at the start of ``piece`` (a fragment of an assignee list), if its
    words have the structure of an agency name; ``None`` otherwise. ``in_sentence``: the
    piece goes on with what the body does, so the name ends at its last capitalised word
    (or its jurisdiction: ``tỉnh``, ``thành phố``, ``khu vực`` + numeral)."""
    lead = len(piece) - len(piece.lstrip(" \t\n*-+•"))
    text = piece[lead:]
    found = head_of(text)
    if found is None:
        return None
    head, generic = found
    name = _STOP.sub("", text.split("(", 1)[0])  # a parenthesis glosses the name: "(thuộc Sở …)"
    name = re.sub(r"(?:\s+(?:và|với|cùng))+\s*$", "", name.rstrip(" .:;,()*"))
    rest = name[len(head) :].split()
    # the words after the head noun are the name as written, the first a name word
    # ("Trung tâm Kiểm soát bệnh tật", "Ban Chỉ huy phòng chống thiên tai", "Thuế tỉnh")
    if not rest or not _name_word(rest[0]):
        return None
    if in_sentence:
        name = _SENTENCE_STOP.sub("", name)
        rest = name[len(head) :].split()
    if len(rest) > _MAX_WORDS:
        return None
    return NamedBody(lead, lead + len(name), name, nearest_type(name) or generic, head)


def _name_word(word: str) -> bool:
    word = word.strip('(),."“”')
    return bool(word) and (word[0].isupper() or word[0].isdigit() or word.lower() in _NAME_WORDS)


def nearest_type(name: str) -> str | None:
    """The listed type a name is, or begins with: the name without its jurisdiction suffix
    equals a label, or a label is its first words."""
    core = _without_scope(fold(_SCOPE_TAIL.sub("", name)))
    for key, type_id in _listed():
        if core == key or core.startswith(key + " "):
            return type_id
    return None
