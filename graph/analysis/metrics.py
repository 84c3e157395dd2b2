"""What a target measures: the population a percentage is taken of, and whether two targets
measure the same thing.

A Vietnamese target reads "<value> <population> <predicate>": "80% các siêu thị, trung tâm
thương mại ... được sử dụng bao bì thân thiện môi trường". The population (the subject, before
the first predicate) decides comparability: 80% of supermarkets and 100% of government offices
doing the same thing are different measures.
"""

from __future__ import annotations

import re

from graph.analysis.similarity.index import similarity
from graph.analysis.similarity.syllables import canonical

# Words that open the predicate of a target's metric.
_PREDICATES = (
    "được", "sử dụng", "có văn bản", "có", "tổ chức", "ban hành", "xây dựng", "đăng ký", "áp dụng",
    "tham gia", "thực hiện", "đạt", "cam kết", "triển khai", "nhằm",
)  # fmt: skip
_PREDICATE = re.compile(r"\s(?:" + "|".join(re.escape(p) for p in _PREDICATES) + r")\s")
_LEADING = re.compile(r"^(?:tỷ lệ|tỉ lệ|số lượng|số|các|những)\s+")
_WHERE = re.compile(r"\s+(?:trên|tại) địa bàn\b.*$")

SAME_SUBJECT = 0.5
"""Cosine similarity of two subjects above which they count as the same population."""


def subject(metric: str) -> str:
    """The population a metric counts: "các siêu thị, trung tâm thương mại ... được sử dụng ..."
    → "siêu thị, trung tâm thương mại ..."."""
    text = canonical(" ".join(metric.split()))
    cut = _PREDICATE.search(f" {text} ")
    head = text[: max(cut.start() - 1, 0)] if cut else text
    previous = None
    while previous != head:
        previous = head
        head = _LEADING.sub("", head.strip())
    head = _WHERE.sub("", head)
    return head.strip(" ,;:") or text


_AWARENESS = re.compile(r"^(?:được\s+)?(?:phổ biến|tuyên truyền|nâng cao nhận thức|tập huấn|truyền thông)")


def predicate(metric: str) -> str:
    """What the counted population does or has done to it: the text after the subject."""
    text = canonical(" ".join(metric.split()))
    cut = _PREDICATE.search(f" {text} ")
    return text[cut.start() :].strip() if cut else ""


def is_awareness(metric: str) -> bool:
    """Whether the metric counts who was reached by awareness work ("được tuyên truyền, phổ biến
    ...") rather than who does something; the two never measure the same thing."""
    return bool(_AWARENESS.match(predicate(metric)))


def same_kind(a: str, b: str) -> bool:
    return is_awareness(a) == is_awareness(b)


def subject_similarity(a: str, b: str, corpus: list[str] | None = None) -> float:
    return similarity(subject(a), subject(b), [subject(m) for m in corpus or []])


def canonical_unit(unit: str | None) -> str | None:
    """A unit in the form units are compared in (None stays None)."""
    return None if unit is None else canonical(unit).strip()


def same_unit(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and canonical_unit(a) == canonical_unit(b)
