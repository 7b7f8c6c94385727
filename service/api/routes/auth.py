"""Tokens and the audit log (admin), and ``/api/me``."""

from __future__ import annotations

from fastapi import APIRouter, status
from pydantic import BaseModel
from sqlalchemy import select

from pipelines.errors import NotFoundError
from service.api.deps import AdminUser, CurrentUser, SessionDep
from service.api.schemas import Me, TokenCreate, TokenCreated, TokenPublic
from service.db.base import utcnow
from service.db.models import ApiToken, AuditEntry
from service.security import create_token, record_audit

router = APIRouter(tags=["auth"])


def _public(row: ApiToken) -> TokenPublic:
    return TokenPublic(id=row.id, name=row.name, role=row.role, created_at=row.created_at,
                       created_by=row.created_by, revoked=row.revoked_at is not None)


@router.get("/me", response_model=Me)
def read_me(user: CurrentUser) -> Me:
    return Me(name=user.name, role=user.role)


@router.post("/tokens", response_model=TokenCreated, status_code=status.HTTP_201_CREATED)
def create_api_token(body: TokenCreate, session: SessionDep, user: AdminUser) -> TokenCreated:
    row, secret = create_token(session, name=body.name, role=body.role, created_by=user)
    record_audit(session, principal=user, action="create", target=f"token {row.id}",
                 detail=f"role={row.role} name={row.name}")
    session.commit()
    return TokenCreated(**_public(row).model_dump(), token=secret)


@router.get("/tokens", response_model=list[TokenPublic])
def list_api_tokens(session: SessionDep, user: AdminUser) -> list[TokenPublic]:
    return [_public(row) for row in session.scalars(select(ApiToken).order_by(ApiToken.id))]


@router.delete("/tokens/{token_id}", response_model=TokenPublic)
def revoke_api_token(token_id: int, session: SessionDep, user: AdminUser) -> TokenPublic:
    row = session.get(ApiToken, token_id)
    if row is None:
        raise NotFoundError(f"Token {token_id} does not exist")
    row.revoked_at = row.revoked_at or utcnow()
    session.commit()
    return _public(row)


class AuditEntryPublic(BaseModel):
    id: int
    at: str
    actor: str
    role: str
    action: str
    target: str
    detail: str | None


@router.get("/audit", response_model=list[AuditEntryPublic])
def read_audit_log(session: SessionDep, user: AdminUser, limit: int = 200, actor: str | None = None
                   ) -> list[AuditEntryPublic]:
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(min(limit, 1000))
    if actor:
        query = query.where(AuditEntry.actor == actor)
    return [AuditEntryPublic(id=e.id, at=e.at.isoformat(), actor=e.actor, role=e.role, action=e.action,
                             target=e.target, detail=e.detail) for e in session.scalars(query)]
