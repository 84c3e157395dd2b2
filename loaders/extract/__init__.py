"""One file in, one ``PlanRecord`` out: ``load_plan`` (a path) and ``extract`` (a document
already read) are the entry points, kept here so callers need not know the modules behind
them."""

from loaders.extract.plan import extract, load_plan

__all__ = ["extract", "load_plan"]
