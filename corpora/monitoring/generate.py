"""A generated year of meeting protocols of the 13 commissions of the Aktobe region, with ground truth.

Each commission follows a hand-written *profile* (missed months, extra meetings, secretary and chair
changes, quarters without suicide prevention, share of weak decisions, decisions copied from earlier
protocols); a seeded random generator fills in days, topics, names and wording. The generator knows the
truth behind every protocol (which person a spelling belongs to, which decision is a copy of which), and
``expected_figures`` derives the monitoring figures from that truth, not from the texts.

    python -m corpora.monitoring.generate --out var/corpora/monitoring --year 2025 --seed 7 [--docx 0.3] [--pdf 0.2]
        [--translated-repeats 3]

``translated_repeats`` (default 0, which leaves every generated year exactly as before) adds, in each
commission that writes both kk and ru protocols, that many decisions re-adopting an earlier decision of
the other language in translation (the topic's parallel wording, with a secretary's small edit).

writes ``<commission>/<date>_<number>_<lang>.txt`` (or .docx / text .pdf) protocols, ``records.jsonl`` (the true
``MeetingRecord`` of each protocol) and ``expected.json``.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from corpora.monitoring.phrases import (
    EXECUTORS,
    FATHER_NAMES,
    GIVEN_NAMES,
    HEARD_PASSING_KK,
    HEARD_PASSING_RU,
    NO_DATE_DEADLINES_KK,
    NO_DATE_DEADLINES_RU,
    PLACES_KK,
    PLACES_RU,
    SPEAKERS_KK,
    SPEAKERS_RU,
    SUICIDE_TOPICS,
    SURNAMES,
    TOPICS,
    VAGUE_KK,
    VAGUE_RU,
    GivenName,
    Surname,
    Topic,
)
from pipelines.monitoring.records import DecisionRecord, MeetingRecord

GAZETTEER_PATH = Path(__file__).resolve().parent.parent / "gazetteer" / "aktobe_region.json"

MONTHS_RU_GEN = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
                 "ноября", "декабря"]
MONTHS_KK = ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан",
             "қараша", "желтоқсан"]


@dataclass(frozen=True)
class Profile:
    """What happens to one commission during the year (indices are 0-based meeting positions)."""

    language: Literal["ru", "kk", "alternate"]
    skip_months: frozenset[int] = frozenset()
    double_months: frozenset[int] = frozenset()
    secretary_segments: tuple[tuple[int, int], ...] = ((0, 0),)  # (first meeting, person slot)
    chair_segments: tuple[tuple[int, int], ...] = ((0, 0),)
    quarters_without_prevention: frozenset[int] = frozenset()
    prevention_per_quarter: int = 1
    weak_rate: float = 0.3
    repeats: int = 2
    december_before: bool = False  # a protocol of December of the previous year exists
    december_secretary_slot: int = 0
    meeting_without_secretary: int | None = None  # a protocol with no secretary line
    early_late: tuple[int, int] | None = None  # (month meeting early, next month meeting late): a >31-day gap


PROFILES: dict[str, Profile] = {
    "aktobe-city": Profile("ru", double_months=frozenset({3, 9}), weak_rate=0.15, repeats=2, december_before=True,
                           prevention_per_quarter=2),
    "aitekebi": Profile("kk", skip_months=frozenset({7}), secretary_segments=((0, 0), (4, 1)),
                        quarters_without_prevention=frozenset({3}), weak_rate=0.35, repeats=3),
    "alga": Profile("alternate", secretary_segments=((0, 0), (3, 1), (8, 2)), weak_rate=0.25, repeats=2),
    "baiganin": Profile("kk", skip_months=frozenset({2, 3}), quarters_without_prevention=frozenset({1}),
                        weak_rate=0.5, repeats=4),
    "irgiz": Profile("kk", skip_months=frozenset({12}), secretary_segments=((0, 0), (5, 1), (7, 0)),
                     chair_segments=((0, 0), (6, 1)), weak_rate=0.3, repeats=1, december_before=True,
                     december_secretary_slot=2),
    "kargaly": Profile("ru", secretary_segments=((0, 0), (2, 1), (5, 2), (9, 3)),
                       quarters_without_prevention=frozenset({2, 4}), weak_rate=0.2, repeats=2),
    "martuk": Profile("alternate", skip_months=frozenset({1}), weak_rate=0.4, repeats=3,
                      meeting_without_secretary=5),
    "mugalzhar": Profile("ru", double_months=frozenset({6}), secretary_segments=((0, 0), (6, 1)),
                         chair_segments=((0, 0), (4, 1)), weak_rate=0.1, repeats=0, prevention_per_quarter=2),
    "temir": Profile("kk", skip_months=frozenset({5, 10}), quarters_without_prevention=frozenset({2, 3}),
                     weak_rate=0.6, repeats=5),
    "uil": Profile("kk", secretary_segments=((0, 0), (1, 1), (2, 0), (3, 1)), weak_rate=0.3, repeats=1,
                   early_late=(4, 5)),
    "khobda": Profile("alternate", skip_months=frozenset({8, 9, 10}), secretary_segments=((0, 0), (4, 1), (6, 2)),
                      quarters_without_prevention=frozenset({3}), weak_rate=0.45, repeats=2),
    "khromtau": Profile("ru", double_months=frozenset({11}), weak_rate=0.2, repeats=3, december_before=True),
    "shalkar": Profile("kk", skip_months=frozenset({4}), secretary_segments=((0, 0), (8, 1)),
                       quarters_without_prevention=frozenset({4}), weak_rate=0.3, repeats=2),
}


@dataclass(frozen=True)
class Person:
    """A fictional official; ``id`` is the truth monitoring must recover from the spellings."""

    id: str
    surname: Surname
    given: GivenName
    father: tuple[str, str]

    def _surname(self, language: str) -> str:
        base = self.surname.kk if language == "kk" else self.surname.ru
        return base + "а" if self.given.female else base

    def _initials(self, language: str) -> str:
        given = self.given.kk if language == "kk" else self.given.ru
        father = self.father[1] if language == "kk" else self.father[0]
        return f"{given[0]}.{father[0]}."

    def _patronymic(self, language: str) -> str:
        if language == "kk":
            return self.father[1] + ("қызы" if self.given.female else "ұлы")
        return self.father[0] + ("овна" if self.given.female else "ович")

    def written(self, language: str, rng: random.Random, *, genitive: bool = False) -> str:
        """One of the ways a protocol writes this name."""
        if genitive:  # Russian "под председательством ... Ахметовой А.Б."
            surname = self._surname("ru")
            surname = surname[:-1] + "ой" if self.given.female else surname + "а"
            if rng.random() < 0.5:
                return f"{surname} {self._initials('ru')}"
            given = self.given.ru if self.given.female and not self.given.ru.endswith("а") else (
                self.given.ru[:-1] + "ы" if self.given.ru.endswith("а") else self.given.ru + "а")
            patronymic = self._patronymic("ru")
            patronymic = patronymic[:-1] + "ы" if self.given.female else patronymic + "а"
            return f"{surname} {given} {patronymic}"
        other = "ru" if language == "kk" else "kk"
        forms = [
            f"{self._surname(language)} {self._initials(language)}",
            f"{self._initials(language)} {self._surname(language)}",
            f"{self._surname(language)} {self.given.kk if language == 'kk' else self.given.ru} "
            f"{self._patronymic(language)}",
            f"{self._surname(other)} {self._initials(other)}",  # the other language's spelling
            f"{self._surname(language)} {self.given.kk if language == 'kk' else self.given.ru} {self._patronymic('kk')}",
        ]
        return rng.choices(forms, weights=[5, 2, 2, 1, 1])[0]

    def signature(self, language: str) -> str:
        return f"{self._initials(language)} {self._surname(language)}"


@dataclass
class PlannedDecision:
    text: str
    weak: bool
    concrete: bool
    executor: str | None
    deadline: dt.date | None
    deadline_text: str | None
    body: str  # the decision wording without executor and deadline
    repeat_of: tuple[int, int] | None = None  # (meeting position in history, decision index 1-based)
    topic_key: str | None = None
    translated: bool = False  # a copy written in the other language than its source


@dataclass
class PlannedItem:
    title: str
    decisions: list[PlannedDecision]
    suicide_prevention: bool
    passing_mention: bool = False


@dataclass
class PlannedMeeting:
    commission_id: str
    date: dt.date
    number: str
    language: Literal["ru", "kk"]
    chair: Person
    secretary: Person | None
    chair_written: str
    secretary_written: str | None
    items: list[PlannedItem] = field(default_factory=list)
    extraordinary: bool = False
    chair_genitive: bool = False  # written "Под председательством ... Ахметовой А.Б."
    file_stem: str = ""

    @property
    def suicide_prevention(self) -> bool:
        return any(item.suicide_prevention for item in self.items)

    @property
    def decisions(self) -> list[PlannedDecision]:
        return [d for item in self.items for d in item.decisions]

    def record(self) -> MeetingRecord:
        return MeetingRecord(
            commission_id=self.commission_id, date=self.date, number=self.number, chair=self.chair_written,
            secretary=self.secretary_written, agenda_titles=[item.title for item in self.items],
            has_suicide_prevention_item=self.suicide_prevention,
            decisions=[DecisionRecord(text=d.text, weak=d.weak, concrete=d.concrete, executor=d.executor,
                                      deadline=d.deadline) for d in self.decisions],
            language=self.language, source=self.file_stem,
        )


@dataclass(frozen=True)
class Commission:
    id: str
    ru: str  # "Алгинский район", "г. Актобе"
    kk: str  # "Алға ауданы", "Ақтөбе қаласы"
    ru_genitive: str  # "Алгинского района", "города Актобе"
    kind: str


def load_commissions() -> list[Commission]:
    """The 13 commissions, named as in the shared gazetteer (corpora/gazetteer)."""
    data = json.loads(GAZETTEER_PATH.read_text(encoding="utf-8"))
    commissions = []
    for entry in data["districts"]:
        if entry["kind"] == "city":
            genitive = "города " + entry["ru_city"][0]
        else:
            genitive = entry["ru_adjective_stem"][0] + "ого района"
        commissions.append(Commission(id=entry["id"], ru=entry["ru"], kk=entry["kk"], ru_genitive=genitive,
                                      kind=entry["kind"]))
    return commissions


# --- expected figures ----------------------------------------------------------------------------------

class ExpectedMonth(BaseModel):
    meetings_held: int
    longest_gap_days: int
    secretary_changed: bool
    chair_changed: bool
    suicide_prevention_meetings: int
    decisions: int
    weak_decisions: int
    repeated_decisions: int


class ExpectedCopy(BaseModel):
    """A copied decision and its source: (meeting date, 1-based decision index) each."""

    date: dt.date
    index: int
    source_date: dt.date
    source_index: int
    translated: bool = False


class ExpectedCommission(BaseModel):
    commission_id: str
    meetings_held: int
    months: dict[int, ExpectedMonth]
    distinct_secretaries: int
    secretary_change_dates: list[dt.date]
    chair_change_dates: list[dt.date]
    quarter_prevention: dict[int, tuple[int, int]]  # quarter -> (meetings held, with suicide prevention)
    weak_decisions: int
    decisions: int
    repeated_decisions: int
    alerts: list[tuple[str, dt.date]]  # (kind, date), sorted
    copies: list[ExpectedCopy] = []  # the injected copies made in the year, with their sources


class GeneratedProtocol(BaseModel):
    file_name: str
    commission_id: str
    language: str
    text: str
    record: MeetingRecord
    in_year: bool


class GeneratedYear(BaseModel):
    year: int
    seed: int
    protocols: list[GeneratedProtocol]
    expected: dict[str, ExpectedCommission]
    commission_names: dict[str, str]

    @property
    def records(self) -> list[MeetingRecord]:
        return [p.record for p in self.protocols]


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def expected_figures(meetings: list[PlannedMeeting], *, commission_id: str, year: int) -> ExpectedCommission:
    """Monitoring figures from the generator's truth: person ids, planned flags, injected copies."""
    history = sorted(meetings, key=lambda m: m.date)
    in_year = [m for m in history if m.date.year == year]
    before = [m for m in history if m.date.year < year]
    period_start, period_end = dt.date(year, 1, 1), dt.date(year, 12, 31)

    def changes(role: str) -> list[dt.date]:
        dates, previous = [], None
        for meeting in history:
            person = getattr(meeting, role)
            if person is None:
                continue
            if previous is not None and person.id != previous and meeting.date.year == year:
                dates.append(meeting.date)
            previous = person.id
        return dates

    secretary_changes, chair_changes = changes("secretary"), changes("chair")
    alerts: list[tuple[str, dt.date]] = []

    # No meeting for more than 31 days: walk day by day, the truth needs no gap arithmetic.
    last = before[-1].date if before else period_start
    meeting_days = {m.date for m in in_year}
    alerted = False
    day = period_start
    while day <= period_end:
        if day in meeting_days:
            last, alerted = day, False
        elif (day - last).days > 31 and not alerted:
            alerts.append(("no_meeting_over_31_days", day))
            alerted = True
        day += dt.timedelta(days=1)

    seen: list[str] = []
    for meeting in in_year:
        if meeting.secretary is not None and meeting.secretary.id not in seen:
            seen.append(meeting.secretary.id)
            if len(seen) >= 3:
                alerts.append(("third_secretary", meeting.date))

    quarter_prevention: dict[int, tuple[int, int]] = {}
    for quarter in range(1, 5):
        in_quarter = [m for m in in_year if (m.date.month - 1) // 3 + 1 == quarter]
        prevention = sum(m.suicide_prevention for m in in_quarter)
        quarter_prevention[quarter] = (len(in_quarter), prevention)
        if prevention == 0:
            alerts.append(("quarter_without_suicide_prevention", _month_end(year, 3 * quarter)))

    months: dict[int, ExpectedMonth] = {}
    for month in range(1, 13):
        start, end = dt.date(year, month, 1), _month_end(year, month)
        in_month = [m for m in in_year if m.date.month == month]
        if in_month:
            gaps = []
            for meeting in in_month:
                earlier = [m.date for m in history if m.date < meeting.date]
                gaps.append((meeting.date - (earlier[-1] if earlier else period_start)).days)
            longest = max(gaps)
        else:
            earlier = [m.date for m in history if m.date <= end]
            longest = (end - (earlier[-1] if earlier else period_start)).days
        decisions = [d for m in in_month for d in m.decisions]
        months[month] = ExpectedMonth(
            meetings_held=len(in_month), longest_gap_days=longest,
            secretary_changed=any(start <= d <= end for d in secretary_changes),
            chair_changed=any(start <= d <= end for d in chair_changes),
            suicide_prevention_meetings=sum(m.suicide_prevention for m in in_month),
            decisions=len(decisions), weak_decisions=sum(d.weak for d in decisions),
            repeated_decisions=sum(d.repeat_of is not None for d in decisions),
        )
    all_decisions = [d for m in in_year for d in m.decisions]
    copies = [ExpectedCopy(date=m.date, index=index, source_date=meetings[d.repeat_of[0]].date,
                           source_index=d.repeat_of[1], translated=d.translated)
              for m in in_year for index, d in enumerate(m.decisions, 1) if d.repeat_of is not None]
    return ExpectedCommission(
        commission_id=commission_id, meetings_held=len(in_year), months=months,
        distinct_secretaries=len({m.secretary.id for m in in_year if m.secretary}),
        secretary_change_dates=secretary_changes, chair_change_dates=chair_changes,
        quarter_prevention=quarter_prevention, weak_decisions=sum(d.weak for d in all_decisions),
        decisions=len(all_decisions), repeated_decisions=sum(d.repeat_of is not None for d in all_decisions),
        alerts=sorted(alerts, key=lambda a: (a[1], a[0])), copies=copies,
    )


# --- planning ------------------------------------------------------------------------------------------

def _people(rng: random.Random, commission_id: str, count: int, used_surnames: set[str]) -> list[Person]:
    people = []
    for slot in range(count):
        surname = rng.choice([s for s in SURNAMES if s.ru not in used_surnames])
        used_surnames.add(surname.ru)
        people.append(Person(id=f"{commission_id}:{slot}:{surname.ru}", surname=surname,
                             given=rng.choice(GIVEN_NAMES), father=rng.choice(FATHER_NAMES)))
    return people


def _person_at(segments: tuple[tuple[int, int], ...], position: int) -> int:
    slot = segments[0][1]
    for start, segment_slot in segments:
        if position >= start:
            slot = segment_slot
    return slot


def _schedule(rng: random.Random, profile: Profile, year: int) -> list[tuple[dt.date, bool]]:
    base_day = rng.randint(12, 18)
    dates: list[tuple[dt.date, bool]] = []
    for month in range(1, 13):
        if month in profile.skip_months:
            continue
        day = base_day + rng.randint(-1, 1)
        if profile.early_late and month == profile.early_late[0]:
            day = 3
        if profile.early_late and month == profile.early_late[1]:
            day = 27
        dates.append((dt.date(year, month, day), False))
        if month in profile.double_months:
            dates.append((dt.date(year, month, min(day + 9, 28)), True))
    return dates


def _deadline_after(rng: random.Random, date: dt.date) -> dt.date:
    return date + dt.timedelta(days=rng.choice([14, 20, 30, 31, 45, 60, 90]))


def _fmt_date(date: dt.date) -> str:
    return date.strftime("%d.%m.%Y")


def _decision(rng: random.Random, body: str, language: str, meeting_date: dt.date, *, weak: bool,
              topic_key: str | None) -> PlannedDecision:
    """A concrete decision, made weak (if asked) by dropping the executor or the date of the deadline."""
    executor_ru, executor_kk = rng.choice(EXECUTORS)
    executor: str | None = executor_kk if language == "kk" else executor_ru
    deadline: dt.date | None = _deadline_after(rng, meeting_date)
    if weak:
        if rng.random() < 0.5:
            executor = None
        else:
            deadline = None
    if language == "kk":
        deadline_text = (f"{_fmt_date(deadline)} дейін" if deadline else rng.choice(NO_DATE_DEADLINES_KK))
        if rng.random() < 0.5:
            tail = (f" Жауапты: {executor}." if executor else "") + f" Мерзімі: {deadline_text}."
        else:
            parts = ([f"жауапты: {executor}"] if executor else []) + [f"мерзімі: {deadline_text}"]
            tail = " (" + "; ".join(parts) + ")."
    else:
        deadline_text = (f"до {_fmt_date(deadline)}" if deadline else rng.choice(NO_DATE_DEADLINES_RU))
        if rng.random() < 0.5:
            tail = (f" Ответственный: {executor}." if executor else "") + f" Срок: {deadline_text}."
        else:
            parts = ([f"ответственный: {executor}"] if executor else []) + [f"срок: {deadline_text}"]
            tail = " (" + "; ".join(parts) + ")."
    text = body.rstrip(".") + ("." if tail.startswith(" ") and not tail.startswith(" (") else "") + tail
    return PlannedDecision(text=text, weak=weak, concrete=True, executor=executor, deadline=deadline,
                           deadline_text=deadline_text, body=body, topic_key=topic_key)


def _vague(rng: random.Random, language: str) -> PlannedDecision:
    text = rng.choice(VAGUE_KK if language == "kk" else VAGUE_RU)
    return PlannedDecision(text=text, weak=True, concrete=False, executor=None, deadline=None, deadline_text=None,
                           body=text)


def _copy_edit(rng: random.Random, body: str, language: str) -> str:
    """A near-duplicate of an earlier decision's wording, as secretaries make them."""
    edit = rng.randrange(4)
    if edit == 0:
        return body
    if edit == 1:
        prefix = rng.choice(["Қосымша", "Қайтадан"]) if language == "kk" else rng.choice(["Повторно", "Дополнительно"])
        return f"{prefix} {body[0].lower()}{body[1:]}"
    if edit == 2:
        return body.replace(" и ", ", а также ", 1) if language == "ru" else body.replace(" мен ", " және ", 1)
    return body.replace(",", "")


def plan_commission(rng: random.Random, commission: Commission, profile: Profile, year: int, *,
                    translated_repeats: int = 0) -> list[PlannedMeeting]:
    used: set[str] = set()
    chairs = _people(rng, commission.id, 1 + max(s for _, s in profile.chair_segments), used)
    secretaries = _people(rng, commission.id, 1 + max(
        [s for _, s in profile.secretary_segments] + [profile.december_secretary_slot]), used)
    topics = rng.sample(TOPICS, len(TOPICS))
    prevention_topics = rng.sample(SUICIDE_TOPICS, len(SUICIDE_TOPICS))

    schedule = _schedule(rng, profile, year)
    if profile.december_before:
        schedule.insert(0, (dt.date(year - 1, 12, rng.randint(14, 20)), False))
    in_year_positions = [i for i, (d, _) in enumerate(schedule) if d.year == year]

    # Which in-year meetings carry a suicide-prevention item.
    prevention: set[int] = set()
    for quarter in range(1, 5):
        if quarter in profile.quarters_without_prevention:
            continue
        candidates = [i for i in in_year_positions if (schedule[i][0].month - 1) // 3 + 1 == quarter]
        prevention.update(rng.sample(candidates, min(profile.prevention_per_quarter, len(candidates))))

    meetings: list[PlannedMeeting] = []
    number_in_year = {year - 1: 11, year: 0}
    for position, (date, extraordinary) in enumerate(schedule):
        number_in_year[date.year] += 1
        in_year_index = in_year_positions.index(position) if position in in_year_positions else None
        language: Literal["ru", "kk"]
        if profile.language == "alternate":
            language = "kk" if date.month % 2 else "ru"
        else:
            language = profile.language
        if in_year_index is None:
            secretary_slot, chair_slot = profile.december_secretary_slot, profile.chair_segments[0][1]
        else:
            secretary_slot = _person_at(profile.secretary_segments, in_year_index)
            chair_slot = _person_at(profile.chair_segments, in_year_index)
        secretary: Person | None = secretaries[secretary_slot]
        if profile.meeting_without_secretary is not None and in_year_index == profile.meeting_without_secretary:
            secretary = None
        chair = chairs[chair_slot]
        genitive_chair = language == "ru" and rng.random() < 0.3
        meeting = PlannedMeeting(
            commission_id=commission.id, date=date, number=str(number_in_year[date.year]), language=language,
            chair=chair, secretary=secretary,
            chair_written=chair.written(language, rng, genitive=genitive_chair),
            secretary_written=secretary.written(language, rng) if secretary else None,
            extraordinary=extraordinary, chair_genitive=genitive_chair,
        )
        item_count = rng.randint(2, 4)
        for item_position in range(item_count):
            is_prevention = position in prevention and item_position == 0
            topic = prevention_topics.pop() if is_prevention else topics.pop()
            meeting.items.append(_item(rng, topic, language, date, profile, suicide=is_prevention,
                                       topic_key=None if is_prevention else topic.title_ru))
        rng.shuffle(meeting.items)
        meetings.append(meeting)

    protected = _inject_repeats(rng, meetings, profile, year)
    if translated_repeats:  # after the same-language copies, so a year without them draws the same numbers
        _inject_translated_repeats(rng, meetings, profile, year, translated_repeats, protected)
    return meetings


def _item(rng: random.Random, topic: Topic, language: str, date: dt.date, profile: Profile, *, suicide: bool,
          topic_key: str | None) -> PlannedItem:
    title = topic.title_kk if language == "kk" else topic.title_ru
    body = topic.decision_kk if language == "kk" else topic.decision_ru
    decisions: list[PlannedDecision] = []
    if rng.random() < 0.35:
        decisions.append(_vague(rng, language))
    if rng.random() < profile.weak_rate * 0.3:
        decisions.append(_vague(rng, language))  # an item decided with a formula only
    else:
        decisions.append(_decision(rng, body, language, date, weak=rng.random() < profile.weak_rate,
                                   topic_key=topic_key))
    return PlannedItem(title=title, decisions=decisions, suicide_prevention=suicide,
                       passing_mention=not suicide and rng.random() < 0.15)


def _inject_repeats(rng: random.Random, meetings: list[PlannedMeeting], profile: Profile, year: int) -> set[int]:
    """Replace fresh items of later meetings by copies of concrete decisions of earlier meetings."""
    targets = [i for i, m in enumerate(meetings) if m.date.year == year and i > 0]
    rng.shuffle(targets)
    injected = 0
    protected: set[int] = set()  # ids of decisions copied so far: their items must stay
    for target in targets:
        if injected == profile.repeats:
            break
        meeting = meetings[target]
        sources = [
            (source, index) for source in range(target) for index, d in enumerate(meetings[source].decisions, 1)
            if meetings[source].language == meeting.language and d.concrete and d.repeat_of is None
            and d.topic_key is not None
        ]
        replaceable = [item for item in meeting.items if not item.suicide_prevention
                       and not any(id(d) in protected for d in item.decisions)]
        if not sources or not replaceable:
            continue
        source, index = rng.choice(sources)
        original = meetings[source].decisions[index - 1]
        item = rng.choice(replaceable)
        source_item = next(it for it in meetings[source].items if original in it.decisions)
        copied = _decision(rng, _copy_edit(rng, original.body, meeting.language), meeting.language, meeting.date,
                           weak=rng.random() < profile.weak_rate, topic_key=None)
        copied.repeat_of = (source, index)
        protected.add(id(original))
        protected.add(id(copied))
        item.title = source_item.title
        item.decisions = [d for d in item.decisions if not d.concrete] + [copied]
        injected += 1
    return protected


_TOPIC_BY_KEY = {topic.title_ru: topic for topic in TOPICS}


def _inject_translated_repeats(rng: random.Random, meetings: list[PlannedMeeting], profile: Profile, year: int,
                               count: int, protected: set[int]) -> None:
    """Replace fresh items of later meetings by translations of concrete decisions of earlier meetings
    in the other language (only commissions that write both languages have any)."""
    targets = [i for i, m in enumerate(meetings) if m.date.year == year and i > 0]
    rng.shuffle(targets)
    injected = 0
    for target in targets:
        if injected == count:
            break
        meeting = meetings[target]
        sources = [
            (source, index) for source in range(target) for index, d in enumerate(meetings[source].decisions, 1)
            if meetings[source].language != meeting.language and meetings[source].date < meeting.date
            and d.concrete and d.repeat_of is None and d.topic_key in _TOPIC_BY_KEY
        ]
        # Only an item with one concrete decision (its last) is replaced: the meeting keeps its decision
        # count and order, so the (meeting, index) of copies already made still point at their sources.
        replaceable = [item for item in meeting.items if not item.suicide_prevention
                       and sum(d.concrete for d in item.decisions) == 1 and item.decisions[-1].concrete
                       and not any(id(d) in protected or d.repeat_of is not None for d in item.decisions)]
        if not sources or not replaceable:
            continue
        source, index = rng.choice(sources)
        original = meetings[source].decisions[index - 1]
        topic = _TOPIC_BY_KEY[original.topic_key]  # type: ignore[index]
        body = topic.decision_kk if meeting.language == "kk" else topic.decision_ru
        item = rng.choice(replaceable)
        copied = _decision(rng, _copy_edit(rng, body, meeting.language), meeting.language, meeting.date,
                           weak=rng.random() < profile.weak_rate, topic_key=None)
        copied.repeat_of, copied.translated = (source, index), True
        protected.add(id(original))
        protected.add(id(copied))
        item.title = topic.title_kk if meeting.language == "kk" else topic.title_ru
        item.decisions = [d for d in item.decisions if not d.concrete] + [copied]
        injected += 1


# --- rendering -----------------------------------------------------------------------------------------

def _date_ru(rng: random.Random, date: dt.date) -> str:
    return rng.choice([f"от {_fmt_date(date)} г.", f"{date.day} {MONTHS_RU_GEN[date.month - 1]} {date.year} года",
                       f"«{date.day:02d}» {MONTHS_RU_GEN[date.month - 1]} {date.year} г."])


def _date_kk(rng: random.Random, date: dt.date) -> str:
    return rng.choice([f"{date.year} жылғы {date.day} {MONTHS_KK[date.month - 1]}", f"{_fmt_date(date)} ж."])


def render_protocol(rng: random.Random, meeting: PlannedMeeting, commission: Commission) -> str:
    if meeting.language == "kk":
        return _render_kk(rng, meeting, commission)
    return _render_ru(rng, meeting, commission)


def _members(rng: random.Random, language: str, count: int) -> list[str]:
    names = []
    for _ in range(count):
        surname = rng.choice(SURNAMES)
        given = rng.choice(GIVEN_NAMES)
        father = rng.choice(FATHER_NAMES)
        person = Person(id="", surname=surname, given=given, father=father)
        names.append(person.written(language, rng))
    return names


def _render_ru(rng: random.Random, meeting: PlannedMeeting, commission: Commission) -> str:
    city = "г. Актобе" if commission.kind == "city" else commission.ru
    kind = "внеочередного заседания" if meeting.extraordinary else "заседания"
    lines = [f"ПРОТОКОЛ № {meeting.number}",
             f"{kind} комиссии по делам несовершеннолетних и защите их прав при акимате {commission.ru_genitive}",
             "", f"{_date_ru(rng, meeting.date)}\t\t\t\t{city}",
             f"Место проведения: {rng.choice(PLACES_RU)}", ""]
    position = "заместитель акима города" if commission.kind == "city" else "заместитель акима района"
    if meeting.chair_genitive:
        lines.append(f"Под председательством заместителя акима {'города' if commission.kind == 'city' else 'района'} "
                     f"{meeting.chair_written}")
    else:
        lines.append(rng.choice([f"Председатель: {position} {meeting.chair_written}",
                                 f"Председательствовал: {meeting.chair_written}",
                                 f"Председатель комиссии – {meeting.chair_written}"]))
    if meeting.secretary_written:
        lines.append(rng.choice([f"Секретарь: {meeting.secretary_written}",
                                 f"Секретарь комиссии: {meeting.secretary_written}",
                                 f"Секретарь заседания – {meeting.secretary_written}"]))
    members = _members(rng, "ru", rng.randint(5, 9))
    lines += ["", "Присутствовали члены комиссии: " + ", ".join(members).rstrip(".") + ".",
              "Кворум имеется. Заседание правомочно.", "", "ПОВЕСТКА ДНЯ:"]
    lines += [f"{i}. {item.title}." for i, item in enumerate(meeting.items, 1)]
    for i, item in enumerate(meeting.items, 1):
        speaker = rng.choice(SPEAKERS_RU)
        reporter = _members(rng, "ru", 1)[0]
        heard = f"СЛУШАЛИ: {reporter} – {speaker}, проинформировал(а) о проделанной работе по вопросу."
        if item.passing_mention:
            heard += " " + HEARD_PASSING_RU
        lines += ["", f"{i}. {item.title}", heard, rng.choice(["ПОСТАНОВИЛИ:", "РЕШИЛИ:"])]
        lines += [f"{i}.{j}. {d.text}" if rng.random() < 0.5 else f"{j}) {d.text}"
                  for j, d in enumerate(item.decisions, 1)]
        votes = len(members) + 2
        lines.append(f"Голосовали: за – {votes}, против – 0, воздержались – 0.")
    lines += ["", f"Председатель\t\t________________\t{meeting.chair.signature('ru')}"]
    if meeting.secretary is not None:
        lines.append(f"Секретарь\t\t________________\t{meeting.secretary.signature('ru')}")
    return "\n".join(lines) + "\n"


def _render_kk(rng: random.Random, meeting: PlannedMeeting, commission: Commission) -> str:
    city = "Ақтөбе қ." if commission.kind == "city" else commission.kk
    kind = "кезектен тыс отырысының" if meeting.extraordinary else "отырысының"
    akimat = f"{commission.kk} әкімдігі"
    lines = [f"{akimat} жанындағы кәмелетке толмағандардың істері және олардың құқықтарын қорғау жөніндегі комиссия "
             f"{kind}", f"№ {meeting.number} ХАТТАМАСЫ", "",
             f"{_date_kk(rng, meeting.date)}\t\t\t\t{city}", f"Өткізілген орны: {rng.choice(PLACES_KK)}", ""]
    position = "қала әкімінің орынбасары" if commission.kind == "city" else "аудан әкімінің орынбасары"
    lines.append(rng.choice([f"Төраға: {position} {meeting.chair_written}",
                             f"Төрағалық етуші: {meeting.chair_written}",
                             f"Комиссия төрағасы – {meeting.chair_written}"]))
    if meeting.secretary_written:
        lines.append(rng.choice([f"Хатшы: {meeting.secretary_written}",
                                 f"Комиссия хатшысы: {meeting.secretary_written}"]))
    members = _members(rng, "kk", rng.randint(5, 9))
    lines += ["", "Қатысқандар: " + ", ".join(members).rstrip(".") + ".", "Кворум бар. Отырыс шешім қабылдауға құқылы.", "",
              "КҮН ТӘРТІБІ:"]
    lines += [f"{i}. {item.title}." for i, item in enumerate(meeting.items, 1)]
    for i, item in enumerate(meeting.items, 1):
        speaker = rng.choice(SPEAKERS_KK)
        reporter = _members(rng, "kk", 1)[0]
        heard = f"ТЫҢДАЛДЫ: {speaker} {reporter} атқарылған жұмыс туралы баяндады."
        if item.passing_mention:
            heard += " " + HEARD_PASSING_KK
        lines += ["", f"{i}. {item.title}", heard, rng.choice(["ҚАУЛЫ ЕТТІ:", "ШЕШТІК:", "Шешім:"])]
        lines += [f"{i}.{j}. {d.text}" if rng.random() < 0.5 else f"{j}) {d.text}"
                  for j, d in enumerate(item.decisions, 1)]
        votes = len(members) + 2
        lines.append(f"Дауыс беру: жақтап – {votes}, қарсы – 0, қалыс – 0.")
    lines += ["", f"Төраға\t\t________________\t{meeting.chair.signature('kk')}"]
    if meeting.secretary is not None:
        lines.append(f"Хатшы\t\t________________\t{meeting.secretary.signature('kk')}")
    return "\n".join(lines) + "\n"


# --- the year ------------------------------------------------------------------------------------------

def generate_year(*, year: int = 2025, seed: int = 7, translated_repeats: int = 0) -> GeneratedYear:
    """Protocols, true records and expected monitoring figures of all 13 commissions for ``year``.

    ``translated_repeats``: per commission writing both languages, decisions copied in translation
    (0: the year is exactly the one generated before this option existed)."""
    rng = random.Random(seed)
    protocols: list[GeneratedProtocol] = []
    expected: dict[str, ExpectedCommission] = {}
    names: dict[str, str] = {}
    for commission in load_commissions():
        profile = PROFILES[commission.id]
        meetings = plan_commission(rng, commission, profile, year, translated_repeats=translated_repeats)
        names[commission.id] = commission.ru
        for meeting in meetings:
            meeting.file_stem = f"{commission.id}/{meeting.date.isoformat()}_{meeting.number}_{meeting.language}"
            text = render_protocol(rng, meeting, commission)
            protocols.append(GeneratedProtocol(file_name=meeting.file_stem + ".txt", commission_id=commission.id,
                                               language=meeting.language, text=text, record=meeting.record(),
                                               in_year=meeting.date.year == year))
        expected[commission.id] = expected_figures(meetings, commission_id=commission.id, year=year)
    return GeneratedYear(year=year, seed=seed, protocols=protocols, expected=expected, commission_names=names)


def _write_docx(path: Path, text: str) -> None:
    import docx  # python-docx; only needed when --docx is asked for

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(str(path))


def write_year(generated: GeneratedYear, out_dir: Path, *, docx_share: float = 0.0,
               pdf_share: float = 0.0) -> list[Path]:
    """Write the protocols (txt; docx for ``docx_share`` and text PDF for ``pdf_share`` of them),
    records.jsonl and expected.json."""
    rng = random.Random(generated.seed)
    written: list[Path] = []
    for protocol in generated.protocols:
        path = out_dir / protocol.file_name
        path.parent.mkdir(parents=True, exist_ok=True)
        draw = rng.random()
        if draw < docx_share:
            path = path.with_suffix(".docx")
            _write_docx(path, protocol.text)
        elif draw < docx_share + pdf_share:
            from corpora.render import render_pdf  # reportlab; only needed when PDFs are asked for

            path = path.with_suffix(".pdf")
            render_pdf(protocol.text.replace("\t", " ").splitlines(), path=path)
        else:
            path.write_text(protocol.text, encoding="utf-8")
        written.append(path)
    with (out_dir / "records.jsonl").open("w", encoding="utf-8") as handle:
        for protocol in generated.protocols:
            handle.write(protocol.record.model_dump_json() + "\n")
    (out_dir / "expected.json").write_text(
        json.dumps({cid: e.model_dump(mode="json") for cid, e in generated.expected.items()}, ensure_ascii=False,
                   indent=1), encoding="utf-8")
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--docx", type=float, default=0.0, help="share of protocols written as .docx")
    parser.add_argument("--pdf", type=float, default=0.0, help="share of protocols written as text .pdf")
    parser.add_argument("--translated-repeats", type=int, default=0,
                        help="per kk+ru commission, decisions copied in translation from the other language")
    args = parser.parse_args(argv)
    generated = generate_year(year=args.year, seed=args.seed, translated_repeats=args.translated_repeats)
    paths = write_year(generated, args.out, docx_share=args.docx, pdf_share=args.pdf)
    print(f"{len(paths)} protocols of {len(generated.expected)} commissions -> {args.out}")  # noqa: T201


if __name__ == "__main__":
    main()
