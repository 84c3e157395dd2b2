"""How a command group joins the ``policykg`` command: each module of ``api/cli`` has a
``register(sub)`` that adds its subcommands to the parser and names, with
``set_defaults(handler=...)``, the function that runs each one; ``api.cli.main`` lists the
modules. The options several groups share (``--store``, counts that must be positive) are here.

A handler takes the parsed arguments and returns the exit code. It imports what it needs when
it runs: the parser is built for every command, so a module of a group imports nothing heavy.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]

Handler = Callable[[argparse.Namespace], int]
Register = Callable[["SubParsers"], None]

STORE_HELP = (
    "store directory (default: $POLICYKG_STORE, else .policykg/store); ':memory:' for none; "
    "or a SPARQL 1.1 server: sparql+http(s)://[user:password@]host:port/path[?update=/path]"
)


def store_option(parser: argparse.ArgumentParser) -> None:
    """``--store``, as every command reading or writing the store takes it."""
    parser.add_argument("--store", default=None, help=STORE_HELP)


def positive(text: str) -> int:
    """A count of at least 1.

    >>> positive("3")
    3
    >>> positive("0")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: must be at least 1, not 0
    """
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def positive_number(text: str) -> float:
    """A number above 0.

    >>> positive_number("2.5")
    2.5
    """
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be positive, not {value}")
    return value


def text_commands(
    add_parsers: Callable[[SubParsers, Callable[[argparse.ArgumentParser], None]], None],
    run: Callable[[argparse.Namespace], str | None],
) -> Register:
    """The ``register`` of a group whose module adds its subcommands with
    ``add_parsers(sub, store_option)`` and answers each with ``run(args)``, the text to print
    (as ``api.cli.analysis`` does): every subcommand it adds prints that text and exits 0."""

    def handler(args: argparse.Namespace) -> int:
        text = run(args)
        if text is None:
            raise AssertionError(args.command)
        sys.stdout.write(text)
        return 0

    def register(sub: SubParsers) -> None:
        before = set(sub.choices)
        add_parsers(sub, store_option)
        for name, parser in sub.choices.items():
            if name not in before:
                parser.set_defaults(handler=handler)

    return register
