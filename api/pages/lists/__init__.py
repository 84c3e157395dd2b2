"""The pages that list what a query finds: search results, overlapping tasks and targets, and
national coverage."""
