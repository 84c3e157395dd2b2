"""Vietnamese document numbers and dates: ``889/QĐ-TTg``, ``135/2024/NĐ-CP``, ``ngày 24/6/2020``.

Numbers are ``number[/year]/TYPE-ISSUER``; a bare issuer code (``893/UBND-KT``) is a letter
(Công văn); Party documents write ``57-NQ/TW``. ``normalise_number`` fixes letter case
(``QĐ-TTG`` → ``QĐ-TTg``) and transposed letters in known codes (``UNBD`` → ``UBND``),
saying what it changed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from loaders.text import fold

# document type codes as they stand in numbers → canonical spelling
TYPE_CODES = {
    "nd": "NĐ",
    "qd": "QĐ",
    "cd": "CĐ",
    "kh": "KH",
    "ct": "CT",
    "nq": "NQ",
    "tt": "TT",
    "ttlt": "TTLT",
    "tb": "TB",
    "bc": "BC",
    "ttr": "TTr",
    "hd": "HD",
    "khhd": "KHHĐ",
    "kl": "KL",
    "ctr": "CTr",
    "pl": "PL",
}
# type words as they stand in running text → type code (LUAT and CV have no code in numbers)
TYPE_WORDS = {
    "nghi dinh": "NĐ",
    "quyet dinh": "QĐ",
    "cong dien": "CĐ",
    "ke hoach hanh dong": "KHHĐ",
    "ke hoach": "KH",
    "chi thi": "CT",
    "nghi quyet": "NQ",
    "thong tu lien tich": "TTLT",
    "thong tu": "TT",
    "thong bao": "TB",
    "bao cao": "BC",
    "to trinh": "TTr",
    "huong dan": "HD",
    "ket luan": "KL",
    "chuong trinh": "CTr",
    "cong van": "CV",
    "van ban": "VB",
    "luat": "LUAT",
    "bo luat": "LUAT",
    "phap lenh": "PL",
    "hien phap": "HP",
}
# issuer codes whose spelling is fixed by use
ISSUER_CODES = {
    "ttg": "TTg",
    "cp": "CP",
    "ubnd": "UBND",
    "hdnd": "HĐND",
    "bct": "BCT",
    "btc": "BTC",
    "bca": "BCA",
    "bnv": "BNV",
    "bqp": "BQP",
    "byt": "BYT",
    "bxd": "BXD",
    "btp": "BTP",
    "bkhcn": "BKHCN",
    "bnnmt": "BNNMT",
    "btnmt": "BTNMT",
    "bnnptnt": "BNNPTNT",
    "bgddt": "BGDĐT",
    "bvhttdl": "BVHTTDL",
    "tw": "TW",
    "tu": "TU",
    "vpcp": "VPCP",
    "ubtvqh": "UBTVQH",
}
NATIONAL_ISSUERS = {"TTg", "CP", "QH", "TW", "VPCP", "UBTVQH"}

_CODE_CHARS = r"A-Za-zĐđƠơƯư&"
NUMBER_PATTERN = (
    rf"(?P<num>\d{{1,5}}(?:\.\d{{1,2}})?[a-z]?)(?:/(?P<year>(?:19|20)\d\d))?/"
    rf"(?P<code>[{_CODE_CHARS}][{_CODE_CHARS}0-9]*(?:[-–][{_CODE_CHARS}0-9]+)*)"
    rf"|(?P<pnum>\d{{1,5}})-(?P<ptype>[{_CODE_CHARS}]+)/(?P<pissuer>[{_CODE_CHARS}0-9]+)"
)
NUMBER_RE = re.compile(rf"(?<![\w/.]){NUMBER_PATTERN}")

DATE_RE = re.compile(
    r"ngày\s+(?P<d>\d{1,2})\s*(?:/|-|\.|\s+tháng\s+)\s*(?P<m>\d{1,2})\s*"
    r"(?:/|-|\.|\s+năm\s+)\s*(?P<y>(?:19|20)\d\d)",
    re.IGNORECASE,
)


@dataclass
class ParsedNumber:
    raw: str
    normalised: str
    type_code: str | None  # from the number itself (QĐ in 889/QĐ-TTg); None for a letter
    issuer_code: str | None
    year: int | None
    flags: list[str] = field(default_factory=list)


def _fix_code(token: str, flags: list[str]) -> str:
    key = fold(token).replace(" ", "")
    if key in ISSUER_CODES:
        return ISSUER_CODES[key]
    if key in TYPE_CODES:
        return TYPE_CODES[key]
    if re.fullmatch(r"qh\d{1,2}", key):
        return "QH" + key[2:]
    # transposed letters of a known code: UNBD → UBND
    for known_key, canonical in {**ISSUER_CODES, **TYPE_CODES}.items():
        if len(known_key) >= 3 and sorted(known_key) == sorted(key) and known_key != key:
            flags.append(f"number code '{token}' read as '{canonical}' (transposed letters)")
            return canonical
    return token


def parse_number(match: re.Match[str]) -> ParsedNumber:
    raw = match.group(0)
    flags: list[str] = []
    if match.group("pnum"):
        party_type = _fix_code(match.group("ptype"), flags)
        party_issuer = _fix_code(match.group("pissuer"), flags)
        normalised = f"{match.group('pnum')}-{party_type}/{party_issuer}"
        return ParsedNumber(raw, normalised, party_type, party_issuer, None, flags)
    number = match.group("num")
    year = int(match.group("year")) if match.group("year") else None
    parts = re.split(r"[-–]", match.group("code"))
    fixed = [_fix_code(p, flags) for p in parts]
    first_key = fold(parts[0]).replace(" ", "")
    type_code: str | None
    if first_key in TYPE_CODES or fixed[0] in TYPE_CODES.values():
        type_code = fixed[0]
        issuer_parts = fixed[1:]
    else:
        type_code = None
        issuer_parts = fixed
    issuer = "-".join(issuer_parts) if issuer_parts else None
    code = "-".join(fixed)
    normalised = f"{number}/{year}/{code}" if year else f"{number}/{code}"
    return ParsedNumber(raw, normalised, type_code, issuer, year, flags)


def parse_date(match: re.Match[str]) -> dt.date | None:
    try:
        return dt.date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    except ValueError:
        return None


def number_is_national(number: str) -> bool:
    """Whether a (normalised) number belongs to a national body: "889/QĐ-TTg" yes, "07/KH-UBND" no."""
    match = NUMBER_RE.fullmatch(number)
    return match is not None and issuer_is_national(parse_number(match).issuer_code)


def issuer_is_national(issuer_code: str | None) -> bool:
    if issuer_code is None:
        return False
    head = issuer_code.split("-")[0]
    return head in NATIONAL_ISSUERS or head.startswith("QH") or head.startswith("B")
