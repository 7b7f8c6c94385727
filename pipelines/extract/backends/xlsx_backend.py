"""XLSX plans via openpyxl: one table per non-empty sheet, merged ranges repeated into every cell."""

from __future__ import annotations

import io
import zipfile

from pipelines.errors import UnreadableDocumentError
from pipelines.extract.backends.base import Backend, BackendResult
from pipelines.extract.document import Page, Table
from pipelines.extract.formats import InputFormat
from pipelines.extract.normalize import normalize_cell

READ_ONLY_ABOVE_BYTES = 5 * 1024 * 1024  # read-only mode streams big files but loses merged ranges


def _cell_value(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10] if hasattr(value, "hour") and not value.hour else value.isoformat()  # type: ignore[union-attr]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return normalize_cell(str(value))


class XlsxBackend(Backend):
    formats = (InputFormat.XLSX,)

    def convert(self, data: bytes, *, filename: str) -> BackendResult:
        import openpyxl

        read_only = len(data) > READ_ONLY_ABOVE_BYTES
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=read_only, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError, TypeError, NotImplementedError) as e:
            raise UnreadableDocumentError(f"corrupt or truncated XLSX: {type(e).__name__}: {e}") from e
        except Exception as e:  # lxml / openpyxl internal errors on damaged parts
            raise UnreadableDocumentError(f"corrupt XLSX: {type(e).__name__}: {e}") from e
        result = BackendResult()
        try:
            for sheet in workbook.worksheets:
                rows = [[_cell_value(v) for v in row] for row in sheet.iter_rows(values_only=True)]
                if not read_only:
                    for merged in sheet.merged_cells.ranges:
                        value = _cell_value(sheet.cell(merged.min_row, merged.min_col).value)
                        for r in range(merged.min_row - 1, min(merged.max_row, len(rows))):
                            for c in range(merged.min_col - 1, min(merged.max_col, len(rows[r]))):
                                rows[r][c] = value
                rows = [row for row in rows if any(row)]
                if not rows:
                    continue
                width = max(i + 1 for row in rows for i, cell in enumerate(row) if cell)
                rows = [row[:width] + [""] * (width - len(row[:width])) for row in rows]
                number = len(result.pages) + 1
                result.tables.append(Table(rows=rows, page=number))
                result.pages.append(Page(number=number, text="\n".join("\t".join(r) for r in rows), method="text"))
        finally:
            workbook.close()
        if not result.pages:
            result.pages.append(Page(number=1, text="", method="text"))
            result.warnings.append("the workbook has no non-empty cells")
        return result
