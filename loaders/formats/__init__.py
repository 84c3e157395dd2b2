"""One reader per file format, each turning a file into a ``SourceDocument``.

``loaders.read.READERS`` maps each extension to its reader: ``plaintext.read_txt``,
``markdown.reader.read_md``, ``html.read_html``, ``docx.read_docx``, ``office.read_converted``
(Word 97-2003, RTF, OpenDocument through LibreOffice), ``pdf.reader.read_pdf`` and
``images.read_image``. Beside them: what several readers share (``cleanup``, ``encoding`` and
``tcvn3`` for text files, ``pages`` for paged sources, ``ocr`` for scans). A new format is one
module here and its line in ``READERS``.
"""
