"""Extracted documents: list with filters, one with text/tables/metadata, and the stored original."""

from __future__ import annotations

import mimetypes
from typing import Literal

from fastapi import APIRouter, status
from fastapi.responses import FileResponse

from pipelines.errors import NotFoundError
from service.api.deps import DepartmentUser, DocumentReader, SessionDep, StoreDep
from service.api.schemas import DocumentList, DocumentPublic, DocumentSummary
from service.batches import requeue_document
from service.queries import get_document, list_documents

router = APIRouter(prefix="/documents", tags=["documents"])


@router.get("", response_model=DocumentList)
def read_documents(session: SessionDep, user: DocumentReader,
                   doc_type: Literal["protocol", "plan", "other"] | None = None, district: str | None = None,
                   language: Literal["kk", "ru", "mixed"] | None = None,
                   status: Literal["queued", "processing", "done", "failed"] | None = None,
                   limit: int = 100, offset: int = 0) -> DocumentList:
    total, rows = list_documents(session, doc_type=doc_type, district=district, language=language, status=status,
                                 limit=min(limit, 1000), offset=offset)
    return DocumentList(total=total, items=[DocumentSummary.of(row) for row in rows])


@router.get("/{document_id}", response_model=DocumentPublic)
def read_document(document_id: int, session: SessionDep, user: DocumentReader) -> DocumentPublic:
    return DocumentPublic.of(get_document(session, document_id=document_id))


@router.get("/{document_id}/original", response_class=FileResponse)
def read_original(document_id: int, session: SessionDep, store: StoreDep, user: DocumentReader) -> FileResponse:
    document = get_document(session, document_id=document_id)
    path = store.path_for(document.sha256)
    if not path.exists():
        raise NotFoundError(f"The original of document {document_id} is missing from the store")
    media_type = mimetypes.guess_type(document.filename)[0] or "application/octet-stream"
    return FileResponse(path, media_type=media_type, filename=document.filename)


@router.post("/{document_id}/reprocess", response_model=DocumentSummary, status_code=status.HTTP_202_ACCEPTED)
def reprocess_document(document_id: int, session: SessionDep, user: DepartmentUser) -> DocumentSummary:
    """Queue the stored original for extraction (and its steps) again; the original is not touched."""
    document = get_document(session, document_id=document_id)
    requeue_document(session, document=document)
    return DocumentSummary.of(document)
