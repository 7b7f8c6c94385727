"""CSV and XLSX exports of a duplicates report, with the two rows' texts side by side (PII masked)."""

from __future__ import annotations

import csv
import io

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
    documents, rows = io.StringIO(), io.StringIO()
    writer = csv.writer(documents)
    writer.writerow(DOCUMENT_COLUMNS)
    for d in report.documents:
        writer.writerow([d.a, d.b, d.score, d.share_of_rows_reused, d.relation])
    writer = csv.writer(rows)
    writer.writerow(ROW_COLUMNS)
    writer.writerows(_row_records(report, texts or {}))
    return documents.getvalue(), rows.getvalue()


def report_to_xlsx(report: DuplicateReport, *, texts: RowTexts | None = None) -> bytes:
    """A workbook with a "documents" sheet and a "rows" sheet."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "documents"
    sheet.append(DOCUMENT_COLUMNS)
    for d in report.documents:
        sheet.append([d.a, d.b, d.score, d.share_of_rows_reused, d.relation])
    rows = workbook.create_sheet("rows")
    rows.append(ROW_COLUMNS)
    for record in _row_records(report, texts or {}):
        rows.append(record)
    for ws in (sheet, rows):
        ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
