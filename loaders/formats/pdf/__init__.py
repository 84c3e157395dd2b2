"""The PDF reader: ``reader`` opens the file and reads each page's text layer (or has the page
read by OCR), ``layout`` turns a page's words and ruled tables into lines and cells, and
``columns`` finds the tables drawn without rules, from the columns of their words."""
