"""Core pages: login/logout, batches (upload, list, one batch live), documents (list, one)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from pipelines.errors import AuthError, NotFoundError
from service.api.deps import SessionDep, SettingsDep, StoreDep
from service.api.schemas import BatchPublic, BatchSummary, DocumentPublic
from service.batches import BatchIngestor
from service.queries import get_batch, get_document, list_batches, list_documents
from service.security import Principal, authenticate, record_audit
from service.web.deps import TOKEN_COOKIE, render, require_web_role
from service.web.nav import nav_for

router = APIRouter()

DepartmentPage = Annotated[Principal, Depends(require_web_role("department"))]
DocumentPage = Annotated[Principal, Depends(require_web_role("department", "analyst"))]


def _safe_next(next_path: str | None) -> str | None:
    # Only local paths: the login form must not become an open redirect.
    if next_path and next_path.startswith("/") and not next_path.startswith("//"):
        return next_path
    return None


def _login_response(session: SessionDep, settings: SettingsDep, token: str, next_path: str | None) -> Response:
    principal = authenticate(session, settings, token)
    record_audit(session, principal=principal, action="login", target="web")
    session.commit()
    items = nav_for(principal.role)
    target = _safe_next(next_path) or (items[0].path if items else "/")
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict", max_age=12 * 3600)
    return response


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, session: SessionDep, settings: SettingsDep, next: str | None = None,
               token: str | None = None) -> Response:
    if token:  # first login from the link the server prints: ?token=...
        try:
            return _login_response(session, settings, token, next)
        except AuthError as exc:
            return render(request, "login.html", user=None, error=exc.message, next=next, status_code=401)
    return render(request, "login.html", user=None, error=None, next=next)


@router.post("/login", response_class=HTMLResponse)
def login_submit(request: Request, session: SessionDep, settings: SettingsDep,
                 token: Annotated[str, Form()], next: Annotated[str | None, Form()] = None) -> Response:
    try:
        return _login_response(session, settings, token.strip(), next)
    except AuthError as exc:
        return render(request, "login.html", user=None, error=exc.message, next=next, status_code=401)


@router.post("/logout")
def logout() -> Response:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(TOKEN_COOKIE)
    return response


@router.get("/")
def home(request: Request) -> Response:
    return RedirectResponse("/batches" if request.cookies.get(TOKEN_COOKIE) else "/login", status_code=303)


@router.get("/batches", response_class=HTMLResponse)
def batches_page(request: Request, session: SessionDep, user: DepartmentPage) -> Response:
    batches = [BatchSummary.of(batch) for batch in list_batches(session, limit=100)]
    return render(request, "batches.html", user=user, batches=batches,
                  all_finished=all(batch.finished for batch in batches))


@router.post("/batches")
def batches_upload(request: Request, session: SessionDep, settings: SettingsDep, store: StoreDep,
                   user: DepartmentPage, files: Annotated[list[UploadFile], File()],
                   label: Annotated[str | None, Form()] = None) -> Response:
    uploads = [upload for upload in files if upload.filename]
    if not uploads:
        return RedirectResponse("/batches?error=no-files", status_code=303)
    ingestor = BatchIngestor(session=session, settings=settings, store=store)
    batch = ingestor.create_batch(created_by=user.name, source="web", label=label or None)
    for upload in uploads:
        ingestor.add_upload(batch, filename=upload.filename or "unnamed", stream=upload.file)
    record_audit(session, principal=user, action="create", target=f"batch {batch.id}",
                 detail=f"{len(uploads)} upload(s)")
    session.commit()
    return RedirectResponse(f"/batches/{batch.id}", status_code=303)


@router.get("/batches/{batch_id}", response_class=HTMLResponse)
def batch_page(request: Request, batch_id: int, session: SessionDep, user: DepartmentPage) -> Response:
    batch = BatchPublic.of(get_batch(session, batch_id=batch_id))
    return render(request, "batch.html", user=user, batch=batch)


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, session: SessionDep, user: DocumentPage, doc_type: str | None = None,
                   district: str | None = None, language: str | None = None, offset: int = 0) -> Response:
    total, rows = list_documents(session, doc_type=doc_type or None, district=district or None,
                                 language=language or None, limit=100, offset=max(offset, 0))
    return render(request, "documents.html", user=user, documents=rows, total=total, offset=offset,
                  filters={"doc_type": doc_type or "", "district": district or "", "language": language or ""})


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, document_id: int, session: SessionDep, user: DocumentPage) -> Response:
    document = DocumentPublic.of(get_document(session, document_id=document_id))
    return render(request, "document.html", user=user, document=document)


@router.get("/documents/{document_id}/original")
def document_original(document_id: int, session: SessionDep, store: StoreDep, user: DocumentPage) -> Response:
    document = get_document(session, document_id=document_id)
    path = store.path_for(document.sha256)
    if not path.exists():
        raise NotFoundError(f"The original of document {document_id} is missing from the store")
    return FileResponse(path, filename=document.filename)
