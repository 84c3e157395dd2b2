"""OCR of page images: ``tesseract`` runs Tesseract and rebuilds lines and table cells from the
words it reads; ``grid`` straightens a page and finds and erases the ruling lines of its
tables."""
