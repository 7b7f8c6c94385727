"""Core tables: tokens, audit log, batches, documents, jobs, post-extraction step results.

Areas (complaints, plans, protocols) put their tables in their own modules deriving from
``service.db.base.Base`` and list the module in ``service.db.registry.AREA_MODEL_MODULES``.
Only portable types are used (no SQLite-only SQL) so that PostgreSQL works unchanged.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service.db.base import Base, utcnow

DOCUMENT_STATUSES = ("queued", "processing", "done", "failed")
JOB_STATUSES = ("pending", "running", "done", "failed")
ROLES = ("admin", "department", "ombudsman", "analyst")


class ApiToken(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 hex; the token itself is never stored
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(200))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(200))  # token name ("admin" for the settings token)
    role: Mapped[str] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(20))  # read / create / update / delete / login
    target: Mapped[str] = mapped_column(String(500))  # e.g. "GET /api/documents/7"
    detail: Mapped[str | None] = mapped_column(Text)


class Batch(Base):
    __tablename__ = "batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    created_by: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(20), default="api")  # api / web / cli / demo
    label: Mapped[str | None] = mapped_column(String(500))

    files: Mapped[list[BatchFile]] = relationship(back_populates="batch", order_by="BatchFile.id")


class Document(Base):
    """One stored original (unique by sha256) and what extraction made of it."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    filename: Mapped[str] = mapped_column(String(500))  # name it was first uploaded under
    size: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="queued", index=True)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Filled by extraction; the full ExtractedDocument is kept as JSON so nothing it found is lost.
    format: Mapped[str | None] = mapped_column(String(20))
    doc_type: Mapped[str | None] = mapped_column(String(20), index=True)
    language: Mapped[str | None] = mapped_column(String(10), index=True)
    district: Mapped[str | None] = mapped_column(String(200))
    district_id: Mapped[str | None] = mapped_column(String(100), index=True)
    doc_date: Mapped[dt.date | None] = mapped_column()
    number: Mapped[str | None] = mapped_column(String(100))
    year: Mapped[int | None] = mapped_column(Integer)
    page_count: Mapped[int | None] = mapped_column(Integer)
    extraction_status: Mapped[str | None] = mapped_column(String(20))
    extractor_version: Mapped[str | None] = mapped_column(String(50))
    extracted: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    steps: Mapped[list[DocumentStepResult]] = relationship(back_populates="document",
                                                           order_by="DocumentStepResult.id")


class BatchFile(Base):
    """One file as it arrived in one batch. Rejected files have no document, only an error."""

    __tablename__ = "batch_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id"), index=True)
    filename: Mapped[str] = mapped_column(String(1000))
    size: Mapped[int | None] = mapped_column(Integer)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), index=True)
    duplicate: Mapped[bool] = mapped_column(Boolean, default=False)  # the original was already stored
    rejected_error: Mapped[str | None] = mapped_column(Text)  # why it was refused before storage

    batch: Mapped[Batch] = relationship(back_populates="files")
    document: Mapped[Document | None] = relationship()

    @property
    def status(self) -> str:
        if self.document is None:
            return "failed"
        return self.document.status

    @property
    def error(self) -> str | None:
        if self.document is None:
            return self.rejected_error
        return self.document.error


class Job(Base):
    """A durable unit of work. The worker claims pending jobs; a restart re-queues running ones."""

    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_status_id", "status", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(50))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), index=True)
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    worker: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    started_at: Mapped[dt.datetime | None] = mapped_column()
    finished_at: Mapped[dt.datetime | None] = mapped_column()


class DocumentStepResult(Base):
    """Outcome of one post-extraction step (service.steps) on one document."""

    __tablename__ = "document_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    step: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20))  # done / failed
    error: Mapped[str | None] = mapped_column(Text)
    finished_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    document: Mapped[Document] = relationship(back_populates="steps")
