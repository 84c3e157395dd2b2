"""Property: whatever a file holds — a real plan cut, shuffled or garbled, or Markdown, HTML,
Word and PDF files broken in any way — ingesting it ends with a report (never an exception),
within a bound, and a file that fails leaves the store exactly as it was.

Profiles: ``quick`` (the default run, under a minute) and ``fuzz`` (500 examples a property,
``POLICYKG_FUZZ_EXAMPLES`` to change; ``POLICYKG_FUZZ_STATS=file`` writes one line per
example): ``POLICYKG_FUZZ_PROFILE=fuzz pytest tests/graph/test_ingest_fuzz.py``.
"""

from __future__ import annotations

import io
import os
import signal
import tempfile
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import docx
from fpdf import FPDF
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.ingest.run import ingest
from graph.store.embedded import PolicyStore

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "data" / "samples"
EXTRA = REPO.parent / "shared" / "corpus-extra"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
BOUND_S = 30  # one file, read to stored, on two shared cores
STATS = os.environ.get("POLICYKG_FUZZ_STATS")

settings.register_profile(
    "quick",
    max_examples=12,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("POLICYKG_FUZZ_EXAMPLES", "500")),
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
PROFILE = settings.get_profile(os.environ.get("POLICYKG_FUZZ_PROFILE", "quick"))


class Hang(BaseException):
    """One file took longer than the bound (not an ``Exception``: nothing may swallow it)."""


@contextmanager
def bounded(seconds: int) -> Iterator[None]:
    def hang(_signal: int, _frame: object) -> None:
        raise Hang(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@cache
def plans() -> tuple[tuple[str, ...], ...]:
    files = sorted(SAMPLES.glob("*.txt")) + sorted(EXTRA.glob("*.txt"))
    return tuple(tuple(path.read_text(encoding="utf-8").splitlines()) for path in files)


@cache
def store() -> PolicyStore:
    """One in-memory store for the whole run, holding a real plan."""
    opened = PolicyStore.open(":memory:")
    ingest(opened, [SAMPLES / "an-giang_kh-trien-khai-cd-17-2025.txt"])
    return opened


def check(path: Path) -> None:
    """Ingest one file: a report, within the bound; a failure names the file and changes nothing."""
    target = store()
    before = target.dump("application/n-quads")
    started = time.perf_counter()
    with bounded(BOUND_S):
        reports = ingest(target, [path], jobs=1)
    assert len(reports) == 1
    report = reports[0]
    if STATS:  # the figures of a long run: outcome, format, seconds, size
        with open(STATS, "a", encoding="utf-8") as out:
            outcome = "ingested" if report.ok else "clean error"
            out.write(f"{outcome}\t{path.suffix}\t{time.perf_counter() - started:.3f}\t{path.stat().st_size}\n")
    if not report.ok:
        assert report.error and path.name in report.error, report
        assert "Traceback" not in report.error
        assert target.dump("application/n-quads") == before


def _write(data: bytes, suffix: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="policykg-fuzz-"))
    path = folder / f"ke-hoach{suffix}"
    path.write_bytes(data)
    return path


# ----------------------------------------------------------------- strategies

garble = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200
)  # any text, combining marks and controls included


@st.composite
def mutated_plan(draw: st.DrawFn) -> bytes:
    lines = list(draw(st.sampled_from(plans())))
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        span = draw(st.integers(1, max(1, len(lines) // 4)))
        action = draw(st.sampled_from(["delete", "repeat", "swap", "insert", "truncate", "cut-line", "pipes"]))
        if action == "delete":
            del lines[at : at + span]
        elif action == "repeat":
            lines[at:at] = lines[at : at + span] * draw(st.integers(2, 5))
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif action == "insert":
            lines.insert(at, draw(garble))
        elif action == "truncate":
            lines = lines[:at]
        elif action == "cut-line":
            lines[at] = lines[at][: draw(st.integers(0, len(lines[at])))]
        else:
            lines[at] = "|".join(lines[at].split(" ")[: draw(st.integers(1, 12))]) + "|"
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "cp1258"]))
    return "\n".join(lines).encode(encoding, errors="replace")


markdown_line = st.one_of(
    st.just("|---|---|"),
    st.just("| TT | Nội dung | Cơ quan chủ trì |"),
    st.builds(lambda cells: "|" + "|".join(cells) + "|", st.lists(garble, max_size=6)),
    st.sampled_from(["# KẾ HOẠCH", "**Sở Công Thương**", "1. Sở Tư pháp", "- Chủ trì tuyên truyền", "> ", "```"]),
    garble,
)
html_piece = st.one_of(
    st.sampled_from(
        ["<table>", "</table>", "<tr>", "</tr>", "<td colspan=3>", "<td rowspan=99>", "</td>", "<p>", "</p>", "<b>"]
    ),
    st.sampled_from(['<meta charset="x-unknown">', "<br>", "<!--", "-->", "<script>", "&#xD800;", "&amp"]),
    garble,
)


@cache
def plan_docx() -> bytes:
    document = docx.Document()
    for line in plans()[2][:80]:
        document.add_paragraph(line)
    table = document.add_table(rows=3, cols=3)
    for r in range(3):
        for c in range(3):
            table.cell(r, c).text = ["TT", "Nội dung", "Sở Công Thương"][c] + str(r)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@cache
def plan_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    if FONT.is_file():
        pdf.add_font("body", fname=str(FONT))
        pdf.set_font("body", size=11)
    else:
        pdf.set_font("helvetica", size=11)
    for line in plans()[2][:40]:
        text = line if FONT.is_file() else line.encode("ascii", "replace").decode()
        pdf.multi_cell(0, 6, text or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


@st.composite
def broken_binary(draw: st.DrawFn, original: bytes) -> bytes:
    data = bytearray(original)
    action = draw(st.sampled_from(["truncate", "flip", "splice"]))
    if action == "truncate":
        return bytes(data[: draw(st.integers(0, len(data)))])
    if action == "flip":
        for _ in range(draw(st.integers(1, 40))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        return bytes(data)
    at = draw(st.integers(0, len(data)))
    return bytes(data[:at]) + draw(st.binary(max_size=2000)) + bytes(data[at:])


@st.composite
def docx_with_any_body(draw: st.DrawFn) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(plan_docx_archive(), "r") as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            if item.filename == "word/document.xml":
                body = "".join(draw(st.lists(html_piece, max_size=30)))
                xml = draw(
                    st.sampled_from(
                        [
                            f"<w:document><w:body><w:p><w:r><w:t>{body}</w:t></w:r></w:p></w:body></w:document>",
                            body,
                            '<?xml version="1.0"?><w:document xmlns:w="x"><w:body><w:tbl><w:tr>'
                            f"<w:tc>{body}</w:tc></w:tr></w:tbl></w:body></w:document>",
                        ]
                    )
                )
                target.writestr(item, xml.encode("utf-8", "surrogatepass"))
            else:
                target.writestr(item, source.read(item.filename))
    return out.getvalue()


def plan_docx_archive() -> io.BytesIO:
    return io.BytesIO(plan_docx())


# ------------------------------------------------------------------- properties


@PROFILE
@given(mutated_plan())
def test_a_mutated_real_plan_ends_in_a_report(data: bytes) -> None:
    check(_write(data, ".txt"))


@PROFILE
@given(st.lists(markdown_line, max_size=40), st.sampled_from([".md", ".txt"]))
def test_malformed_markdown_ends_in_a_report(lines: list[str], suffix: str) -> None:
    check(_write("\n".join(lines).encode("utf-8", "surrogatepass"), suffix))


@PROFILE
@given(st.lists(html_piece, max_size=60))
def test_malformed_html_ends_in_a_report(pieces: list[str]) -> None:
    check(_write("".join(pieces).encode("utf-8", "surrogatepass"), ".html"))


@PROFILE
@given(st.one_of(broken_binary(plan_docx()), docx_with_any_body()))
def test_a_broken_word_file_ends_in_a_report(data: bytes) -> None:
    check(_write(data, ".docx"))


@PROFILE
@given(broken_binary(plan_pdf()))
def test_a_broken_pdf_ends_in_a_report(data: bytes) -> None:
    check(_write(data, ".pdf"))
