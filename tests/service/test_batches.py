"""Batches over HTTP: good and bad files in one upload, dedup by sha256, zip uploads, documents API."""

from __future__ import annotations

import hashlib

import pytest
from fastapi.testclient import TestClient
from service_support import (
    PLAN_KK,
    PLAN_KK_TABLE,
    PROTOCOL_RU,
    docx_bytes,
    pdf_bytes,
    upload,
    wait_for_batch,
    zip_bytes,
)


@pytest.fixture
def small_limit_client(settings_factory):  # type: ignore[no-untyped-def]
    from service.app import create_app
    from service.settings import ExtractionSettings

    settings = settings_factory(extraction=ExtractionSettings(max_file_mb=1))
    with TestClient(create_app(settings), headers={"Authorization": "Bearer test-admin-token"}) as client:
        yield client


def test_good_and_bad_files_each_get_their_status(small_limit_client: TestClient) -> None:
    client = small_limit_client
    protocol = docx_bytes(PROTOCOL_RU)
    files = [
        ("protocol_ru.docx", protocol),
        ("plan_kk.pdf", pdf_bytes(PLAN_KK)),
        ("empty.pdf", b""),
        ("truncated.pdf", pdf_bytes(PROTOCOL_RU)[:300]),
        ("encrypted.pdf", pdf_bytes(PROTOCOL_RU, encrypt="secret")),
        ("really_a_pdf.docx", pdf_bytes(PROTOCOL_RU)),
        ("huge.txt", b"x" * ((1 << 20) + 10)),
    ]
    response = upload(client, files, data={"label": "March"})
    assert response.status_code == 202
    accepted = response.json()
    assert accepted["label"] == "March" and accepted["progress"]["total"] == 7
    assert {f["status"] for f in accepted["files"]} <= {"queued", "processing", "done", "failed"}

    audit = client.get("/api/audit").json()
    assert {"action": "create", "target": f"batch {accepted['id']}", "detail": "7 upload(s)"}.items() <= next(
        entry for entry in audit if entry["target"].startswith("batch")).items()
    batch = wait_for_batch(client, accepted["id"])
    by_name = {f["filename"]: f for f in batch["files"]}
    assert batch["progress"] == {"total": 7, "queued": 0, "processing": 0, "done": 3, "failed": 4}
    assert by_name["protocol_ru.docx"]["status"] == "done" and by_name["protocol_ru.docx"]["doc_type"] == "protocol"
    assert by_name["plan_kk.pdf"]["status"] == "done"
    assert by_name["really_a_pdf.docx"]["status"] == "done"  # content decides, not the extension
    assert "empty" in by_name["empty.pdf"]["error"]
    assert "corrupt" in by_name["truncated.pdf"]["error"] or "truncated" in by_name["truncated.pdf"]["error"]
    assert "encrypted" in by_name["encrypted.pdf"]["error"]
    huge = by_name["huge.txt"]
    assert huge["status"] == "failed" and huge["document_id"] is None and "limit" in huge["error"]

    document = client.get(f"/api/documents/{by_name['protocol_ru.docx']['document_id']}").json()
    assert document["language"] == "ru" and document["doc_type"] == "protocol"
    assert document["metadata"]["district"] == "Алгинский район" and document["metadata"]["date"] == "2024-03-14"
    assert "Постановили" in document["text"] and document["page_methods"]
    assert document["sha256"] == hashlib.sha256(protocol).hexdigest()
    original = client.get(f"/api/documents/{document['id']}/original")
    assert original.status_code == 200 and original.content == protocol

    failed = client.get(f"/api/documents/{by_name['encrypted.pdf']['document_id']}").json()
    assert failed["status"] == "failed" and "encrypted" in failed["error"]


def test_same_file_uploaded_again_is_recognised(service_client: TestClient, service_settings) -> None:  # type: ignore[no-untyped-def]
    plan = docx_bytes(PLAN_KK, PLAN_KK_TABLE)
    first = wait_for_batch(service_client, upload(service_client, [("plan.docx", plan)]).json()["id"])
    second = wait_for_batch(service_client, upload(service_client, [("plan (copy).docx", plan)]).json()["id"])
    first_file, second_file = first["files"][0], second["files"][0]
    assert first_file["duplicate"] is False and second_file["duplicate"] is True
    assert second_file["document_id"] == first_file["document_id"] and second_file["status"] == "done"
    listing = service_client.get("/api/documents").json()
    assert listing["total"] == 1
    stored = [p for p in service_settings.originals_dir.rglob("*") if p.is_file()]
    assert len(stored) == 1 and stored[0].read_bytes() == plan

    document = service_client.get(f"/api/documents/{first_file['document_id']}").json()
    assert document["doc_type"] == "plan" and document["language"] == "kk"
    assert ["2", "Суицидтің алдын алу бойынша психологтардың семинарын ұйымдастыру", "наурыз",
            "білім бөлімі"] in document["tables"][0]


def test_zip_upload_expands_safely(service_client: TestClient) -> None:
    archive = zip_bytes({
        "2024/protocol.docx": docx_bytes(PROTOCOL_RU),
        "2024/plan.pdf": pdf_bytes(PLAN_KK),
        "../../escape.txt": "Бұл файл архивтен тыс жазылмақ болды".encode(),
        "bomb.txt": b"\0" * (20 << 20),  # 20 MB of zeros, ~20 KB packed
    })
    batch = wait_for_batch(service_client, upload(service_client, [("march.zip", archive),
                                                                   ("broken.zip", b"PK\x03\x04 not really")]).json()["id"])
    by_name = {f["filename"]: f for f in batch["files"]}
    assert set(by_name) == {"march.zip!2024/protocol.docx", "march.zip!2024/plan.pdf", "march.zip!../../escape.txt",
                            "march.zip!bomb.txt", "broken.zip"}
    assert by_name["march.zip!2024/protocol.docx"]["status"] == "done"
    assert by_name["march.zip!2024/plan.pdf"]["status"] == "done"
    escape = by_name["march.zip!../../escape.txt"]
    assert escape["status"] == "failed" and escape["document_id"] is None and "outside" in escape["error"]
    assert by_name["broken.zip"]["status"] == "failed" and "zip" in by_name["broken.zip"]["error"]
    bomb = by_name["march.zip!bomb.txt"]
    assert bomb["status"] == "failed" and bomb["document_id"] is None and "bomb" in bomb["error"]


def test_document_filters(service_client: TestClient) -> None:
    wait_for_batch(service_client, upload(service_client, [("p.docx", docx_bytes(PROTOCOL_RU)),
                                                           ("plan.docx", docx_bytes(PLAN_KK, PLAN_KK_TABLE))]).json()["id"])
    def names(**params: str) -> set[str]:
        return {d["filename"] for d in service_client.get("/api/documents", params=params).json()["items"]}

    assert names() == {"p.docx", "plan.docx"}
    assert names(doc_type="protocol") == {"p.docx"}
    assert names(language="kk") == {"plan.docx"}
    assert names(district="alga") == {"p.docx"}
    assert names(district="Алгинский район", doc_type="plan") == set()
    assert service_client.get("/api/documents", params={"language": "en"}).status_code == 422
    listing = service_client.get("/api/batches").json()
    assert listing[0]["finished"] is True and listing[0]["progress"]["done"] == 2


def test_reprocess_runs_extraction_again(service_client: TestClient) -> None:
    batch = wait_for_batch(service_client, upload(service_client, [("p.docx", docx_bytes(PROTOCOL_RU))]).json()["id"])
    document_id = batch["files"][0]["document_id"]
    response = service_client.post(f"/api/documents/{document_id}/reprocess")
    assert response.status_code == 202 and response.json()["status"] == "queued"
    wait_for_batch(service_client, batch["id"])
    assert service_client.get(f"/api/documents/{document_id}").json()["status"] == "done"
    import sqlite3

    db_path = service_client.app.state.settings.data_dir / "qorgau.sqlite3"  # type: ignore[attr-defined]
    with sqlite3.connect(db_path) as db:
        assert list(db.execute("select status from jobs where document_id = ?", (document_id,))) == [
            ("done",), ("done",)]
