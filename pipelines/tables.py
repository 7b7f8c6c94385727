"""Tables as files: CSV text and XLSX workbooks (openpyxl), shared by every export (plans, monitoring,
complaints), so that every sheet looks the same: a bold frozen header, readable column widths, dates as
DD.MM.YYYY."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence

Row = Sequence[object]


def to_csv(rows: Iterable[Row]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


def to_xlsx(sheets: Mapping[str, Iterable[Row]]) -> bytes:
    """One worksheet per item of ``sheets`` (title -> rows, the first row being the header)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDE6F0")
        sheet.freeze_panes = "A2"
        for index, column in enumerate(sheet.columns, start=1):
            width = max(len(str(cell.value or "")) for cell in column)
            sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 8), 60)
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if hasattr(cell.value, "year") and hasattr(cell.value, "day"):
                    cell.number_format = "DD.MM.YYYY"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
