"""Typed dependencies for routes: ``SessionDep``, ``SettingsDep``, ``StoreDep``, ``CurrentUser``.

Role checks: ``user: Annotated[Principal, Depends(require_role("department", "analyst"))]`` or
the ready aliases below. Authenticating also writes one audit-log row ("who read/changed what")
per API call: method, path and query.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from service.security import Principal, authenticate, record_audit
from service.settings import Settings
from service.storage import OriginalStore

_bearer = HTTPBearer(auto_error=False, description="An API token: the admin token or one made by POST /api/tokens")

_ACTION_BY_METHOD = {"GET": "read", "HEAD": "read", "POST": "create", "PUT": "update", "PATCH": "update",
                     "DELETE": "delete"}


def get_settings_dep(request: Request) -> Settings:
    return request.app.state.settings


def get_session(request: Request) -> Iterator[Session]:
    with request.app.state.session_factory() as session:
        yield session


def get_store(request: Request) -> OriginalStore:
    return request.app.state.store


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
SessionDep = Annotated[Session, Depends(get_session)]
StoreDep = Annotated[OriginalStore, Depends(get_store)]


def audit_target(request: Request) -> str:
    """What the audit log records as the target of a request: method, path and query."""
    return f"{request.method} {request.url.path}" + (f"?{request.url.query}" if request.url.query else "")


def get_current_user(request: Request, session: SessionDep, settings: SettingsDep,
                     credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> Principal:
    principal = authenticate(session, settings, credentials.credentials if credentials else None)
    record_audit(session, principal=principal, action=_ACTION_BY_METHOD.get(request.method, "other"),
                 target=audit_target(request))
    session.commit()
    return principal


CurrentUser = Annotated[Principal, Depends(get_current_user)]


def require_role(*roles: str) -> Callable[..., Any]:
    """A dependency that lets through an admin or any of ``roles``."""

    def dependency(user: CurrentUser) -> Principal:
        user.require(*roles)
        return user

    return dependency


AdminUser = Annotated[Principal, Depends(require_role("admin"))]
DepartmentUser = Annotated[Principal, Depends(require_role("department"))]
DocumentReader = Annotated[Principal, Depends(require_role("department", "analyst"))]
OmbudsmanUser = Annotated[Principal, Depends(require_role("ombudsman"))]
AnalystUser = Annotated[Principal, Depends(require_role("analyst"))]
