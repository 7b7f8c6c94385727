"""Admin pages: role tokens (create, shown once; revoke) and the audit log."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from pipelines.errors import InputError, NotFoundError
from service.api.deps import SessionDep
from service.db.base import utcnow
from service.db.models import ROLES, ApiToken, AuditEntry
from service.security import Principal, create_token, record_audit
from service.web.deps import render, require_web_role
from service.web.nav import NavItem

router = APIRouter(prefix="/admin")
NAV_ITEM = NavItem(label="Admin", path="/admin/tokens", roles=("admin",))

AdminPage = Annotated[Principal, Depends(require_web_role("admin"))]


def _tokens_page(request: Request, session: SessionDep, user: Principal, *, created: tuple[ApiToken, str] | None = None,
                 error: str | None = None, status_code: int = 200) -> Response:
    tokens = list(session.scalars(select(ApiToken).order_by(ApiToken.id)))
    return render(request, "admin/tokens.html", user=user, tokens=tokens, roles=ROLES, created=created,
                  error=error, status_code=status_code)


@router.get("/tokens", response_class=HTMLResponse)
def tokens_page(request: Request, session: SessionDep, user: AdminPage) -> Response:
    return _tokens_page(request, session, user)


@router.post("/tokens", response_class=HTMLResponse)
def tokens_create(request: Request, session: SessionDep, user: AdminPage, name: Annotated[str, Form()],
                  role: Annotated[str, Form()]) -> Response:
    try:
        if not name.strip():
            raise InputError("A token needs a name (who will use it)")
        row, secret = create_token(session, name=name.strip(), role=role, created_by=user)
    except InputError as exc:
        session.rollback()
        return _tokens_page(request, session, user, error=exc.message, status_code=400)
    record_audit(session, principal=user, action="create", target=f"token {row.id}", detail=f"role={row.role}")
    session.commit()
    return _tokens_page(request, session, user, created=(row, secret), status_code=201)


@router.post("/tokens/{token_id}/revoke")
def tokens_revoke(token_id: int, session: SessionDep, user: AdminPage) -> Response:
    row = session.get(ApiToken, token_id)
    if row is None:
        raise NotFoundError(f"Token {token_id} does not exist")
    row.revoked_at = row.revoked_at or utcnow()
    record_audit(session, principal=user, action="delete", target=f"token {row.id}")
    session.commit()
    return RedirectResponse("/admin/tokens", status_code=303)


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, session: SessionDep, user: AdminPage, actor: str | None = None) -> Response:
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(300)
    if actor:
        query = query.where(AuditEntry.actor == actor)
    return render(request, "admin/audit.html", user=user, entries=list(session.scalars(query)), actor=actor or "")
