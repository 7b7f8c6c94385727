"""The complaints export masks whatever text it is given and counts complaints per month."""

from __future__ import annotations

import csv
import datetime as dt
import io

from openpyxl import load_workbook

from pipelines.complaints.export import ExportedComplaint, monthly_table, to_csv, to_xlsx


def complaint(day: str, category: str, *, urgent: bool = False, district: str | None = "Хромтауский район",
              text: str = "Алимент төленбейді.") -> ExportedComplaint:
    return ExportedComplaint(id=day, received_on=dt.date.fromisoformat(day), district=district, language="kk",
                             category=category, urgent=urgent, urgent_reason="violence" if urgent else None,
                             urgent_evidence=["Сейітов Марат ұрады"] if urgent else [], confidence=0.9,
                             needs_review=False, reviewed=False, text=text)


def test_texts_and_evidence_are_masked_even_if_passed_unmasked() -> None:
    unmasked = complaint("2025-02-03", "violence_abuse", urgent=True,
                         text="Сейітов Марат баланы ұрады, тел. +7 701 555 12 34")
    exported = to_csv([unmasked])
    assert "555 12 34" not in exported and "Марат" not in exported
    row = list(csv.reader(io.StringIO(exported)))[1]
    assert row[6] == "да" and row[7] == "violence"


def test_monthly_counts_by_category_and_district() -> None:
    items = [complaint("2025-01-10", "alimony"), complaint("2025-01-20", "alimony", urgent=True),
             complaint("2025-02-01", "health", district=None)]
    table = monthly_table(items, by="category")
    assert table[0] == ["Месяц", "alimony", "health", "Всего", "Срочных"]
    assert table[1:] == [["2025-01", 2, 0, 2, 1], ["2025-02", 0, 1, 1, 0]]
    assert monthly_table(items, by="district")[0] == ["Месяц", "Хромтауский район", "—", "Всего", "Срочных"]
    assert load_workbook(io.BytesIO(to_xlsx(items))).sheetnames == ["Жалобы", "По категориям", "По районам"]
