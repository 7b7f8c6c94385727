"""Durable jobs in the database, worked by in-process threads.

A job row is the unit of work (``kind`` + a document or a payload). The worker claims the oldest
pending job with a conditional UPDATE (portable: SQLite and PostgreSQL), runs its handler, and
records the outcome. A failure marks that job (and its document) failed with the reason and the
worker goes on; nothing a handler raises ends the worker thread.

On start, ``recover_interrupted_jobs`` puts jobs left ``running`` by a stopped process back to
``pending`` (so a restart in the middle of a batch resumes it), unless they were already
interrupted ``job_max_attempts`` times: such a file would crash the process forever, so it is
marked failed instead. This recovery assumes one worker process per database (the embedded mode);
the PostgreSQL scale-out mode replaces this module with a queue that has leases.

Handlers are registered by kind: ``register_job_handler("extract", run_extraction_job)``.
"""

from __future__ import annotations

import contextvars
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from service.db.base import utcnow
from service.db.models import Document, Job
from service.settings import Settings
from service.storage import OriginalStore

log = logging.getLogger(__name__)


@dataclass
class WorkerContext:
    settings: Settings
    session_factory: sessionmaker[Session]
    store: OriginalStore
    extract_options: Any = None
    cache: dict[str, Any] = field(default_factory=dict)  # per-process objects handlers reuse (models)


JobHandler = Callable[[WorkerContext, Job], None]
_current_context: contextvars.ContextVar[WorkerContext] = contextvars.ContextVar("qorgau_worker_context")


def current_context() -> WorkerContext:
    """The context of the job running in this thread: settings, session factory, store, and a
    per-process ``cache`` for loaded models (shared with ``app.state.cache``). For steps, whose
    signature carries only (session, document, extracted)."""
    try:
        return _current_context.get()
    except LookupError:
        raise RuntimeError("current_context() is only available while the worker runs a job") from None
_handlers: dict[str, JobHandler] = {}
_wake_events: set[threading.Event] = set()


def register_job_handler(kind: str, handler: JobHandler) -> None:
    _handlers[kind] = handler


def enqueue(session: Session, *, kind: str, document_id: int | None = None,
            payload: dict[str, Any] | None = None) -> Job:
    """Add a pending job (committed with the caller's transaction); call ``notify_workers`` after commit."""
    job = Job(kind=kind, document_id=document_id, payload=payload, status="pending")
    session.add(job)
    return job


def notify_workers() -> None:
    for event in list(_wake_events):
        event.set()


def recover_interrupted_jobs(session_factory: sessionmaker[Session], *, max_attempts: int) -> int:
    """Re-queue jobs a stopped process left running; returns how many were re-queued."""
    requeued = 0
    with session_factory() as session:
        for job in session.scalars(select(Job).where(Job.status == "running")):
            document = session.get(Document, job.document_id) if job.document_id else None
            if job.attempts >= max_attempts:
                job.status, job.finished_at = "failed", utcnow()
                job.error = (f"Processing was interrupted {job.attempts} times (the service stopped while "
                             "working on this file); not retried again")
                if document is not None:
                    document.status, document.error = "failed", job.error
            else:
                job.status, job.worker = "pending", None
                if document is not None and document.status == "processing":
                    document.status = "queued"
                requeued += 1
        session.commit()
    if requeued:
        log.info("re-queued %d interrupted job(s)", requeued)
    return requeued


def claim_next_job(session_factory: sessionmaker[Session], *, worker_name: str) -> Job | None:
    with session_factory() as session:
        while True:
            job_id = session.scalar(select(Job.id).where(Job.status == "pending").order_by(Job.id).limit(1))
            if job_id is None:
                return None
            claimed = session.execute(
                update(Job).where(Job.id == job_id, Job.status == "pending")
                .values(status="running", attempts=Job.attempts + 1, started_at=utcnow(), worker=worker_name))
            session.commit()
            if claimed.rowcount == 1:
                return session.get(Job, job_id)
            # another worker took it first: look again


def run_job(context: WorkerContext, job: Job) -> None:
    """Run one claimed job and record its outcome. Never raises."""
    token = _current_context.set(context)
    try:
        handler = _handlers.get(job.kind)
        if handler is None:
            raise LookupError(f"no handler registered for job kind '{job.kind}'")
        handler(context, job)
    except Exception as exc:
        log.exception("job %s (%s) failed", job.id, job.kind)
        _mark_failed(context.session_factory, job, f"{type(exc).__name__}: {exc}")
        return
    finally:
        _current_context.reset(token)
    with context.session_factory() as session:
        session.execute(update(Job).where(Job.id == job.id)
                        .values(status="done", finished_at=utcnow(), error=None))
        session.commit()


def _mark_failed(session_factory: sessionmaker[Session], job: Job, reason: str) -> None:
    try:
        with session_factory() as session:
            session.execute(update(Job).where(Job.id == job.id)
                            .values(status="failed", finished_at=utcnow(), error=reason[:4000]))
            if job.document_id is not None:
                session.execute(update(Document).where(Document.id == job.document_id)
                                .values(status="failed", error=f"Processing failed: {reason}"[:4000]))
            session.commit()
    except Exception:  # the database itself failed; the job stays running and is retried on restart
        log.exception("could not record the failure of job %s", job.id)


def run_pending_jobs(context: WorkerContext, *, worker_name: str = "inline",
                     stop: threading.Event | None = None) -> int:
    """Work the queue in this thread until it is empty (CLI ingest, tests); returns jobs run."""
    count = 0
    while stop is None or not stop.is_set():
        job = claim_next_job(context.session_factory, worker_name=worker_name)
        if job is None:
            break
        run_job(context, job)
        count += 1
    return count


class Worker:
    """In-process worker threads polling the job table."""

    def __init__(self, context: WorkerContext, *, threads: int = 1) -> None:
        self.context = context
        self.thread_count = threads
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self, *, recover: bool = True) -> None:
        """Start the threads; ``recover`` first re-queues jobs a stopped process left running."""
        if recover:
            recover_interrupted_jobs(self.context.session_factory,
                                     max_attempts=self.context.settings.job_max_attempts)
        _wake_events.add(self._wake)
        for index in range(self.thread_count):
            name = f"qorgau-worker-{os.getpid()}-{index}"
            thread = threading.Thread(target=self._loop, args=(name,), name=name, daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self._wake.set()
        _wake_events.discard(self._wake)
        for thread in self._threads:
            thread.join(timeout)
        self._threads.clear()

    def _loop(self, name: str) -> None:
        while not self._stop.is_set():
            try:
                ran = run_pending_jobs(self.context, worker_name=name, stop=self._stop)
            except Exception:  # e.g. the database is locked or gone for a moment: wait and retry
                log.exception("worker %s: error while polling jobs", name)
                ran = 0
            if not ran:
                self._wake.wait(self.context.settings.worker_poll_seconds)
                self._wake.clear()
