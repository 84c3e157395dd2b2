"""The words of the browser pages, in Vietnamese (the default) and English (``?lang=en``).

Each module of this package holds the words of some pages, as ``{"vi": {...}, "en": {...}}``;
``TEXTS`` is all of them, one dictionary per language, and ``texts(lang)`` the one a page uses.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query

from api.pages.i18n.fields import FIELD_TEXTS
from api.pages.i18n.nodes import NODE_PAGE_TEXTS
from api.pages.i18n.site import SITE_TEXTS
from api.pages.i18n.views import VIEW_TEXTS

Lang = Literal["vi", "en"]
LangParam = Annotated[Lang, Query(description="page language: vi (default) or en")]

TEXTS: dict[str, dict[str, str]] = {
    lang: {
        key: word for part in (SITE_TEXTS, VIEW_TEXTS, NODE_PAGE_TEXTS, FIELD_TEXTS) for key, word in part[lang].items()
    }
    for lang in ("vi", "en")
}


def texts(lang: str) -> dict[str, str]:
    """The words of the pages in ``lang``: English for ``"en"``, else Vietnamese.

    >>> texts("en")["home"]
    'Home'
    >>> texts("fr") is texts("vi")
    True
    """
    return TEXTS["en" if lang == "en" else "vi"]


__all__ = ["TEXTS", "Lang", "LangParam", "texts"]
