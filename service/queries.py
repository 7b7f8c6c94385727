"""Reads shared by the API and the web pages (keyword-only, raise ``NotFoundError``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session, defer, selectinload

from corpora.gazetteer import district_by_name
from pipelines.errors import NotFoundError
from service.db.models import Batch, BatchFile, Document


def _files_without_extraction():  # type: ignore[no-untyped-def]
    # Progress views poll often; the extracted JSON (the big column) is not needed there.
    return selectinload(Batch.files).selectinload(BatchFile.document).defer(Document.extracted)


def get_batch(session: Session, *, batch_id: int) -> Batch:
    batch = session.scalar(select(Batch).where(Batch.id == batch_id)
                           .options(_files_without_extraction()))
    if batch is None:
        raise NotFoundError(f"Batch {batch_id} does not exist")
    return batch


def list_batches(session: Session, *, limit: int = 50, offset: int = 0) -> list[Batch]:
    return list(session.scalars(select(Batch).order_by(Batch.id.desc()).limit(limit).offset(offset)
                                .options(_files_without_extraction())))


def get_document(session: Session, *, document_id: int) -> Document:
    document = session.scalar(select(Document).where(Document.id == document_id)
                              .options(selectinload(Document.steps)))
    if document is None:
        raise NotFoundError(f"Document {document_id} does not exist")
    return document


def matches_district(document: Any, district: str) -> ColumnElement[bool]:
    """Condition on a table with ``district_id`` and ``district`` columns (documents, complaints, or an
    alias): ``district`` is the gazetteer key or the name as written, or a name in either language, bare
    or with "район"/"ауданы" ("Алгинский район" and "Алга" find "Алға ауданы")."""
    named = district_by_name(district)
    district_ids = {district} | ({named.id} if named else set())
    return or_(document.district_id.in_(district_ids), document.district == district)


def list_documents(session: Session, *, doc_type: str | None = None, district: str | None = None,
                   language: str | None = None, status: str | None = None, limit: int = 100,
                   offset: int = 0) -> tuple[int, list[Document]]:
    """Documents, newest first; ``district`` matches the gazetteer key or the name (either language)."""
    query = select(Document).options(defer(Document.extracted))
    if doc_type:
        query = query.where(Document.doc_type == doc_type)
    if language:
        query = query.where(Document.language == language)
    if status:
        query = query.where(Document.status == status)
    if district:
        query = query.where(matches_district(Document, district))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(query.order_by(Document.id.desc()).limit(limit).offset(offset))
    return total, list(rows)
