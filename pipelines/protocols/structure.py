"""The segmented structure of a commission meeting protocol (ПРОТОКОЛ / ХАТТАМА).

These types are the contract between segmentation (:func:`pipelines.protocols.segment_protocol`), checklist
scoring and monitoring (``pipelines/monitoring``). Every field is what the text says, cleaned of OCR noise
but not interpreted further: a name stays in the case and spelling the secretary wrote it in, so that
monitoring can normalise names across protocols its own way.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, Field

from pipelines.types import Language

# Stems, not words: Russian and Kazakh inflect them ("суицида", "суицидтің", "самоубийств", "қол жұмсаудың").
_SUICIDE_PREVENTION_RE = re.compile(
    r"суицид|самоубийств|аутоагресс|самоповрежд|самоповрежден|"
    r"өзіне[\s-]*өзі\s+қол\s+жұмса|өз[\s-]*өзіне\s+қол\s+жұмса|өзін[\s-]*өзі\s+жарақат",
    re.IGNORECASE,
)


def is_suicide_prevention_text(text: str) -> bool:
    """True when ``text`` (an agenda item title or a decision) is about suicide or self-harm.

    Apply it to titles and decisions only: the checklist does not count a passing mention in a
    "heard" report (e.g. "случаев суицида не зарегистрировано" under an item on truancy).
    """
    return bool(_SUICIDE_PREVENTION_RE.search(text or ""))


class Decision(BaseModel):
    """One numbered point of a decided block (ПОСТАНОВИЛИ / ҚАУЛЫ ЕТТІ / ШЕШТІК / Шешім)."""

    text: str
    executor: str | None = None  # a body or person charged with it; None when absent or only "all"/"всем"
    deadline_text: str | None = None  # as written: "в срок до 01.03.2025", "постоянно", "мерзімі: 1 тоқсан"
    deadline_date: dt.date | None = None  # a real calendar deadline, None for "постоянно", "в течение года"
    concrete: bool | None = None  # a concrete action (True) vs "принять к сведению" (False); None = not judged
    item_index: int | None = None  # 0-based index into ProtocolStructure.agenda_items, None if unattached

    @property
    def has_real_deadline(self) -> bool:
        return self.deadline_date is not None

    @property
    def is_weak(self) -> bool:
        """Weak in the monitoring sense: no executor, or no real deadline, or not concrete."""
        return self.executor is None or self.deadline_date is None or self.concrete is False

    @property
    def is_suicide_prevention(self) -> bool:
        return is_suicide_prevention_text(self.text)


class AgendaItem(BaseModel):
    """One agenda item with the blocks recorded under it."""

    number: str | None = None  # as numbered in the text: "1", "2", "II"
    title: str
    heard: list[str] = Field(default_factory=list)  # СЛУШАЛИ / ТЫҢДАЛДЫ blocks (speaker + substance)
    spoke: list[str] = Field(default_factory=list)  # ВЫСТУПИЛИ / Сөз сөйлегендер blocks
    decided: list[str] = Field(default_factory=list)  # ПОСТАНОВИЛИ / ҚАУЛЫ ЕТТІ blocks, raw text

    @property
    def is_suicide_prevention(self) -> bool:
        return is_suicide_prevention_text(self.title)


class Vote(BaseModel):
    """A recorded vote: ``за — 7, против — 0, воздержались — 0`` / ``жақтап — 7, қарсы — 0, қалыс — 0``."""

    text: str
    votes_for: int | None = None
    votes_against: int | None = None
    abstained: int | None = None
    item_index: int | None = None


class Signature(BaseModel):
    """A signature line at the end: ``Председатель ______ А. Иванов``."""

    role: Literal["chair", "secretary", "member", "other"]
    name: str | None = None
    text: str


class ProtocolStructure(BaseModel):
    """What segmentation found in one protocol; empty fields mean "not found in the text"."""

    language: Language | None = None
    title: str | None = None  # the title line(s): "ПРОТОКОЛ № 7 заседания комиссии по делам ..."
    commission: str | None = None  # the commission/akimat phrase of the title, as written
    number: str | None = None  # "7", "7/2", "12-к"
    date: dt.date | None = None
    date_text: str | None = None
    place: str | None = None  # "г. Актобе, актовый зал акимата", "ВКС", "Қобда ауылы"
    chair: str | None = None  # name as written (may carry position); None when only the heading is there
    chair_text: str | None = None
    secretary: str | None = None
    secretary_text: str | None = None
    attendance_heading: bool = False  # a "Присутствовали" / "Қатысқандар" heading was found
    members: list[str] = Field(default_factory=list)  # names listed as present
    absent: list[str] = Field(default_factory=list)
    invited: list[str] = Field(default_factory=list)
    quorum: str | None = None  # the sentence stating the quorum
    agenda_heading: bool = False
    agenda_list: list[str] = Field(default_factory=list)  # titles as listed under the agenda heading
    agenda_numbered: bool = False  # the listed agenda is numbered (1., 2) ... or I, II)
    agenda_items: list[AgendaItem] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)
    votes: list[Vote] = Field(default_factory=list)
    signatures: list[Signature] = Field(default_factory=list)
    cues: list[str] = Field(default_factory=list)  # names of protocol cues found (for is_protocol)
    text_chars: int = 0

    @property
    def has_suicide_prevention(self) -> bool:
        """An agenda item or a decision on suicide/self-harm prevention (a passing mention does not count)."""
        return any(item.is_suicide_prevention for item in self.agenda_items) or any(
            d.is_suicide_prevention for d in self.decisions
        )

    def decisions_of(self, item_index: int) -> list[Decision]:
        return [d for d in self.decisions if d.item_index == item_index]


__all__ = [
    "AgendaItem",
    "Decision",
    "ProtocolStructure",
    "Signature",
    "Vote",
    "is_suicide_prevention_text",
]
