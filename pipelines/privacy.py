"""Find and mask personal data in Kazakh, Russian and mixed texts.

Complaints carry children's names, IINs, phone numbers, e-mails and home addresses. Logs, exports and
reports must carry only the masked text (:func:`mask_pii`); the original stays in the service's store.

Detection is rule-based on purpose: it must run everywhere (logging included) without a model, and it
must be predictable. Recall is favoured for names and addresses (masking a non-name costs little);
IINs are only reported when the check digit, the date and the century digit are valid, because a bare
12-digit pattern also matches case and account numbers -- except right after an "ИИН/ЖСН/IIN" cue,
where whatever 12 digits follow are masked anyway.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

PiiLabel = Literal["IIN", "PHONE", "EMAIL", "ADDRESS", "NAME"]

MASKS: dict[str, str] = {
    "IIN": "[IIN]",
    "PHONE": "[PHONE]",
    "EMAIL": "[EMAIL]",
    "ADDRESS": "[ADDRESS]",
    "NAME": "[NAME]",
}

# When two detections overlap, the more specific one wins.
_PRIORITY = {"IIN": 0, "EMAIL": 1, "PHONE": 2, "ADDRESS": 3, "NAME": 4}


@dataclass(frozen=True, slots=True)
class Span:
    """One piece of personal data: ``text[start:end]`` of kind ``label``."""

    start: int
    end: int
    label: PiiLabel
    text: str


# ---------------------------------------------------------------- IIN

_IIN_WEIGHTS_1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_IIN_WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def iin_check_digit(first_eleven: str) -> int | None:
    """Check digit of an IIN from its first 11 digits, or None when no valid digit exists.

    Government decree No. 565 (2003): weights 1..11, mod 11; if that gives 10, weights 3..11,1,2; if
    that gives 10 again no IIN is issued with this prefix.
    """
    digits = [int(c) for c in first_eleven]
    check = sum(d * w for d, w in zip(digits, _IIN_WEIGHTS_1, strict=True)) % 11
    if check == 10:
        check = sum(d * w for d, w in zip(digits, _IIN_WEIGHTS_2, strict=True)) % 11
    return None if check == 10 else check


def is_valid_iin(value: str) -> bool:
    """True for a 12-digit IIN with a valid check digit, birth date and century/sex digit."""
    if len(value) != 12 or not value.isdigit():
        return False
    month, day, century = int(value[2:4]), int(value[4:6]), int(value[6])
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1 <= century <= 6):
        return False
    return iin_check_digit(value[:11]) == int(value[11])


_TWELVE_DIGITS = re.compile(r"(?<!\d)(\d{12})(?!\d)")
# Digits grouped with spaces or dashes ("880315 350 123") are still an IIN when they total 12.
_GROUPED_DIGITS = re.compile(r"(?<![\d+])\d{2,6}(?:[ \-]\d{2,6}){1,4}(?![\d])")
_IIN_CUE = re.compile(r"(?:ИИН|ЖСН|IIN|ИИН/ЖСН|ЖСН/ИИН)\s*[:№#\-]?\s*$", re.IGNORECASE)


def _find_iins(text: str) -> list[Span]:
    spans: list[Span] = []
    for match in _TWELVE_DIGITS.finditer(text):
        value = match.group(1)
        cued = bool(_IIN_CUE.search(text[max(0, match.start() - 12):match.start()]))
        if is_valid_iin(value) or cued:
            spans.append(Span(match.start(), match.end(), "IIN", value))
    for match in _GROUPED_DIGITS.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        if len(digits) == 12 and is_valid_iin(digits):
            spans.append(Span(match.start(), match.end(), "IIN", match.group(0)))
    return spans


# ---------------------------------------------------------------- phones

# Kazakhstan numbers: +7 / 8 / 7, then a 7xx mobile or 7xxx city code, ten digits after the country
# code, with any of the separators people type (spaces, dashes, dots, brackets).
_PHONE_CANDIDATE = re.compile(r"(?<![\w+])(?:\+\s?7|8|7)[\s\-.(]*7[\d\s\-.()]{8,18}\d(?!\d)")
_LOCAL_PHONE = re.compile(r"(?<!\d)\d{2,3}[\-\s]\d{2}[\-\s]\d{2}(?!\d)")
_PHONE_CUE = re.compile(r"(?:тел\.?|телефон\w*|нөмір\w*|номер\w*|ұялы|whatsapp|ватсап)\s*[:№]?\s*$",
                        re.IGNORECASE)


def _find_phones(text: str) -> list[Span]:
    spans: list[Span] = []
    for match in _PHONE_CANDIDATE.finditer(text):
        raw = match.group(0)
        digits = re.sub(r"\D", "", raw)
        if len(digits) == 11 and digits[0] in "78" and digits[1] == "7":
            spans.append(Span(match.start(), match.end(), "PHONE", raw))
        elif len(digits) == 10 and digits[0] == "7" and raw.startswith("7"):
            spans.append(Span(match.start(), match.end(), "PHONE", raw))
    for match in _LOCAL_PHONE.finditer(text):
        if _PHONE_CUE.search(text[max(0, match.start() - 16):match.start()]):
            spans.append(Span(match.start(), match.end(), "PHONE", match.group(0)))
    return spans


# ---------------------------------------------------------------- e-mails

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w])")


def _find_emails(text: str) -> list[Span]:
    return [Span(m.start(), m.end(), "EMAIL", m.group(0)) for m in _EMAIL.finditer(text)]


# ---------------------------------------------------------------- addresses

_UP = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_LOW = "a-zа-яёәғқңөұүһі"
_WORD = rf"[{_UP}{_LOW}0-9][{_UP}{_LOW}0-9\-]*"
_HOUSE = (r"(?:[,\s]+(?:д\.|дом|кв\.|квартира|корп\.|үй|пәтер|уй|патер|№)?\s*\d+(?:\s?[а-яА-Яa-z]\b)?(?:/\d+)?"
          r"(?:\s*(?:үй|пәтер|уй|патер|-?үй|-?пәтер)\b)?)*")
_RU_STREET = re.compile(
    rf"\b(?:ул\.|ул\s|улиц[аеыу]|пр\.|пр-т|проспект[аеу]?|мкр\.?|мкр-н|микрорайон[аеу]?|пер\.|переул(?:ок|ке)"
    rf"|пос\.|посел(?:ок|ке)|с\.\s|село|аул[ае]?)\s*[«\"]?{_WORD}(?:\s+[{_UP}]{_WORD})?[»\"]?{_HOUSE}",
    re.IGNORECASE,
)
_KK_STREET = re.compile(
    rf"(?:\b{_WORD}\s+)?{_WORD}\s+(?:көшесі|көшесінде|көшесіндегі|кошеси|көш\.|даңғылы|даңғылында|тұйығы"
    rf"|шағын\s+ауданы|шағынауданы|ықшамауданы|ш\.а\.|ауылы|ауылында|ауылындағы){_HOUSE}",
    re.IGNORECASE,
)
_HOUSE_ONLY = re.compile(r"\b(?:д\.|дом|кв\.|квартира)\s*\d+[а-я]?(?:\s*,?\s*(?:кв\.|квартира)\s*\d+)?"
                         r"|\b\d+\s*(?:үй|пәтер)\b(?:\s*,?\s*\d+\s*(?:пәтер)\b)?",
                         re.IGNORECASE)


def _find_addresses(text: str) -> list[Span]:
    spans: list[Span] = []
    for pattern in (_RU_STREET, _KK_STREET, _HOUSE_ONLY):
        for match in pattern.finditer(text):
            raw = match.group(0).rstrip(" ,")
            spans.append(Span(match.start(), match.start() + len(raw), "ADDRESS", raw))
    return spans


# ---------------------------------------------------------------- person names

_CAP = rf"[{_UP}][{_LOW}]+"
_CAP_CYR = r"[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+"
_RU_PATRONYMIC = r"[А-ЯЁ][а-яё]+(?:ович|евич|ич|овн|евн|ичн)(?:а|у|ем|ом|ой|е|ы|ей)?\b"
_KK_PATRONYMIC = rf"{_CAP_CYR}(?:ұлы|қызы|улы|кызы|ұлына|қызына|ұлының|қызының)\b|{_CAP_CYR}\s+(?:ұлы|қызы)\b"
_LAT_PATRONYMIC = r"[A-Z][a-zäğqñöūüı]+(?:uly|ūly|uly|qyzy|kyzy|ovich|evich|ovna|evna)\b"
_SURNAME_SUFFIX = (r"(?:ов|ев|ёв|ин|ын|ова|ева|ёва|ина|ына|ский|ская|цкий|цкая|енко|бек|беков|бекова|баев|баева"
                   r"|ұлы|қызы)(?:а|у|ым|ой|ом|е|ых|ым)?")
_RU_SURNAME = rf"[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+{_SURNAME_SUFFIX}\b"
_LAT_SURNAME = r"[A-Z][a-zäğqñöūüı]+(?:ov|ev|in|ova|eva|ina|bek|bekov|bekova|baev|baeva)\b"
_INITIALS = r"[А-ЯЁӘҒҚҢӨҰҮҺІA-Z]\.\s?(?:[А-ЯЁӘҒҚҢӨҰҮҺІA-Z]\.)?"

_NAME_PATTERNS = [
    # Surname Name Patronymic / Name Patronymic (ru and kk), possibly in the inflected forms.
    re.compile(rf"(?:{_CAP}\s+){{0,2}}(?:{_RU_PATRONYMIC}|{_KK_PATRONYMIC})"),
    re.compile(rf"(?:[A-Z][a-zäğqñöūüı]+\s+){{0,2}}{_LAT_PATRONYMIC}"),
    # Surname + initials, or initials + surname.
    re.compile(rf"{_CAP}\s+{_INITIALS}"),
    re.compile(rf"{_INITIALS}\s?{_CAP}"),
    # Name + Surname / Surname + Name.
    re.compile(rf"{_CAP}\s+(?:{_RU_SURNAME}|{_LAT_SURNAME})|(?:{_RU_SURNAME}|{_LAT_SURNAME})\s+{_CAP}"),
]
_LONE_SURNAME = re.compile(rf"(?:{_RU_SURNAME}|{_LAT_SURNAME})")

# Common first names, for texts that name a child without a surname ("менің ұлым Нұрсұлтан").
_FIRST_NAMES = frozenset(
    """
    Айгерим Айгерім Айжан Айдана Айсулу Айсұлу Аружан Асель Әсел Асем Әсем Гульнар Гүлнар Гульмира Гүлмира
    Дана Динара Жанар Жансая Жулдыз Жұлдыз Зарина Индира Камила Карина Ляззат Ләззат Мадина Меруерт
    Молдир Мөлдір Назерке Салтанат Сауле Сәуле Томирис Томирис Улжан Ұлжан Айару Аяулым Балауса Дильназ
    Інкәр Инкар Акбота Ақбота Жанерке Сабина Амина Алина Анна Мария Ольга Елена Наталья Татьяна Ирина
    Светлана Екатерина Анастасия Дарья София Полина Виктория Ксения
    Айбек Айдос Алихан Әлихан Алмас Арман Арсен Асхат Бауыржан Бекзат Данияр Дамир Ерлан Ерасыл Ержан
    Ернар Жандос Нурлан Нұрлан Нурсултан Нұрсұлтан Нуржан Нұржан Расул Самат Серик Серік Тимур Темирлан
    Темірлан Ислам Исламбек Азамат Алибек Әлібек Айсултан Айсұлтан Аслан Бакыт Бақыт Болат Дидар Еркебулан
    Еркебұлан Жасулан Жасұлан Канат Қанат Мирас Нурислам Нұрислам Санжар Талгат Талғат Руслан Ринат
    Иван Алексей Андрей Дмитрий Максим Артём Артем Кирилл Никита Сергей Владимир Михаил Александр Егор
    Aigerim Aruzhan Nursultan Arman Dana Daniyar Madina Erlan Timur Zhanar Ainur Айнур Нурай Нұрай
    """.split()
)
_FIRST_NAME_INFLECTED = re.compile(
    rf"\b({_CAP})(?:а|у|ом|ой|е|ы|ға|ге|қа|ке|ның|нің|дың|дің|тың|тің|ды|ді|ты|ті|ны|ні|мен|бен|пен|ға)?\b"
)
_NOT_SURNAMES = frozenset(
    "Один Одна Магазин Мужчин Половин Карантин Бензин Витамин Инсулин Аспирин Кабинет Госпожин Господин "
    "Садиков Берлин Бишкек Актобе Шымкент Кундэлик Кунделик Бастауыш Бірін Ескерту Приказов".split()
)
_SENTENCE_START = re.compile(r"(?:^|[.!?\n]\s*)$")


# Capitalised words that start sentences or name roles, never people; a name match starting with one of
# them is trimmed ("Учитель Иванова" -> "Иванова").
_NOT_NAMES = frozenset(
    """
    учитель учительница директор завуч мама папа сын дочь бабушка дедушка здравствуйте уважаемый уважаемая
    уважаемые прошу помогите сегодня вчера ребенок ребёнок мой моя мои наш наша классный классная врач
    тренер отец мать мұғалім мұғалімі директоры анасы әкесі ұлым қызым балам сәлеметсіз құрметті
    көмектесіңіздер бүгін кеше ата әже апай ағай сынып мен менің біздің емхана дәрігер
    """.split()
)


def _trim_leading_non_names(span: Span) -> Span | None:
    start, value = span.start, span.text
    while True:
        head, sep, rest = value.partition(" ")
        if not sep or head.lower().strip(",.") not in _NOT_NAMES:
            break
        start += len(head) + 1
        value = rest.lstrip()
        start += len(rest) - len(value)
    if value.lower().strip(",.") in _NOT_NAMES or len(value) < 3:
        return None
    return Span(start, start + len(value), span.label, value)


def _find_names(text: str) -> list[Span]:
    spans: list[Span] = []
    for pattern in _NAME_PATTERNS:
        for match in pattern.finditer(text):
            trimmed = _trim_leading_non_names(Span(match.start(), match.end(), "NAME", match.group(0)))
            if trimmed is not None:
                spans.append(trimmed)
    for match in _LONE_SURNAME.finditer(text):
        word = match.group(0)
        if word in _NOT_SURNAMES or len(word) < 5:
            continue
        if _SENTENCE_START.search(text[max(0, match.start() - 3):match.start()]) and match.start() < 2:
            continue
        spans.append(Span(match.start(), match.end(), "NAME", word))
    for match in _FIRST_NAME_INFLECTED.finditer(text):
        stem = match.group(1)
        if stem in _FIRST_NAMES:
            spans.append(Span(match.start(), match.end(), "NAME", match.group(0)))
    return spans


# ---------------------------------------------------------------- public API


def _resolve_overlaps(spans: list[Span]) -> list[Span]:
    """Keep non-overlapping spans, preferring the more specific label, then the longer span."""
    ordered = sorted(spans, key=lambda s: (_PRIORITY[s.label], -(s.end - s.start), s.start))
    kept: list[Span] = []
    for span in ordered:
        if all(span.end <= k.start or span.start >= k.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def find_pii(text: str) -> list[Span]:
    """All personal data found in ``text``, sorted by position, non-overlapping."""
    if not text:
        return []
    spans = _find_iins(text) + _find_emails(text) + _find_phones(text) + _find_addresses(text) + _find_names(text)
    return _resolve_overlaps(spans)


def mask_pii(text: str) -> str:
    """``text`` with every span of :func:`find_pii` replaced by its mask (``[IIN]``, ``[NAME]``...)."""
    if not text:
        return text
    parts: list[str] = []
    cursor = 0
    for span in find_pii(text):
        parts.append(text[cursor:span.start])
        parts.append(MASKS[span.label])
        cursor = span.end
    parts.append(text[cursor:])
    return "".join(parts)


__all__ = ["MASKS", "PiiLabel", "Span", "find_pii", "iin_check_digit", "is_valid_iin", "mask_pii"]
