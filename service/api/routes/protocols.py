"""Protocol scores: the checklist verdicts of a stored protocol with the quoted evidence."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import select

from pipelines.errors import NotFoundError
from service.api.deps import DocumentReader, SessionDep
from service.db.models import Document
from service.db.protocols import ProtocolScoreRecord

router = APIRouter(prefix="/protocols", tags=["protocols"])


class ProtocolScorePublic(BaseModel):
    document_id: int
    file: str
    is_protocol: bool
    language: str | None
    score: int
    elements: dict[str, bool]
    evidence: dict[str, str | None]
    missing: list[str]
    reason: str | None
    district: str | None
    date: dt.date | None
    pipeline_version: str
    model: str | None
    scored_at: dt.datetime


@router.get("/{document_id}/score")
def get_protocol_score(document_id: int, session: SessionDep, user: DocumentReader) -> ProtocolScorePublic:
    """The current checklist score of document ``document_id`` (a document typed "protocol")."""
    document = session.get(Document, document_id)
    if document is None:
        raise NotFoundError(f"document {document_id} does not exist")
    record = session.scalars(select(ProtocolScoreRecord)
                             .where(ProtocolScoreRecord.document_id == document_id, ProtocolScoreRecord.current)
                             .order_by(ProtocolScoreRecord.id.desc())).first()
    if record is None:
        raise NotFoundError(f"document {document_id} has no protocol score (type {document.doc_type or 'unknown'}, "
                            f"status {document.status})")
    return ProtocolScorePublic(
        document_id=document.id, file=document.filename, is_protocol=record.is_protocol, language=record.language,
        score=record.score, elements=record.elements, evidence=record.evidence, missing=record.missing,
        reason=record.reason, district=document.district, date=document.doc_date,
        pipeline_version=record.pipeline_version, model=record.model, scored_at=record.created_at)
