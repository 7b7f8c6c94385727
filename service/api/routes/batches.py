"""Batches: upload (202, processed by the worker) and per-file progress."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile, status

from pipelines.errors import InputError
from service.api.deps import DepartmentUser, SessionDep, SettingsDep, StoreDep
from service.api.schemas import BatchPublic, BatchSummary
from service.batches import BatchIngestor
from service.queries import get_batch, list_batches
from service.security import record_audit

router = APIRouter(prefix="/batches", tags=["batches"])


@router.post("", response_model=BatchPublic, status_code=status.HTTP_202_ACCEPTED)
def upload_batch(session: SessionDep, settings: SettingsDep, store: StoreDep,
                 user: DepartmentUser, files: Annotated[list[UploadFile], File(description="files or .zip archives")],
                 label: Annotated[str | None, Form()] = None) -> BatchPublic:
    """Store the files and queue them; returns at once with the batch id and per-file status."""
    if not files:
        raise InputError("No files in the upload")
    ingestor = BatchIngestor(session=session, settings=settings, store=store)
    batch = ingestor.create_batch(created_by=user.name, source="api", label=label)
    for upload in files:
        ingestor.add_upload(batch, filename=upload.filename or "unnamed", stream=upload.file)
    record_audit(session, principal=user, action="create", target=f"batch {batch.id}",
                 detail=f"{len(files)} upload(s)")
    session.commit()
    session.expire_all()
    return BatchPublic.of(get_batch(session, batch_id=batch.id))


@router.get("", response_model=list[BatchSummary])
def read_batches(session: SessionDep, user: DepartmentUser, limit: int = 50, offset: int = 0) -> list[BatchSummary]:
    return [BatchSummary.of(batch) for batch in list_batches(session, limit=min(limit, 500), offset=offset)]


@router.get("/{batch_id}", response_model=BatchPublic)
def read_batch(batch_id: int, session: SessionDep, user: DepartmentUser) -> BatchPublic:
    return BatchPublic.of(get_batch(session, batch_id=batch_id))
