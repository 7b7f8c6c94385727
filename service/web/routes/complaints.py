"""Pages: paste or upload complaints, the review queue (urgent first) with a correction form, and the
monthly picture per category and district."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from pipelines.complaints.records import read_complaint_records
from pipelines.complaints.types import CATEGORIES, URGENT_REASONS
from pipelines.errors import InputError
from service.api.deps import SessionDep
from service.api.routes.complaints import export_complaints
from service.complaints import (
    IncomingComplaint,
    classify_and_store,
    correct,
    get_classifier,
    list_complaints,
    monthly_counts,
    parse_date,
    review_queue,
)
from service.security import Principal
from service.web.deps import render, require_web_role
from service.web.nav import NavItem, add_nav_item

router = APIRouter()
ComplaintsPage = Annotated[Principal, Depends(require_web_role("ombudsman"))]

add_nav_item(NavItem(label="Complaints", path="/complaints", roles=("ombudsman",)))


@router.get("/complaints", response_class=HTMLResponse)
def complaints_page(request: Request, session: SessionDep, user: ComplaintsPage, message: str | None = None) -> Response:
    stats = monthly_counts(session)
    months = sorted({row["month"] for row in stats["by_category"]})
    by_category = {(r["month"], r["category"]): r["count"] for r in stats["by_category"]}
    by_district = {(r["month"], r["district"]): r["count"] for r in stats["by_district"]}
    districts = sorted({r["district"] for r in stats["by_district"]})
    return render(request, "complaints/list.html", user=user, queue=review_queue(session, limit=200),
                  recent=list_complaints(session, limit=50), categories=CATEGORIES, reasons=URGENT_REASONS,
                  months=months, by_category=by_category, by_district=by_district, districts=districts,
                  message=message)


@router.get("/complaints/export.{format}")
def complaints_export(session: SessionDep, user: ComplaintsPage, format: Literal["csv", "xlsx"],
                      category: str | None = None, district: str | None = None, since: str | None = None,
                      until: str | None = None) -> Response:
    return export_complaints(session, user, format=format, category=category or None, district=district or None,
                             since=parse_date(since), until=parse_date(until))


@router.post("/complaints")
def submit_complaints(request: Request, session: SessionDep, user: ComplaintsPage,
                      text: Annotated[str, Form()] = "", district: Annotated[str, Form()] = "",
                      date: Annotated[str, Form()] = "", file: UploadFile | None = None) -> Response:
    items: list[IncomingComplaint] = []
    received_on = parse_date(date) if date else None
    if text.strip():
        items.append(IncomingComplaint(text=text, district=district or None, received_on=received_on))
    if file is not None and file.filename:
        for record in read_complaint_records(file.file.read(), file.filename):
            if record.error is None:
                items.append(IncomingComplaint(
                    text=record.text, external_id=record.id, district=record.extra.get("district") or district or None,
                    received_on=parse_date(record.extra.get("date")) or received_on))
    if not items:
        raise InputError("Paste a complaint or choose a file")
    rows = classify_and_store(session, get_classifier(request.app.state), items, created_by=user.name)
    urgent = sum(row.urgent for row in rows)
    return RedirectResponse(f"/complaints?message=classified+{len(rows)},+urgent+{urgent}", status_code=303)


@router.post("/complaints/{complaint_id}/correct")
def correct_complaint(complaint_id: int, session: SessionDep, user: ComplaintsPage,
                      category: Annotated[str, Form()], urgent: Annotated[str, Form()] = "",
                      urgent_reason: Annotated[str, Form()] = "", note: Annotated[str, Form()] = "") -> Response:
    is_urgent = urgent == "on"
    correct(session, complaint_id, by=user.name, category=category, urgent=is_urgent,
            urgent_reason=urgent_reason if is_urgent and urgent_reason else None, note=note or None)
    return RedirectResponse("/complaints?message=saved", status_code=303)
