"""The monthly report on small hand-built years: every definition of the module docstring, at its edges."""

from __future__ import annotations

import datetime as dt

import pytest

from pipelines.monitoring.records import DecisionRecord, MeetingRecord
from pipelines.monitoring.report import build_commission_report, build_region_report

D = dt.date


def meeting(date: dt.date, *, secretary: str | None = "Ахметова А.Б.", chair: str = "Нурланов Е.С.",
            prevention: bool = True, decisions: list[DecisionRecord] | None = None, number: str | None = None,
            commission: str = "alga") -> MeetingRecord:
    return MeetingRecord(commission_id=commission, date=date, number=number or f"{date.month}-{date.day}",
                         chair=chair, secretary=secretary, has_suicide_prevention_item=prevention,
                         decisions=decisions or [])


def monthly(days: dict[int, int], **kwargs: object) -> list[MeetingRecord]:
    return [meeting(D(2025, month, day), **kwargs) for month, day in days.items()]  # type: ignore[arg-type]


def kinds(report) -> list[tuple[str, dt.date]]:  # type: ignore[no-untyped-def]
    return [(a.kind, a.date) for a in report.alerts]


def test_a_regular_year_has_no_alerts() -> None:
    report = build_commission_report(monthly({m: 15 for m in range(1, 13)}), commission_id="alga", year=2025)
    assert report.meetings_held == report.meetings_expected == 12
    assert report.months_without_meeting == []
    assert report.alerts == []
    assert [r.longest_gap_days for r in report.months] == [14, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30]
    assert report.gaps[-1].open and report.gaps[-1].days == 16


@pytest.mark.parametrize(("second", "alert"), [(D(2025, 2, 16), False), (D(2025, 2, 17), True)])
def test_gap_alert_starts_after_31_idle_days(second: dt.date, alert: bool) -> None:
    records = [meeting(D(2024, 12, 20)), meeting(D(2025, 1, 15)), meeting(second)] + \
        monthly({m: 10 for m in range(3, 13)})
    report = build_commission_report(records, commission_id="alga", year=2025)
    gap_alerts = [a for a in report.alerts if a.kind == "no_meeting_over_31_days"]
    assert gap_alerts == ([] if not alert else gap_alerts)
    if alert:
        assert [a.date for a in gap_alerts] == [D(2025, 2, 16)]
        assert gap_alerts[0].detail["idle_days"] == 32


def test_missed_months_gap_from_new_year_and_open_gap() -> None:
    # First meeting 20 February, none known before the year; last meeting 10 October.
    report = build_commission_report(monthly({2: 20, 3: 18, 4: 17, 5: 15, 6: 16, 7: 15, 8: 14, 9: 12, 10: 10}),
                                     commission_id="alga", year=2025)
    assert report.months_without_meeting == [1, 11, 12]
    assert report.gaps[0].from_period_start and report.gaps[0].days == 50
    assert kinds(report) == [("no_meeting_over_31_days", D(2025, 2, 2)),
                             ("no_meeting_over_31_days", D(2025, 11, 11))]
    assert report.months[0].longest_gap_days == 30  # running gap at 31 January, counted from 1 January
    assert report.months[11].longest_gap_days == 82  # 10 October to 31 December, still open
    assert report.months[11].alerts == []
    assert report.months[10].alerts == ["no_meeting_over_31_days"]


def test_as_of_cuts_the_period() -> None:
    report = build_commission_report(monthly({1: 15, 2: 14, 3: 14}), commission_id="alga", year=2025,
                                     as_of=D(2025, 4, 10))
    assert [r.month for r in report.months] == [1, 2, 3, 4]
    assert report.months[3].meetings_expected == 0  # April has not ended
    assert report.meetings_expected == 3
    assert [q.quarter for q in report.quarters] == [1, 2] and not report.quarters[1].ended
    assert report.alerts == []  # 27 idle days, and the second quarter is still running


def test_spelling_variants_are_not_secretary_changes() -> None:
    spellings = ["Ахметова А.Б.", "А.Б. Ахметова", "Әхметова Айгерім Болатқызы", "Ахметовой А.Б.",
                 "Ахметова Айгерим Болатовна", None]
    records = [meeting(D(2025, m, 15), secretary=spellings[(m - 1) % len(spellings)]) for m in range(1, 13)]
    report = build_commission_report(records, commission_id="alga", year=2025)
    assert len(report.secretaries) == 1
    assert report.secretaries[0].meetings == 10
    assert report.secretary_changes == []


def test_third_secretary_raises_an_alert_and_a_return_is_a_change_not_a_new_person() -> None:
    secretaries = ["Ахметова А.Б."] * 3 + ["Сейтова Г.К."] * 2 + ["Әхметова А.Б."] * 2 + ["Сейітова Г.Қ."] + \
        ["Жумабаева Д.С."] * 2 + ["Омаров К.Т."] * 2
    records = [meeting(D(2025, m, 15), secretary=s) for m, s in enumerate(secretaries, start=1)]
    report = build_commission_report(records, commission_id="alga", year=2025)
    assert len(report.secretaries) == 4
    assert [c.date.month for c in report.secretary_changes] == [4, 6, 8, 9, 11]
    assert kinds(report) == [("third_secretary", D(2025, 9, 15)), ("third_secretary", D(2025, 11, 15))]
    assert report.alerts[0].detail["ordinal"] == 3
    assert [r.secretary_changed for r in report.months].count(True) == 5


def test_change_against_the_last_meeting_of_the_previous_year() -> None:
    records = [meeting(D(2024, 12, 18), secretary="Калиева С.М.")] + monthly({m: 15 for m in range(1, 13)})
    report = build_commission_report(records, commission_id="alga", year=2025)
    assert [c.date for c in report.secretary_changes] == [D(2025, 1, 15)]
    assert len(report.secretaries) == 1  # distinct secretaries count the reported year only
    assert report.months[0].longest_gap_days == 28  # from 18 December


def test_quarters_without_suicide_prevention() -> None:
    records = [meeting(D(2025, m, 15), prevention=m in (2, 3, 11)) for m in range(1, 13) if m not in (4, 5, 6)]
    report = build_commission_report(records, commission_id="alga", year=2025)
    shares = [(q.meetings_held, q.suicide_prevention_meetings, q.suicide_prevention_share) for q in report.quarters]
    assert shares == [(3, 2, 0.6667), (0, 0, None), (3, 0, 0.0), (3, 1, 0.3333)]
    sp_alerts = [(a.date, a.detail["meetings_held"]) for a in report.alerts
                 if a.kind == "quarter_without_suicide_prevention"]
    assert sp_alerts == [(D(2025, 6, 30), 0), (D(2025, 9, 30), 3)]


def test_weak_and_repeated_decisions_per_month() -> None:
    body = "Проверить техническое состояние школьных автобусов и наличие у водителей медицинского допуска"
    strong = DecisionRecord(text=f"{body}. Ответственный: отдел образования. Срок: до 01.03.2025.", weak=False)
    copy = DecisionRecord(text=f"{body}. Срок: постоянно.", weak=True)
    formula = DecisionRecord(text="Информацию принять к сведению.", weak=True, concrete=False)
    records = [meeting(D(2025, 1, 15), decisions=[formula, strong]),
               meeting(D(2025, 2, 14), decisions=[formula, copy, formula])]
    report = build_commission_report(records, commission_id="alga", year=2025, as_of=D(2025, 2, 28))
    assert [(r.decisions, r.weak_decisions, r.weak_share, r.repeated_decisions) for r in report.months] == \
        [(2, 1, 0.5, 0), (3, 3, 1.0, 1)]
    assert report.weak_share == 0.8
    assert report.repeated_share == 0.5  # over concrete decisions: 1 of 2
    assert report.repeated_decisions[0].earlier.date == D(2025, 1, 15)


def test_same_protocol_uploaded_twice_counts_once() -> None:
    records = monthly({m: 15 for m in range(1, 13)})
    report = build_commission_report(records + [records[4].model_copy()], commission_id="alga", year=2025)
    assert report.meetings_held == 12
    assert report.months[4].meetings_held == 1


def test_region_lists_commissions_without_protocols_and_keeps_commissions_apart() -> None:
    records = monthly({m: 15 for m in range(1, 13)}) + \
        monthly({m: 15 for m in range(1, 13)}, commission="temir", secretary="Омаров К.Т.")
    region = build_region_report(records, year=2025, commission_ids=["irgiz", "alga"],
                                 plan_duplication_shares={"alga": 0.4})
    assert [c.commission_id for c in region.commissions] == ["irgiz", "alga", "temir"]
    silent = region.commissions[0]
    assert silent.meetings_held == 0 and silent.months_without_meeting == list(range(1, 13))
    assert [a.kind for a in silent.alerts].count("quarter_without_suicide_prevention") == 4
    assert [a.kind for a in silent.alerts].count("no_meeting_over_31_days") == 1
    assert region.commissions[1].plan_duplication_share == 0.4
    assert region.commissions[1].secretary_changes == [] and region.commissions[2].secretary_changes == []
    assert len(region.alerts) == 5


def test_as_of_before_the_year_is_refused() -> None:
    with pytest.raises(ValueError):
        build_commission_report([], commission_id="alga", year=2025, as_of=D(2024, 12, 31))


def test_plan_duplication_share_is_the_largest_reuse_of_a_commissions_plan() -> None:
    from pipelines.monitoring.plan_shares import plan_duplication_shares

    pairs = [("alga_2025.docx", "temir_2025.docx", 0.8), ("alga_2025.docx", "alga_2024.docx", 0.95),
             ("irgiz_2025.pdf", "unknown.pdf", 0.3)]
    shares = plan_duplication_shares(pairs, {"alga_2025.docx": "alga", "alga_2024.docx": "alga",
                                             "temir_2025.docx": "temir", "irgiz_2025.pdf": "irgiz"})
    assert shares == {"alga": 0.95, "temir": 0.8, "irgiz": 0.3}


def test_a_scan_without_number_next_to_its_docx_is_one_meeting_but_two_numbers_are_two() -> None:
    docx = meeting(D(2025, 3, 14), number="3")
    scan = docx.model_copy(update={"number": None, "secretary": "Ахмегова А.Б."})
    extraordinary = meeting(D(2025, 3, 14), number="4")
    records = monthly({m: 15 for m in range(1, 13) if m != 3}) + [scan, docx, extraordinary]
    report = build_commission_report(records, commission_id="alga", year=2025)
    assert report.months[2].meetings_held == 2
    assert report.meetings_held == 13
