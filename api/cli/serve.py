"""``policykg serve``: the HTTP API and the browser pages on a store; ``policykg demo``: the
bundled sample plans ingested, then served."""

from __future__ import annotations

import argparse
import os
import sys
import sysconfig
from pathlib import Path
from typing import TYPE_CHECKING

from api.cli import ingest
from api.cli.commands import CommandError, store_label
from api.cli.registry import store_option

if TYPE_CHECKING:
    from api.cli.registry import SubParsers


def register(sub: SubParsers) -> None:
    serve_parser = sub.add_parser("serve", help="the HTTP API and the browser UI")
    store_option(serve_parser)
    serve_parser.add_argument("--host", default="127.0.0.1")
    serve_parser.add_argument("--port", type=int, default=8000)
    serve_parser.set_defaults(handler=run_serve)

    demo = sub.add_parser("demo", help="ingest the bundled sample plans and serve them")
    demo.add_argument("--store", default=None)
    demo.add_argument("--host", default="127.0.0.1")
    demo.add_argument("--port", type=int, default=8000)
    demo.add_argument("--no-serve", action="store_true", help="ingest only")
    demo.set_defaults(handler=run_demo)


def run_serve(args: argparse.Namespace) -> int:
    return serve(args.store, args.host, args.port)


def run_demo(args: argparse.Namespace) -> int:
    samples = samples_dir()
    print(f"Ingesting the sample plans in {samples}")
    options = {"no_validate": False, "strict": False, "json": False, "debug": False}
    code = ingest.run(argparse.Namespace(paths=[str(samples)], store=args.store, **options))
    if code != 0 or args.no_serve:
        return code
    return serve(args.store, args.host, args.port)


def samples_dir() -> Path:
    """The bundled sample plans: in the source tree, or where the package installed them."""
    candidates = [
        Path(__file__).resolve().parents[2] / "data" / "samples",
        Path(sysconfig.get_path("data")) / "share" / "policykg" / "samples",
        Path(sys.prefix) / "share" / "policykg" / "samples",
    ]
    for candidate in candidates:
        if candidate.is_dir() and any(candidate.glob("*.txt")):
            return candidate
    raise CommandError("the bundled sample plans were not found (data/samples)")


def http_buffer_bytes(max_request_bytes: int) -> int:
    """How much of one request head the HTTP layer buffers: room for a GET query of up to
    twice ``max_request_bytes`` once percent-encoded, so that the endpoint itself answers a
    long one (413 past the limit) rather than h11's 16 KB default turning it away with 400.

    >>> http_buffer_bytes(1_000_000)
    2065536
    """
    return 2 * max_request_bytes + 65_536


def serve(location: str | None, host: str, port: int) -> int:
    """Serve the store at ``location`` on ``host:port`` until interrupted."""
    import uvicorn

    from api.settings import Settings
    from graph.store.location import is_remote, store_spec

    spec = store_spec(location)
    if is_remote(spec):
        os.environ["POLICYKG_STORE"] = spec
    elif spec != ":memory:":
        os.environ["POLICYKG_STORE"] = str(Path(spec).expanduser())
    print(f"Serving {store_label(location)} on http://{host}:{port}/ (Ctrl+C to stop)")
    uvicorn.run(
        "api.app:app_factory",
        factory=True,
        host=host,
        port=port,
        log_level="warning",
        h11_max_incomplete_event_size=http_buffer_bytes(Settings().max_request_bytes),
    )
    return 0
