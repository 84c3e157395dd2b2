"""Property-based run over the OpenAPI schema against a real server on loopback: whatever
the parameters, no route answers with a server error, and every response matches the
documented schema."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import hypothesis
import pytest
import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from tests.conftest import ingest_samples

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "data" / "samples"


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory, serve_app: Callable[[Mapping[str, str]], object]):  # type: ignore[no-untyped-def]
    store = ingest_samples(tmp_path_factory.mktemp("openapi") / "store", validate=False)
    server = serve_app({"POLICYKG_STORE": str(store), "POLICYKG_QUERY_TIMEOUT_S": "5"})
    return schemathesis.openapi.from_url(server.url("/openapi.json"))  # type: ignore[attr-defined]


def test_no_route_answers_with_a_server_error(api_schema) -> None:  # type: ignore[no-untyped-def]
    checked: list[str] = []
    failures: list[str] = []
    for result in api_schema.get_all_operations():
        operation = result.ok()

        @hypothesis.given(case=operation.as_strategy())
        @hypothesis.settings(
            max_examples=40,
            deadline=None,
            suppress_health_check=list(hypothesis.HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate(checks=[not_a_server_error, status_code_conformance, response_schema_conformance])

        try:
            check()
        except BaseException as error:  # every operation is tried; all failures are reported together
            if isinstance(error, KeyboardInterrupt):
                raise
            failures.append(f"{operation.label}: {error}")
        checked.append(operation.label)
    assert len(checked) >= 9, checked
    assert not failures, "\n\n".join(failures)


def test_operation_ids_are_unique_and_the_pages_are_not_in_the_schema(api_schema) -> None:  # type: ignore[no-untyped-def]
    paths = api_schema.raw_schema["paths"]
    ids = [operation["operationId"] for item in paths.values() for operation in item.values()]
    assert len(ids) == len(set(ids)), sorted(ids)
    assert {paths["/sparql"]["get"]["operationId"], paths["/sparql"]["post"]["operationId"]} == {
        "sparql_get",
        "sparql_post",
    }
    assert not [path for path in paths if path == "/" or path.startswith("/graph")]
    answers = paths["/sparql"]["get"]["responses"]["200"]
    assert "text/turtle" in answers["content"] and "service description" in answers["description"].lower()
    assert "application/sparql-results+json" in answers["content"]
