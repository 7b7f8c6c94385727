"""API tokens, roles and the audit log.

Tokens are random secrets shown once at creation; only their sha256 is stored. The admin token
comes from settings (``QORGAU_ADMIN_TOKEN``) and is compared in constant time. Roles:

- ``admin``: everything, including creating tokens and reading the audit log;
- ``department``: uploads and reads protocols/plans (batches, documents, scores, monitoring);
- ``ombudsman``: complaints;
- ``analyst``: reads documents and plan similarity.

An admin passes every role check.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipelines.errors import AuthError, InputError, PermissionDeniedError
from service.db.models import ROLES, ApiToken, AuditEntry
from service.settings import Settings


@dataclass(frozen=True)
class Principal:
    """Who is calling: the token's name and role."""

    name: str
    role: str
    token_id: int | None = None  # None for the settings admin token

    def require(self, *roles: str) -> None:
        if self.role == "admin" or self.role in roles:
            return
        raise PermissionDeniedError(f"The role '{self.role}' may not do this (needs one of: {', '.join(roles)})",
                                    detail={"role": self.role, "allowed_roles": list(roles)})


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def authenticate(session: Session, settings: Settings, token: str | None) -> Principal:
    if not token:
        raise AuthError("An API token is required: send 'Authorization: Bearer <token>'")
    if hmac.compare_digest(hash_token(token), hash_token(settings.admin_token)):
        return Principal(name="admin", role="admin")
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(token)))
    if row is None or row.revoked_at is not None:
        raise AuthError("The API token is not valid")
    return Principal(name=row.name, role=row.role, token_id=row.id)


def create_token(session: Session, *, name: str, role: str, created_by: Principal) -> tuple[ApiToken, str]:
    """Create a role token; returns the row and the secret (shown once, never stored)."""
    if role not in ROLES:
        raise InputError(f"Unknown role '{role}'; roles are: {', '.join(ROLES)}")
    secret = "qg_" + secrets.token_urlsafe(32)
    row = ApiToken(name=name[:200], role=role, token_hash=hash_token(secret), created_by=created_by.name)
    session.add(row)
    session.flush()
    return row, secret


def record_audit(session: Session, *, principal: Principal, action: str, target: str,
                 detail: str | None = None) -> None:
    session.add(AuditEntry(actor=principal.name, role=principal.role, action=action, target=target[:500],
                           detail=detail))
