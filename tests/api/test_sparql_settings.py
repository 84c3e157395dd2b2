"""Server settings from the environment, and the app built in-process from them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pytest
from fastapi import Depends
from fastapi.testclient import TestClient
from pydantic import SecretStr, ValidationError

from api.app import create_app, get_store
from api.settings import Settings
from graph.store.embedded import PolicyStore

TOKEN = "an-update-token-of-some-length"


def test_defaults_are_safe(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("STORE", "CORS_ORIGINS", "UPDATE_TOKEN", "QUERY_TIMEOUT_S", "MAX_ROWS"):
        monkeypatch.delenv(f"POLICYKG_{name}", raising=False)
    settings = Settings()
    assert settings.store == ".policykg/store"
    assert settings.query_timeout_s == 10
    assert settings.max_rows == 10_000
    assert settings.cors_origins == []
    assert settings.update_token is None
    assert settings.max_request_bytes == 1_048_576
    assert settings.workers == 2


def test_settings_come_from_policykg_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYKG_STORE", "/srv/policykg")
    monkeypatch.setenv("POLICYKG_QUERY_TIMEOUT_S", "2.5")
    monkeypatch.setenv("POLICYKG_CORS_ORIGINS", "https://a.example.org, http://localhost:5173/")
    monkeypatch.setenv("POLICYKG_UPDATE_TOKEN", TOKEN)
    settings = Settings()
    assert settings.store == "/srv/policykg"
    assert settings.query_timeout_s == 2.5
    assert settings.cors_origins == ["https://a.example.org", "http://localhost:5173"]
    assert settings.update_token is not None
    assert settings.update_token.get_secret_value() == TOKEN
    assert TOKEN not in repr(settings)
    monkeypatch.setenv("POLICYKG_CORS_ORIGINS", '["https://b.example.org"]')
    assert Settings().cors_origins == ["https://b.example.org"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("query_timeout_s", 0, "greater than 0"),
        ("max_rows", 0, "greater than or equal to 1"),
        ("workers", 0, "greater than or equal to 1"),
        ("cors_origins", ["policy.example.org"], "must look like https://host"),
        ("cors_origins", ["https://a.example.org/app"], "must not have a path"),
        ("update_token", "short", "at least 16 characters"),
    ],
)
def test_invalid_settings_say_what_is_wrong(field: str, value: object, message: str) -> None:
    with pytest.raises(ValidationError) as error:
        Settings(**{field: value})  # type: ignore[arg-type]
    assert field in str(error.value)
    assert message in str(error.value)


def test_an_in_memory_app_answers_queries_in_threads() -> None:
    app = create_app(Settings(store=":memory:", update_token=SecretStr(TOKEN)))
    insert = (
        "INSERT DATA { GRAPH <https://w3id.org/policykg/id/graph-x> { "
        "<https://w3id.org/policykg/id/doc-x> <https://w3id.org/policykg/ontology#documentNumber>"
        ' "07/KH-UBND" } }'
    )
    with TestClient(app) as client:
        refused = client.post("/sparql", data={"update": insert})
        assert refused.status_code == 403
        applied = client.post("/sparql", data={"update": insert}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert applied.status_code == 204
        response = client.get(
            "/sparql",
            params={"query": "SELECT ?n WHERE { ?d ?p ?n }"},
            headers={"Accept": "text/csv"},
        )
        assert response.status_code == 200
        assert response.text.splitlines() == ["n", "07/KH-UBND"]
        assert response.headers["vary"] == "Accept"
        store = app.state.runtime.store
        assert store.graph_iris() == ["https://w3id.org/policykg/id/graph-x"]


def test_get_store_gives_routes_the_apps_store(tmp_path: Path) -> None:
    app = create_app(Settings(store=str(tmp_path / "store")))

    @app.get("/probe")
    def probe(store: Annotated[PolicyStore, Depends(get_store)]) -> dict[str, object]:
        return {"location": str(store.location), "graphs": store.graph_iris()}

    with TestClient(app) as client:
        assert client.get("/probe").json() == {
            "location": str(tmp_path / "store"),
            "graphs": [],
        }
    assert (tmp_path / "store" / "CURRENT").is_file()
