"""Post-extraction step for plan documents: store the rows, add the plan to the index, record copies."""

from __future__ import annotations

from sqlalchemy import or_, update
from sqlalchemy.orm import Session

from pipelines.extract.document import ExtractedDocument
from pipelines.plans import parse_plan
from service.db.models import Document
from service.db.plans import PlanMatchRecord, PlanRowRecord
from service.plans.index_store import PIPELINE_VERSION, plan_index, save


def index_plan(session: Session, document: Document, extracted: ExtractedDocument) -> None:
    """Parse the plan table, index it (replacing an earlier version of this document) and store its copies."""
    from service.jobs import current_context

    context = current_context()
    plan = parse_plan(extracted)
    plan.file = document.filename
    # Index (and embed) before the first write: on SQLite a write holds the database's single write lock
    # until the step commits, and embedding a plan takes up to a second, which would stall uploads.
    matches = []
    model = None
    if plan.rows:
        with plan_index(context.settings, context.cache, session=session) as index:
            index.add_plan(plan, plan_id=str(document.id))  # replaces an earlier version of this document
            matches = index.similar_plans(str(document.id))
            save(context.settings, index)
            model = getattr(index.embedder, "name", None)
    session.execute(update(PlanRowRecord).where(PlanRowRecord.document_id == document.id, PlanRowRecord.current)
                    .values(current=False))
    for row in plan.rows:
        session.add(PlanRowRecord(document_id=document.id, row_index=row.row_index, number=row.number,
                                  activity=row.activity, deadline=row.deadline, responsible=row.responsible,
                                  expected_result=row.expected_result, section=row.section,
                                  pipeline_version=PIPELINE_VERSION))
    session.execute(update(PlanMatchRecord).where(
        or_(PlanMatchRecord.document_a_id == document.id, PlanMatchRecord.document_b_id == document.id),
        PlanMatchRecord.current).values(current=False))
    for match in matches:
        a, b = sorted((int(match.a), int(match.b)))
        swapped = a != int(match.a)
        rows = [[p.b_row, p.a_row, p.score, p.boilerplate] if swapped else [p.a_row, p.b_row, p.score, p.boilerplate]
                for p in match.rows]
        session.add(PlanMatchRecord(document_a_id=a, document_b_id=b, score=match.score,
                                    share_of_rows_reused=match.share_of_rows_reused, relation=match.relation,
                                    rows=sorted(rows), pipeline_version=PIPELINE_VERSION, model=model))
