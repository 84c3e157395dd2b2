"""TCVN3 (TCVN 5712:1993 VN3, the "ABC" encoding of the .Vn fonts).

VN3 keeps ASCII as it is and puts in the upper half the 67 lower-case Vietnamese letters, the
7 upper-case letters without a tone mark (Ă Â Ê Ô Ơ Ư Đ) and the no-break space. Upper-case
letters with a tone mark have no code of their own: documents set them in an all-capitals font
(.VnTimeH) using the lower-case codes, so such text decodes here as lower case.

The table below follows the code chart of the standard: for each vowel, the codes of its forms
with the five tone marks, in the order the chart lists them (huyền, hỏi, ngã, sắc, nặng).
"""

from __future__ import annotations

import contextlib
import unicodedata

# grave (huyền), hook above (hỏi), tilde (ngã), acute (sắc), dot below (nặng)
_TONE_MARKS = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")

_TONED_CODES: dict[str, tuple[int, int, int, int, int]] = {
    "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}

_PLAIN_CODES: dict[int, str] = {
    0xA0: "\u00a0",
    0xA1: "Ă",
    0xA2: "Â",
    0xA3: "Ê",
    0xA4: "Ô",
    0xA5: "Ơ",
    0xA6: "Ư",
    0xA7: "Đ",
    0xA8: "ă",
    0xA9: "â",
    0xAA: "ê",
    0xAB: "ô",
    0xAC: "ơ",
    0xAD: "ư",
    0xAE: "đ",
}


def _build_table() -> dict[int, str]:
    table = {code: chr(code) for code in range(0x80)}
    table.update(_PLAIN_CODES)
    for base, codes in _TONED_CODES.items():
        for mark, code in zip(_TONE_MARKS, codes, strict=True):
            table[code] = unicodedata.normalize("NFC", base + mark)
    # VN3 leaves 0x80-0x9F unassigned; Windows fonts show the Windows-1252 punctuation there
    # (curly quotes, dashes, ellipsis), which documents typed in .Vn fonts do contain.
    for code in range(0x80, 0xA0):
        with contextlib.suppress(UnicodeDecodeError):
            table[code] = bytes([code]).decode("cp1252")
    return table


DECODING_TABLE: dict[int, str] = _build_table()
ENCODING_TABLE: dict[str, int] = {char: code for code, char in DECODING_TABLE.items()}

REPLACEMENT = "\ufffd"


def decode_tcvn3(data: bytes) -> str:
    """Bytes in TCVN3 to text (NFC). A byte with no meaning in TCVN3 becomes U+FFFD."""
    return "".join(DECODING_TABLE.get(byte, REPLACEMENT) for byte in data)


def encode_tcvn3(text: str) -> bytes:
    """Text to TCVN3. Upper-case letters with a tone mark are written as lower case (the
    standard has no code for them). Raises ``ValueError`` for a character TCVN3 lacks."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        code = ENCODING_TABLE.get(char)
        if code is None:
            code = ENCODING_TABLE.get(char.lower())
        if code is None:
            raise ValueError(f"TCVN3 has no code for {char!r}")
        out.append(code)
    return bytes(out)
