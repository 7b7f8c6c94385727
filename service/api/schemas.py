"""Response and request bodies of the core API (``XCreate`` in, ``XPublic`` out)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field

from service.batches import batch_finished, batch_progress
from service.db.models import Batch, BatchFile, Document


class TokenCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    role: str = Field(description="admin, department, ombudsman or analyst")


class TokenPublic(BaseModel):
    id: int
    name: str
    role: str
    created_at: dt.datetime
    created_by: str | None
    revoked: bool


class TokenCreated(TokenPublic):
    token: str = Field(description="The secret; shown only in this response")


class Me(BaseModel):
    name: str
    role: str


class BatchFilePublic(BaseModel):
    id: int
    filename: str
    size: int | None
    status: str  # queued / processing / done / failed
    error: str | None
    duplicate: bool
    document_id: int | None
    doc_type: str | None = None

    @classmethod
    def of(cls, row: BatchFile) -> BatchFilePublic:
        return cls(id=row.id, filename=row.filename, size=row.size, status=row.status, error=row.error,
                   duplicate=row.duplicate, document_id=row.document_id,
                   doc_type=row.document.doc_type if row.document else None)


class BatchProgress(BaseModel):
    total: int
    queued: int
    processing: int
    done: int
    failed: int


class BatchSummary(BaseModel):
    id: int
    created_at: dt.datetime
    created_by: str
    source: str
    label: str | None
    finished: bool
    progress: BatchProgress

    @classmethod
    def of(cls, batch: Batch) -> BatchSummary:
        return cls(id=batch.id, created_at=batch.created_at, created_by=batch.created_by, source=batch.source,
                   label=batch.label, finished=batch_finished(batch),
                   progress=BatchProgress(**batch_progress(batch)))


class BatchPublic(BatchSummary):
    files: list[BatchFilePublic]

    @classmethod
    def of(cls, batch: Batch) -> BatchPublic:
        summary = BatchSummary.of(batch)
        return cls(**summary.model_dump(), files=[BatchFilePublic.of(row) for row in batch.files])


class DocumentMetadataPublic(BaseModel):
    district: str | None
    district_id: str | None
    date: dt.date | None
    number: str | None
    year: int | None


class DocumentSummary(BaseModel):
    id: int
    filename: str
    sha256: str
    size: int
    status: str
    error: str | None
    doc_type: str | None
    language: str | None
    format: str | None
    pages: int | None
    metadata: DocumentMetadataPublic
    created_at: dt.datetime

    @classmethod
    def of(cls, row: Document) -> DocumentSummary:
        return cls(**_summary_fields(row))


class StepResultPublic(BaseModel):
    step: str
    status: str
    error: str | None
    finished_at: dt.datetime


class DocumentPublic(DocumentSummary):
    text: str
    tables: list[list[list[str]]]
    page_methods: list[str]
    warnings: list[str]
    extraction_status: str | None
    extractor_version: str | None
    paragraphs: list[dict[str, Any]]
    steps: list[StepResultPublic]

    @classmethod
    def of(cls, row: Document) -> DocumentPublic:
        extracted = row.extracted or {}
        pages = extracted.get("pages", [])
        return cls(**_summary_fields(row),
                   text="\n\n".join(page["text"] for page in pages if page.get("text")),
                   tables=[table["rows"] for table in extracted.get("tables", [])],
                   page_methods=[page.get("method", "text") for page in pages],
                   warnings=list(extracted.get("warnings", [])),
                   extraction_status=row.extraction_status, extractor_version=row.extractor_version,
                   paragraphs=list(extracted.get("paragraphs", [])),
                   steps=[StepResultPublic(step=s.step, status=s.status, error=s.error, finished_at=s.finished_at)
                          for s in row.steps])


class DocumentList(BaseModel):
    total: int
    items: list[DocumentSummary]


def _summary_fields(row: Document) -> dict[str, Any]:
    return dict(id=row.id, filename=row.filename, sha256=row.sha256, size=row.size, status=row.status,
                error=row.error, doc_type=row.doc_type, language=row.language, format=row.format,
                pages=row.page_count, created_at=row.created_at,
                metadata=DocumentMetadataPublic(district=row.district, district_id=row.district_id,
                                                date=row.doc_date, number=row.number, year=row.year))
