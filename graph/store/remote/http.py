"""HTTP for a remote SPARQL server: form-encoded POSTs of queries and updates.

Queries and updates are sent as ``application/x-www-form-urlencoded`` POSTs (the SPARQL 1.1
Protocol's form encoding): a GET would meet URL length limits with long queries, and some
servers (Virtuoso) can hang on a direct ``application/sparql-query`` POST. Every request has
a timeout. Credentials answer a Basic or Digest challenge (urllib's handlers).
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlencode

from graph.store.errors import QueryError, StoreError
from graph.store.remote.endpoint import RemoteEndpoint

FORM = "application/x-www-form-urlencoded; charset=utf-8"
_MESSAGE_CHARS = 600


class RemoteTimeout(StoreError):
    """The server did not answer within the timeout."""

    def __init__(self, seconds: float, where: str):
        super().__init__(f"{where} did not answer within {seconds:g} s")
        self.seconds = seconds


@dataclass(frozen=True)
class Reply:
    """A successful response."""

    body: bytes
    headers: Message
    content_type: str

    @property
    def server(self) -> str:
        return self.headers.get("Server", "") or ""


class SparqlHttp:
    """Sends SPARQL operations to one endpoint pair."""

    def __init__(self, endpoint: RemoteEndpoint, timeout_s: float):
        self.endpoint = endpoint
        self.timeout_s = timeout_s
        handlers: list[urllib.request.BaseHandler] = []
        if endpoint.user is not None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for url in {endpoint.query_url, endpoint.update_url}:
                passwords.add_password(None, url, endpoint.user, endpoint.password or "")
            handlers += [
                urllib.request.HTTPBasicAuthHandler(passwords),
                urllib.request.HTTPDigestAuthHandler(passwords),
            ]
        # a redirect would turn a POST into a GET without the operation: refuse them
        handlers.append(_NoRedirect())
        self._opener = urllib.request.build_opener(*handlers)

    def query(
        self,
        text: str,
        accept: str,
        params: Iterable[tuple[str, str]] = (),
        timeout_s: float | None = None,
    ) -> Reply:
        return self._post(self.endpoint.query_url, [("query", text), *params], accept, timeout_s)

    def update(self, text: str, timeout_s: float | None = None) -> Reply:
        return self._post(self.endpoint.update_url, [("update", text)], "*/*", timeout_s)

    def _post(self, url: str, fields: list[tuple[str, str]], accept: str, timeout_s: float | None) -> Reply:
        timeout = timeout_s if timeout_s is not None else self.timeout_s
        request = urllib.request.Request(
            url,
            data=urlencode(fields, encoding="utf-8").encode("ascii"),
            headers={"Content-Type": FORM, "Accept": accept},
            method="POST",
        )
        where = self.endpoint.label
        try:
            with self._opener.open(request, timeout=timeout) as response:
                body = response.read()
                return Reply(body, response.headers, response.headers.get_content_type())
        except urllib.error.HTTPError as error:
            detail = _message(error.read() if error.fp is not None else b"")
            raise classify_status(error.code, detail, where) from error
        except TimeoutError as error:
            raise RemoteTimeout(timeout, where) from error
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise RemoteTimeout(timeout, where) from error
            raise StoreError(f"cannot reach {where}: {error.reason}") from error
        except (ConnectionError, OSError) as error:
            raise StoreError(f"the connection to {where} failed: {error}") from error


def classify_status(status: int, detail: str, where: str) -> StoreError:
    """An error response as a QueryError (the operation's fault) or a StoreError."""
    if status in (401, 403):
        return StoreError(f"{where} refused the request ({status}): check the store user and password. {detail}")
    if status == 404:
        return StoreError(f"{where} has no SPARQL endpoint at that path (404)")
    if "No permission" in detail or "SR186" in detail:
        return StoreError(f"{where} refused the update: the account has no SPARQL update permission. {detail}")
    if status == 400 or (status == 500 and _is_query_fault(detail)):
        return QueryError(detail or f"{where} rejected the operation ({status})")
    return StoreError(f"{where} failed ({status}): {detail}")


def _is_query_fault(detail: str) -> bool:
    """Virtuoso answers some compile and data errors with 500: SPARQL compiler (37000, SPxxx)
    and data conversion (22xxx) errors are the operation's fault."""
    return " 37000 " in detail or " Error SP" in detail or " 22" in detail[:40]


def _message(body: bytes) -> str:
    """The first part of an error body, without the echo of the operation some servers add."""
    text = body.decode("utf-8", errors="replace").strip()
    for marker in ("\n\nSPARQL query:", "\nSPARQL query:", "\n\nSPARQL request:"):
        text = text.split(marker, 1)[0]
    text = " ".join(text.split())
    return text[:_MESSAGE_CHARS]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        raise urllib.error.HTTPError(req.full_url, code, f"redirected to {newurl}; name that URL instead", headers, fp)
