"""Lexical analysis of SPARQL text: what kind of operation it is, how deeply it nests, and
which keywords it uses.

The tokens give a quick first answer (the query form for content negotiation, FROM for the
dataset, a plain ``SERVICE`` or ``LOAD`` refused with a clear message before anything runs).
They are not what decides whether a text may reach the network: a tokenizer without the
grammar's context can misread where an IRI or a string begins (``?x<'>'`` is a comparison,
not an IRI), so :mod:`graph.store.sparql.guard` checks texts with a real grammar.

A text with codepoint escapes (``\\uXXXX``, ``\\UXXXXXXXX``) is read both with and without
them replaced (see :func:`analyse`).

The tokens follow the SPARQL 1.1 grammar (IRIREF, the four string forms, PNAME_LN with
PLX escapes, VAR1/VAR2, comments); everything else is read one character at a time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, wraps
from typing import TypeVar

QUERY_FORMS = frozenset({"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"})
UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})
REMOTE_KEYWORDS = frozenset({"SERVICE", "LOAD"})

T = TypeVar("T")

_PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_PN_CHARS = _PN_CHARS_BASE + "_0-9\u00b7\u0300-\u036f\u203f-\u2040\\-"
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"

SPARQL_TOKEN = re.compile(
    rf"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<iri><[^<>"{{}}|^`\\\x00-\x20]*>)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''
              |\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'
              |"(?:[^"\\\n\r]|\\.)*")
  | (?P<var>[?$][{_PN_CHARS}]+)
  | (?P<pname>(?:[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?)?:
              (?:(?:[{_PN_CHARS_BASE}_:0-9]|{_PLX})(?:[{_PN_CHARS}:.]|{_PLX})*)?)
  | (?P<blank>_:[{_PN_CHARS}.]*)
  | (?P<word>[{_PN_CHARS_BASE}_][{_PN_CHARS}]*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class SparqlText:
    """What a SPARQL text is, as far as its tokens tell."""

    form: str | None
    """SELECT, CONSTRUCT, DESCRIBE or ASK for a query; None if the text is no query."""
    is_update: bool
    """The first operation keyword is an update keyword (INSERT, DELETE, LOAD, ...)."""
    remote_keywords: tuple[str, ...]
    """SERVICE / LOAD keywords found: operations that would fetch from the network."""
    has_dataset_clause: bool
    """The query names its own dataset with FROM or FROM NAMED."""
    depth: int = 0
    """The deepest nesting of ``{ }``, ``( )`` and ``[ ]`` outside strings, IRIs and comments."""

    @property
    def fetches_remote(self) -> bool:
        return bool(self.remote_keywords)


CODEPOINT_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_OPENING = frozenset("{([")
_CLOSING = frozenset("})]")


def _codepoint(match: re.Match[str]) -> str:
    value = int(match.group(1) or match.group(2), 16)
    return chr(value) if value <= 0x10FFFF else match.group()


def unescape_codepoints(text: str) -> str:
    """``text`` with its codepoint escapes replaced everywhere, in one pass, as SPARQL 1.1
    (section 19.2) and rdflib read it."""
    return CODEPOINT_ESCAPE.sub(_codepoint, text) if "\\" in text else text


def keywords(text: str) -> list[str]:
    """The bare words of ``text`` in upper case, outside strings, IRIs, comments and names."""
    found: list[str] = []
    for match in SPARQL_TOKEN.finditer(text):
        if match.lastgroup == "word":
            found.append(match.group().upper())
    return found


# Texts up to this many characters have what is read from them kept (the named queries run
# again and again); a longer one is read each time rather than held in memory.
CACHED_TEXT_MAX = 20_000


def kept_for_short_texts(read: Callable[[str], T]) -> Callable[[str], T]:
    """``read`` with its answers for the last 512 texts of at most ``CACHED_TEXT_MAX``
    characters kept (``read`` must depend on the text alone)."""
    kept = lru_cache(maxsize=512)(read)

    @wraps(read)
    def reading(text: str) -> T:
        return kept(text) if len(text) <= CACHED_TEXT_MAX else read(text)

    return reading


def _words_and_depth(text: str) -> tuple[list[str], int]:
    words: list[str] = []
    depth = deepest = 0
    for match in SPARQL_TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "word":
            words.append(match.group().upper())
        elif kind == "other":
            char = match.group()
            if char in _OPENING:
                depth += 1
                deepest = max(deepest, depth)
            elif char in _CLOSING:
                depth = max(depth - 1, 0)
    return words, deepest


@kept_for_short_texts
def analyse(text: str) -> SparqlText:
    """Classify a SPARQL query or update by its keywords.

    A text with codepoint escapes is read both ways SPARQL engines read it: as written
    (SPARQL 1.2 and Oxigraph 0.5 replace escapes only inside strings and IRIs) and with its
    escapes replaced everywhere (SPARQL 1.1, section 19.2, and rdflib). The form and the
    dataset clause come from the first reading; SERVICE / LOAD and the depth from either.
    """
    words, deepest = _words_and_depth(text)
    remote_words = set(words)
    unescaped = unescape_codepoints(text)
    if unescaped != text:
        other_words, other_depth = _words_and_depth(unescaped)
        remote_words.update(other_words)
        deepest = max(deepest, other_depth)
    form: str | None = None
    is_update = False
    for word in words:
        if word in QUERY_FORMS:
            form = word
            break
        if word in UPDATE_KEYWORDS:
            is_update = True
            break
    remote = tuple(sorted(remote_words & REMOTE_KEYWORDS))
    return SparqlText(
        form=form,
        is_update=is_update,
        remote_keywords=remote,
        has_dataset_clause=form is not None and "FROM" in words,
        depth=deepest,
    )
