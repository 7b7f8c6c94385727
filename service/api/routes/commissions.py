"""Commissions and their monthly monitoring, computed on the fly from the stored protocols.

Nothing is stored by monitoring: every request reads the protocols (documents typed ``protocol`` with a
district) of the year and the December before it, turns each into a ``MeetingRecord`` (segmentation of
the stored extracted text, cached per document version in this process), and runs
``pipelines.monitoring``. A re-extracted document has a new ``updated_at`` and is read again.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Literal

from fastapi import APIRouter
from fastapi.responses import Response
from pydantic import BaseModel
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, defer

from corpora.gazetteer import District, districts
from pipelines.errors import NotFoundError, QorgauError
from pipelines.extract import ExtractedDocument
from pipelines.monitoring import CommissionYearReport, MeetingRecord, RegionYearReport, build_region_report
from pipelines.monitoring.adapter import meeting_record_from_structure
from pipelines.monitoring.export import masked_report, to_csv, to_json, to_xlsx
from pipelines.protocols import segment_protocol
from service.api.deps import DocumentReader, SessionDep
from service.db.models import Document
from service.db.registry import import_optional
from service.monitoring import cross_language_matcher

router = APIRouter(prefix="/commissions", tags=["commissions"])

_record_cache: dict[tuple[int, dt.datetime | None], MeetingRecord | None] = {}
_cache_lock = threading.Lock()
_CACHE_LIMIT = 20_000


class CommissionPublic(BaseModel):
    id: str
    name_ru: str
    name_kk: str
    kind: str
    year: int
    protocols: int  # protocols of the year read for monitoring
    meetings_held: int
    meetings_expected: int
    alerts: int


def _record_of(document: Document) -> MeetingRecord | None:
    """The meeting a stored protocol records, or None when it cannot be dated."""
    key = (document.id, document.updated_at)
    with _cache_lock:
        if key in _record_cache:
            return _record_cache[key]
    extracted = ExtractedDocument.model_validate(document.extracted or {"file": document.filename})
    structure = segment_protocol(extracted.text, language=extracted.language)
    try:
        record: MeetingRecord | None = meeting_record_from_structure(
            structure, document.district_id or "", fallback_date=document.doc_date,
            fallback_number=document.number, source=f"document:{document.id}")
    except QorgauError:
        record = None
    with _cache_lock:
        if len(_record_cache) > _CACHE_LIMIT:
            _record_cache.clear()
        _record_cache[key] = record
    return record


def load_meeting_records(session: Session, *, year: int, commission_id: str | None = None) -> list[MeetingRecord]:
    """Records of the stored protocols of ``year`` (and December before it, for the first gap and change).

    Protocols whose extraction found no date are read too: segmentation may find the date extraction
    missed.
    """
    since, until = dt.date(year - 1, 12, 1), dt.date(year, 12, 31)
    query = select(Document).where(
        Document.doc_type == "protocol", Document.status == "done", Document.district_id.is_not(None),
        or_(Document.doc_date.is_(None), and_(Document.doc_date >= since, Document.doc_date <= until)),
    ).order_by(Document.id).options(defer(Document.extracted))  # loaded only on a cache miss
    if commission_id:
        query = query.where(Document.district_id == commission_id)
    records = [_record_of(document) for document in session.scalars(query)]
    return [r for r in records if r is not None and since <= r.date <= until]


def plan_shares(session: Session, *, year: int) -> dict[str, float]:
    """Per commission, the largest share of rows reused between its plan of ``year`` and any other plan,
    from the copies the plans step stored (``plan_matches``); empty when the plans area is absent."""
    from pipelines.monitoring.plan_shares import plan_duplication_shares

    plans_db = import_optional("service.db.plans")
    if plans_db is None:
        return {}
    match_model = plans_db.PlanMatchRecord  # type: ignore[attr-defined]
    matches = list(session.scalars(select(match_model).where(match_model.current.is_(True))))
    if not matches:
        return {}
    ids = {m.document_a_id for m in matches} | {m.document_b_id for m in matches}
    plans = session.scalars(select(Document).where(Document.id.in_(ids)))
    # Only the reported year's plans speak for a commission; older ones are what gets copied.
    commission_of_plan = {str(d.id): d.district_id for d in plans
                          if d.district_id and d.year in (None, year)}
    return plan_duplication_shares(((str(m.document_a_id), str(m.document_b_id), m.share_of_rows_reused)
                                    for m in matches), commission_of_plan)


def _district(commission_id: str) -> District:
    for district in districts():
        if district.id == commission_id:
            return district
    raise NotFoundError(f"Commission {commission_id!r} does not exist; GET /api/commissions lists them")


def region_report(session: Session, *, year: int, as_of: dt.date | None = None,
                  commission_id: str | None = None, records: list[MeetingRecord] | None = None) -> RegionYearReport:
    """The monitoring report of every commission of the region (or of one)."""
    gazetteer = districts()
    ids = [commission_id] if commission_id else [d.id for d in gazetteer]
    today = dt.date.today()
    if as_of is None and year == today.year:
        as_of = today  # the running year: months that have not ended are not yet "missed"
    if records is None:
        records = load_meeting_records(session, year=year, commission_id=commission_id)
    return build_region_report(records, year=year, commission_ids=ids, as_of=as_of,
                               commission_names={d.id: d.ru for d in gazetteer},
                               plan_duplication_shares=plan_shares(session, year=year),
                               embedder=cross_language_matcher())


def _year(year: int | None) -> int:
    return year or dt.date.today().year


@router.get("", response_model=list[CommissionPublic])
def read_commissions(session: SessionDep, user: DocumentReader,
                     year: int | None = None) -> list[CommissionPublic]:
    """The 13 commissions of the region with the year's meeting count and number of alerts."""
    year = _year(year)
    records = load_meeting_records(session, year=year)
    report = region_report(session, year=year, records=records)
    by_id = {c.commission_id: c for c in report.commissions}
    protocols: dict[str, int] = {}
    for record in records:
        if record.date.year == year:
            protocols[record.commission_id] = protocols.get(record.commission_id, 0) + 1
    return [
        CommissionPublic(id=d.id, name_ru=d.ru, name_kk=d.kk, kind=d.kind, year=year,
                         protocols=protocols.get(d.id, 0), meetings_held=by_id[d.id].meetings_held,
                         meetings_expected=by_id[d.id].meetings_expected, alerts=len(by_id[d.id].alerts))
        for d in districts()
    ]


@router.get("/monitoring/export")
def export_region(session: SessionDep, user: DocumentReader, year: int | None = None,
                  format: Literal["csv", "xlsx", "json"] = "xlsx", as_of: dt.date | None = None,
                  mask_officials: bool = False) -> Response:
    """The monthly monitoring report of all commissions, as the department files it."""
    year = _year(year)
    return _export(region_report(session, year=year, as_of=as_of), format=format,
                   mask_officials=mask_officials, stem=f"monitoring_{year}")


@router.get("/{commission_id}/monitoring", response_model=CommissionYearReport)
def read_monitoring(commission_id: str, session: SessionDep, user: DocumentReader,
                    year: int | None = None, as_of: dt.date | None = None,
                    mask_officials: bool = False) -> CommissionYearReport:
    """Monthly table, quarters, secretary/chair changes, weak and repeated decisions and alerts."""
    _district(commission_id)
    report = region_report(session, year=_year(year), as_of=as_of, commission_id=commission_id)
    if mask_officials:
        report = masked_report(report)
    return report.commissions[0]


@router.get("/{commission_id}/monitoring/export")
def export_commission(commission_id: str, session: SessionDep, user: DocumentReader,
                      year: int | None = None,
                      format: Literal["csv", "xlsx", "json"] = "xlsx", as_of: dt.date | None = None,
                      mask_officials: bool = False) -> Response:
    _district(commission_id)
    year = _year(year)
    report = region_report(session, year=year, as_of=as_of, commission_id=commission_id)
    return _export(report, format=format, mask_officials=mask_officials, stem=f"monitoring_{commission_id}_{year}")


_MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def _export(report: RegionYearReport, *, format: str, mask_officials: bool, stem: str) -> Response:
    if format == "csv":
        content: bytes = to_csv(report, mask_officials=mask_officials).encode("utf-8")
    elif format == "xlsx":
        content = to_xlsx(report, mask_officials=mask_officials)
    else:
        content = to_json(report, mask_officials=mask_officials).encode("utf-8")
    return Response(content, media_type=_MEDIA_TYPES[format],
                    headers={"Content-Disposition": f'attachment; filename="{stem}.{format}"'})
