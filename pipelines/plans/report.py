"""The analysts' duplicates report: the JSON contract of ``qorgau plans duplicates`` (shared design.md).

``{"documents": [{"a", "b", "score", "share_of_rows_reused", "relation"}],
   "rows": [{"a", "a_row", "b", "b_row", "score"}]}``; ``a``/``b`` are file base names, rows are the
1-based data-row numbers of the plan tables. Boilerplate rows are not listed as copied rows: they
are not evidence of copying (they still count in ``share_of_rows_reused``).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from pipelines.plans.index import PlanIndex, PlanMatch

RelationLabel = Literal["verbatim", "district_copy", "near_duplicate", "translation"]


class DocumentPair(BaseModel):
    a: str
    b: str
    score: float = Field(ge=0, le=1)
    share_of_rows_reused: float = Field(ge=0, le=1)
    relation: RelationLabel


class RowPairOut(BaseModel):
    a: str
    a_row: int = Field(ge=1)
    b: str
    b_row: int = Field(ge=1)
    score: float = Field(ge=0, le=1)


class DuplicateReport(BaseModel):
    documents: list[DocumentPair] = Field(default_factory=list)
    rows: list[RowPairOut] = Field(default_factory=list)


def build_report(matches: list[PlanMatch], *, names: dict[str, str] | None = None) -> DuplicateReport:
    """Report of ``matches``; ``names`` maps plan ids to the file names to print (default: the ids)."""
    names = names or {}
    report = DuplicateReport()
    for match in sorted(matches, key=lambda m: (-m.score, m.a, m.b)):
        a, b = names.get(match.a, match.a), names.get(match.b, match.b)
        report.documents.append(DocumentPair(a=a, b=b, score=match.score,
                                             share_of_rows_reused=match.share_of_rows_reused,
                                             relation=match.relation))
        for pair in match.rows:
            if not pair.boilerplate:
                report.rows.append(RowPairOut(a=a, a_row=pair.a_row, b=b, b_row=pair.b_row, score=pair.score))
    return report


def duplicates_report(index: PlanIndex) -> DuplicateReport:
    """Every suspected copy among the plans of ``index``, named by their files."""
    return build_report(index.all_matches(), names={pid: plan.file for pid, plan in index.plans.items()})
