"""The durable queue: a restart resumes a batch, failures stay per file, the worker never dies."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from service_support import PLAN_KK, PLAN_KK_TABLE, PROTOCOL_RU, docx_bytes, pdf_bytes, upload, wait_for_batch

from service.app import create_app

ADMIN = {"Authorization": "Bearer test-admin-token"}


def client_for(settings) -> TestClient:  # type: ignore[no-untyped-def]
    return TestClient(create_app(settings), headers=ADMIN)


def jobs(settings) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    with sqlite3.connect(settings.data_dir / "qorgau.sqlite3") as db:
        return list(db.execute("select status, attempts from jobs order by id"))


def test_restart_before_processing_resumes_the_batch(settings_factory) -> None:  # type: ignore[no-untyped-def]
    enqueue_only = settings_factory(workers=0)
    with client_for(enqueue_only) as client:
        accepted = upload(client, [("protocol.docx", docx_bytes(PROTOCOL_RU)), ("plan.pdf", pdf_bytes(PLAN_KK))])
        batch_id = accepted.json()["id"]
        assert client.get(f"/api/batches/{batch_id}").json()["progress"]["queued"] == 2
    assert jobs(enqueue_only) == [("pending", 0), ("pending", 0)]

    with client_for(settings_factory(workers=1)) as client:  # a new process on the same data dir
        batch = wait_for_batch(client, batch_id)
    assert [f["status"] for f in batch["files"]] == ["done", "done"]
    assert jobs(enqueue_only) == [("done", 1), ("done", 1)]


def test_job_interrupted_while_running_is_retried_then_given_up(settings_factory) -> None:  # type: ignore[no-untyped-def]
    settings = settings_factory(workers=0, job_max_attempts=2)
    with client_for(settings) as client:
        batch_id = upload(client, [("a.docx", docx_bytes(PROTOCOL_RU)),
                                   ("b.docx", docx_bytes(PLAN_KK, PLAN_KK_TABLE))]).json()["id"]
    # What a process killed in the middle of both files leaves behind: running jobs, processing documents.
    with sqlite3.connect(settings.data_dir / "qorgau.sqlite3") as db:
        db.execute("update jobs set status='running', attempts=1 where id=1")
        db.execute("update jobs set status='running', attempts=2 where id=2")
        db.execute("update documents set status='processing'")
    with client_for(settings_factory(workers=1, job_max_attempts=2)) as client:
        batch = wait_for_batch(client, batch_id)
    first, second = batch["files"]
    assert first["status"] == "done"
    assert second["status"] == "failed" and "interrupted 2 times" in second["error"]
    assert jobs(settings) == [("done", 2), ("failed", 2)]


@pytest.fixture
def failing_step() -> Iterator[list[int]]:
    from service.steps import register_document_step, unregister_document_step

    seen: list[int] = []

    def explode_on_protocols(session, document, extracted) -> None:  # type: ignore[no-untyped-def]
        from service.jobs import current_context

        seen.append(document.id)
        context = current_context()
        context.cache["test.seen_data_dir"] = context.settings.data_dir
        document.number = "overwritten by a failing step"
        raise RuntimeError("checklist model missing")

    register_document_step("test.explode", ("protocol",), explode_on_protocols)
    yield seen
    unregister_document_step("test.explode")


def test_failing_step_is_recorded_and_the_rest_goes_on(service_client: TestClient, failing_step: list[int]) -> None:
    batch = wait_for_batch(service_client, upload(service_client, [
        ("protocol.docx", docx_bytes(PROTOCOL_RU)), ("plan.docx", docx_bytes(PLAN_KK, PLAN_KK_TABLE))]).json()["id"])
    protocol_file, plan_file = batch["files"]
    assert failing_step == [protocol_file["document_id"]]  # applied to protocols only
    app_state = service_client.app.state  # type: ignore[attr-defined]
    assert app_state.cache["test.seen_data_dir"] == app_state.settings.data_dir  # steps see this app's context
    protocol = service_client.get(f"/api/documents/{protocol_file['document_id']}").json()
    assert protocol["status"] == "done" and "test.explode" in protocol["error"]
    # Areas' real steps (DEFAULT_STEPS) run too; only the test step is looked at here.
    assert [(s["step"], s["status"], s["error"]) for s in protocol["steps"] if s["step"].startswith("test.")] == [
        ("test.explode", "failed", "RuntimeError: checklist model missing")]
    assert all(s["status"] == "done" for s in protocol["steps"] if not s["step"].startswith("test."))
    assert protocol["metadata"]["number"] == "3"  # the failed step's writes were rolled back
    plan = service_client.get(f"/api/documents/{plan_file['document_id']}").json()
    assert plan["status"] == "done" and plan["error"] is None
    assert all(s["status"] == "done" and not s["step"].startswith("test.") for s in plan["steps"])


def test_crashing_job_fails_alone_and_the_worker_survives(service_client: TestClient) -> None:
    from service.db.models import Document
    from service.jobs import enqueue, notify_workers, register_job_handler

    def crash(context, job) -> None:  # type: ignore[no-untyped-def]
        raise MemoryError("simulated out-of-memory in a handler")

    register_job_handler("test.crash", crash)
    session_factory = service_client.app.state.session_factory  # type: ignore[attr-defined]
    with session_factory() as session:
        enqueue(session, kind="test.crash")
        enqueue(session, kind="no-such-kind")
        session.commit()
    notify_workers()
    batch = wait_for_batch(service_client, upload(service_client, [("p.docx", docx_bytes(PROTOCOL_RU))]).json()["id"])
    assert batch["files"][0]["status"] == "done"
    statuses = jobs(service_client.app.state.settings)  # type: ignore[attr-defined]
    assert statuses == [("failed", 1), ("failed", 1), ("done", 1)]
    with session_factory() as session:
        assert session.query(Document).count() == 1
