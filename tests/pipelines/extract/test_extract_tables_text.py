"""XLSX, CSV and TXT inputs: tables with merged cells, delimiters, encodings, legacy-font text."""

from __future__ import annotations

import io

import pytest

from corpora.render import legacy_kazakh
from pipelines.extract import extract_bytes

PLAN_ROWS = [
    ["№", "Рассматриваемый вопрос", "Ответственные", "Срок"],
    ["I квартал", "", "", ""],
    ["1", "О профилактике суицидального поведения среди учащихся", "Отдел образования", "январь"],
    ["2", "О работе с семьями в трудной жизненной ситуации", "Отдел занятости", "март"],
]


def _xlsx(rows: list[list[str]], merges: list[str]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["ПЛАН РАБОТЫ комиссии по делам несовершеннолетних и защите их прав при акимате "
                  "Хромтауского района на 2025 год"])
    for row in rows:
        sheet.append(row)
    for merged in merges:
        sheet.merge_cells(merged)
    workbook.create_sheet("пусто")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_plan_with_merged_cells() -> None:
    doc = extract_bytes(_xlsx(PLAN_ROWS, ["A3:D3"]), filename="plan.xlsx")
    assert doc.error is None and doc.format == "xlsx" and len(doc.tables) == 1
    rows = doc.tables[0].rows
    assert rows[2] == ["I квартал"] * 4
    assert rows[1] == PLAN_ROWS[0] and rows[3] == PLAN_ROWS[2]
    assert doc.doc_type == "plan" and doc.language == "ru"
    assert (doc.metadata.district, doc.metadata.year) == ("Хромтауский район", 2025)


def test_corrupt_xlsx() -> None:
    data = _xlsx(PLAN_ROWS, [])
    doc = extract_bytes(data[: len(data) // 2], filename="plan.xlsx")
    assert doc.error_code == "E102"


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_delimiters(delimiter) -> None:
    text = "\n".join(delimiter.join(f'"{c}"' if "," in c else c for c in row) for row in PLAN_ROWS)
    doc = extract_bytes(text.encode("utf-8"), filename="plan.csv")
    assert doc.format == "csv"
    assert doc.tables[0].rows == PLAN_ROWS


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1251"])
def test_txt_encodings(encoding) -> None:
    text = "ПРОТОКОЛ № 4\nзаседания комиссии при акимате Уилского района\nот 12.09.2024\nСЛУШАЛИ: информацию."
    doc = extract_bytes(text.encode(encoding), filename="protocol.txt")
    assert doc.text == text
    assert (doc.doc_type, doc.metadata.district, doc.metadata.number) == ("protocol", "Уилский район", "4")


def test_legacy_font_txt_is_repaired() -> None:
    source = "Қобда ауданы әкімдігі жанындағы комиссия отырысының хаттамасы\nҮкімет қаулысы орындалсын."
    doc = extract_bytes(legacy_kazakh(source).encode("utf-8"), filename="old.txt")
    assert doc.text == source and doc.language == "kk" and doc.metadata.district == "Қобда ауданы"
    assert any("legacy Kazakh" in w for w in doc.warnings)


def test_generated_xlsx_plan_keeps_the_plan_table(samples) -> None:
    from corpora.render import render_xlsx

    sample = samples["kk_plan"]
    doc = extract_bytes(render_xlsx(sample.blocks), filename="plan.xlsx")
    rows = doc.tables[0].rows
    expected = sample.truth.tables[0]
    start = next(i for i, row in enumerate(rows) if row == expected[0])
    assert rows[start:start + len(expected)] == expected
    assert (doc.doc_type, doc.language, doc.metadata.district, doc.metadata.year) == \
        ("plan", "kk", sample.truth.district, sample.truth.year)
