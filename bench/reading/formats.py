"""Per format, how the sample plans read: the facts recovered, seconds per page, OCR error.

    python -m bench.reading.formats [--work DIR] [--formats docx pdf scan doc]

Each sample plan (``data/samples``) is rendered as Word, as a browser-printed PDF with real
tables, as a 200 dpi scan of that PDF (image-only) and as Word 97-2003 (``bench.reading.renderings``),
then read by ``loaders.extract.load_plan``. For each reading: tasks, targets, whether number,
date and legal bases are those of the plain text, the recall of the leads and of the annex
rows, the numbers it invented, the seconds it took, per printed page (the PDF's page count);
for scans, the character error rate of the OCR text against the PDF's text layer it was made
from and against the plain text. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench.measure import markdown_table
from bench.reading.renderings import print_pdf, scan_pdf, soffice, write_doc, write_docx
from bench.reading.scores import character_error_rate, score, target_count
from loaders.extract import extract
from loaders.read import read_source

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
FORMATS = ("txt", "docx", "pdf", "scan", "doc")


def render(sample: Path, kind: str, work: Path) -> Path:
    stem = sample.stem
    if kind == "txt":
        return sample
    if kind == "docx":
        return write_docx(sample, work / f"{stem}.docx")
    if kind == "pdf":
        return print_pdf(sample, work / f"{stem}.pdf")
    if kind == "scan":
        pdf = work / f"{stem}.pdf"
        if not pdf.exists():
            print_pdf(sample, pdf)
        return scan_pdf(pdf, work / f"{stem}.scan.pdf")
    if kind == "doc":
        docx_file = work / f"{stem}.docx"
        if not docx_file.exists():
            write_docx(sample, docx_file)
        folder = work / "doc"
        folder.mkdir(exist_ok=True)
        return write_doc(docx_file, folder)
    raise ValueError(kind)


def page_count(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", type=Path, help="where the renderings go (default: a temporary folder)")
    parser.add_argument("--formats", nargs="+", default=list(FORMATS[1:]), choices=FORMATS)
    args = parser.parse_args()
    kinds = [k for k in args.formats if k != "doc" or soffice() is not None]
    with tempfile.TemporaryDirectory(prefix="policykg-formats-") as scratch:
        work = args.work or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        rows = []
        for sample in sorted(SAMPLES.glob("*.txt")):
            reference = extract(read_source(sample), sample)
            pdf = render(sample, "pdf", work)
            pages = page_count(pdf)
            pdf_text = "\n".join(read_source(pdf).lines)
            for kind in kinds:
                path = render(sample, kind, work)
                started = time.perf_counter()
                document = read_source(path)
                record = extract(document, path)
                seconds = time.perf_counter() - started
                result = score(reference, record)
                cer = ""
                if document.ocr is not None:
                    read = "\n".join(document.lines)
                    cer = (
                        f"{100 * character_error_rate(pdf_text, read):.2f} % / "
                        f"{100 * character_error_rate(sample.read_text(encoding='utf-8'), read):.2f} %"
                    )
                rows.append(
                    [
                        sample.stem.split("_")[0],
                        kind,
                        f"{result.tasks} ({len(reference.tasks)})",
                        f"{target_count(record)} ({target_count(reference)})",
                        "yes" if result.number_same and result.date_same and result.legal_bases_same else "no",
                        f"{100 * result.lead_recall:.1f} %",
                        f"{100 * result.annex_recall:.1f} % of {result.annex_rows}",
                        ", ".join(result.invented_numbers) or "none",
                        f"{seconds:.2f}",
                        f"{seconds / pages:.2f}",
                        f"{document.ocr.confidence:.1f}" if document.ocr and document.ocr.confidence else "",
                        cer,
                    ]
                )
                print(" ".join(str(cell) for cell in rows[-1]), flush=True)
    header = [
        "plan",
        "format",
        "tasks (text)",
        "targets (text)",
        "number, date, bases as text",
        "lead recall",
        "annex rows",
        "invented numbers",
        "seconds",
        f"s/page ({'printed pages'})",
        "OCR confidence",
        "CER vs PDF text / vs .txt",
    ]
    print()
    print(markdown_table(header, rows))


if __name__ == "__main__":
    main()
