"""From a segmented protocol to a MeetingRecord."""

from __future__ import annotations

import datetime as dt

import pytest

from pipelines.errors import InputError
from pipelines.monitoring.adapter import meeting_record_from_structure
from pipelines.protocols.structure import AgendaItem, Decision, ProtocolStructure


def structure(**overrides: object) -> ProtocolStructure:
    values: dict[str, object] = dict(
        language="ru", number="7", date=dt.date(2025, 3, 14), chair="Нурланов Е.С.", secretary="Ахметова А.Б.",
        agenda_items=[AgendaItem(title="О профилактике суицидального поведения"), AgendaItem(title="О буллинге")],
        decisions=[
            Decision(text="Информацию принять к сведению.", concrete=False, item_index=0),
            Decision(text="Провести скрининг. Ответственный: ЦПП. Срок: до 01.04.2025.", executor="ЦПП",
                     deadline_date=dt.date(2025, 4, 1), concrete=True, item_index=0),
            Decision(text="Провести анкетирование. Срок: постоянно.", executor="отдел образования", item_index=1),
        ],
    )
    values.update(overrides)
    return ProtocolStructure(**values)  # type: ignore[arg-type]


def test_fields_and_weak_flags() -> None:
    record = meeting_record_from_structure(structure(), "alga", source="p7.docx")
    assert (record.commission_id, record.date, record.number, record.chair, record.secretary) == \
        ("alga", dt.date(2025, 3, 14), "7", "Нурланов Е.С.", "Ахметова А.Б.")
    assert record.has_suicide_prevention_item
    assert record.agenda_titles == ["О профилактике суицидального поведения", "О буллинге"]
    assert [(d.weak, d.concrete) for d in record.decisions] == [(True, False), (False, True), (True, True)]
    assert record.decisions[1].deadline == dt.date(2025, 4, 1)
    assert record.source == "p7.docx"


def test_fallbacks_from_extraction_metadata() -> None:
    record = meeting_record_from_structure(structure(date=None, number=None), "alga",
                                           fallback_date=dt.date(2025, 3, 15), fallback_number="7а")
    assert (record.date, record.number) == (dt.date(2025, 3, 15), "7а")
    with pytest.raises(InputError):
        meeting_record_from_structure(structure(date=None), "alga", source="x.pdf")


def test_passing_mention_is_not_prevention() -> None:
    record = meeting_record_from_structure(structure(agenda_items=[AgendaItem(
        title="О пропусках занятий", heard=["Случаев суицида не зарегистрировано."])], decisions=[]), "alga")
    assert not record.has_suicide_prevention_item


def test_chair_falls_back_to_the_header_line_and_signatures() -> None:
    from pipelines.protocols.structure import Signature

    record = meeting_record_from_structure(structure(
        chair="Председатель", chair_text="Под председательством заместителя акима района Абдрахмановой Д.Д.",
        secretary=None, signatures=[Signature(role="secretary", name="Г.К. Сейтова", text="Секретарь ___ Г.К. Сейтова")],
    ), "alga")
    assert record.chair == "Под председательством заместителя акима района Абдрахмановой Д.Д."
    assert record.secretary == "Г.К. Сейтова"
