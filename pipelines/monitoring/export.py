"""The monthly monitoring report as the department files it: CSV, XLSX (openpyxl) and JSON.

Privacy decision. Chairs and secretaries are officials acting in their official capacity (a deputy akim,
a staff member of the district department); who held the post is what the turnover check is about, and
their names stand on every protocol the commission publishes. The report therefore shows them in the
short form "Ахметова А.Б." (surname and initials; never full first names or patronymics). With
``mask_officials=True`` (for copies that leave the department) surnames are masked to "А******* А.Б.",
which keeps changes visible. Children's names never appear: a ``MeetingRecord`` carries no field for
them and no decision or agenda text is exported, only counts and dates. Alert details keep no person key.

Repeated decisions are counted, and so are those of them found in translation (a Kazakh decision
re-adopting a Russian one, or the reverse): the column stays blank when the report was built without an
embedder, since those were not looked for.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from pipelines import tables
from pipelines.monitoring.names import mask_person
from pipelines.monitoring.report import CommissionYearReport, MonthlyRow, RegionYearReport

ALERT_LABELS = {
    "no_meeting_over_31_days": "Нет заседаний более 31 дня",
    "third_secretary": "Третий (и далее) секретарь за год",
    "quarter_without_suicide_prevention": "Квартал без профилактики суицида",
}

TRANSLATED_REPEATS_LABEL = "Из них в переводе (kk↔ru)"


def _translated(commission: CommissionYearReport, count: int) -> int | str:
    """Repeats found across languages; blank when the report was built without an embedder, because they
    were not looked for then and a 0 would say there were none."""
    return count if commission.cross_language_checked else ""


# (key, Russian column label, value of a monthly row)
MONTHLY_COLUMNS: list[tuple[str, str, Callable[[CommissionYearReport, MonthlyRow], object]]] = [
    ("commission_id", "Код комиссии", lambda c, r: c.commission_id),
    ("commission", "Комиссия", lambda c, r: c.commission_name or c.commission_id),
    ("year", "Год", lambda c, r: r.year),
    ("month", "Месяц", lambda c, r: r.month),
    ("meetings_held", "Заседаний проведено", lambda c, r: r.meetings_held),
    ("meetings_expected", "Заседаний положено", lambda c, r: r.meetings_expected),
    ("meeting_dates", "Даты заседаний", lambda c, r: ", ".join(d.strftime("%d.%m.%Y") for d in r.meeting_dates)),
    ("longest_gap_days", "Наибольший перерыв, дн.", lambda c, r: r.longest_gap_days),
    ("chair", "Председатель", lambda c, r: r.chair or ""),
    ("chair_changed", "Смена председателя", lambda c, r: "да" if r.chair_changed else ""),
    ("secretary", "Секретарь", lambda c, r: r.secretary or ""),
    ("secretary_changed", "Смена секретаря", lambda c, r: "да" if r.secretary_changed else ""),
    ("suicide_prevention_meetings", "Заседаний с профилактикой суицида", lambda c, r: r.suicide_prevention_meetings),
    ("decisions", "Решений", lambda c, r: r.decisions),
    ("weak_decisions", "Слабых решений", lambda c, r: r.weak_decisions),
    ("weak_share", "Доля слабых решений", lambda c, r: r.weak_share if r.weak_share is not None else ""),
    ("repeated_decisions", "Повторных решений", lambda c, r: r.repeated_decisions),
    ("repeated_cross_language", TRANSLATED_REPEATS_LABEL, lambda c, r: _translated(c, r.repeated_cross_language)),
    ("plan_duplication_share", "Доля дублирования плана",
     lambda c, r: c.plan_duplication_share if c.plan_duplication_share is not None else ""),
    ("alerts", "Оповещения", lambda c, r: "; ".join(ALERT_LABELS[a] for a in r.alerts)),
]


def masked_report(report: RegionYearReport) -> RegionYearReport:
    """A copy with officials' surnames masked and person keys dropped."""
    copy = report.model_copy(deep=True)
    for commission in copy.commissions:
        for row in commission.months:
            row.chair = "; ".join(mask_person(n) for n in row.chair.split("; ")) if row.chair else None
            row.secretary = "; ".join(mask_person(n) for n in row.secretary.split("; ")) if row.secretary else None
        for position, tenure in enumerate([*commission.secretaries, *commission.chairs], start=1):
            tenure.display, tenure.key = mask_person(tenure.display), f"person-{position}"
        for change in [*commission.secretary_changes, *commission.chair_changes]:
            change.previous, change.current = mask_person(change.previous), mask_person(change.current)
            change.previous_key = change.current_key = ""
    return copy


def _prepared(report: RegionYearReport, mask_officials: bool) -> RegionYearReport:
    return masked_report(report) if mask_officials else report


def monthly_table(report: RegionYearReport, *, labels: bool = True) -> list[list[object]]:
    """Header plus one row per commission and month."""
    header = [label if labels else key for key, label, _ in MONTHLY_COLUMNS]
    rows: list[list[object]] = [header]
    for commission in report.commissions:
        for row in commission.months:
            rows.append([value(commission, row) for _, _, value in MONTHLY_COLUMNS])
    return rows


def to_csv(report: RegionYearReport, *, mask_officials: bool = False, labels: bool = True) -> str:
    """The monthly table as CSV (UTF-8 with a BOM-free header row; Excel opens it with ';' as well)."""
    return tables.to_csv(monthly_table(_prepared(report, mask_officials), labels=labels))


def to_json(report: RegionYearReport, *, mask_officials: bool = False) -> str:
    prepared = _prepared(report, mask_officials)
    data = prepared.model_dump(mode="json")
    data["alerts"] = [a.model_dump(mode="json") for a in prepared.alerts]
    return json.dumps(data, ensure_ascii=False, indent=1)


def to_xlsx(report: RegionYearReport, *, mask_officials: bool = False) -> bytes:
    """Workbook with the sheets the department files: monthly table, quarters, summary, turnover, alerts."""
    report = _prepared(report, mask_officials)

    quarters: list[list[object]] = [["Код комиссии", "Комиссия", "Квартал", "Заседаний",
                                     "С профилактикой суицида", "Доля", "Квартал завершён"]]
    summary: list[list[object]] = [["Код комиссии", "Комиссия", "Заседаний проведено", "Заседаний положено",
                                    "Месяцы без заседаний", "Наибольший перерыв, дн.", "Секретарей за год",
                                    "Смен секретаря", "Смен председателя", "Решений", "Доля слабых решений",
                                    "Повторных решений", TRANSLATED_REPEATS_LABEL, "Доля повторных",
                                    "Доля дублирования плана", "Оповещений"]]
    turnover: list[list[object]] = [["Код комиссии", "Комиссия", "Роль", "Дата", "Было", "Стало"]]
    alerts: list[list[object]] = [["Код комиссии", "Комиссия", "Дата", "Вид", "Сообщение", "Хабарлама"]]
    for c in report.commissions:
        name = c.commission_name or c.commission_id
        for q in c.quarters:
            quarters.append([c.commission_id, name, q.quarter, q.meetings_held, q.suicide_prevention_meetings,
                             q.suicide_prevention_share if q.suicide_prevention_share is not None else "",
                             "да" if q.ended else "нет"])
        summary.append([c.commission_id, name, c.meetings_held, c.meetings_expected,
                        ", ".join(map(str, c.months_without_meeting)), c.longest_gap_days, len(c.secretaries),
                        len(c.secretary_changes), len(c.chair_changes), c.decisions,
                        c.weak_share if c.weak_share is not None else "", len(c.repeated_decisions),
                        _translated(c, sum(1 for r in c.repeated_decisions if r.cross_language)),
                        c.repeated_share if c.repeated_share is not None else "",
                        c.plan_duplication_share if c.plan_duplication_share is not None else "", len(c.alerts)])
        for role, changes in (("секретарь", c.secretary_changes), ("председатель", c.chair_changes)):
            for change in changes:
                turnover.append([c.commission_id, name, role, change.date, change.previous, change.current])
        for alert in c.alerts:
            alerts.append([c.commission_id, name, alert.date, ALERT_LABELS[alert.kind], alert.message,
                           alert.message_kk])
    return tables.to_xlsx({"Помесячно": monthly_table(report), "Кварталы": quarters, "Сводка": summary,
                           "Смены": turnover, "Оповещения": alerts})
