"""Reading complaints from JSONL, JSON, CSV and XLSX; bad rows are reported, not fatal."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import Workbook

from pipelines.complaints.records import read_complaint_records
from pipelines.errors import UnsupportedFormatError


def test_jsonl_with_a_broken_line_and_a_line_without_text() -> None:
    data = "\n".join([
        json.dumps({"id": "a", "text": "Алимент төлемейді", "district": "Алға"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "c"}),
        "",
    ]).encode()
    records = read_complaint_records(data, "in.jsonl")
    assert [r.id for r in records] == ["a", "line-2", "c"]
    assert records[0].error is None and records[0].text == "Алимент төлемейді"
    assert records[0].extra == {"district": "Алға"}
    assert records[1].error and records[2].error


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csv_with_either_delimiter(delimiter: str) -> None:
    data = f"id{delimiter}text\n1{delimiter}\"Дорога в школу, грязь\"\n2{delimiter}Балабақша кезегі\n".encode()
    records = read_complaint_records(data, "in.csv")
    assert [(r.id, r.text) for r in records] == [("1", "Дорога в школу, грязь"), ("2", "Балабақша кезегі")]


def test_xlsx_with_russian_headers() -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["№", "Текст", "Район"])
    sheet.append([7, "Скорая не едет", "Хромтау"])
    sheet.append([None, None, None])
    buffer = io.BytesIO()
    book.save(buffer)
    records = read_complaint_records(buffer.getvalue(), "in.xlsx")
    assert len(records) == 1
    assert (records[0].id, records[0].text, records[0].extra["район"]) == ("7", "Скорая не едет", "Хромтау")


def test_unknown_format_is_a_typed_error() -> None:
    with pytest.raises(UnsupportedFormatError):
        read_complaint_records(b"%PDF", "in.pdf")
