"""The sample plans saved the way provincial offices publish them: Word, a browser-printed PDF
with real tables, a scan of that PDF, Word 97-2003.

The plain-text samples (``data/samples``) are laid out as paragraphs separated by blank lines
and annex tables as tab-separated rows, the header repeated where a page of the original
began. A rendering keeps the paragraphs and makes each annex one real table: its header once
(a ``<thead>``, which Chromium repeats on every printed page), group rows (``I  Nhóm ...``)
merged across the columns after their code.

- ``write_docx``: python-docx;
- ``write_html`` / ``print_pdf``: HTML printed to A4 by headless Chromium (Playwright), with
  a page number in the footer;
- ``scan_pdf``: every page of a PDF as a grey 200 dpi image (``pdftoppm``), bound into an
  image-only PDF by Pillow: no text layer;
- ``write_doc``: a Word file converted to Word 97-2003 by LibreOffice (``soffice``).
"""

from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import docx
from PIL import Image

CHROMIUM = "/usr/bin/chromium"
_PAGE_CSS = """
@page { size: A4; margin: 18mm 15mm 20mm 20mm; }
body { font-family: "DejaVu Serif", "Times New Roman", serif; font-size: 12.5pt; line-height: 1.35; }
p { margin: 0 0 6pt 0; text-align: justify; }
table { border-collapse: collapse; width: 100%; font-size: 10pt; }
th, td { border: 0.8pt solid #000; padding: 3pt 4pt; vertical-align: top; text-align: left; }
th { font-weight: bold; }
"""
_FOOTER = '<div style="font-size:9pt; width:100%; text-align:center;"><span class="pageNumber"></span></div>'


@dataclass(frozen=True)
class Block:
    """A paragraph (``rows`` empty) or a table (``header`` and ``rows`` of cell texts)."""

    text: str = ""
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


def blocks_of(text_path: Path) -> list[Block]:
    """The sample's paragraphs and tables, in order."""
    blocks: list[Block] = []
    header: tuple[str, ...] | None = None
    rows: list[tuple[str, ...]] = []

    def close_table() -> None:
        nonlocal header, rows
        if header is not None:
            blocks.append(Block(header=header, rows=tuple(rows)))
        header, rows = None, []

    for raw in text_path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        if "\t" in line:
            cells = tuple(cell.strip() for cell in line.split("\t"))
            if header is None:
                header = cells
            elif cells != header:
                rows.append(cells + ("",) * (len(header) - len(cells)))
            continue
        close_table()
        text = line.strip()
        blocks.append(Block(text=text))
    close_table()
    return blocks


def _group_row(cells: tuple[str, ...]) -> bool:
    return len(cells) > 2 and bool(cells[1]) and not any(cells[2:])


_UNRULED_CSS = "th, td { border: none; padding: 3pt 8pt; }"


def write_html(text_path: Path, out: Path, *, ruled: bool = True) -> Path:
    """The sample as HTML; ``ruled=False`` draws its tables without borders."""
    css = _PAGE_CSS if ruled else _PAGE_CSS + _UNRULED_CSS
    parts = [f"<!doctype html><html lang='vi'><head><meta charset='utf-8'><style>{css}</style></head><body>"]
    for block in blocks_of(text_path):
        if not block.header:
            parts.append(f"<p>{html.escape(block.text)}</p>")
            continue
        head = "".join(f"<th>{html.escape(cell)}</th>" for cell in block.header)
        parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>")
        for cells in block.rows:
            if _group_row(cells):
                span = len(block.header) - 1
                parts.append(
                    f"<tr><td><b>{html.escape(cells[0])}</b></td>"
                    f"<td colspan='{span}'><b>{html.escape(cells[1])}</b></td></tr>"
                )
            else:
                parts.append("<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in cells) + "</tr>")
        parts.append("</tbody></table>")
    parts.append("</body></html>")
    out.write_text("".join(parts), encoding="utf-8")
    return out


def write_docx(text_path: Path, out: Path) -> Path:
    document = docx.Document()
    for block in blocks_of(text_path):
        if not block.header:
            document.add_paragraph(block.text)
            continue
        table = document.add_table(rows=1 + len(block.rows), cols=len(block.header))
        table.style = "Table Grid"
        for column, text in enumerate(block.header):
            table.cell(0, column).text = text
        for index, cells in enumerate(block.rows, start=1):
            if _group_row(cells):
                table.cell(index, 0).text = cells[0]
                table.cell(index, 1).merge(table.cell(index, len(block.header) - 1)).text = cells[1]
                continue
            for column, text in enumerate(cells[: len(block.header)]):
                table.cell(index, column).text = text
    document.save(str(out))
    return out


def print_pdf(text_path: Path, out: Path, *, ruled: bool = True) -> Path:
    """The sample as HTML, printed to PDF by headless Chromium."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as work:
        page_file = write_html(text_path, Path(work) / "plan.html", ruled=ruled)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            try:
                page = browser.new_page()
                page.goto(page_file.as_uri())
                page.pdf(
                    path=str(out),
                    format="A4",
                    prefer_css_page_size=True,
                    display_header_footer=True,
                    header_template="<span></span>",
                    footer_template=_FOOTER,
                )
            finally:
                browser.close()
    return out


def scan_pdf(pdf: Path, out: Path, dpi: int = 200) -> Path:
    """An image-only PDF of ``pdf``: each page rasterised in grey at ``dpi``."""
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(Path(work) / "page")],
            check=True,
            capture_output=True,
            timeout=300,
        )
        pages = [Image.open(path).convert("L") for path in sorted(Path(work).glob("page-*.png"))]
        pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=float(dpi))
    return out


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def write_doc(docx_path: Path, out_dir: Path) -> Path:
    """``docx_path`` converted to Word 97-2003 (``.doc``) by LibreOffice, in ``out_dir``."""
    program = soffice()
    if program is None:
        raise RuntimeError("writing .doc needs LibreOffice: apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                program,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--convert-to",
                "doc",
                "--outdir",
                str(out_dir),
                str(docx_path),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    return out_dir / (docx_path.stem + ".doc")
