"""CSV and XLSX exports of a duplicates report, with the two rows' texts side by side (PII masked)."""

from __future__ import annotations

from pipelines import tables
from pipelines.plans.report import DuplicateReport
from pipelines.privacy import mask_pii

RowTexts = dict[tuple[str, int], str]  # (file, row number) -> activity text

DOCUMENT_COLUMNS = ["a", "b", "score", "share_of_rows_reused", "relation"]
ROW_COLUMNS = ["a", "a_row", "a_text", "b", "b_row", "b_text", "score"]


def _row_records(report: DuplicateReport, texts: RowTexts) -> list[list[object]]:
    return [[r.a, r.a_row, mask_pii(texts.get((r.a, r.a_row), "")), r.b, r.b_row,
             mask_pii(texts.get((r.b, r.b_row), "")), r.score] for r in report.rows]


def report_to_csv(report: DuplicateReport, *, texts: RowTexts | None = None) -> tuple[str, str]:
    """(documents CSV, rows CSV) as text."""
    documents, rows = _sheets(report, texts or {})
    return tables.to_csv(documents), tables.to_csv(rows)


def report_to_xlsx(report: DuplicateReport, *, texts: RowTexts | None = None) -> bytes:
    """A workbook with a "documents" sheet and a "rows" sheet."""
    documents, rows = _sheets(report, texts or {})
    return tables.to_xlsx({"documents": documents, "rows": rows})


def _sheets(report: DuplicateReport, texts: RowTexts) -> tuple[list[list[object]], list[list[object]]]:
    documents = [DOCUMENT_COLUMNS, *([d.a, d.b, d.score, d.share_of_rows_reused, d.relation] for d in report.documents)]
    return documents, [ROW_COLUMNS, *_row_records(report, texts)]
