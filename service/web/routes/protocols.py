"""Pages: scored protocols (filters) and one protocol's checklist with the quoted evidence and its decisions."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from pipelines.errors import InputError
from service.api.deps import SessionDep
from service.api.routes.protocols import list_protocol_scores, read_protocol_score
from service.security import Principal
from service.web.deps import render, require_web_role
from service.web.nav import NavItem, add_nav_item

router = APIRouter()
ProtocolsPage = Annotated[Principal, Depends(require_web_role("department", "analyst"))]

add_nav_item(NavItem(label="Protocols", path="/protocols", roles=("department", "analyst")))


def _int_or_none(value: str | None) -> int | None:
    # Empty form fields arrive as "" (the filter form submits every field).
    value = (value or "").strip()
    return int(value) if value.lstrip("-").isdigit() else None


@router.get("/protocols", response_class=HTMLResponse)
def protocols_page(request: Request, session: SessionDep, user: ProtocolsPage, district: str | None = None,
                   year: str | None = None, min_score: str | None = None, max_score: str | None = None) -> Response:
    filters = dict(district=(district or "").strip() or None, year=_int_or_none(year),
                   min_score=_int_or_none(min_score), max_score=_int_or_none(max_score))
    # The year field of the form has no bounds; a year no date can have is the user's typo, not a server error.
    if filters["year"] is not None and not dt.MINYEAR <= filters["year"] <= dt.MAXYEAR:
        raise InputError(f"year {filters['year']} is out of range", detail={"year": filters["year"]})
    protocols = list_protocol_scores(session, limit=500, **filters)
    return render(request, "protocols/list.html", user=user, protocols=protocols, filters=filters)


@router.get("/protocols/{document_id}", response_class=HTMLResponse)
def protocol_page(request: Request, document_id: int, session: SessionDep, user: ProtocolsPage) -> Response:
    protocol = read_protocol_score(session, document_id=document_id)
    return render(request, "protocols/detail.html", user=user, protocol=protocol)
