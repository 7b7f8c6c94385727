"""Analysts' plan API: suspected copies (filters), one pair side by side, similar plans/rows/texts, exports."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from pipelines.errors import InputError, NotFoundError
from pipelines.plans.export import report_to_csv, report_to_xlsx
from pipelines.privacy import mask_pii
from service.api.deps import DocumentReader, SessionDep, SettingsDep
from service.db.models import Document
from service.plans.index_store import plan_index
from service.plans.queries import (
    MatchFilters,
    get_pair,
    get_plan_document,
    list_matches,
    plan_rows,
    report_of,
)

router = APIRouter(prefix="/plans", tags=["plans"])
Relation = Literal["verbatim", "district_copy", "near_duplicate", "translation"]


class PlanRef(BaseModel):
    id: int
    filename: str
    district: str | None
    district_id: str | None
    year: int | None
    language: str | None

    @classmethod
    def of(cls, document: Document) -> PlanRef:
        return cls(id=document.id, filename=document.filename, district=document.district,
                   district_id=document.district_id, year=document.year, language=document.language)


class SuspectedCopy(BaseModel):
    a: PlanRef
    b: PlanRef
    score: float
    share_of_rows_reused: float
    relation: Relation
    pipeline_version: str
    model: str | None


class SuspectedCopyList(BaseModel):
    total: int
    items: list[SuspectedCopy]


class RowSide(BaseModel):
    row_index: int
    number: str | None
    activity: str
    deadline: str
    responsible: str
    match: int | None = None  # row_index on the other side
    score: float | None = None
    boilerplate: bool = False  # matched, but a generic row every plan has (not evidence of copying)


class PairView(BaseModel):
    a: PlanRef
    b: PlanRef
    score: float | None
    share_of_rows_reused: float | None
    relation: Relation | None
    a_rows: list[RowSide]
    b_rows: list[RowSide]


class SimilarPlan(BaseModel):
    plan: PlanRef
    score: float
    share_of_rows_reused: float
    relation: Relation
    reported: bool  # at or above the threshold of suspected copies


class SimilarRow(BaseModel):
    plan: PlanRef
    row_index: int
    activity: str
    score: float


class SimilarQuery(BaseModel):
    text: str | None = Field(default=None, description="free text (any language)")
    document_id: int | None = None
    row: int | None = Field(default=None, ge=1, description="with document_id: that plan row")
    k: int = Field(default=10, ge=1, le=100)


def _filters(year: int | None, district: str | None, language: str | None, relation: str | None,
             min_share: float | None, min_score: float | None) -> MatchFilters:
    return MatchFilters(year=year, district=district, language=language, relation=relation, min_share=min_share,
                        min_score=min_score)


@router.get("/duplicates", response_model=SuspectedCopyList)
def read_suspected_copies(session: SessionDep, user: DocumentReader, year: int | None = None,
                          district: str | None = None, language: Literal["kk", "ru", "mixed"] | None = None,
                          relation: Relation | None = None, min_share: float | None = None,
                          min_score: float | None = None, limit: int = 100, offset: int = 0) -> SuspectedCopyList:
    total, records = list_matches(session, filters=_filters(year, district, language, relation, min_share, min_score),
                                  limit=min(limit, 1000), offset=offset)
    return SuspectedCopyList(total=total, items=[
        SuspectedCopy(a=PlanRef.of(a), b=PlanRef.of(b), score=r.score, share_of_rows_reused=r.share_of_rows_reused,
                      relation=r.relation, pipeline_version=r.pipeline_version, model=r.model)  # type: ignore[arg-type]
        for r, a, b in records])


@router.get("/duplicates/export")
def export_suspected_copies(session: SessionDep, user: DocumentReader, format: Literal["csv", "xlsx", "json"] = "xlsx",
                            part: Literal["documents", "rows"] = "documents", year: int | None = None,
                            district: str | None = None, language: Literal["kk", "ru", "mixed"] | None = None,
                            relation: Relation | None = None, min_share: float | None = None,
                            min_score: float | None = None) -> Response:
    """The report of the filtered copies: JSON (the CLI contract), CSV (``part`` documents or rows) or XLSX."""
    _, records = list_matches(session, filters=_filters(year, district, language, relation, min_share, min_score),
                              limit=100_000)
    report, names = report_of(records)
    if format == "json":
        return Response(report.model_dump_json(indent=1), media_type="application/json")
    by_name = {name: int(doc_id) for doc_id, name in names.items()}
    texts = {(name, row.row_index): row.activity for name, doc_id in by_name.items() for row in plan_rows(session, doc_id)}
    if format == "csv":
        documents_csv, rows_csv = report_to_csv(report, texts=texts)
        return Response(documents_csv if part == "documents" else rows_csv, media_type="text/csv",
                        headers={"Content-Disposition": f'attachment; filename="plan-copies-{part}.csv"'})
    return Response(report_to_xlsx(report, texts=texts),
                    media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": 'attachment; filename="plan-copies.xlsx"'})


@router.get("/pairs/{a_id}/{b_id}", response_model=PairView)
def read_pair(a_id: int, b_id: int, session: SessionDep, user: DocumentReader) -> PairView:
    """Two plans side by side; aligned rows carry the row number on the other side and the score."""
    a, b = get_plan_document(session, a_id), get_plan_document(session, b_id)
    record = get_pair(session, a_id=a_id, b_id=b_id)
    a_match: dict[int, tuple[int, float, bool]] = {}
    b_match: dict[int, tuple[int, float, bool]] = {}
    if record is not None:
        for x, y, score, boilerplate in record.rows:
            if record.document_a_id != a_id:
                x, y = y, x
            a_match[x] = (y, score, boilerplate)
            b_match[y] = (x, score, boilerplate)

    def side(document_id: int, matched: dict[int, tuple[int, float, bool]]) -> list[RowSide]:
        result = []
        for row in plan_rows(session, document_id):
            other = matched.get(row.row_index)
            result.append(RowSide(row_index=row.row_index, number=row.number, activity=mask_pii(row.activity),
                                  deadline=row.deadline, responsible=mask_pii(row.responsible),
                                  match=other[0] if other else None, score=other[1] if other else None,
                                  boilerplate=bool(other[2]) if other else False))
        return result

    return PairView(a=PlanRef.of(a), b=PlanRef.of(b), score=record.score if record else None,
                    share_of_rows_reused=record.share_of_rows_reused if record else None,
                    relation=record.relation if record else None,  # type: ignore[arg-type]
                    a_rows=side(a_id, a_match), b_rows=side(b_id, b_match))


@router.get("/{document_id}/similar", response_model=list[SimilarPlan])
def read_similar_plans(document_id: int, request: Request, session: SessionDep, settings: SettingsDep,
                       user: DocumentReader, k: int = 10) -> list[SimilarPlan]:
    """Plans most like this one (top ``k``), including pairs below the suspected-copy threshold."""
    get_plan_document(session, document_id)
    with plan_index(settings, request.app.state.cache, session=session) as index:
        if str(document_id) not in index.plans:
            raise NotFoundError(f"Plan {document_id} is not indexed (no plan table found?)")
        threshold = index.config.doc_threshold
        matches = index.similar_plans(str(document_id), limit=min(k, 100), min_score=0.0)
    documents = {d.id: d for d in session.query(Document).filter(Document.id.in_([int(m.b) for m in matches]))}
    return [SimilarPlan(plan=PlanRef.of(documents[int(m.b)]), score=m.score, share_of_rows_reused=m.share_of_rows_reused,
                        relation=m.relation, reported=m.score >= threshold)  # type: ignore[arg-type]
            for m in matches if int(m.b) in documents]


@router.post("/similar", response_model=list[SimilarRow])
def search_similar_rows(query: SimilarQuery, request: Request, session: SessionDep, settings: SettingsDep,
                        user: DocumentReader) -> list[SimilarRow]:
    """Plan rows most similar to a free text or to one plan row, in any language."""
    text = query.text
    if query.document_id is not None and query.row is not None:
        rows = {r.row_index: r for r in plan_rows(session, query.document_id)}
        if query.row not in rows:
            raise NotFoundError(f"Plan {query.document_id} has no row {query.row}")
        text = rows[query.row].activity
    if not text or not text.strip():
        raise InputError("Give a text, or a document_id and a row")
    with plan_index(settings, request.app.state.cache, session=session) as index:
        hits = index.similar_texts(text, k=query.k + (1 if query.document_id else 0))
    hits = [h for h in hits if not (query.document_id and int(h.plan_id) == query.document_id and h.row_index == query.row)]
    documents = {d.id: d for d in session.query(Document).filter(Document.id.in_([int(h.plan_id) for h in hits]))}
    texts = {}
    for document_id in documents:
        for row in plan_rows(session, document_id):
            texts[(document_id, row.row_index)] = row.activity
    return [SimilarRow(plan=PlanRef.of(documents[int(h.plan_id)]), row_index=h.row_index,
                       activity=mask_pii(texts.get((int(h.plan_id), h.row_index), "")), score=round(h.score, 4))
            for h in hits[: query.k] if int(h.plan_id) in documents]
