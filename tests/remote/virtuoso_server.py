"""A throw-away Virtuoso server on loopback: a minimal virtuoso.ini in a folder, free ports,
the database files in that folder, stopped (and its files left for inspection) at the end.

Needs Debian's ``virtuoso-opensource-7-bin`` (``virtuoso-t``). Updates go to
``/sparql-auth`` with Digest authentication as ``dba``, so the credentials path is the one
used in production.
"""

from __future__ import annotations

import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.processes import free_port, stop

BINARY_CANDIDATES = ("virtuoso-t", "/usr/bin/virtuoso-t", "/usr/lib/virtuoso-opensource-7/bin/virtuoso-t")
USER = "dba"
PASSWORD = "dba"
START_TIMEOUT_S = 60.0

_INI = """\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
CheckpointInterval = 60
DirsAllowed = ., {folder}
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}
MaxClientConnections = 8
ServerThreads = 8

[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 60
MaxQueryCostEstimationTime = 400
"""


@dataclass(frozen=True)
class VirtuosoServer:
    folder: Path
    http_port: int
    process: subprocess.Popen[bytes]

    @property
    def query_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    @property
    def store_spec(self) -> str:
        """The ``--store`` value for this server (credentials in the URL)."""
        return f"sparql+http://{USER}:{PASSWORD}@127.0.0.1:{self.http_port}/sparql?update=/sparql-auth"


def virtuoso_binary() -> str | None:
    for candidate in BINARY_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


@contextmanager
def running_virtuoso(folder: Path, *, max_rows: int = 10_000) -> Iterator[VirtuosoServer]:
    """Start Virtuoso with its files in ``folder``; stop it when the block ends.

    ``max_rows`` is its ``ResultSetMaxRows``: longer results are cut (10,000 is the default of
    the Debian package)."""
    binary = virtuoso_binary()
    if binary is None:
        raise RuntimeError("virtuoso-t was not found: install the Debian package virtuoso-opensource-7-bin")
    folder.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(
        _INI.format(folder=folder, sql_port=sql_port, http_port=http_port, max_rows=max_rows), encoding="utf-8"
    )
    log = (folder / "virtuoso.out").open("wb")
    process = subprocess.Popen(
        [binary, "+foreground", "+configfile", str(ini)], cwd=folder, stdout=log, stderr=subprocess.STDOUT
    )
    server = VirtuosoServer(folder, http_port, process)
    try:
        _wait_until_up(server)
        yield server
    finally:
        stop(process, wait_s=30)
        log.close()


def _wait_until_up(server: VirtuosoServer) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    url = server.query_url + "?query=ASK%7B%7D"
    while True:
        if server.process.poll() is not None:
            raise RuntimeError(f"Virtuoso exited: {(server.folder / 'virtuoso.out').read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"Virtuoso did not start within {START_TIMEOUT_S:g} s")
        time.sleep(0.2)
