"""Read complaints from JSONL / JSON / CSV / XLSX bytes into records; a bad row becomes a record with an
error instead of failing the batch."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import PurePath

from pipelines.errors import UnreadableDocumentError, UnsupportedFormatError

_TEXT_COLUMNS = ("text", "текст", "мәтін", "complaint", "жалоба", "шағым", "обращение", "өтініш")
_ID_COLUMNS = ("id", "№", "номер", "нөмір", "number")


@dataclass
class ComplaintRecord:
    id: str
    text: str
    extra: dict = field(default_factory=dict)
    error: str | None = None


def _from_mapping(row: dict, fallback_id: str) -> ComplaintRecord:
    lowered = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
    record_id = next((lowered[c] for c in _ID_COLUMNS if lowered.get(c) not in (None, "")), fallback_id)
    text = next((lowered[c] for c in _TEXT_COLUMNS if lowered.get(c) not in (None, "")), None)
    extra = {k: v for k, v in lowered.items() if k not in _TEXT_COLUMNS and k not in _ID_COLUMNS}
    if text is None or not str(text).strip():
        return ComplaintRecord(str(record_id), "", extra, error="no text (expected a 'text' field)")
    return ComplaintRecord(str(record_id), str(text), extra)


def read_complaint_records(data: bytes, filename: str) -> list[ComplaintRecord]:
    """Records of a .jsonl, .json, .csv or .xlsx file (``id`` and ``text`` fields; others kept in extra)."""
    suffix = PurePath(filename).suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        text = data.decode("utf-8-sig", errors="replace")
        if suffix == ".json" and text.lstrip().startswith("["):
            try:
                rows = json.loads(text)
            except json.JSONDecodeError as error:
                raise UnreadableDocumentError(f"{filename}: invalid JSON: {error}") from error
            return [_from_mapping(r, str(i)) if isinstance(r, dict)
                    else ComplaintRecord(str(i), "", error="not a JSON object") for i, r in enumerate(rows, 1)]
        records = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                records.append(ComplaintRecord(f"line-{number}", "", error=f"invalid JSON: {error.msg}"))
                continue
            records.append(_from_mapping(row, f"line-{number}") if isinstance(row, dict)
                           else ComplaintRecord(f"line-{number}", "", error="not a JSON object"))
        return records
    if suffix in (".csv", ".tsv", ".txt"):
        text = data.decode("utf-8-sig", errors="replace")
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        reader = csv.DictReader(io.StringIO(text), dialect=dialect)
        return [_from_mapping(row, str(i)) for i, row in enumerate(reader, start=1)]
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
        except Exception as error:  # openpyxl raises zipfile/KeyError/... on broken files
            raise UnreadableDocumentError(f"{filename}: cannot read the workbook: {error}") from error
        rows = list(sheet.iter_rows(values_only=True))
        if not rows:
            return []
        header = [str(h).strip() if h is not None else "" for h in rows[0]]
        return [_from_mapping(dict(zip(header, row, strict=False)), str(i)) for i, row in enumerate(rows[1:], 1)
                if any(cell not in (None, "") for cell in row)]
    raise UnsupportedFormatError(f"{filename}: complaints are read from .jsonl, .json, .csv or .xlsx")
