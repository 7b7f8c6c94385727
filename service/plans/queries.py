"""Reads behind the plans API: suspected copies with filters, one pair side by side, reports."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, aliased

from pipelines.errors import NotFoundError
from pipelines.plans import DuplicateReport, build_report
from pipelines.plans.index import PlanMatch, RowPair
from service.db.models import Document
from service.db.plans import PlanMatchRecord, PlanRowRecord
from service.queries import matches_district


@dataclass
class MatchFilters:
    year: int | None = None
    district: str | None = None  # gazetteer id or name, either plan
    language: str | None = None  # either plan
    relation: str | None = None
    min_share: float | None = None
    min_score: float | None = None


def list_matches(session: Session, *, filters: MatchFilters, limit: int = 100,
                 offset: int = 0) -> tuple[int, list[tuple[PlanMatchRecord, Document, Document]]]:
    doc_a, doc_b = aliased(Document), aliased(Document)
    query = (select(PlanMatchRecord, doc_a, doc_b)
             .join(doc_a, doc_a.id == PlanMatchRecord.document_a_id)
             .join(doc_b, doc_b.id == PlanMatchRecord.document_b_id)
             .where(PlanMatchRecord.current))
    if filters.year is not None:
        query = query.where(or_(doc_a.year == filters.year, doc_b.year == filters.year))
    if filters.district:
        query = query.where(or_(matches_district(doc_a, filters.district), matches_district(doc_b, filters.district)))
    if filters.language:
        query = query.where(or_(doc_a.language == filters.language, doc_b.language == filters.language))
    if filters.relation:
        query = query.where(PlanMatchRecord.relation == filters.relation)
    if filters.min_share is not None:
        query = query.where(PlanMatchRecord.share_of_rows_reused >= filters.min_share)
    if filters.min_score is not None:
        query = query.where(PlanMatchRecord.score >= filters.min_score)
    rows = session.execute(query.order_by(PlanMatchRecord.score.desc(), PlanMatchRecord.id)).all()
    return len(rows), [tuple(r) for r in rows[offset: offset + limit]]  # type: ignore[misc]


def plan_rows(session: Session, document_id: int) -> list[PlanRowRecord]:
    return list(session.scalars(select(PlanRowRecord).where(PlanRowRecord.document_id == document_id,
                                                            PlanRowRecord.current)
                                .order_by(PlanRowRecord.row_index)))


def get_pair(session: Session, *, a_id: int, b_id: int) -> PlanMatchRecord | None:
    low, high = sorted((a_id, b_id))
    return session.scalars(select(PlanMatchRecord).where(
        and_(PlanMatchRecord.document_a_id == low, PlanMatchRecord.document_b_id == high, PlanMatchRecord.current))
        .order_by(PlanMatchRecord.id.desc())).first()


def get_plan_document(session: Session, document_id: int) -> Document:
    document = session.get(Document, document_id)
    if document is None or document.doc_type != "plan":
        raise NotFoundError(f"No plan document {document_id}", detail={"document_id": document_id})
    return document


def report_of(records: list[tuple[PlanMatchRecord, Document, Document]]) -> tuple[DuplicateReport, dict]:
    """The duplicates report (file names) of stored matches, and row texts for exports."""
    matches = [PlanMatch(str(r.document_a_id), str(r.document_b_id), r.score, r.share_of_rows_reused, r.relation,
                         [RowPair(int(x), int(y), float(s), bool(bp), False) for x, y, s, bp in r.rows])
               for r, _, _ in records]
    names = {}
    for r, a, b in records:
        names[str(r.document_a_id)], names[str(r.document_b_id)] = a.filename, b.filename
    return build_report(matches, names=names), names
