"""Web-page dependencies: the user comes from the ``qorgau_token`` cookie set by the login form.

``WebUser`` raises ``AuthError`` when there is no valid cookie; the error handler turns that into a
redirect to ``/login`` for pages. ``require_web_role(...)`` mirrors the API's role check.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from pydantic import BeforeValidator

from service.api.deps import SessionDep, SettingsDep, audit_target
from service.security import Principal, authenticate, record_audit
from service.web.nav import nav_for
from service.web.templating import templates

TOKEN_COOKIE = "qorgau_token"

# An HTML form submits the filters a user left empty as "year=&min_share="; those mean "no filter".
BlankAsNone = BeforeValidator(lambda value: None if value == "" else value)


def get_web_user(request: Request, session: SessionDep, settings: SettingsDep) -> Principal:
    principal = authenticate(session, settings, request.cookies.get(TOKEN_COOKIE))
    # The auto-refresh of an open page re-reads what its first load already put in the audit log.
    if request.headers.get("x-qorgau-refresh") != "1":
        action = "read" if request.method == "GET" else "create"
        record_audit(session, principal=principal, action=action, target=audit_target(request))
        session.commit()
    return principal


WebUser = Annotated[Principal, Depends(get_web_user)]


def require_web_role(*roles: str) -> Callable[..., Any]:
    def dependency(user: WebUser) -> Principal:
        user.require(*roles)
        return user

    return dependency


def render(request: Request, template: str, *, user: Principal | None, status_code: int = 200,
           **context: Any) -> HTMLResponse:
    """Render a page with the base context (user, nav) every template expects."""
    return templates.TemplateResponse(request, template, {"user": user, "nav": nav_for(user.role) if user else [],
                                                          **context}, status_code=status_code)
