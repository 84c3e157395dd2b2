"""Bytes of a text file to ``str``: UTF-8 and UTF-16/32 by their marks, then the legacy
Vietnamese encodings (Windows-1258, TCVN3), recognised by the syllables they decode to."""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from loaders.formats.cleanup import nfc
from loaders.formats.tcvn3 import REPLACEMENT, decode_tcvn3
from loaders.source import ReadError

LEGACY_NAMES = {"cp1258": "Windows-1258", "tcvn3": "TCVN3 (ABC)"}
TRIED = "UTF-8, UTF-16/UTF-32 (with byte-order mark), Windows-1258, TCVN3 (ABC)"

# share of the words with a non-ASCII letter that must be well-formed Vietnamese syllables
_MIN_SYLLABLE_SHARE = 0.8
_MIN_WORDS = 2


@dataclass
class DecodedText:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_text(path: Path, declared: Callable[[bytes], str | None] | None = None) -> DecodedText:
    """A text file decoded (``declared`` finds the encoding the file names for itself, as an
    HTML ``<meta charset>`` does) and in NFC. Raises ``ReadError`` when it cannot be decoded
    or holds only white space."""
    data = path.read_bytes()
    decoded = decode_text(data, path, declared=declared(data) if declared is not None else None)
    text = nfc(decoded.text)
    if not text.strip():
        raise ReadError(path, "is empty (it holds only white space)")
    return DecodedText(text, decoded.encoding, list(decoded.warnings))


def decode_text(data: bytes, path: Path, declared: str | None = None) -> DecodedText:
    """Decode a text file. ``declared`` is an encoding the file names for itself (an HTML
    ``<meta charset>``), tried after UTF-8. Raises ``ReadError`` for binary data and for text
    in an encoding that cannot be told."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return DecodedText(data.decode(codec), codec)
            except UnicodeDecodeError as exc:
                raise ReadError(
                    path, f"has a {codec} byte-order mark but is not valid {codec}: {exc.reason} at byte {exc.start}"
                ) from exc
    if b"\x00" in data:
        raise ReadError(path, "is a binary file (it contains NUL bytes), not text")
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    declared_codec = _codec_name(declared)
    # a page typed in a .Vn font often declares a Western code page: look at the letters first
    if declared_codec and declared_codec not in _WESTERN:
        declared_text = _decode_declared(data, declared_codec)
        if declared_text is not None:
            return declared_text
    if _control_share(data) > 0.05:
        raise ReadError(path, "is a binary file (it is full of control bytes), not text")
    best = _best_legacy(data)
    if best is None and declared_codec in _WESTERN:
        declared_text = _decode_declared(data, declared_codec)
        if declared_text is not None:
            return declared_text
    if best is None:
        raise ReadError(path, f"is not UTF-8 and its encoding could not be recognised (tried {TRIED})")
    encoding, text = best
    warning = f"decoded from the legacy encoding {LEGACY_NAMES[encoding]}, not UTF-8; check the text"
    if encoding == "tcvn3":
        warning += " (TCVN3 has no upper-case letters with tone marks: they read as lower case)"
    return DecodedText(text, encoding, [warning])


_WESTERN = {"cp1252", "iso8859-1", "iso8859-15", "ascii"}


def _codec_name(declared: str | None) -> str | None:
    if not declared:
        return None
    try:
        return codecs.lookup(declared).name
    except LookupError:
        return None


def _decode_declared(data: bytes, codec: str) -> DecodedText | None:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    if codec == "cp1258":
        text = unicodedata.normalize("NFC", text)
    return DecodedText(text, codec, [f"decoded as {codec}, the encoding the file declares, not UTF-8"])


def _control_share(data: bytes) -> float:
    controls = sum(1 for b in data if b < 0x20 and b not in (0x09, 0x0A, 0x0C, 0x0D))
    return controls / max(len(data), 1)


def _best_legacy(data: bytes) -> tuple[str, str] | None:
    candidates = {
        "cp1258": unicodedata.normalize("NFC", data.decode("cp1258", errors="replace")),
        "tcvn3": unicodedata.normalize("NFC", decode_tcvn3(data)),
    }
    scored = []
    for name, text in candidates.items():
        share, words = _syllable_share(text)
        scored.append((share, words, name, text))
    scored.sort(reverse=True)
    share, words, name, text = scored[0]
    runner_up = scored[1][0]
    if share >= _MIN_SYLLABLE_SHARE and words >= _MIN_WORDS and share > runner_up:
        return name, text
    return None


# --- Vietnamese syllables --------------------------------------------------------------------

_TONES = "\u0300\u0301\u0303\u0309\u0323"
_ONSET = "(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x)?"
_NUCLEUS = (
    "(?:uyê|uya|uyu|ươi|ươu|oai|oay|oao|oeo|uây|uôi|yêu|iêu|"
    "ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|ôi|ơi|oo|ua|uâ|uê|ui|uô|uơ|uy|"
    "ưa|ưi|ưu|ươ|yê|a|ă|â|e|ê|i|o|ô|ơ|u|ư|y)"
)
_CODA = "(?:ch|ng|nh|c|m|n|p|t)?"
_SYLLABLE = re.compile(f"^{_ONSET}{_NUCLEUS}{_CODA}$")
_WORD = re.compile(r"[^\W\d_]+")


def is_vietnamese_syllable(word: str) -> bool:
    """Whether ``word`` is spelt like a Vietnamese syllable: onset, vowel nucleus, final
    consonant, and at most one tone mark."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(decomposed.count(mark) for mark in _TONES) > 1:
        return False
    toneless = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return bool(_SYLLABLE.match(toneless))


def _syllable_share(text: str) -> tuple[float, int]:
    """Share of the words holding a non-ASCII letter that are Vietnamese syllables, and how
    many such words there are. Each undecodable byte counts as a bad word."""
    bad = text.count(REPLACEMENT)
    good = 0
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        if is_vietnamese_syllable(word):
            good += 1
        else:
            bad += 1
    total = good + bad
    return (good / total if total else 0.0), total
