"""Post-extraction steps: per-document work other areas hook into the worker.

After a document is extracted, the worker runs every registered step whose ``doc_types`` include
the document's type (``None`` = every type), in registration order::

    def score_protocol(session: Session, document: Document, extracted: ExtractedDocument) -> None:
        session.add(ProtocolScoreRow(document_id=document.id, ...))   # no commit: the runner commits

    register_document_step("protocols.score", ("protocol",), score_protocol)

Each step runs in its own transaction. If it raises, its writes are rolled back, the failure
(step name and message) is recorded on the document (``document_steps`` table, shown by
``GET /api/documents/{id}`` as ``steps``) and the next step still runs; the job goes on.
A step result row is added on every run (never overwritten), so re-runs can be compared.

Inside a step, ``service.jobs.current_context()`` gives the process's settings, original store and a
``cache`` dict for models loaded once (the same dict as ``app.state.cache`` seen by routes)::

    context = current_context()
    index = context.cache.get("plans.index") or context.cache.setdefault("plans.index", load_index(context.settings))

The one place where steps are listed is ``DEFAULT_STEPS`` below, resolved lazily by
``register_default_steps()`` (called once when the app or the CLI starts a worker) so that
importing this module imports no area code.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from service.db.models import Document, DocumentStepResult

log = logging.getLogger(__name__)

StepFunction = Callable[[Session, Document, Any], None]

# (step name, document types or None for all, "module:function"). Add one line per step.
DEFAULT_STEPS: tuple[tuple[str, tuple[str, ...] | None, str], ...] = (
    ("protocols.score", ("protocol",), "service.protocols_steps:score_protocol"),
    ("plans.index", ("plan",), "service.plans.steps:index_plan"),
)


@dataclass(frozen=True)
class DocumentStep:
    name: str
    doc_types: frozenset[str] | None
    function: StepFunction

    def applies_to(self, doc_type: str | None) -> bool:
        return self.doc_types is None or (doc_type or "other") in self.doc_types


_steps: dict[str, DocumentStep] = {}


def register_document_step(name: str, doc_types: Iterable[str] | None, function: StepFunction) -> None:
    """Run ``function(session, document, extracted)`` after extraction of documents of ``doc_types``."""
    _steps[name] = DocumentStep(name, frozenset(doc_types) if doc_types is not None else None, function)


def unregister_document_step(name: str) -> None:
    _steps.pop(name, None)


def registered_steps() -> list[DocumentStep]:
    return list(_steps.values())


def register_default_steps() -> None:
    for name, doc_types, target in DEFAULT_STEPS:
        if name in _steps:
            continue
        module_name, _, function_name = target.partition(":")
        function = getattr(importlib.import_module(module_name), function_name)
        register_document_step(name, doc_types, function)


def run_document_steps(session_factory: sessionmaker[Session], *, document_id: int, extracted: Any) -> list[str]:
    """Run the applicable steps; returns the names of those that failed."""
    failed: list[str] = []
    for step in registered_steps():
        with session_factory() as session:
            document = session.get(Document, document_id)
            if document is None or not step.applies_to(document.doc_type):
                continue
            try:
                step.function(session, document, extracted)
                session.add(DocumentStepResult(document_id=document_id, step=step.name, status="done"))
                session.commit()
            except Exception as exc:  # a step's defect must not stop the job or other steps
                session.rollback()
                log.exception("step %s failed on document %s", step.name, document_id)
                session.add(DocumentStepResult(document_id=document_id, step=step.name, status="failed",
                                               error=f"{type(exc).__name__}: {exc}"[:2000]))
                session.commit()
                failed.append(step.name)
    return failed
