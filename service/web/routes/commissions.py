"""Pages: the commissions of the region with their alerts, and one commission's monthly monitoring.

Exports are served here too (cookie auth) so that the department can download the report it files
from the page; the API has the same exports under ``/api/commissions/.../export`` (token auth).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from service.api.deps import SessionDep
from service.api.routes.commissions import _district, _export, region_report
from service.security import Principal
from service.web.deps import render, require_web_role
from service.web.nav import NavItem, add_nav_item

router = APIRouter()
MonitoringPage = Annotated[Principal, Depends(require_web_role("department", "analyst"))]

add_nav_item(NavItem(label="Monitoring", path="/commissions", roles=("department", "analyst")))

MONTHS_RU = ["янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"]


def _year(year: int | None) -> int:
    return year or dt.date.today().year


@router.get("/commissions", response_class=HTMLResponse)
def commissions_page(request: Request, session: SessionDep, user: MonitoringPage, year: int | None = None) -> Response:
    year = _year(year)
    report = region_report(session, year=year)
    return render(request, "commissions/list.html", user=user, year=year, report=report, months=MONTHS_RU)


@router.get("/commissions/export.{format}")
def commissions_export(session: SessionDep, user: MonitoringPage, format: Literal["csv", "xlsx", "json"],
                       year: int | None = None, mask_officials: bool = False) -> Response:
    year = _year(year)
    return _export(region_report(session, year=year), format=format, mask_officials=mask_officials,
                   stem=f"monitoring_{year}")


@router.get("/commissions/{commission_id}", response_class=HTMLResponse)
def commission_page(request: Request, commission_id: str, session: SessionDep, user: MonitoringPage,
                    year: int | None = None) -> Response:
    district = _district(commission_id)
    year = _year(year)
    report = region_report(session, year=year, commission_id=commission_id).commissions[0]
    return render(request, "commissions/detail.html", user=user, year=year, district=district, report=report,
                  months=MONTHS_RU)
