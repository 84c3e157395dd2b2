"""One reader per file format, each turning a file into a ``SourceDocument``.

``loaders.read.read_source`` picks the reader by file extension; the modules here hold the
format-specific work (decoding, Markdown emphasis and ``|`` tables, HTML, Word, PDF).
"""
