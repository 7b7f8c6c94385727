"""Post-extraction step for documents typed "protocol": checklist score with evidence, stored per run."""

from __future__ import annotations

import logging

from sqlalchemy import update
from sqlalchemy.orm import Session

from pipelines.errors import ModelNotLoadedError
from pipelines.extract.document import ExtractedDocument
from pipelines.protocols import segment_protocol
from pipelines.protocols.score import SCORER_VERSION, DecisionJudge, score_structure
from service.db.models import Document
from service.db.protocols import ProtocolScoreRecord

log = logging.getLogger(__name__)
_CACHE_KEY = "protocols.decision_classifier"


def decision_judge(cache: dict) -> DecisionJudge | None:
    """The decision classifier, loaded once per process; None (rules only) when its artifact is missing."""
    if _CACHE_KEY not in cache:
        from models.protocols import load_default

        try:
            cache[_CACHE_KEY] = load_default()
        except ModelNotLoadedError:
            log.warning("decision classifier artifact missing: protocols are scored by rules only")
            cache[_CACHE_KEY] = None
    return cache[_CACHE_KEY]


def score_protocol(session: Session, document: Document, extracted: ExtractedDocument) -> None:
    from service.jobs import current_context

    judge = decision_judge(current_context().cache)
    text = extracted.text
    language = extracted.language if extracted.language in ("kk", "ru") else None
    structure = segment_protocol(text, language=language)
    result = score_structure(structure, text, judge=judge)
    session.execute(update(ProtocolScoreRecord)
                    .where(ProtocolScoreRecord.document_id == document.id, ProtocolScoreRecord.current)
                    .values(current=False))
    session.add(ProtocolScoreRecord(
        document_id=document.id, is_protocol=result.is_protocol, language=result.language, score=result.score,
        elements=result.elements, evidence=result.evidence, missing=result.missing, reason=result.reason,
        structure=structure.model_dump(mode="json", include={
            "number", "date", "place", "chair", "secretary", "members", "invited", "quorum", "agenda_list",
            "decisions", "votes"}),
        pipeline_version=SCORER_VERSION, model=getattr(judge, "version", None)))
