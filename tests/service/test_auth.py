"""Every /api call needs a valid token of an allowed role; errors are RFC 9457 problem+json."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

NO_TOKEN = {"Authorization": ""}


def assert_problem(response, status: int, code: str) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["code"] == code
    assert body["type"] == f"urn:qorgau:problem:{code}"
    assert body["title"] and body["detail"] and body["instance"].startswith("/")
    return body


def test_health_needs_no_token(service_client: TestClient) -> None:
    assert service_client.get("/healthz", headers=NO_TOKEN).json() == {"status": "ok"}


@pytest.mark.parametrize("path", ["/api/batches", "/api/documents", "/api/documents/1", "/api/me", "/api/tokens"])
def test_api_without_token_is_401(service_client: TestClient, path: str) -> None:
    response = service_client.get(path, headers=NO_TOKEN)
    assert_problem(response, 401, "E300")
    assert response.headers["www-authenticate"] == "Bearer"


def test_wrong_and_revoked_tokens_are_401(service_client: TestClient) -> None:
    assert_problem(service_client.get("/api/me", headers={"Authorization": "Bearer nope"}), 401, "E300")
    created = service_client.post("/api/tokens", json={"name": "temp", "role": "analyst"}).json()
    headers = {"Authorization": f"Bearer {created['token']}"}
    assert service_client.get("/api/me", headers=headers).json() == {"name": "temp", "role": "analyst"}
    assert service_client.delete(f"/api/tokens/{created['id']}").json()["revoked"] is True
    assert_problem(service_client.get("/api/me", headers=headers), 401, "E300")


def test_roles_are_enforced(service_client: TestClient, role_headers) -> None:  # type: ignore[no-untyped-def]
    analyst, ombudsman, department = role_headers("analyst"), role_headers("ombudsman"), role_headers("department")
    body = assert_problem(service_client.get("/api/batches", headers=analyst), 403, "E301")
    assert body["role"] == "analyst" and body["allowed_roles"] == ["department"]
    assert_problem(service_client.get("/api/documents", headers=ombudsman), 403, "E301")
    assert_problem(service_client.post("/api/tokens", json={"name": "x", "role": "admin"}, headers=department),
                   403, "E301")
    assert service_client.get("/api/documents", headers=analyst).status_code == 200
    assert service_client.get("/api/batches", headers=department).status_code == 200


def test_tokens_are_stored_hashed_and_audited(service_client: TestClient, service_settings) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    secret = service_client.post("/api/tokens", json={"name": "dept-1", "role": "department"}).json()["token"]
    service_client.get("/api/documents?doc_type=plan", headers={"Authorization": f"Bearer {secret}"})
    with sqlite3.connect(service_settings.data_dir / "qorgau.sqlite3") as db:
        stored = [row[0] for row in db.execute("select token_hash from api_tokens")]
    assert secret not in stored and len(stored[0]) == 64
    audit = service_client.get("/api/audit?actor=dept-1").json()
    assert [(e["actor"], e["role"], e["action"], e["target"]) for e in audit] == [
        ("dept-1", "department", "read", "GET /api/documents?doc_type=plan")]


def test_problem_shapes_for_validation_and_unknown_things(service_client: TestClient) -> None:
    body = assert_problem(service_client.post("/api/tokens", json={"role": "analyst"}), 422, "E110")
    assert body["errors"][0]["loc"] == ["body", "name"]
    assert_problem(service_client.post("/api/tokens", json={"name": "x", "role": "king"}), 400, "E100")
    assert_problem(service_client.get("/api/documents/999"), 404, "E200")
    assert_problem(service_client.get("/api/batches/999"), 404, "E200")
    missing_route = service_client.get("/api/no-such-thing")
    assert missing_route.status_code == 404
    assert missing_route.headers["content-type"] == "application/problem+json"


def test_openapi_docs_are_served(service_client: TestClient) -> None:
    schema = service_client.get("/openapi.json").json()
    assert {"/api/batches", "/api/batches/{batch_id}", "/api/documents", "/api/documents/{document_id}",
            "/api/documents/{document_id}/original", "/api/tokens"} <= set(schema["paths"])
    assert service_client.get("/docs").status_code == 200
