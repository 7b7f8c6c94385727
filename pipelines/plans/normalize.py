"""Normalise a plan activity for matching: what a copier changes (year, district, quarter) is erased.

A plan copied from last year or from the neighbouring district differs from its source in dates,
years, quarter words, months, place names and the names of local bodies. Replacing those with
placeholders (``<year>``, ``<district>``...) makes the copy identical to its source after
normalisation, so exact and near-exact matching see through the edit. Placeholders are the same in
Kazakh and Russian, which also brings translations a little closer for the embedder.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

_MONTHS_RU = ("январ", "феврал", "март", "апрел", "ма[йя]", "июн", "июл", "август", "сентябр", "октябр",
              "ноябр", "декабр")
_MONTHS_KK = ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан",
              "қараша", "желтоқсан")
_MONTH = r"(?:" + "|".join(m + r"\w*" for m in _MONTHS_RU + _MONTHS_KK) + r")"

_DATE_NUMERIC = re.compile(r"\b\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})\b(?:\s*(?:ж\.|г\.|года|жыл\w*))?")
_DATE_WORDS = re.compile(r"\b\d{1,2}\s+" + _MONTH + r"(?:\s+(?:19|20)\d{2})?(?:\s*(?:ж\.|г\.|года|жыл\w*))?")
_YEAR = re.compile(r"\b(?:19|20)\d{2}(?:\s*[-–—]\s*(?:19|20)\d{2})?"
                   r"(?:\s*(?:ж\.|г\.|гг\.|года|году|год|годы|жылғы|жылға|жылы|жыл\w*))?")
_QUARTER = re.compile(
    r"(?:\b(?:i{1,3}|iv|[1-4])\s*[-–]?\s*(?:\w{0,3}\s*)?(?:квартал\w*|тоқсан\w*)"
    r"|\bежеквартальн\w*|\bпоквартальн\w*|\bтоқсан\s+сайын\b|\bквартал\w*|\bтоқсан\w*)")
_MONTH_WORD = re.compile(r"\b" + _MONTH + r"(?:\s*[-–]\s*" + _MONTH + r")?")
_NUMBER_PREFIX = re.compile(r"^\s*(?:\d{1,3}(?:\.\d{1,3})*[.)]?|[ivx]{1,4}[.)])\s+")
_PUNCT = re.compile(r"[^\w<>\s-]+")
_SPACES = re.compile(r"\s+")

_VILLAGE_PREFIX = re.compile(r"\b(?:с\.|п\.|пос\.|село|села|селе|селу|поселк\w*|посёлк\w*|кент)\s*(?:[^\W\d_][\w-]*)")
_VILLAGE_SUFFIX = re.compile(r"\b[^\W\d_][\w-]*\s+(?:ауыл\w*|ауылдық\s+округ\w*|кент\w*)")
_DISTRICT_RU = re.compile(r"\b[^\W\d_][\w-]*(?:ск\w*|ий|ого|ом|ому)\s+район\w*")
_DISTRICT_KK = re.compile(r"\b[^\W\d_][\w-]*(?:\s+би)?\s+аудан\w*")
_CITY = re.compile(r"\b(?:г\.|город\w*)\s*(?:[^\W\d_][\w-]*)|\b[^\W\d_][\w-]*\s+қала\w*")

# Local bodies whose names a copier rewrites (the district's police department, akimat, school...).
_BODIES = re.compile(
    r"\b(?:кдн(?:и|\s*и\s*)зп|ктіжққк|комисси\w+\s+по\s+делам\s+несовершеннолетних\s+и\s+защите\s+их\s+прав"
    r"|кәмелетке\s+толмағандардың\s+істері\s+және\s+олардың\s+құқықтарын\s+қорғау\s+жөніндегі\s+комиссия\w*"
    r"|акимат\w*|әкімдіг\w*|әкімдік\w*|ювенальн\w+\s+полици\w+|ювеналдық\s+полиция\w*"
    r"|(?:оп|ровд|овд|дп)\b|отдел\w*\s+полици\w+|полиция\s+бөлім\w*"
    r"|кгу\b|гку\b|коммунальн\w+\s+государственн\w+\s+учреждени\w+|кмм\b|мкқк\b|кгп\b|гкп\b"
    r"|сш\s*№\s*\d+|сош\s*№\s*\d+|школ\w*\s*№\s*\d+|№\s*\d+\s*(?:жом|мектеп\w*))")


_PLACE_ENDINGS = (r"(?:ого|ому|ом|ой|ая|ий|а|е|у|ы|и|ның|нің|дың|дің|тың|тің|ға|ге|қа|ке|на|не|да|де|та|те"
                  r"|дан|ден|тан|тен|нан|нен|ны|ні|ды|ді|ты|ті|ндағы|ндегі|дағы|дегі|тағы|тегі)?")
_GENERIC_AROUND_PLACE = re.compile(
    r"(?:\b(?:г\.|город\w*|с\.|п\.|пос\.|село|села|селе|селу|поселк\w*|посёлк\w*)\s*)?<place>"
    r"(?:\s+(?:район\w*|аудан\w*|қала\w*|ауылдық\s+округ\w*|ауыл\w*|кент\w*|сельск\w+\s+округ\w*))?")


@dataclass(frozen=True)
class PlaceNames:
    """Names of districts, cities and villages (any language, any case form found in the gazetteer)."""

    names: tuple[str, ...] = ()
    _pattern: re.Pattern[str] | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, names: Iterable[str]) -> PlaceNames:
        cleaned = sorted({_fold(n) for n in names if n and len(n.strip()) >= 3}, key=len, reverse=True)
        if not cleaned:
            return cls()
        # A name plus one of the case endings Russian and Kazakh put on place names; a free "\w*" tail
        # would swallow ordinary words ("алға" -> "алғашқы").
        alternatives = [re.escape(n) + _PLACE_ENDINGS for n in cleaned]
        pattern = re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")
        return cls(tuple(cleaned), pattern)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower().replace("ё", "е").strip()


@dataclass(frozen=True)
class NormalizedActivity:
    text: str  # normalised text used for matching
    places: tuple[str, ...]  # place mentions erased from the text (folded), to tell district copies


def normalize_activity(text: str, *, places: PlaceNames | None = None) -> NormalizedActivity:
    """Lower-case ``text`` and replace dates, years, quarters, months, places and bodies by placeholders."""
    folded = _fold(text)
    folded = folded.replace("«", " ").replace("»", " ").replace('"', " ")
    folded = _NUMBER_PREFIX.sub("", folded)
    mentions: list[str] = []

    def _place(match: re.Match[str]) -> str:
        mentions.append(match.group(0))
        return " <place> "

    folded = _DATE_NUMERIC.sub(" <date> ", folded)
    folded = _DATE_WORDS.sub(" <date> ", folded)
    folded = _YEAR.sub(" <year> ", folded)
    folded = _QUARTER.sub(" <quarter> ", folded)
    folded = _MONTH_WORD.sub(" <month> ", folded)
    folded = _BODIES.sub(" <body> ", folded)
    if places is not None and places._pattern is not None:
        folded = places._pattern.sub(_place, folded)
        folded = _GENERIC_AROUND_PLACE.sub(" <place> ", folded)
    for pattern in (_DISTRICT_RU, _DISTRICT_KK, _CITY, _VILLAGE_PREFIX, _VILLAGE_SUFFIX):
        folded = pattern.sub(_place, folded)
    folded = _PUNCT.sub(" ", folded)
    folded = _SPACES.sub(" ", folded).strip()
    # Two placeholders in a row come from one name split over patterns ("с. Бадамша Каргалинского района").
    folded = re.sub(r"(<place>)(?:\s+<place>)+", r"\1", folded)
    return NormalizedActivity(folded, tuple(sorted({_SPACES.sub(" ", m).strip() for m in mentions})))


_KAZAKH_LETTERS = set("әғқңөұүһі")


def text_language(text: str) -> str:
    """'kk' if the text has Kazakh-specific letters, 'ru' if Cyrillic without them, else 'other'."""
    lowered = text.lower()
    if any(ch in _KAZAKH_LETTERS for ch in lowered):
        return "kk"
    if any("а" <= ch <= "я" for ch in lowered):
        return "ru"
    return "other"
