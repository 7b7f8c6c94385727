"""Document type: protocol of a commission meeting, work plan, or other.

Scores cues from the title (first lines), the section headings of a protocol (СЛУШАЛИ / ТЫҢДАЛДЫ ...)
and the header row of a plan table (срок / мерзімі, ответственные / жауаптылар ...).
"""

from __future__ import annotations

import re

from pipelines.types import DocType

TITLE_CHARS = 400
MIN_SCORE = 3

_PROTOCOL_TITLE = re.compile(r"\b(протокол|хаттама)", re.IGNORECASE)
_PLAN_TITLE = re.compile(r"\b(план\s+работы|план\s+мероприятий|жұмыс\s+жоспары|жоспары|план)\b|іс-шаралар\s+жоспары",
                         re.IGNORECASE)
_PROTOCOL_SECTIONS = [
    re.compile(r"\b(слушали|тыңдалды)\b", re.IGNORECASE),
    re.compile(r"\b(постановили|решили|қаулы\s+етт|шешті|шешім(?:і)?\s*:|қаулы\s+етілді)", re.IGNORECASE),
    re.compile(r"(повестка\s+дня|күн\s+тәртібі)", re.IGNORECASE),
    re.compile(r"(присутствовали|қатысқандар|қатысушылар)", re.IGNORECASE),
    re.compile(r"(кворум)", re.IGNORECASE),
]
_PLAN_COLUMNS = [
    re.compile(r"(срок|мерзім)", re.IGNORECASE),
    re.compile(r"(ответствен|жауапты|орындаушы|исполнител)", re.IGNORECASE),
    re.compile(r"(мероприяти|іс-шара|рассматриваем|қаралатын|мәселе|вопрос)", re.IGNORECASE),
    re.compile(r"(отметка|белгі|исполнени|орындалуы)", re.IGNORECASE),
]
_APPROVAL = re.compile(r"(утвержда|утвержд[её]н|бекітемін|бекітілді|бекітілген)", re.IGNORECASE)


def classify_doc_type(text: str, *, tables: list[list[list[str]]]) -> DocType:
    title = text[:TITLE_CHARS]
    protocol = 0
    plan = 0
    if _PROTOCOL_TITLE.search(title):
        protocol += 3
    protocol += sum(2 for pattern in _PROTOCOL_SECTIONS[:2] if pattern.search(text))
    protocol += sum(1 for pattern in _PROTOCOL_SECTIONS[2:] if pattern.search(text))
    if _PLAN_TITLE.search(title):
        plan += 3
    if _APPROVAL.search(title):
        plan += 1
    for table in tables:
        if not table:
            continue
        header = " ".join(" ".join(row) for row in table[:2])
        hits = sum(1 for pattern in _PLAN_COLUMNS if pattern.search(header))
        if hits >= 2 and len(table) >= 3:
            plan += hits
            break
    if max(protocol, plan) < MIN_SCORE:
        return "other"
    return "protocol" if protocol >= plan else "plan"
