"""Split a protocol's text into its blocks: header, attendance, agenda, and per item heard / spoke / decided.

Works line by line on OCR-repaired text. Headings are found on token skeletons with spaCy's PhraseMatcher
(cues.py) and, for headings broken by OCR ("ПОСТАНОВ ИЛИ", "КАУЛЫ ЕТТI"), by a fuzzy comparison of the
line start with the heading's letters.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from pipelines.extract.language import language_votes
from pipelines.protocols.cues import (
    HEADINGS,
    KAZAKH_LETTERS,
    NAME_RE,
    SHORT_NEED_COLON,
    VOTE_RE,
    despace,
    find_cues,
    repair_ocr,
    skeleton,
)
from pipelines.protocols.dates import find_dates
from pipelines.protocols.decisions import parse_decision
from pipelines.protocols.structure import AgendaItem, ProtocolStructure, Signature, Vote

_NUMBER_PREFIX = re.compile(
    r"^\s*(?:(?P<n>\d{1,2}(?:\.\d{1,2})*|[IVX]{1,4})\s?(?:[.)](?!\d)|-?\s*(?:м[әэа]се[лп]е)\s+бойынша)\s*|(?P<n2>\d{1,2})\s+(?=[А-ЯЁӘҒҚҢӨҰҮІA-Z]))?"
    r"(?:по\s+(?:\S+\s+){1,2}?в\s?о\s?п\s?р\s?о\s?с\s?у\s*[:,]?\s*|(?:\S+\s+){1,2}?м\s?[әа]\s?с\s?е\s?[лп]\s?е\s+бойынша\s*[:,]?\s*)?",
    re.IGNORECASE,
)
_HEADING_ORDER = sorted(((cue, kind) for kind, cues in HEADINGS.items() for cue in cues), key=lambda x: -len(x[0]))
_KK_WORDS = re.compile(r"\b(және|туралы|бойынша|жөніндегі|тапсырылсын|үшін|қатысты|комиссиясы|мүшелері|жылғы|"
                       r"жане|туралы|бойынша|жониндеги|тапсырылсын|ушин|катысты)\b", re.IGNORECASE)
_RU_WORDS = re.compile(r"\b(и|в|по|на|о|с|не|для|что|от|при|года|комиссии|которые)\b", re.IGNORECASE)
_SIGN_RE = re.compile(r"_{3,}|\(подпись\)|\(қолы\)|подпись|қолы")
MIXED_MIN_SHARE = 0.12  # word-vote share of the minority language that makes a protocol "mixed"
MIXED_MIN_VOTES = 8.0
_CHAIR_START = ("председател", "торага", "комиссияторагасы", "жиналысторагасы")
_SECRETARY_START = ("секретар", "хатшы", "комиссияхатшысы")


@dataclass
class Line:
    text: str  # the repaired line
    number: str | None  # leading item/decision number, if any
    kind: str | None  # heading kind (heard, spoke, decided, agenda, attendance, absent, invited) or None
    rest: str  # text after the number and heading


def detect_language(text: str) -> str:
    """kk, ru or mixed, from Kazakh letters and function words per line (robust to flattened kk letters)."""
    kk = ru = 0
    for line in text.splitlines():
        if len(line) < 25:
            continue
        kk_score = sum(ch in KAZAKH_LETTERS for ch in line) + 3 * len(_KK_WORDS.findall(line))
        ru_score = 2 * len(_RU_WORDS.findall(line))
        if kk_score > ru_score:
            kk += 1
        elif ru_score > kk_score:
            ru += 1
    if kk + ru == 0:
        return "kk" if any(ch in KAZAKH_LETTERS for ch in text) else "ru"
    if min(kk, ru) >= 0.2 * (kk + ru) and min(kk, ru) >= 3:
        return "mixed"
    # Russian headings over Kazakh reports (or the reverse) leave the short heading lines out of the line
    # vote; word votes over the whole text see both. On the train split single-language protocols have a
    # minority share of at most 0.07, mixed ones mostly 0.09-0.36.
    votes = language_votes(text)
    minority = min(votes.get("kk", 0.0), votes.get("ru", 0.0))
    if minority >= MIXED_MIN_VOTES and minority >= MIXED_MIN_SHARE * (votes.get("kk", 0.0) + votes.get("ru", 0.0)):
        return "mixed"
    return "kk" if kk > ru else "ru"


_GLUED_CUES = re.compile(
    r"(?<=[.;:])\s+(?=(Председател\w*|Секретар\w*|Присутствовали|Отсутствовали|Приглашен\w*|Кворум|"
    r"Повестка дня|Голосовали|Төраға\w*|Хатшы|Қатысқандар|Қатыспағандар|Шақырылғандар|Күн тәртібі|Дауыс беру)\b|"
    r"(?:\d{1,2}|[IVX]{1,4})[.)]\s+[А-ЯЁӘҒҚҢӨҰҮІ])"
    r"|\s+(?=(?:Председател\w*|Секретар\w*|Төраға\w*|Хатшы\w*|Комиссия)(?:\s+\w+)?\s+_{3,})"
    r"|\s+(?=(?:Председател\w*|Секретар\w*|Төраға|Хатшы|Присутствовали|Қатысқандар|Повестка дня|Күн тәртібі)\s*:)"
)


def _unglue(text: str) -> str:
    """Text layers without line breaks ("ПРОТОКОЛ № 5 ... Председатель: ... Повестка дня: 1. ...") get them back.

    Only applied when lines are very long, so that ordinary line-broken text is left as written.
    """
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not lines or sum(len(ln) for ln in lines) / len(lines) < 250:
        return text
    return _GLUED_CUES.sub("\n", text)


def _split_inline_headings(text: str) -> str:
    # PDF text layers often glue "... выполнено. ПОСТАНОВИЛИ: 1. ..." into one line.
    text = _unglue(text)
    return re.sub(r"(?<=[^\d\s][.;])\s+(?=(СЛУШАЛИ|ПОСТАНОВИЛИ|РЕШИЛИ|ВЫСТУПИЛИ|ТЫҢДАЛДЫ|ҚАУЛЫ ЕТТІ|ШЕШТІК|"
                  r"Повестка дня|ПОВЕСТКА ДНЯ|Күн тәртібі|КҮН ТӘРТІБІ)\b)", "\n", text)


def _heading(rest: str) -> tuple[str | None, str]:
    """The heading kind at the start of ``rest`` and the text after it."""
    key = despace(rest[:60])
    if not key:
        return None, rest
    found = None
    for cue, kind in _HEADING_ORDER:
        if key.startswith(cue):
            found = (cue, kind)
            break
    if found is None:
        for cue, kind in _HEADING_ORDER:
            if len(cue) >= 7 and fuzz.ratio(key[: len(cue)], cue) >= 86:
                found = (cue, kind)
                break
    if found is None:
        return None, rest
    cue, kind = found
    # Walk the original text until as many letters as the cue has were consumed.
    letters, pos = 0, 0
    while pos < len(rest) and letters < len(cue):
        if re.match(r"[A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]", rest[pos]):
            letters += 1
        pos += 1
    after = rest[pos:]
    if cue in SHORT_NEED_COLON and not re.match(r"\s*[:：]|\s*$", after):
        return None, rest
    if kind in ("heard", "decided", "spoke") and re.match(r"\s*[а-яәғқңөұүһі]{3,}", after) and not re.match(r"\s*[:：]", after):
        # "Решили провести..." inside a sentence: a heading is followed by ':' or a capital or the line end.
        if not rest[:1].isupper() or not rest[:len(cue)].isupper():
            return None, rest
    return kind, after.lstrip(" :：-–—")


_TABLE_ROW = re.compile(r"^\s*(\d{1,2})\s*\|\s*")
_TABLE_HEADER = re.compile(r"^\s*(№|n)\s*(п/п)?\s*\|", re.IGNORECASE)


def _classify(raw: str) -> Line:
    row = _TABLE_ROW.match(raw)
    if row:  # "1 | Провести ... | отдел образования | до 31.03.2025": a decision or agenda row of a table
        return Line(raw, row.group(1), None, raw[row.end():].strip())
    if _TABLE_HEADER.match(raw):
        return Line(raw, None, "table_header", raw)
    m = _NUMBER_PREFIX.match(raw)
    number = (m.group("n") or m.group("n2")) if m else None
    rest = raw[m.end():] if m else raw
    kind, after = _heading(rest)
    if kind is None and number is None:
        kind, after = _heading(raw.strip())
    if kind is None:
        return Line(raw, number, None, rest.strip())
    return Line(raw, number, kind, after.strip())


_INITIALS_RE = re.compile(r"[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+.{0,12}?\s?[А-ЯЁӘҒҚҢӨҰҮҺІ]\s?\.\s?(?:[А-ЯЁӘҒҚҢӨҰҮҺІ]\s?\.?)?")


def _names(text: str) -> list[str]:
    found = [m.group(0).strip() for m in NAME_RE.finditer(text)]
    if not found and len(text) < 60:
        # An OCR-split surname ("Смагу лов Р.Н.") still ends in initials.
        m = _INITIALS_RE.search(_NUMBER_PREFIX.sub("", text, count=1))
        if m:
            found = [m.group(0).strip()]
    return found


def _entries(text: str) -> list[str]:
    """Comma/semicolon separated entries of a list line, each kept whole (position + name)."""
    parts = [p.strip(" .") for p in re.split(r";|,(?=\s*[а-яәғқңөұүһі«A-ZА-ЯӘҒҚҢӨҰҮІ])", _NUMBER_PREFIX.sub("", text, count=1))]
    return [p for p in parts if len(p) > 2]


def _role(text: str) -> str | None:
    """chair / secretary when the line starts with that role's word (tolerating one broken letter)."""
    key = despace(text[:30])
    for role, cues in (("chair", _CHAIR_START), ("secretary", _SECRETARY_START)):
        if key.startswith(cues):
            return role
    for role, cues in (("chair", _CHAIR_START), ("secretary", _SECRETARY_START)):
        if any(len(c) >= 5 and fuzz.ratio(key[: len(c)], c) >= 80 for c in cues):
            return role
    return None


def _person(rest: str) -> str | None:
    rest = re.sub(r"_{2,}", " ", rest)
    names = _names(rest)
    return names[0] if names else None


_NAME_TOKEN = re.compile(r"^(?:[А-ЯЁӘҒҚҢӨҰҮҺІ]\.){1,2}$|^[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+(?:-[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+)?$")
_PATRONYMIC = re.compile(r"(вич|вна|ична|ичн|ұлы|қызы)[а-яәғқңөұүһі]*$")


def _chair_in_sentence(fragment: str) -> str | None:
    """The chair in "под председательством заместителя акима района Ахметовой Айгерим Болатовны" or
    "аудан әкімінің орынбасары А.Б. Сейтовтың [төрағалығымен]": the last run of capitalised words and
    initials, as written (in the genitive). Positions are lower case, so they end the run."""
    fragment = re.sub(r"_{2,}", " ", fragment).strip(" ,;")
    runs: list[list[str]] = [[]]
    for token in re.findall(r"(?:[А-ЯЁӘҒҚҢӨҰҮҺІ]\.\s?){1,2}|\S+", fragment):
        token = token.replace(" ", "")
        word = token if re.fullmatch(r"(?:[А-ЯЁӘҒҚҢӨҰҮҺІ]\.){1,2}", token) else token.rstrip(".,;")
        if _NAME_TOKEN.match(word):
            runs[-1].append(word)
        else:
            runs.append([])
    for run in reversed(runs):
        # A name: a surname with initials, or surname + given name (+ patronymic); one word is a place.
        has_initials = any(re.fullmatch(r"(?:[А-ЯЁӘҒҚҢӨҰҮҺІ]\.){1,2}", t) for t in run)
        if has_initials or (len(run) >= 2 and (len(run) == 3 or _PATRONYMIC.search(run[-1]) or len(run) == 2)):
            return " ".join(run[-3:])
    return _person(fragment)


def _decision_language(text: str, protocol_language: str) -> str:
    """A mixed protocol writes each decision in one language: read a Russian one with the Russian rules."""
    if protocol_language != "mixed":
        return "ru" if protocol_language == "ru" else "kk"
    return "kk" if any(ch in KAZAKH_LETTERS for ch in text) or _KK_WORDS.search(text) else "ru"


def _vote(text: str) -> Vote:
    sk = skeleton(text)

    def count(pattern: str) -> int | None:
        m = re.search(pattern + r"[»\"]?\s*[–—:-]?\s*(\d+|нет|жок)", sk)
        if not m:
            return None
        return int(m.group(1)) if m.group(1).isdigit() else 0

    return Vote(text=text, votes_for=count(r"(?:«?за|жактап)"), votes_against=count(r"(?:против|карсы)"),
                abstained=count(r"(?:воздерж[а-я]*|калыс[а-я]*)"))


def segment_protocol(text: str, *, language: str | None = None) -> ProtocolStructure:
    """Segment ``text`` (extracted or OCR output) into a :class:`ProtocolStructure`."""
    text = repair_ocr(text or "")
    lang = language or detect_language(text)
    nlp_lang = "ru" if lang == "ru" else "kk"
    structure = ProtocolStructure(language=lang, text_chars=len(text.strip()))
    raw_lines = [ln.strip() for ln in _split_inline_headings(text).splitlines()]
    lines = [_classify(ln) for ln in raw_lines if ln]
    if not lines:
        return structure

    zone = "header"
    header: list[Line] = []
    agenda: list[AgendaItem] = []
    items: list[AgendaItem] = []
    cursor = -1
    block: str | None = None
    fresh = False  # the current item has a title but no block yet
    decision_texts: list[tuple[str, int]] = []
    last_decision_no = 0
    seen_decided = False
    body_started = False

    def next_heading(idx: int) -> Line | None:
        for ln in lines[idx + 1: idx + 3]:
            return ln if ln.kind else None
        return None

    def new_item(title: str, number: str | None) -> None:
        nonlocal cursor, fresh
        if number is not None:
            for k, it in enumerate(items):
                if it.number == number and not (it.heard or it.decided) and (k > cursor or k == cursor and fresh):
                    cursor, fresh = k, True
                    return
        if cursor + 1 < len(items) and not (items[cursor + 1].heard or items[cursor + 1].decided):
            cursor += 1
        else:
            items.append(AgendaItem(number=number, title=title))
            cursor = len(items) - 1
        fresh = True

    for idx, line in enumerate(lines):
        if line.kind == "table_header":
            continue  # column titles of a decisions table carry no content
        role_cue = _role(line.text) is not None
        colon_after_cue = bool(re.match(r"^[^:_]{0,30}:", line.text))
        is_sig = role_cue and bool(_SIGN_RE.search(line.text)) and (zone != "header" or not colon_after_cue)
        bare_sig = (role_cue and seen_decided and line.kind is None and line.number is None and len(line.text) < 70
                    and bool(NAME_RE.search(line.text)) and not re.search(r"[а-яәғқңөұүһі]{4,}\s+[а-яәғқңөұүһі]{4,}\s+"
                                                                           r"[а-яәғқңөұүһі]{4,}", line.text[25:]))
        if is_sig or (zone == "body" and bare_sig):
            role = _role(line.text) or "other"
            structure.signatures.append(Signature(role=role, name=_person(line.text), text=line.text))
            block = None
            continue
        if line.kind in ("attendance", "absent", "invited"):
            zone = line.kind
            target = {"attendance": structure.members, "absent": structure.absent, "invited": structure.invited}[zone]
            if zone == "attendance":
                structure.attendance_heading = True
            if zone == "invited":
                # Keep who the invited are ("инспектор ПДН Н.", "ЮПИ инспекторы ..."), not only their names.
                structure.invited.extend(_entries(line.rest))
            else:
                target.extend(_names(line.rest))
            continue
        if line.kind == "agenda":
            zone = "agenda"
            structure.agenda_heading = True
            if line.rest and not re.match(r"\s*1\s*[.)]", line.rest):
                # An inline agenda ("Повестка дня: a; b.") is the whole agenda: what follows is the body.
                agenda.extend(AgendaItem(title=t.strip(" .")) for t in re.split(r";", line.rest) if t.strip(" ."))
                zone = "body"
                items, cursor = [], -1
            elif line.rest:
                m = _NUMBER_PREFIX.match(line.rest)
                agenda.append(AgendaItem(number="1", title=line.rest[m.end():].rstrip(".") if m else line.rest))
            continue
        if zone in ("header", "attendance", "absent", "invited") and line.kind is None:
            nxt = next_heading(idx)
            opens_item = line.number is not None and not find_dates(line.text[:12]) and not _names(line.text) and (
                _looks_like_title(line.rest) or nxt is not None and nxt.kind in ("heard", "spoke", "decided"))
            if zone == "header" and not opens_item:
                header.append(line)
                continue
            if opens_item:
                zone = "body"  # an agenda-less protocol: the first item's title right after the header
            elif QUORUM_LINE(line.text):
                structure.quorum = line.text
                continue
        if zone in ("attendance", "absent", "invited") and line.kind is None:
            found = _names(line.text)
            if found and len(line.text) < 40 * max(1, len(found)) + 20:
                if zone == "invited":
                    structure.invited.extend(_entries(line.text))
                else:
                    {"attendance": structure.members, "absent": structure.absent}[zone].extend(found)
                continue
            if zone == "invited" and line.number is None and len(line.text) < 120:
                structure.invited.append(line.text)
                continue
            zone = "body" if line.number is not None or agenda else "header"
            if zone == "header":
                header.append(line)
                continue
        if zone == "agenda" and line.kind is None:
            if QUORUM_LINE(line.text):
                structure.quorum = line.text
                continue
            if line.number is not None and not (agenda and agenda[-1].number == line.number):
                if agenda and agenda[-1].number is not None and line.number == "1" and int(agenda[-1].number or 0) >= 1 \
                        and next_heading(idx) is not None:
                    zone = "body"  # numbering restarted: the first item's own title in the body
                else:
                    agenda.append(AgendaItem(number=line.number, title=line.rest.rstrip(".")))
                    continue
            elif agenda and agenda[-1].number is not None and next_heading(idx) is None:
                agenda[-1].title += " " + line.text
                continue
            else:
                zone = "body"
        if not body_started:
            zone, body_started = "body", True
            if not items:
                items = [a for a in agenda if a.number is not None]
                cursor = -1
        if line.kind in ("heard", "spoke"):
            if cursor >= 0 and fresh and line.number in (None, items[cursor].number):
                pass  # the heard block of the item whose title was just read
            elif line.number is not None or cursor < 0 or line.kind == "heard" and (
                    items[cursor].heard or items[cursor].decided):
                new_item("", line.number)
            fresh = False
            block = line.kind
            target = items[cursor].heard if block == "heard" else items[cursor].spoke
            target.append(line.rest)
            continue
        if line.kind == "decided":
            if cursor < 0 or line.number is not None and line.number != items[cursor].number or (
                    items[cursor].decided and not fresh):
                new_item("", line.number)
            fresh = False
            seen_decided = True
            block = "decided"
            last_decision_no = 0
            items[cursor].decided.append(line.rest)
            if line.rest:
                body = _NUMBER_PREFIX.match(line.rest)
                decision_texts.append((line.rest[body.end():] if body else line.rest, cursor))
                last_decision_no = 1
            continue
        if QUORUM_LINE(line.text) and len(line.text) < 120:
            structure.quorum = structure.quorum or line.text
            continue
        is_vote = VOTE_RE.search(skeleton(line.text)) or re.search(r"единогласн|бирауыздан|голосовал", despace(line.text))
        if is_vote and len(line.text) < 160 and block in ("decided", None):
            structure.votes.append(_vote(line.text))
            structure.votes[-1].item_index = cursor if cursor >= 0 else None
            block = None
            continue
        if line.number is not None and block == "decided":
            expected = str(last_decision_no + 1)
            nxt = next_heading(idx)
            heading_next = nxt is not None and nxt.kind in ("heard", "spoke", "decided")
            title_like = _looks_like_title(line.rest)
            if (title_like and line.number != expected) or heading_next and (
                    title_like and nxt.number in (None, line.number) or line.number != expected and nxt.number is None):
                new_item(line.rest.rstrip("."), line.number)
                block = None
                continue
            decision_texts.append((line.rest, cursor))
            items[cursor].decided[-1] += "\n" + line.text
            last_decision_no = int(line.number) if line.number.isdigit() else last_decision_no + 1
            continue
        if line.number is not None and block != "decided":
            new_item(line.rest.rstrip("."), line.number)
            block = None
            continue
        if block == "decided" and cursor >= 0:
            items[cursor].decided[-1] += "\n" + line.text
            starts_new = line.text[:1].isupper() and not re.match(
                r"(ответствен|срок|исполнит|жауапты|мерзім|орындаушы)", line.text, re.IGNORECASE)
            if decision_texts and decision_texts[-1][1] == cursor and not starts_new:
                decision_texts[-1] = (decision_texts[-1][0] + " " + line.text, cursor)
            else:
                decision_texts.append((line.text, cursor))
            continue
        if block in ("heard", "spoke") and cursor >= 0:
            target = items[cursor].heard if block == "heard" else items[cursor].spoke
            target[-1] = (target[-1] + " " + line.text).strip()
            continue
        if cursor >= 0 and fresh:
            items[cursor].title = (items[cursor].title + " " + line.text).strip()
            continue
        header.append(line) if not items else None

    if zone in ("header", "attendance", "absent", "invited", "agenda") and not items:
        items = [a for a in agenda if a.number is not None]
    structure.agenda_list = [a.title for a in agenda]
    structure.agenda_numbered = bool(agenda) and all(a.number is not None for a in agenda)
    structure.agenda_items = items if items else agenda
    if agenda and not items:
        structure.agenda_items = agenda
    # Unnumbered inline agenda ("Повестка дня: a; b.") stays recorded, but items carry no number.
    if structure.agenda_heading and agenda and all(a.number is None for a in agenda) and items:
        for k, it in enumerate(items):
            if not it.title and k < len(agenda):
                it.title = agenda[k].title
    _read_header(structure, header, nlp_lang)
    ref = structure.date or dt.date.today()
    structure.decisions = [parse_decision(t.strip(), lang=_decision_language(t, lang), item_index=i, ref_date=ref)
                           for t, i in decision_texts if t.strip()]
    return structure


def _is_title(text: str) -> bool:
    """ПРОТОКОЛ № 7 / № 7 ХАТТАМА / ХАТТАМА, also when OCR split the word ("ХАТТАМ А")."""
    letters = despace(text)
    if letters.startswith(("протоколом", "протокола", "протоколу", "хаттамасымен", "хаттамасына")):
        return False
    if len(text) <= 45 and (letters.startswith(("протокол", "хаттама")) or letters.lstrip("к").startswith("хаттама")):
        return True
    if re.match(r"\s*(ПРОТОКОЛ|ХАТТАМА)\s*№\s*\d", text):  # a title glued to the lines after it
        return True
    return bool(re.search(r"отырысыныңхаттамасы$|отырысыныңхаттамасы", letters[-30:])) and len(text) < 200


def _looks_like_title(text: str) -> bool:
    sk = skeleton(text).strip(" .")
    return bool(re.match(r"(о|об|по\s+вопросу|рассмотрение|информация)\s", sk) or re.search(r"(туралы|карау)$", sk))


def QUORUM_LINE(text: str) -> bool:  # noqa: N802 - reads as a predicate on a line
    return "кворум" in skeleton(text)


def _read_header(structure: ProtocolStructure, header: list[Line], lang: str) -> None:
    for line in header[:12]:
        sk = skeleton(line.text)
        first = despace(line.text[:20])
        if structure.title is None and _is_title(line.text):
            structure.title = line.text
            m = re.search(r"№\s*(\d[\w/\-]*)", line.text)
            if m:
                structure.number = m.group(1)
            structure.cues.append("title")
            if len(line.text) <= 120:
                continue
            # A glued title line may also carry the date and place: read on.
        elif "комисси" in sk and structure.commission is None and not first.startswith(_CHAIR_START + _SECRETARY_START):
            structure.commission = line.text
            m = re.search(r"№\s*(\d[\w/\-]*)", line.text)
            if m and structure.number is None and re.search(r"протокол|хаттама", sk):
                structure.number = m.group(1)
            continue
        if first.startswith(_CHAIR_START):
            rest = re.sub(r"^[^:]*:", "", line.text) if ":" in line.text[:40] else line.text
            structure.chair_text = line.text
            structure.chair = _person(rest)
            continue
        if first.startswith(_SECRETARY_START):
            rest = re.sub(r"^[^:]*:", "", line.text) if ":" in line.text[:40] else line.text
            structure.secretary_text = line.text
            structure.secretary = _person(rest)
            continue
        if QUORUM_LINE(line.text):
            structure.quorum = line.text
            continue
        dates = find_dates(line.text)
        rest = line.text
        if dates and structure.date is None:
            structure.date, structure.date_text = dates[0].date, dates[0].text
            rest = (line.text[:dates[0].start] + line.text[dates[0].end:])
            rest = re.sub(r"^\s*от\b|\b(г\.|года|ж\.)", " ", rest)
        place_cues = find_cues(rest, lang=lang, labels={"PLACE"})
        looks_place = re.search(r"(^|\s)(г\.|с\.|п\.|пос\.)\s*[А-ЯӘҒҚҢӨҰҮІ][а-яәғқңөұүһі]{2,}|"
                                r"[А-ЯӘҒҚҢӨҰҮІ][а-яәғқңөұүһі]{2,}\s+(ауылы|кенті|қ\.|қаласы)", rest)
        if structure.place is None and (place_cues or looks_place) and len(re.sub(r"[^А-Яа-яӘ-ӨәғқңөұүһіA-Za-z]", "", rest)) >= 3:
            if len(rest) > 120 and looks_place:  # a long glued line: the place starts at its cue
                rest = rest[looks_place.start():]
            structure.place = re.sub(r"^\s*(место проведения|өткізілген орны)\s*:\s*", "", rest.strip(), flags=re.I).strip()
    if structure.title is not None and structure.number is None:
        # "ХАТТАМАСЫ" on one line, "№ 3   2025 жылғы 28 наурыз" on the next.
        for line in header[:8]:
            m = re.match(r"\s*№\s*(\d[\w/\-]*)", line.text)
            if m:
                structure.number = m.group(1)
                break
    # The chair may be named in a header sentence: "под председательством ..." / "... төрағалығымен".
    if structure.chair is None:
        for line in header:
            m = re.search(r"под\s+председательством\s+(.+)|(.+?)\s+төрағалығымен", line.text, re.IGNORECASE)
            if m:
                structure.chair = _chair_in_sentence(m.group(1) or m.group(2))
                structure.chair_text = line.text
                break
    for sig in structure.signatures:
        if sig.role == "chair" and structure.chair is None and sig.name:
            structure.chair, structure.chair_text = sig.name, sig.text
        if sig.role == "secretary" and structure.secretary is None and sig.name:
            structure.secretary, structure.secretary_text = sig.name, sig.text
