"""The HTTP edge of the error tree: one handler for ``QorgauError`` (looked up by MRO, so every
subclass is covered) producing RFC 9457 ``application/problem+json``, plus request-validation and
routing errors in the same shape. Web pages get a redirect to the login form instead of a 401.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from pipelines import errors as domain

log = logging.getLogger(__name__)

PROBLEM_MEDIA_TYPE = "application/problem+json"

# Most specific class first; the first isinstance match wins.
STATUS_BY_ERROR: tuple[tuple[type[domain.QorgauError], int], ...] = (
    (domain.UnsupportedFormatError, 415),
    (domain.InputTooLargeError, 413),
    (domain.UnsafeArchiveError, 422),
    (domain.UnreadableDocumentError, 422),
    (domain.InputError, 400),
    (domain.NotFoundError, 404),
    (domain.PermissionDeniedError, 403),
    (domain.AuthError, 401),
    (domain.ModelError, 503),
    (domain.QorgauError, 500),
)


def status_for(error: domain.QorgauError) -> int:
    for error_class, status in STATUS_BY_ERROR:
        if isinstance(error, error_class):
            return status
    return 500


def problem(*, status: int, title: str, detail: str, instance: str, code: str | None = None,
            extra: dict[str, Any] | None = None, headers: dict[str, str] | None = None) -> JSONResponse:
    body: dict[str, Any] = {
        "type": f"urn:qorgau:problem:{code}" if code else "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": instance,
    }
    if code:
        body["code"] = code
    body.update(extra or {})
    return JSONResponse(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def _is_web_page(request: Request) -> bool:
    path = request.url.path
    return not (path.startswith("/api") or path in ("/healthz", "/openapi.json", "/docs"))


async def handle_qorgau_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, domain.QorgauError)
    status = status_for(exc)
    if status == 401 and _is_web_page(request):
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
    if _is_web_page(request):
        from service.web.templating import templates

        return templates.TemplateResponse(request, "error.html", {"user": None, "nav": [], "title": exc.title,
                                                                  "detail": exc.message}, status_code=status)
    if status >= 500:
        log.error("%s on %s: %s", type(exc).__name__, request.url.path, exc)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return problem(status=status, title=exc.title, detail=exc.message, instance=request.url.path,
                   code=exc.code, extra=exc.detail or None, headers=headers)


async def handle_validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = [{"loc": list(error.get("loc", ())), "msg": error.get("msg", ""), "type": error.get("type", "")}
              for error in exc.errors()]
    return problem(status=422, title="Invalid request", code="E110", instance=request.url.path,
                   detail="; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in errors),
                   extra={"errors": errors})


async def handle_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    title = HTTPStatus(exc.status_code).phrase if exc.status_code in HTTPStatus._value2member_map_ else "Error"
    return problem(status=exc.status_code, title=title, detail=str(exc.detail), instance=request.url.path,
                   headers=getattr(exc, "headers", None))


async def handle_unexpected_error(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s", request.url.path)
    return problem(status=500, title="Internal error", code="E000", instance=request.url.path,
                   detail="An unexpected error occurred; it has been logged.")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(domain.QorgauError, handle_qorgau_error)
    app.add_exception_handler(RequestValidationError, handle_validation_error)
    app.add_exception_handler(StarletteHTTPException, handle_http_error)
    app.add_exception_handler(Exception, handle_unexpected_error)
