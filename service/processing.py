"""The extraction job: stored original -> ``ExtractedDocument`` -> document row -> steps."""

from __future__ import annotations

import logging

from sqlalchemy.orm import Session

from pipelines.extract.document import ExtractedDocument, ExtractionStatus
from service.batches import EXTRACT_JOB
from service.db.models import Document, Job
from service.extraction import extract, extract_options, extractor_version
from service.jobs import WorkerContext, register_job_handler
from service.steps import register_default_steps, run_document_steps

log = logging.getLogger(__name__)


def run_extraction_job(context: WorkerContext, job: Job) -> None:
    with context.session_factory() as session:
        document = _document(session, job)
        document.status, document.error = "processing", None
        session.commit()
        sha256, filename = document.sha256, document.filename
    if context.extract_options is None:
        context.extract_options = extract_options(context.settings)
    data = context.store.read(sha256)
    extracted = extract(data, filename=filename, options=context.extract_options)
    failed = extracted.status == ExtractionStatus.FAILURE
    with context.session_factory() as session:
        document = _document(session, job)
        apply_extraction(document, extracted)
        session.commit()
    failed_steps: list[str] = []
    if not failed:
        failed_steps = run_document_steps(context.session_factory, document_id=document.id, extracted=extracted)
    with context.session_factory() as session:
        document = _document(session, job)
        if failed:
            document.status, document.error = "failed", extracted.error or "Extraction failed"
        else:
            document.status = "done"
            if failed_steps:
                document.error = f"Some analysis steps failed: {', '.join(failed_steps)}"
        session.commit()
    log.info("document %s (%s): %s", document.id, document.doc_type, document.status)


def _document(session: Session, job: Job) -> Document:
    document = session.get(Document, job.document_id)
    if document is None:
        raise LookupError(f"document {job.document_id} of job {job.id} does not exist")
    return document


def apply_extraction(document: Document, extracted: ExtractedDocument) -> None:
    metadata = extracted.metadata
    document.format = extracted.format or None
    document.doc_type = extracted.doc_type
    document.language = extracted.language
    document.district = metadata.district
    document.district_id = metadata.district_id
    document.doc_date = metadata.date
    document.number = metadata.number
    document.year = metadata.year
    document.page_count = len(extracted.pages)
    document.extraction_status = extracted.status.value
    document.extractor_version = extractor_version()
    document.extracted = extracted.model_dump(mode="json")


def register_core_handlers() -> None:
    register_job_handler(EXTRACT_JOB, run_extraction_job)
    register_default_steps()
