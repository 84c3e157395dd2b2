"""The Markdown reader: ``reader`` turns lines into paragraphs and tables, ``emphasis`` reads
the ``**`` / ``_`` markers, ``pipe_tables`` the ``|`` tables."""
