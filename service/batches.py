"""Batches: files in, originals stored once, one extraction job per new original.

Every file of a batch gets its own ``BatchFile`` row and is committed on its own, so a bad file
(too large, unsafe zip member, unreadable) is recorded with its reason and never costs another
file. The same bytes uploaded again link to the existing document (``duplicate=True``) instead
of being stored or extracted twice.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pipelines.errors import InputTooLargeError
from pipelines.extract import ExtractOptions, InputFile
from service.db.models import Batch, BatchFile, Document
from service.extraction import display_name, extract_options, input_files, zip_members
from service.jobs import enqueue, notify_workers
from service.settings import Settings
from service.storage import OriginalStore, StoredOriginal

log = logging.getLogger(__name__)

EXTRACT_JOB = "extract"


@dataclass
class BatchIngestor:
    session: Session
    settings: Settings
    store: OriginalStore
    extract_options: ExtractOptions | None = None  # built from settings on first use

    @property
    def options(self) -> ExtractOptions:
        if self.extract_options is None:
            self.extract_options = extract_options(self.settings)
        return self.extract_options

    @property
    def max_file_bytes(self) -> int:
        return self.settings.extraction.max_file_mb << 20

    def create_batch(self, *, created_by: str, source: str, label: str | None = None) -> Batch:
        batch = Batch(created_by=created_by, source=source, label=label[:500] if label else None)
        self.session.add(batch)
        self.session.commit()
        return batch

    def add_upload(self, batch: Batch, *, filename: str, stream: BinaryIO) -> list[BatchFile]:
        """One uploaded file: a plain file is stored as it streams in; a .zip is expanded safely."""
        name = PurePath(filename or "unnamed").name or "unnamed"
        if name.lower().endswith(".zip"):
            return self._add_zip_upload(batch, name=name, stream=stream)
        try:
            stored = self.store.put_stream(stream, max_bytes=self.max_file_bytes)
        except InputTooLargeError as exc:
            return [self.add_rejected(batch, filename=name, error=exc.message)]
        except OSError as exc:  # disk full, permissions: this file is refused, the batch goes on
            log.error("could not store %s: %s", name, exc)
            return [self.add_rejected(batch, filename=name, error=f"Could not store the file: {exc.strerror or exc}")]
        return [self.add_original(batch, filename=name, stored=stored)]

    def add_paths(self, batch: Batch, paths: Iterable[Path]) -> list[BatchFile]:
        """Files, folders and zips on disk (CLI ingest, demo)."""
        files: list[BatchFile] = []
        for item in input_files(paths, options=self.options):
            files.append(self._add_input_file(batch, item))
        notify_workers()
        return files

    def add_rejected(self, batch: Batch, *, filename: str, error: str, size: int | None = None) -> BatchFile:
        row = BatchFile(batch_id=batch.id, filename=filename[:1000], size=size, rejected_error=error)
        self.session.add(row)
        self.session.commit()
        return row

    def add_original(self, batch: Batch, *, filename: str, stored: StoredOriginal) -> BatchFile:
        document = self.session.scalar(select(Document).where(Document.sha256 == stored.sha256))
        duplicate = document is not None
        if document is None:
            # A zip member listed as "march.zip!2024/plan.pdf" is the document "plan.pdf".
            base_name = PurePath(filename.rpartition("!")[2]).name or filename
            document = Document(sha256=stored.sha256, filename=base_name[-500:], size=stored.size,
                                status="queued")
            self.session.add(document)
            try:
                self.session.flush()
            except IntegrityError:  # the same bytes were registered by a concurrent upload just now
                self.session.rollback()
                document = self.session.scalars(select(Document).where(Document.sha256 == stored.sha256)).one()
                duplicate = True
            else:
                enqueue(self.session, kind=EXTRACT_JOB, document_id=document.id)
        row = BatchFile(batch_id=batch.id, filename=filename[:1000], size=stored.size, document_id=document.id,
                        duplicate=duplicate)
        self.session.add(row)
        self.session.commit()
        if not duplicate:
            notify_workers()
        return row

    def _add_input_file(self, batch: Batch, item: InputFile) -> BatchFile:
        name = display_name(item)
        if item.error is not None or item.data is None:
            return self.add_rejected(batch, filename=name, error=item.error or "No data")
        if len(item.data) > self.max_file_bytes:
            return self.add_rejected(batch, filename=name, size=len(item.data),
                                     error=f"File is larger than the limit of {self.settings.extraction.max_file_mb} MB")
        try:
            stored = self.store.put_bytes(item.data)
        except OSError as exc:
            log.error("could not store %s: %s", name, exc)
            return self.add_rejected(batch, filename=name, error=f"Could not store the file: {exc.strerror or exc}")
        return self.add_original(batch, filename=name, stored=stored)

    def _add_zip_upload(self, batch: Batch, *, name: str, stream: BinaryIO) -> list[BatchFile]:
        limit = self.settings.extraction.max_upload_mb << 20
        data = stream.read(limit + 1)
        if len(data) > limit:
            return [self.add_rejected(batch, filename=name, error=(
                f"Archive is larger than the upload limit of {self.settings.extraction.max_upload_mb} MB"))]
        files = [self._add_input_file(batch, item)
                 for item in zip_members(data, archive_name=name, options=self.options)]
        if not files:
            files.append(self.add_rejected(batch, filename=name, error="The archive contains no files"))
        notify_workers()
        return files


def requeue_document(session: Session, *, document: Document) -> None:
    """Extract a stored document again (e.g. after an extractor upgrade); earlier step results are kept."""
    document.status, document.error = "queued", None
    enqueue(session, kind=EXTRACT_JOB, document_id=document.id)
    session.commit()
    notify_workers()


def batch_progress(batch: Batch) -> dict[str, int]:
    counts = Counter(file.status for file in batch.files)
    return {"total": len(batch.files), **{status: counts.get(status, 0)
                                          for status in ("queued", "processing", "done", "failed")}}


def batch_finished(batch: Batch) -> bool:
    progress = batch_progress(batch)
    return progress["queued"] == 0 and progress["processing"] == 0
