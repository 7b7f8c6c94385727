"""Protocol scores: the checklist verdicts of stored protocols with the quoted evidence.

``GET /api/protocols`` lists the current scores (filters: district, year, score range);
``GET /api/protocols/{id}/score`` is one protocol's verdicts, evidence and decisions. The web pages
(service/web/routes/protocols.py) read through the same functions.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from pipelines.errors import InputError, NotFoundError
from pipelines.protocols.score import ELEMENT_KEYS, STARRED
from service.api.deps import DocumentReader, SessionDep
from service.db.models import Document
from service.db.protocols import ProtocolScoreRecord
from service.queries import matches_district

router = APIRouter(prefix="/protocols", tags=["protocols"])


class DecisionPublic(BaseModel):
    text: str
    item_index: int | None = None
    executor: str | None = None
    deadline_text: str | None = None
    deadline_date: dt.date | None = None
    concrete: bool | None = None  # None: not judged (rules undecided and no classifier)


class ElementVerdict(BaseModel):
    key: str
    present: bool
    starred: bool  # a hard element of the checklist (weighs 3)
    evidence: str | None


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
    number: str | None
    chair: str | None
    secretary: str | None
    decisions: list[DecisionPublic]
    pipeline_version: str
    model: str | None
    scored_at: dt.datetime

    @property
    def checklist(self) -> list[ElementVerdict]:
        """The elements in checklist order (what the page shows row by row)."""
        return [ElementVerdict(key=k, present=bool(self.elements.get(k)), starred=k in STARRED,
                               evidence=self.evidence.get(k)) for k in ELEMENT_KEYS if k in self.elements]


class ProtocolListItem(BaseModel):
    document_id: int
    file: str
    district: str | None
    date: dt.date | None
    number: str | None
    language: str | None
    is_protocol: bool
    score: int
    missing: list[str]


class ProtocolList(BaseModel):
    total: int
    items: list[ProtocolListItem]


def _structure(record: ProtocolScoreRecord) -> dict[str, Any]:
    return record.structure or {}


def _number(document: Document, record: ProtocolScoreRecord) -> str | None:
    return _structure(record).get("number") or document.number


def _date(document: Document, record: ProtocolScoreRecord) -> dt.date | None:
    # The protocol's own header date is the meeting date; extraction metadata is the fallback.
    raw = _structure(record).get("date")
    if raw:
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            pass
    return document.doc_date


def list_protocol_scores(session: Session, *, district: str | None = None, year: int | None = None,
                         min_score: int | None = None, max_score: int | None = None, include_non_protocols: bool = False,
                         limit: int = 100, offset: int = 0) -> ProtocolList:
    """Current scores, newest document first; ``district`` is the gazetteer key or a name in either language."""
    if min_score is not None and max_score is not None and min_score > max_score:
        raise InputError(f"min_score {min_score} is above max_score {max_score}",
                         detail={"min_score": min_score, "max_score": max_score})
    query = (select(ProtocolScoreRecord, Document).join(Document, Document.id == ProtocolScoreRecord.document_id)
             .where(ProtocolScoreRecord.current))
    if not include_non_protocols:
        query = query.where(ProtocolScoreRecord.is_protocol)
    if district:
        query = query.where(matches_district(Document, district))
    if year is not None:
        # Document.year comes from extraction; doc_date is the fallback when the year was not set.
        query = query.where(or_(Document.year == year,
                                Document.year.is_(None) & (Document.doc_date >= dt.date(year, 1, 1))
                                & (Document.doc_date <= dt.date(year, 12, 31))))
    if min_score is not None:
        query = query.where(ProtocolScoreRecord.score >= min_score)
    if max_score is not None:
        query = query.where(ProtocolScoreRecord.score <= max_score)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.execute(query.order_by(Document.id.desc()).limit(limit).offset(offset)).all()
    items = [ProtocolListItem(document_id=document.id, file=document.filename, district=document.district,
                              date=_date(document, record), number=_number(document, record),
                              language=record.language, is_protocol=record.is_protocol, score=record.score,
                              missing=list(record.missing or [])) for record, document in rows]
    return ProtocolList(total=total, items=items)


def read_protocol_score(session: Session, *, document_id: int) -> ProtocolScorePublic:
    document = session.get(Document, document_id)
    if document is None:
        raise NotFoundError(f"document {document_id} does not exist")
    record = session.scalars(select(ProtocolScoreRecord)
                             .where(ProtocolScoreRecord.document_id == document_id, ProtocolScoreRecord.current)
                             .order_by(ProtocolScoreRecord.id.desc())).first()
    if record is None:
        raise NotFoundError(f"document {document_id} has no protocol score (type {document.doc_type or 'unknown'}, "
                            f"status {document.status})")
    structure = _structure(record)
    decisions = [DecisionPublic.model_validate({k: d.get(k) for k in DecisionPublic.model_fields})
                 for d in structure.get("decisions") or []]
    return ProtocolScorePublic(
        document_id=document.id, file=document.filename, is_protocol=record.is_protocol, language=record.language,
        score=record.score, elements=record.elements, evidence=record.evidence, missing=record.missing,
        reason=record.reason, district=document.district, date=_date(document, record),
        number=_number(document, record), chair=structure.get("chair"), secretary=structure.get("secretary"),
        decisions=decisions, pipeline_version=record.pipeline_version, model=record.model,
        scored_at=record.created_at)


@router.get("")
def list_protocols(session: SessionDep, user: DocumentReader, district: str | None = None,
                   year: Annotated[int | None, Query(ge=1990, le=2100)] = None,
                   min_score: Annotated[int | None, Query(ge=0, le=100)] = None,
                   max_score: Annotated[int | None, Query(ge=0, le=100)] = None,
                   limit: Annotated[int, Query(ge=1, le=1000)] = 100,
                   offset: Annotated[int, Query(ge=0)] = 0) -> ProtocolList:
    """Scored protocols (current score of each): document, file, district, date, number, score, missing elements.

    Files typed "protocol" that the scorer found not to be one (a plan, a letter) are left out.
    """
    return list_protocol_scores(session, district=district or None, year=year, min_score=min_score,
                                max_score=max_score, limit=limit, offset=offset)


@router.get("/{document_id}/score")
def get_protocol_score(document_id: int, session: SessionDep, user: DocumentReader) -> ProtocolScorePublic:
    """The current checklist score of document ``document_id`` (a document typed "protocol")."""
    return read_protocol_score(session, document_id=document_id)
