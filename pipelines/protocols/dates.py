"""Dates as protocols write them, in Russian and Kazakh: 14.03.2025, «14» марта 2025 года, 2025 жылғы 14 наурыз."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pipelines.protocols.cues import skeleton

# Month stems on skeletons (Kazakh folded to Russian letters), so "наурызға", "сәуірге", "марта" all match.
_MONTH_STEMS = [
    ("январ", "кантар"), ("феврал", "акпан"), ("март", "наурыз"), ("апрел", "сауир"), ("ма[яй]", "мамыр"),
    ("июн", "маусым"), ("июл", "шилде"), ("август", "тамыз"), ("сентябр", "кыркуиек"), ("октябр", "казан"),
    ("ноябр", "караша"), ("декабр", "желтоксан"),
]


def _spaced(stem: str) -> str:
    # OCR splits words ("ма я", "қыркүй ек"): allow one stray space between the letters of a month stem.
    parts = re.findall(r"\[[^\]]+\]|.", stem)
    return r"\s?".join(parts)


_MONTH_RE = "|".join(f"(?P<m{i}>{_spaced(ru)}[а-я]*|{_spaced(kk)}[а-я]*)"
                     for i, (ru, kk) in enumerate(_MONTH_STEMS, start=1))

_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})\s?[./]\s?(\d{1,2})\s?[./]\s?(\d{4}|\d{2})(?!\d)")
_DAY_MONTH = re.compile(rf"(?<!\d)«?\s?(\d{{1,2}})\s?»?\s+(?:{_MONTH_RE})(?:\s+(\d{{4}}))?")
_YEAR_FIRST = re.compile(rf"(\d{{4}})\s*(?:ж\s?ы\s?л\s?г\s?ы|ж\s?ы\s?л|ж\.?)\s*«?\s?(\d{{1,2}})\s?»?\s*(?:{_MONTH_RE})")
_SHORT = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{2})(?![\d.]*\d)")


@dataclass(frozen=True)
class FoundDate:
    date: dt.date
    start: int
    end: int
    text: str
    year_given: bool = True  # False: the year came from ``default_year`` ("до 01.03", "1 шілдеге дейін")


def _month(match: re.Match) -> int:
    return next(i for i in range(1, 13) if match.group(f"m{i}"))


def _make(year: int, month: int, day: int) -> dt.date | None:
    if year < 100:
        year += 2000
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str, *, default_year: int | None = None) -> list[FoundDate]:
    """All dates in ``text`` in order; a date with no year gets ``default_year`` (skipped when None)."""
    sk = skeleton(text)  # same length as text: translate maps one char to one char
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []

    def add(date: dt.date | None, m: re.Match, year_given: bool = True) -> None:
        if date is None or any(s < m.end() and m.start() < e for s, e in taken):
            return
        taken.append((m.start(), m.end()))
        found.append(FoundDate(date, m.start(), m.end(), text[m.start():m.end()], year_given))

    for m in _YEAR_FIRST.finditer(sk):
        add(_make(int(m.group(1)), _month(m), int(m.group(2))), m)
    for m in _NUMERIC.finditer(sk):
        add(_make(int(m.group(3)), int(m.group(2)), int(m.group(1))), m)
    for m in _DAY_MONTH.finditer(sk):
        year = m.group(m.re.groups) or default_year
        if year:
            add(_make(int(year), _month(m), int(m.group(1))), m, year_given=bool(m.group(m.re.groups)))
    if default_year:
        for m in _SHORT.finditer(sk):
            if 1 <= int(m.group(2)) <= 12:
                add(_make(default_year, int(m.group(2)), int(m.group(1))), m, year_given=False)
    return sorted(found, key=lambda f: f.start)


# Month-only deadlines: «до конца июня», «маусымның соңына дейін» (the month's last day); «до июля»,
# «шілдеге дейін» (by the month's first day).
_MONTH_PATTERNS = (  # (pattern, the month's last day?)
    (re.compile(rf"до\s+конца\s+(?:{_MONTH_RE})"), True),
    (re.compile(rf"(?:{_MONTH_RE})\s+(?:сонына|аягына)\s+деиин"), True),
    (re.compile(rf"(?<!\d)(?<!\d\s)\bдо\s+(?:{_MONTH_RE})"), False),
    (re.compile(rf"(?<!\d)(?<!\d\s)\b(?:{_MONTH_RE})\s+деиин"), False),
)


def find_month_deadline(text: str, *, ref: dt.date) -> FoundDate | None:
    """A deadline given by a month alone, dated in the year of ``ref`` (the protocol date), or the next
    year when that month is already over at ``ref`` (a November protocol's «до конца января»)."""
    sk = skeleton(text)
    for pattern, last_day in _MONTH_PATTERNS:
        for m in pattern.finditer(sk):
            month = _month(m)
            year = ref.year + (1 if month < ref.month else 0)
            if last_day:
                next_month = dt.date(year + month // 12, month % 12 + 1, 1)
                date = next_month - dt.timedelta(days=1)
            else:
                date = dt.date(year, month, 1)
            return FoundDate(date, m.start(), m.end(), text[m.start():m.end()], year_given=False)
    return None
