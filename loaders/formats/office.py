"""Word 97-2003 (``.doc``), RTF and OpenDocument text (``.odt``), read through LibreOffice.

LibreOffice (headless ``soffice``) converts the file to ``.docx`` in a temporary folder, which
the Word reader then reads: paragraphs and tables, merged cells included, so line numbers are
those of the Word reader (paragraphs and table rows in document order). Measured on the three
sample plans saved as ``.doc`` by LibreOffice: through this conversion the Hà Tĩnh annex gives
its 52 tasks and 19 targets as the plain text does; ``catdoc`` (cells as tab-separated runs,
rows wrapped) gave 38 tasks and 6 targets, ``antiword`` (tables drawn with ``|`` and cut to the
page width) 37 and 6. Both keep the diacritics; neither keeps the table.

LibreOffice opens almost anything as text, so the file's signature is checked first: a
``.doc`` is an OLE2 compound file holding a ``WordDocument`` stream (or RTF saved as ``.doc``),
an ``.rtf`` starts with ``{\\rtf``, an ``.odt`` is a zip archive of the OpenDocument text
type. Settings (environment): ``POLICYKG_SOFFICE`` the LibreOffice program (default
``soffice`` on the ``PATH``), ``POLICYKG_CONVERT_TIMEOUT`` seconds allowed (default 180).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Literal

from loaders.formats.docx import read_docx
from loaders.source import ReadError, SourceDocument

OfficeKind = Literal["doc", "rtf", "odt"]

INSTALL_HINT = "install LibreOffice with: apt-get install libreoffice-writer-nogui"
_OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_ODT = b"application/vnd.oasis.opendocument.text"
_NAMES: dict[OfficeKind, str] = {"doc": "Word 97-2003 (.doc)", "rtf": "RTF (.rtf)", "odt": "OpenDocument text (.odt)"}


def _check_signature(path: Path, kind: OfficeKind) -> None:
    head = path.read_bytes()[: 1 << 20] if kind == "doc" else path.read_bytes()[:64]
    name = _NAMES[kind]
    if kind == "doc":
        if head.startswith(b"{\\rtf"):
            return
        if not head.startswith(_OLE2):
            raise ReadError(path, f"is not a valid {name} file: it lacks the OLE2 signature of Word 97-2003")
        if _WORD_STREAM not in head and _WORD_STREAM not in path.read_bytes():
            raise ReadError(path, f"is not a valid {name} file: its OLE2 container holds no WordDocument stream")
    elif kind == "rtf":
        if not head.lstrip().startswith(b"{\\rtf"):
            raise ReadError(path, f"is not a valid {name} file: it does not start with {{\\rtf")
    elif kind == "odt":
        try:
            with zipfile.ZipFile(path) as archive:
                mimetype = archive.read("mimetype").strip()
        except (zipfile.BadZipFile, KeyError, OSError) as exc:
            raise ReadError(path, f"is not a valid {name} file: {exc}") from exc
        if mimetype != _ODT:
            raise ReadError(path, f"is not a valid {name} file: its type is {mimetype.decode(errors='replace')}")


def _soffice(path: Path) -> str:
    program = os.environ.get("POLICYKG_SOFFICE", "soffice")
    found = shutil.which(program) or (shutil.which("libreoffice") if program == "soffice" else None)
    if found is None:
        raise ReadError(path, f"needs LibreOffice to be read, but '{program}' was not found; {INSTALL_HINT}")
    return found


def read_converted(path: Path, kind: OfficeKind) -> SourceDocument:
    """A file LibreOffice converts to Word, read as Word; its format stays ``kind``."""
    _check_signature(path, kind)
    program = _soffice(path)
    timeout = float(os.environ.get("POLICYKG_CONVERT_TIMEOUT", 180))
    with tempfile.TemporaryDirectory(prefix="policykg-convert-") as work:
        folder = Path(work)
        source = folder / f"source{path.suffix.lower()}"
        shutil.copyfile(path, source)  # LibreOffice names its output after the input
        command = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(folder / "out"),
            str(source),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise ReadError(
                path,
                f"LibreOffice took longer than {timeout:g} s to convert it and was stopped "
                "(POLICYKG_CONVERT_TIMEOUT sets the seconds allowed)",
            ) from exc
        converted = folder / "out" / "source.docx"
        if done.returncode != 0 or not converted.is_file() or converted.stat().st_size == 0:
            said = [line for line in done.stderr.decode(errors="replace").splitlines() if "javaldx" not in line]
            detail = " ".join(" ".join(said).split())[:300] or f"exit status {done.returncode}"
            raise ReadError(path, f"is not a readable {_NAMES[kind]} file: LibreOffice could not convert it ({detail})")
        try:
            document = read_docx(converted)
        except ReadError as exc:
            raise ReadError(path, f"is not a readable {_NAMES[kind]} file: {exc.reason}") from exc
    document.path = path
    document.format = kind
    return document
