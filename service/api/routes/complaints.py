"""Complaints API: classify and store (JSON or CSV/XLSX/JSONL upload), review queue, corrections,
feedback export for retraining, monthly counts. Texts leave the API masked."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from pipelines.complaints.export import to_csv, to_xlsx
from pipelines.complaints.records import read_complaint_records
from pipelines.complaints.types import Category, UrgentReason
from pipelines.errors import InputError, InputTooLargeError
from service.api.deps import OmbudsmanUser, SessionDep
from service.complaints import (
    IncomingComplaint,
    classify_and_store,
    complaints_for_export,
    correct,
    feedback_records,
    get_classifier,
    get_complaint,
    list_complaints,
    monthly_counts,
    parse_date,
    review_queue,
)
from service.db.complaints import Complaint

router = APIRouter(prefix="/complaints", tags=["complaints"])
MAX_COMPLAINTS_PER_REQUEST = 5000
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class ComplaintPublic(BaseModel):
    id: int
    external_id: str | None
    received_on: dt.date
    district: str | None
    district_id: str | None
    masked_text: str
    language: str
    category: str
    secondary: list[str]
    urgent: bool
    urgent_reason: str | None
    urgent_evidence: list[str]
    confidence: float
    needs_review: bool
    predicted_category: str
    model_version: str
    reviewed_at: dt.datetime | None
    reviewed_by: str | None

    @classmethod
    def of(cls, row: Complaint) -> ComplaintPublic:
        return cls.model_validate(row, from_attributes=True)


class ComplaintBatchResult(BaseModel):
    items: list[ComplaintPublic]
    errors: list[dict[str, str]] = Field(default_factory=list, description="rows that could not be read")


class CorrectionCreate(BaseModel):
    category: Category | None = None
    secondary: list[Category] | None = None
    urgent: bool | None = None
    urgent_reason: UrgentReason | None = None
    note: str | None = Field(default=None, max_length=2000)


class CorrectionPublic(BaseModel):
    id: int
    complaint_id: int
    at: dt.datetime
    by: str
    old: dict[str, Any]
    new: dict[str, Any]
    note: str | None


def _incoming(mapping: dict, fallback_id: str) -> IncomingComplaint:
    text = mapping.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"complaint {mapping.get('id', fallback_id)}: no text")
    return IncomingComplaint(text=text, external_id=str(mapping["id"]) if mapping.get("id") is not None else None,
                             district=mapping.get("district") or None,
                             received_on=parse_date(mapping.get("date") or mapping.get("received_on")))


@router.post("", response_model=ComplaintBatchResult, status_code=201)
async def create_complaints(request: Request, session: SessionDep, user: OmbudsmanUser) -> ComplaintBatchResult:
    """One complaint (``{"text", "id"?, "district"?, "date"?}``), a list of them, ``{"complaints": [...]}``,
    or a multipart upload ``file`` (.csv, .xlsx, .jsonl, .json with the same columns)."""
    items: list[IncomingComplaint] = []
    errors: list[dict[str, str]] = []
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        form = await request.form()
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise InputError("multipart upload needs a 'file' field")
        data = await upload.read()
        if len(data) > MAX_UPLOAD_BYTES:
            raise InputTooLargeError(f"upload over {MAX_UPLOAD_BYTES // 1024 // 1024} MB")
        for record in read_complaint_records(data, upload.filename or "upload.csv"):
            if record.error is not None:
                errors.append({"id": record.id, "error": record.error})
                continue
            try:
                items.append(_incoming({"id": record.id, "text": record.text, **record.extra}, record.id))
            except InputError as error:
                errors.append({"id": record.id, "error": error.message})
    else:
        try:
            body = json.loads(await request.body() or b"null")
        except json.JSONDecodeError as error:
            raise InputError(f"invalid JSON: {error.msg}") from error
        if isinstance(body, dict) and isinstance(body.get("complaints"), list):
            body = body["complaints"]
        rows = body if isinstance(body, list) else [body]
        for index, row in enumerate(rows, start=1):
            if not isinstance(row, dict):
                raise InputError(f"complaint {index}: expected an object with 'text'")
            items.append(_incoming(row, str(index)))
    if not items and not errors:
        raise InputError("no complaints in the request")
    if len(items) > MAX_COMPLAINTS_PER_REQUEST:
        raise InputTooLargeError(f"at most {MAX_COMPLAINTS_PER_REQUEST} complaints per request")
    classifier = await run_in_threadpool(get_classifier, request.app.state)
    rows = await run_in_threadpool(classify_and_store, session, classifier, items, created_by=user.name)
    return ComplaintBatchResult(items=[ComplaintPublic.of(row) for row in rows], errors=errors)


@router.get("", response_model=list[ComplaintPublic])
def read_complaints(session: SessionDep, user: OmbudsmanUser, category: str | None = None, urgent: bool | None = None,
                    district: str | None = None, limit: int = 100, offset: int = 0) -> list[ComplaintPublic]:
    rows = list_complaints(session, category=category, urgent=urgent, district=district, limit=min(limit, 1000),
                           offset=offset)
    return [ComplaintPublic.of(row) for row in rows]


@router.get("/queue", response_model=list[ComplaintPublic])
def read_review_queue(session: SessionDep, user: OmbudsmanUser, limit: int = 100) -> list[ComplaintPublic]:
    """Unreviewed urgent complaints first, then the least confident ones that need review."""
    return [ComplaintPublic.of(row) for row in review_queue(session, limit=min(limit, 1000))]


@router.get("/stats")
def read_monthly_counts(session: SessionDep, user: OmbudsmanUser, since: dt.date | None = None) -> dict:
    """Per-month counts by category, by district, and of urgent complaints."""
    return monthly_counts(session, since=since)


@router.get("/feedback.jsonl")
def export_feedback(session: SessionDep, user: OmbudsmanUser) -> Response:
    """Corrected complaints as training examples (masked text) for ``qorgau train complaints --with-feedback``."""
    lines = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in feedback_records(session))
    return Response(lines, media_type="application/x-ndjson",
                    headers={"Content-Disposition": 'attachment; filename="complaints-feedback.jsonl"'})


@router.get("/export.{format}")
def export_complaints(session: SessionDep, user: OmbudsmanUser, format: Literal["csv", "xlsx"],
                      category: str | None = None, urgent: bool | None = None, district: str | None = None,
                      since: dt.date | None = None, until: dt.date | None = None) -> Response:
    """Complaints received in [since, until] with their current labels, texts masked: CSV (one row per
    complaint) or XLSX (that sheet plus monthly counts by category and by district)."""
    items = complaints_for_export(session, category=category or None, urgent=urgent, district=district or None,
                                  since=since, until=until)
    if format == "csv":
        return Response(to_csv(items), media_type="text/csv",
                        headers={"Content-Disposition": 'attachment; filename="complaints.csv"'})
    return Response(to_xlsx(items), media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": 'attachment; filename="complaints.xlsx"'})


@router.get("/{complaint_id}", response_model=ComplaintPublic)
def read_complaint(complaint_id: int, session: SessionDep, user: OmbudsmanUser) -> ComplaintPublic:
    return ComplaintPublic.of(get_complaint(session, complaint_id))


@router.post("/{complaint_id}/corrections", response_model=CorrectionPublic, status_code=201)
def create_correction(complaint_id: int, body: CorrectionCreate, session: SessionDep,
                      user: OmbudsmanUser) -> CorrectionPublic:
    """Record an officer's decision on a complaint (old and new labels, who, when)."""
    correction = correct(session, complaint_id, by=user.name, category=body.category, secondary=body.secondary,
                         urgent=body.urgent, urgent_reason=body.urgent_reason, note=body.note)
    return CorrectionPublic.model_validate(correction, from_attributes=True)


@router.get("/{complaint_id}/corrections", response_model=list[CorrectionPublic])
def read_corrections(complaint_id: int, session: SessionDep, user: OmbudsmanUser) -> list[CorrectionPublic]:
    return [CorrectionPublic.model_validate(c, from_attributes=True)
            for c in get_complaint(session, complaint_id).corrections]
