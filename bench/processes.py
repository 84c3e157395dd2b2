"""Helpers for the servers that benchmarks and tests start on loopback: a free port, and
stopping a process (politely first). Standard library only, so the tests can use them
without the benchmark extras."""

from __future__ import annotations

import socket
import subprocess


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def stop(process: subprocess.Popen[bytes], wait_s: float = 20.0) -> None:
    """Ask ``process`` to end (SIGTERM); kill it if it has not ended after ``wait_s``."""
    process.terminate()
    try:
        process.wait(timeout=wait_s)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
