"""Text helpers for search: query words and highlighted snippets of the original text."""

from __future__ import annotations

import html
import re

from loaders.text import fold, fold_with_offsets

SNIPPET_CHARS = 180


def query_words(query: str) -> list[str]:
    """The folded words of a query, in order, without repeats."""
    words: list[str] = []
    for word in re.findall(r"\w+", fold(query)):
        if word not in words:
            words.append(word)
    return words


def word_spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Where in ``text`` (original characters) the folded ``words`` occur as whole words."""
    folded, offsets = fold_with_offsets(text)
    spans: list[tuple[int, int]] = []
    for word in words:
        for match in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", folded):
            start = offsets[match.start()]
            end = offsets[match.end() - 1] + 1
            spans.append((start, end))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def snippet(text: str, words: list[str], width: int = SNIPPET_CHARS) -> tuple[str, list[tuple[int, int]]]:
    """A window of ``text`` around the first matched word, and the matches inside it
    (offsets into the window). Cut at word boundaries, marked with an ellipsis."""
    spans = word_spans(text, words)
    if len(text) <= width:
        return text, spans
    first = spans[0][0] if spans else 0
    start = max(0, first - width // 3)
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    window = prefix + text[start:end] + suffix
    shift = len(prefix) - start
    inside = [(s + shift, e + shift) for s, e in spans if s >= start and e <= end]
    return window, inside


def marked_html(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` HTML-escaped, with the spans in ``<mark>``."""
    parts: list[str] = []
    position = 0
    for start, end in spans:
        parts.append(html.escape(text[position:start]))
        parts.append(f"<mark>{html.escape(text[start:end])}</mark>")
        position = end
    parts.append(html.escape(text[position:]))
    return "".join(parts)
