"""Server settings, from arguments or ``POLICYKG_*`` environment variables."""

from __future__ import annotations

import json
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from graph.read.cache.models import APART_MIN_MB


class Settings(BaseSettings):
    """How the HTTP API runs.

    Every field can be set from the environment with the ``POLICYKG_`` prefix, e.g.
    ``POLICYKG_STORE=/data/policykg``, ``POLICYKG_QUERY_TIMEOUT_S=5``,
    ``POLICYKG_CORS_ORIGINS=https://a.example,https://b.example``.
    """

    model_config = SettingsConfigDict(env_prefix="POLICYKG_", extra="ignore")

    store: str = Field(
        default=".policykg/store",
        min_length=1,
        description="Store directory (embedded Oxigraph), ':memory:', or a SPARQL 1.1 server as "
        "sparql+http(s)://[user:password@]host:port/path[?update=/update-path] "
        "(credentials also from POLICYKG_STORE_USER / POLICYKG_STORE_PASSWORD).",
    )
    query_timeout_s: float = Field(
        default=10.0,
        gt=0,
        le=3600,
        description="Hard limit on the run time of one SPARQL query, in seconds.",
    )
    max_rows: int = Field(
        default=10_000,
        ge=1,
        description="Most rows (SELECT) or triples (CONSTRUCT/DESCRIBE) in one response; "
        "larger results are cut and flagged with X-PolicyKG-Truncated: true.",
    )
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Origins allowed to call the API from a browser; empty means none.",
    )
    update_token: SecretStr | None = Field(
        default=None,
        description="Bearer token that enables SPARQL Update on /sparql; unset means the endpoint is read-only.",
    )
    max_request_bytes: int = Field(
        default=1_048_576,
        ge=1024,
        description="Largest accepted request (query string or body), in bytes.",
    )
    workers: int = Field(
        default=2,
        ge=1,
        le=64,
        description="Query worker processes for /sparql.",
    )
    max_queued: int = Field(
        default=4,
        ge=0,
        le=1024,
        description="/sparql queries that may wait for a busy worker (each at most query_timeout_s);"
        " more answer 429 with Retry-After at once.",
    )
    worker_memory_mb: int | None = Field(
        default=1024,
        ge=64,
        description="Data memory (heap and private mappings) one query worker may take, in MB; a query"
        " that needs more is stopped with 422 and its worker replaced. Unset (empty) for no limit.",
    )
    require_network_isolation: bool = Field(
        default=False,
        description="Refuse to start when the query workers and the update thread cannot be given a"
        " network namespace of their own (by default the server only warns).",
    )
    warm: bool = Field(
        default=True,
        description="Build the agency directory, targets and search index when the server starts.",
    )
    read_models_apart_min_mb: float = Field(
        default=APART_MIN_MB,
        ge=0,
        description="Over an embedded store at least this large on disk (MB), the read models are built"
        " in a short-lived child process, so that the server keeps only the results.",
    )

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [part.strip() for part in text.split(",") if part.strip()]
        return value

    @field_validator("cors_origins")
    @classmethod
    def _check_origins(cls, origins: list[str]) -> list[str]:
        checked = []
        for origin in origins:
            if origin == "*":
                checked.append(origin)
                continue
            parts = urlsplit(origin)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise ValueError(f"CORS origin {origin!r} must look like https://host[:port] (or be '*')")
            if parts.path not in ("", "/") or parts.query or parts.fragment:
                raise ValueError(f"CORS origin {origin!r} must not have a path or query")
            checked.append(f"{parts.scheme}://{parts.netloc}")
        return checked

    @field_validator("worker_memory_mb", mode="before")
    @classmethod
    def _no_memory_limit(cls, value: object) -> object:
        return None if isinstance(value, str) and value.strip().lower() in ("", "none", "0") else value

    @field_validator("update_token")
    @classmethod
    def _check_token(cls, token: SecretStr | None) -> SecretStr | None:
        if token is None:
            return None
        value = token.get_secret_value()
        if not value:
            return None
        if len(value) < 16 or any(ch.isspace() for ch in value):
            raise ValueError("update_token must be at least 16 characters, without spaces")
        return token
