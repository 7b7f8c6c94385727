"""Document metadata: the commission's district, the date, the protocol number and the plan year.

The header (the first lines) is searched first because the body of a protocol names other places and
dates (deadlines, previous meetings); the whole text is the fallback.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from corpora.gazetteer import DistrictMention, find_districts
from pipelines.extract.document import DocumentMetadata
from pipelines.types import DocType, Language

HEADER_CHARS = 1200

_RU_MONTHS = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7, "август": 8,
    "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}
_KK_MONTHS = {
    "қаңтар": 1, "ақпан": 2, "наурыз": 3, "сәуір": 4, "мамыр": 5, "маусым": 6, "шілде": 7, "тамыз": 8,
    "қыркүйек": 9, "қазан": 10, "қараша": 11, "желтоқсан": 12,
}
_RU_MONTH_RE = r"(январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|августа?|сентябр[ья]|октябр[ья]|ноябр[ья]|декабр[ья])"
_KK_MONTH_RE = r"(қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан)[а-яәғқңөұүһі]*"
_Q = r"[«\"“]?"
_Q2 = r"[»\"”]?"
_DATE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "iso"),
    (re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})\b"), "dmy"),
    (re.compile(rf"{_Q}(\d{{1,2}}){_Q2}\s+{_RU_MONTH_RE}\s+(\d{{4}})", re.IGNORECASE), "ru"),
    (re.compile(rf"(\d{{4}})\s*(?:ж\.|жылғы|жыл)\s*{_Q}(\d{{1,2}}){_Q2}\s*{_KK_MONTH_RE}", re.IGNORECASE), "kk_ydm"),
    (re.compile(rf"{_Q}(\d{{1,2}}){_Q2}\s+{_KK_MONTH_RE}\s+(\d{{4}})", re.IGNORECASE), "kk_dmy"),
]
_NUMBER_RE = re.compile(
    r"(?:протокол|хаттама)\w*\s*(?:заседания\s+)?№\s*([0-9]+(?:[-/.][0-9A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]+)*)",
    re.IGNORECASE)
_BARE_NUMBER_RE = re.compile(r"№\s*([0-9]+(?:[-/][0-9A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]+)*)")
_PLAN_YEAR_RES = [
    re.compile(r"на\s+(20\d{2})(?:\s*[-–]\s*20\d{2})?\s*(?:год|гг|г\.)", re.IGNORECASE),
    re.compile(r"(20\d{2})(?:\s*[-–]\s*20\d{2})?\s*(?:жылға|жылдарға)\s+арналған", re.IGNORECASE),
    re.compile(r"(20\d{2})\s*(?:жылғы|ж\.)\s+(?:жұмыс\s+)?жоспар", re.IGNORECASE),
    re.compile(r"(?:план|жоспар)\w*[^\n]{0,120}?\b(20\d{2})\b", re.IGNORECASE),
]


def _month_ru(word: str) -> int | None:
    word = word.lower()
    if word.startswith("ма") and word[2:3] in ("й", "я"):
        return 5
    for stem, month in _RU_MONTHS.items():
        if stem != "ма" and word.startswith(stem):
            return month
    return None


def _make_date(year: int, month: int | None, day: int) -> dt.date | None:
    if month is None:
        return None
    if year < 100:
        year += 2000
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return None
    return value if 1990 <= value.year <= 2100 else None


def find_dates(text: str) -> list[tuple[int, dt.date]]:
    """Every date in ``text`` as (position, date), in order of position."""
    found: list[tuple[int, dt.date]] = []
    for pattern, kind in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            g = match.groups()
            if kind == "iso":
                value = _make_date(int(g[0]), int(g[1]), int(g[2]))
            elif kind == "dmy":
                value = _make_date(int(g[2]), int(g[1]), int(g[0]))
            elif kind == "ru":
                value = _make_date(int(g[2]), _month_ru(g[1]), int(g[0]))
            elif kind == "kk_ydm":
                value = _make_date(int(g[0]), _KK_MONTHS.get(g[2].lower()), int(g[1]))
            else:
                value = _make_date(int(g[2]), _KK_MONTHS.get(g[1].lower()), int(g[0]))
            if value:
                found.append((match.start(), value))
    return sorted(found, key=lambda item: item[0])


def find_number(text: str) -> str | None:
    header = text[:HEADER_CHARS]
    match = _NUMBER_RE.search(header) or _BARE_NUMBER_RE.search(header[:400])
    return match.group(1).rstrip(".-/") if match else None


def find_plan_year(text: str) -> int | None:
    header = text[:HEADER_CHARS]
    for pattern in _PLAN_YEAR_RES:
        match = pattern.search(header)
        if match:
            return int(match.group(1))
    return None


def choose_district(mentions: list[DistrictMention]) -> DistrictMention | None:
    """Prefer a district/city name in the header, then the most frequent one, then a village."""
    if not mentions:
        return None
    strong = [m for m in mentions if m.strength == 2]
    header = [m for m in strong if m.start < HEADER_CHARS]
    if header:
        return header[0]
    pool = strong or mentions
    counts = Counter(m.district.id for m in pool)
    best_id = counts.most_common(1)[0][0]
    return next(m for m in pool if m.district.id == best_id)


def extract_metadata(text: str, *, language: Language | None, doc_type: DocType) -> DocumentMetadata:
    metadata = DocumentMetadata()
    # The header names the commission; the body is searched (bounded) only when the header does not.
    mention = choose_district(find_districts(text[:HEADER_CHARS])) or choose_district(find_districts(text[:50_000]))
    if mention is not None:
        name_language = language if language in ("kk", "ru") else mention.language
        metadata.district = mention.district.name(name_language)
        metadata.district_id = mention.district.id
    dates = find_dates(text[:HEADER_CHARS]) or find_dates(text[:5000])
    if dates:
        metadata.date = dates[0][1]
    if doc_type != "plan":
        metadata.number = find_number(text)
    if doc_type == "plan":
        metadata.year = find_plan_year(text) or (metadata.date.year if metadata.date else None)
    else:
        metadata.year = metadata.date.year if metadata.date else find_plan_year(text)
    return metadata
