"""Complaints in the service: classify and store, review queue, corrections, feedback export, monthly
counts. Calls :mod:`pipelines.complaints`; holds no NLP logic."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from corpora.gazetteer import district_by_id
from pipelines.complaints.classifier import ComplaintClassifier
from pipelines.complaints.district import complaint_district
from pipelines.complaints.export import ExportedComplaint
from pipelines.complaints.types import CATEGORIES, URGENT_REASONS, ComplaintInput
from pipelines.errors import InputError, NotFoundError
from pipelines.privacy import mask_pii
from service.db.base import utcnow
from service.db.complaints import Complaint, ComplaintCorrection
from service.queries import matches_district

_classifier_lock = threading.Lock()


def get_classifier(state: object) -> ComplaintClassifier:
    """The classifier of this process, loaded (into ``app.state``) on first use and reloaded when its
    artifact file changes (a retrained model installed while the service runs), checked by one ``stat``
    per call."""
    with _classifier_lock:
        classifier = getattr(state, "complaint_classifier", None)
        if classifier is None:
            from service.settings import get_settings

            classifier = ComplaintClassifier.load(st_model_dir=get_settings().embeddings.model_dir)
        else:
            classifier = classifier.reload_if_changed()
        state.complaint_classifier = classifier  # type: ignore[attr-defined]
        return classifier


@dataclass
class IncomingComplaint:
    text: str
    external_id: str | None = None
    district: str | None = None
    received_on: dt.date | None = None


def parse_date(value: object) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d.%m.%Y", "%Y-%m-%dT%H:%M:%S", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text[:19], fmt).date()
        except ValueError:
            continue
    raise InputError(f"cannot read the date {text!r} (use YYYY-MM-DD or DD.MM.YYYY)")


def classify_and_store(session: Session, classifier: ComplaintClassifier, items: Sequence[IncomingComplaint], *,
                       created_by: str) -> list[Complaint]:
    """Classify ``items`` in one pass and store them with their prediction. Commits."""
    if not items:
        return []
    results = classifier.classify([ComplaintInput(id=str(i), text=item.text) for i, item in enumerate(items)])
    today = dt.date.today()
    rows = []
    for item, result in zip(items, results, strict=True):
        district = complaint_district(item.district, item.text)
        row = Complaint(
            external_id=item.external_id, created_by=created_by, received_on=item.received_on or today,
            district=item.district, district_id=district.id if district else None, text=item.text, masked_text=mask_pii(item.text), language=result.language,
            predicted_category=result.category, predicted_secondary=list(result.secondary),
            predicted_urgent=result.urgent, urgent_reason=result.urgent_reason,
            urgent_evidence=[mask_pii(e) for e in result.urgent_evidence], confidence=result.confidence,
            needs_review=result.needs_review, model_version=classifier.version,
            category=result.category, secondary=list(result.secondary), urgent=result.urgent,
        )
        session.add(row)
        rows.append(row)
    session.commit()
    return rows


def get_complaint(session: Session, complaint_id: int) -> Complaint:
    row = session.get(Complaint, complaint_id)
    if row is None:
        raise NotFoundError(f"complaint {complaint_id} does not exist", detail={"complaint_id": complaint_id})
    return row


def review_queue(session: Session, *, limit: int = 100) -> list[Complaint]:
    """Not yet reviewed complaints that are urgent or need review: urgent first, then least confident."""
    query = (select(Complaint)
             .where(Complaint.reviewed_at.is_(None), (Complaint.urgent | Complaint.needs_review))
             .order_by(case((Complaint.urgent, 0), else_=1), Complaint.confidence, Complaint.id)
             .limit(limit))
    return list(session.scalars(query))


def _where(query: Select, *, category: str | None, urgent: bool | None, district: str | None,
           since: dt.date | None = None, until: dt.date | None = None) -> Select:
    """The list filters: category, urgent, district (gazetteer key or any spelling), received-on range."""
    if category:
        query = query.where(Complaint.category == category)
    if urgent is not None:
        query = query.where(Complaint.urgent == urgent)
    if district:
        query = query.where(matches_district(Complaint, district))
    if since is not None:
        query = query.where(Complaint.received_on >= since)
    if until is not None:
        query = query.where(Complaint.received_on <= until)
    return query


def list_complaints(session: Session, *, category: str | None = None, urgent: bool | None = None,
                    district: str | None = None, limit: int = 100, offset: int = 0) -> list[Complaint]:
    query = _where(select(Complaint).order_by(Complaint.id.desc()), category=category, urgent=urgent, district=district)
    return list(session.scalars(query.limit(limit).offset(offset)))


def complaints_for_export(session: Session, *, category: str | None = None, urgent: bool | None = None,
                          district: str | None = None, since: dt.date | None = None, until: dt.date | None = None,
                          limit: int = 100_000) -> list[ExportedComplaint]:
    """Complaints received in [since, until] (filters as in :func:`list_complaints`), oldest first, with the
    current (reviewed) labels; the export masks the texts."""
    query = _where(select(Complaint).order_by(Complaint.received_on, Complaint.id), category=category, urgent=urgent,
                   district=district, since=since, until=until)
    items = []
    for row in session.scalars(query.limit(limit)):
        known = district_by_id(row.district_id) if row.district_id else None
        items.append(ExportedComplaint(
            id=row.id, received_on=row.received_on, district=known.ru if known else row.district,
            language=row.language, category=row.category, secondary=list(row.secondary or []), urgent=row.urgent,
            urgent_reason=row.urgent_reason, urgent_evidence=list(row.urgent_evidence or []),
            confidence=row.confidence, needs_review=row.needs_review, reviewed=row.reviewed_at is not None,
            text=row.masked_text))
    return items


def _labels(row: Complaint) -> dict:
    return {"category": row.category, "secondary": list(row.secondary or []), "urgent": row.urgent,
            "urgent_reason": row.urgent_reason}


def correct(session: Session, complaint_id: int, *, by: str, category: str | None = None,
            secondary: list[str] | None = None, urgent: bool | None = None, urgent_reason: str | None = None,
            note: str | None = None) -> ComplaintCorrection:
    """Store an officer's decision (old and new labels) and mark the complaint reviewed. Commits.

    A correction with no change still records that a person confirmed the labels."""
    row = get_complaint(session, complaint_id)
    if category is not None and category not in CATEGORIES:
        raise InputError(f"unknown category {category!r}", detail={"categories": list(CATEGORIES)})
    for value in secondary or []:
        if value not in CATEGORIES:
            raise InputError(f"unknown secondary category {value!r}", detail={"categories": list(CATEGORIES)})
    if urgent_reason is not None and urgent_reason not in URGENT_REASONS:
        raise InputError(f"unknown urgent reason {urgent_reason!r}", detail={"reasons": list(URGENT_REASONS)})
    old = _labels(row)
    if category is not None:
        row.category = category
    if secondary is not None:
        row.secondary = [s for s in secondary if s != row.category]
    if urgent is not None:
        row.urgent = urgent
        if not urgent:
            row.urgent_reason = None
    if urgent_reason is not None:
        row.urgent_reason = urgent_reason
        row.urgent = True
    row.reviewed_at, row.reviewed_by = utcnow(), by
    correction = ComplaintCorrection(complaint=row, by=by, old=old, new=_labels(row), note=note,
                                     model_version=row.model_version)
    session.add(correction)
    session.commit()
    return correction


def feedback_records(session: Session) -> list[dict]:
    """One training example per corrected complaint (its latest labels), text masked: names and numbers
    carry no category signal, and the export leaves the store."""
    corrected = select(ComplaintCorrection.complaint_id).distinct()
    rows = session.scalars(select(Complaint).where(Complaint.id.in_(corrected)).order_by(Complaint.id))
    return [{"id": f"complaint-{row.id}", "text": row.masked_text, **_labels(row)} for row in rows]


def monthly_counts(session: Session, *, since: dt.date | None = None) -> dict:
    """Counts per month x category and per month x district (the ombudsman's monthly picture)."""
    month = func.strftime("%Y-%m", Complaint.received_on) if session.bind.dialect.name == "sqlite" \
        else func.to_char(Complaint.received_on, "YYYY-MM")
    base = select(month.label("month"))
    if since is not None:
        base = base.where(Complaint.received_on >= since)
    by_category = session.execute(base.add_columns(Complaint.category, func.count()).group_by("month", Complaint.category)
                                  .order_by("month"))
    by_district: dict[tuple[str, str | None, str], int] = {}
    for m, district_id, district, n in session.execute(
            base.add_columns(Complaint.district_id, Complaint.district, func.count())
            .group_by("month", Complaint.district_id, Complaint.district)):
        # Complaints with a gazetteer key count under its name, whatever spelling the sender used.
        known = district_by_id(district_id) if district_id else None
        key = (m, district_id, known.ru if known else (district or "unknown"))
        by_district[key] = by_district.get(key, 0) + n
    by_urgent = session.execute(base.add_columns(func.count()).where(Complaint.urgent).group_by("month")
                                .order_by("month"))
    return {
        "by_category": [{"month": m, "category": c, "count": n} for m, c, n in by_category],
        "by_district": [{"month": m, "district_id": i, "district": d, "count": n}
                        for (m, i, d), n in sorted(by_district.items(), key=lambda item: (item[0][0], item[0][2]))],
        "urgent": [{"month": m, "count": n} for m, n in by_urgent],
    }
