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

    def add(date: dt.date | None, m: re.Match) -> None:
        if date is None or any(s < m.end() and m.start() < e for s, e in taken):
            return
        taken.append((m.start(), m.end()))
        found.append(FoundDate(date, m.start(), m.end(), text[m.start():m.end()]))

    for m in _YEAR_FIRST.finditer(sk):
        add(_make(int(m.group(1)), _month(m), int(m.group(2))), m)
    for m in _NUMERIC.finditer(sk):
        add(_make(int(m.group(3)), int(m.group(2)), int(m.group(1))), m)
    for m in _DAY_MONTH.finditer(sk):
        year = m.group(m.re.groups) or default_year
        if year:
            add(_make(int(year), _month(m), int(m.group(1))), m)
    if default_year:
        for m in _SHORT.finditer(sk):
            if 1 <= int(m.group(2)) <= 12:
                add(_make(default_year, int(m.group(2)), int(m.group(1))), m)
    return sorted(found, key=lambda f: f.start)
