"""The input of monitoring: one ``MeetingRecord`` per protocol, independent of how it was read.

Monitoring never looks at protocol text. Whatever reads protocols (the segmenter of
``pipelines/protocols``, a generator, a hand-made spreadsheet) fills these records, and every figure of
the monthly report is computed from them alone.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field


class DecisionRecord(BaseModel):
    """One decision of a meeting, as far as monitoring needs it.

    ``weak`` is the protocol-level verdict: no responsible executor, no real deadline, or not concrete.
    ``concrete`` is kept separately because copying a formula such as "принять к сведению" from one
    protocol to the next is not counted as a repeated decision (it is already counted as weak).
    """

    text: str
    weak: bool
    concrete: bool = True
    executor: str | None = None
    deadline: dt.date | None = None


class MeetingRecord(BaseModel):
    """One meeting of one commission, read from one protocol."""

    commission_id: str  # gazetteer key of the district/city, same for kk and ru documents
    date: dt.date
    number: str | None = None
    chair: str | None = None  # the name as written, in any case form, spelling or order
    secretary: str | None = None
    agenda_titles: list[str] = Field(default_factory=list)
    has_suicide_prevention_item: bool = False
    decisions: list[DecisionRecord] = Field(default_factory=list)
    language: str | None = None
    source: str | None = None  # file name or stored document id, to point back to the protocol
