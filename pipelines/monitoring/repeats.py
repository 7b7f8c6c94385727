"""Decisions copied from earlier protocols of the same commission.

A decision counts as repeated when its text, with dates, numbers and punctuation removed, is a near
duplicate of a decision of an earlier meeting (rapidfuzz ``token_sort_ratio`` at or above a threshold).
The executor and deadline part ("Ответственный: …. Срок: до 01.03.2025", "(жауапты: …; мерзімі: …)")
changes from copy to copy, so only the substance before it is compared, without dates and numbers;
word order and small edits are tolerated by the token-sort ratio.

Only concrete decisions are compared: "Информацию принять к сведению" recurs in every protocol and is
already counted as a weak decision, it is not a copied decision. Decisions whose substance has fewer
than ``MIN_SUBSTANCE_WORDS`` words are formulas of that kind and are never compared either. Decisions in another language are not
matched (a Kazakh copy of a Russian decision would need the embedding matcher of pipelines/plans).
"""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel
from rapidfuzz import fuzz

from pipelines.monitoring.names import fold

DEFAULT_REPEAT_THRESHOLD = 85.0
# Substance shorter than this is a formula ("усилить работу по данному направлению"), not a decision
# someone copied; it is never matched even when the protocol reader left ``concrete`` undecided.
MIN_SUBSTANCE_WORDS = 6

# The executor and deadline parts of a decision line ("Ответственный: отдел образования.", "(жауапты: …;
# мерзімі: … дейін)", "в срок до …"): copies keep the substance and change these.
_MARKER = r"(?:ответственн\w*|исполнител\w*|срок\w*|жауапты\w*|орындаушы\w*|мерзім\w*)"
_PARENTHESIS_WITH_MARKER = re.compile(rf"\([^()]*{_MARKER}[^()]*\)", re.IGNORECASE)
_LABELLED_PART = re.compile(rf"{_MARKER}\s*[:–—-][^.;()]*", re.IGNORECASE)
_DEADLINE_WORDS = re.compile(r"\bв\s+срок\s+до\b|\bдейін\b", re.IGNORECASE)
_DATE_OR_NUMBER = re.compile(r"\d+(?:[./-]\d+)*")
_NON_WORD = re.compile(r"[^\w\s]|_", re.UNICODE)
# Month names (ru genitive and kk) are part of deadlines, which change from copy to copy.
_MONTHS = re.compile(
    r"\b(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|"
    r"кантар|акпан|наурыз|сауир|мамыр|маусым|шилде|тамыз|кыркуйек|казан|караша|желтоксан)\w*",
)


class DecisionRef(BaseModel):
    """Where a decision stands: a meeting (date, number) and its 1-based position among decisions."""

    date: dt.date
    number: str | None = None
    index: int


class RepeatedDecision(BaseModel):
    """A decision of a later meeting that copies a decision of an earlier one."""

    decision: DecisionRef
    earlier: DecisionRef
    similarity: float  # 0-100


def comparable_text(text: str) -> str:
    """The substance of a decision as compared: without its labelled executor/deadline parts, dates,
    numbers, month names and punctuation; folded."""
    substance = _PARENTHESIS_WITH_MARKER.sub(" ", text)
    substance = _LABELLED_PART.sub(" ", substance)
    folded = fold(_DEADLINE_WORDS.sub(" ", substance))
    folded = _DATE_OR_NUMBER.sub(" ", folded)
    folded = _MONTHS.sub(" ", folded)
    folded = _NON_WORD.sub(" ", folded)
    return " ".join(folded.split())


def find_repeated_decisions(
    decisions: list[tuple[DecisionRef, str]],
    *,
    threshold: float = DEFAULT_REPEAT_THRESHOLD,
) -> list[RepeatedDecision]:
    """Each decision that near-duplicates a decision of an earlier meeting, with its best earlier match.

    Args:
        decisions: (where, text) of the concrete decisions of one commission, in any order. Decisions of
            the same meeting are never matched against each other.
        threshold: minimal ``token_sort_ratio`` (0-100) to call two decisions the same.

    Returns:
        One ``RepeatedDecision`` per repeated decision, ordered by date; the earlier match is the most
        similar decision among all earlier meetings (ties: the most recent one).
    """
    ordered = sorted(decisions, key=lambda item: (item[0].date, item[0].index))
    prepared = [(ref, text if len(text.split()) >= MIN_SUBSTANCE_WORDS else "")
                for ref, text in ((ref, comparable_text(text)) for ref, text in ordered)]
    repeats: list[RepeatedDecision] = []
    for position, (ref, text) in enumerate(prepared):
        if not text:
            continue
        best: tuple[float, DecisionRef] | None = None
        for earlier_ref, earlier_text in prepared[:position]:
            if earlier_ref.date >= ref.date or not earlier_text:
                continue
            score = fuzz.token_sort_ratio(text, earlier_text, score_cutoff=threshold)
            if score and (best is None or score >= best[0]):
                best = (score, earlier_ref)
        if best is not None:
            repeats.append(RepeatedDecision(decision=ref, earlier=best[1], similarity=round(best[0], 1)))
    return repeats
