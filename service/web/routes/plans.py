"""Pages: suspected plan copies (filters, exports) and one pair of plans side by side."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from service.api.deps import SessionDep
from service.api.routes.plans import Relation, export_suspected_copies, read_pair, read_suspected_copies
from service.security import Principal
from service.web.deps import BlankAsNone, render, require_web_role
from service.web.nav import NavItem, add_nav_item

router = APIRouter()
PlansPage = Annotated[Principal, Depends(require_web_role("department", "analyst"))]

add_nav_item(NavItem(label="Plans", path="/plans", roles=("department", "analyst")))


@router.get("/plans", response_class=HTMLResponse)
def plans_page(request: Request, session: SessionDep, user: PlansPage,
               year: Annotated[int | None, BlankAsNone] = None, district: str | None = None,
               language: Annotated[Literal["kk", "ru", "mixed"] | None, BlankAsNone] = None,
               relation: Annotated[Relation | None, BlankAsNone] = None,
               min_share: Annotated[float | None, BlankAsNone] = None) -> Response:
    copies = read_suspected_copies(session, user, year=year, district=district or None, language=language,
                                   relation=relation, min_share=min_share, limit=500)
    query = "&".join(f"{k}={v}" for k, v in dict(year=year, district=district, language=language, relation=relation,
                                                   min_share=min_share).items() if v not in (None, ""))
    return render(request, "plans/list.html", user=user, copies=copies, query=query,
                  filters=dict(year=year, district=district, language=language, relation=relation, min_share=min_share))


@router.get("/plans/export.{format}")
def plans_export(session: SessionDep, user: PlansPage, format: Literal["csv", "xlsx", "json"],
                 part: Literal["documents", "rows"] = "documents", year: int | None = None, district: str | None = None,
                 language: Literal["kk", "ru", "mixed"] | None = None, relation: Relation | None = None,
                 min_share: float | None = None) -> Response:
    return export_suspected_copies(session, user, format=format, part=part, year=year, district=district or None,
                                   language=language, relation=relation, min_share=min_share)


@router.get("/plans/pairs/{a_id}/{b_id}", response_class=HTMLResponse)
def pair_page(request: Request, a_id: int, b_id: int, session: SessionDep, user: PlansPage) -> Response:
    pair = read_pair(a_id, b_id, session, user)
    return render(request, "plans/pair.html", user=user, pair=pair)
