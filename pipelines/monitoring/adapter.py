"""From the protocols pipeline's ``ProtocolStructure`` to monitoring's ``MeetingRecord``.

The only place monitoring touches the protocols pipeline's types; the rest of monitoring reads
``MeetingRecord`` alone.
"""

from __future__ import annotations

import datetime as dt

from pipelines.errors import InputError
from pipelines.monitoring.names import parse_person_name
from pipelines.monitoring.records import DecisionRecord, MeetingRecord
from pipelines.protocols.structure import ProtocolStructure


def meeting_record_from_structure(
    structure: ProtocolStructure,
    commission_id: str,
    *,
    fallback_date: dt.date | None = None,
    fallback_number: str | None = None,
    source: str | None = None,
) -> MeetingRecord:
    """The meeting a segmented protocol records.

    Args:
        structure: output of ``pipelines.protocols.segment_protocol``.
        commission_id: gazetteer key of the district, from extraction metadata.
        fallback_date: the date extraction found, used when segmentation found none in the header.
        fallback_number: likewise for the protocol number.
        source: file name or stored id, to point back to the protocol.

    Raises:
        InputError: neither the structure nor the fallback gives a meeting date; monitoring cannot
            place a meeting it cannot date.
    """
    date = structure.date or fallback_date
    if date is None:
        raise InputError(f"protocol {source or ''} has no meeting date".replace("  ", " "),
                         detail={"source": source})
    decisions = [
        DecisionRecord(
            text=decision.text,
            weak=decision.is_weak,
            # ``None`` means "not judged": only an explicit verdict keeps a decision out of repeat matching.
            concrete=decision.concrete is not False,
            executor=decision.executor,
            deadline=decision.deadline_date,
        )
        for decision in structure.decisions
    ]
    return MeetingRecord(
        commission_id=commission_id,
        date=date,
        number=structure.number or fallback_number,
        chair=_official(structure, "chair"),
        secretary=_official(structure, "secretary"),
        agenda_titles=[item.title for item in structure.agenda_items],
        has_suicide_prevention_item=structure.has_suicide_prevention,
        decisions=decisions,
        language=structure.language,
        source=source,
    )


def _official(structure: ProtocolStructure, role: str) -> str | None:
    """The first written form of the chair's (secretary's) name in which a person can be recognised:
    the header field, the header line as written, then the signature lines."""
    candidates = [getattr(structure, role), getattr(structure, f"{role}_text")]
    candidates += [s.name or s.text for s in structure.signatures if s.role == role]
    for candidate in candidates:
        if candidate and parse_person_name(candidate) is not None:
            return candidate
    return getattr(structure, role)
