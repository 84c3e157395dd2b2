"""The ``policykg`` command. Each group of subcommands is a module of ``api/cli`` that adds
them to the parser and names the handler of each (see ``api.cli.registry``); ``GROUPS`` lists
the modules in the order ``policykg --help`` shows them:

- ``ingest``: ingest
- ``query``: query, export
- ``analysis``: overlaps, lineage, gaps (and export's GraphML and XLSX)
- ``checks``: check, coverage
- ``mandates``: mandates
- ``serve``: serve, demo

A new command goes in the module of its group (or a new module listed here).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from api.cli import analysis, checks, ingest, mandates, query, serve
from api.cli.commands import CommandError
from api.cli.registry import Register, text_commands

GROUPS: tuple[Register, ...] = (
    ingest.register,
    query.register,
    text_commands(analysis.add_parsers, analysis.run),
    checks.register,
    mandates.register,
    serve.register,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policykg",
        description="Vietnamese implementation plans as a linked, provenance-tracked policy graph.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for register in GROUPS:
        register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.handler(args)
        return code
    except CommandError as error:
        print(f"policykg: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
