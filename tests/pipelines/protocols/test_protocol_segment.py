"""Segmentation: blocks, items, decisions, names, numbering styles, OCR damage."""

from __future__ import annotations

import datetime as dt

import pytest

from pipelines.protocols import segment_protocol
from pipelines.protocols.cues import repair_ocr
from pipelines.protocols.segment import detect_language
from tests.pipelines.protocols.protocol_samples import KK_FULL, RU_FULL


@pytest.mark.parametrize("text, lang", [(RU_FULL, "ru"), (KK_FULL, "kk")])
def test_structure_of_a_complete_protocol(text: str, lang: str) -> None:
    s = segment_protocol(text)
    assert s.language == lang
    assert s.number == "11"
    assert s.date == dt.date(2025, 11, 5)
    assert "Бадамша" in (s.place or "")
    assert s.chair and s.chair.startswith(("Абенов", "Әбенов"))
    assert s.secretary and s.secretary.startswith(("Ильясова", "Ілиясова"))
    assert len(s.members) >= 3
    assert any("Сейдахметов" in x for x in s.invited)
    assert s.quorum
    assert [i.number for i in s.agenda_items] == ["1", "2", "3"]
    assert all(i.heard and i.decided for i in s.agenda_items)
    assert [d.item_index for d in s.decisions] == [0, 1, 1, 2, 2]
    assert len(s.votes) == 3 and s.votes[0].votes_for == 5 and s.votes[0].votes_against == 0
    assert {sig.role for sig in s.signatures} == {"chair", "secretary"}
    assert s.has_suicide_prevention
    assert s.agenda_items[1].is_suicide_prevention and not s.agenda_items[0].is_suicide_prevention


def test_decisions_carry_executor_and_deadline() -> None:
    s = segment_protocol(RU_FULL)
    first = s.decisions_of(1)[0]
    assert first.executor and "образования" in first.executor
    assert first.deadline_date == dt.date(2025, 12, 1)
    assert first.concrete is True and not first.is_weak
    measure = s.decisions_of(2)[0]
    assert "предупреждение" in measure.text


def test_vague_decision_and_deadline_word_without_date() -> None:
    text = RU_FULL.replace("1. Пункты 1–4 протокола № 10 снять с контроля.",
                           "1. Информацию принять к сведению. Срок: постоянно.")
    d = segment_protocol(text).decisions_of(0)[0]
    assert d.concrete is False
    assert d.deadline_date is None and d.deadline_text == "постоянно"
    assert d.is_weak


@pytest.mark.parametrize("numbering", ["{n}.", "{n})", "{n}-мәселе бойынша"])
def test_item_numbering_styles(numbering: str) -> None:
    text = KK_FULL
    for n in (1, 2, 3):
        text = text.replace(f"{n}. ТЫҢДАЛДЫ:", numbering.format(n=n) + " ТЫҢДАЛДЫ:")
    s = segment_protocol(text)
    assert len(s.agenda_items) == 3 and all(i.heard and i.decided for i in s.agenda_items)


def test_items_without_agenda_are_found_from_their_blocks() -> None:
    text = "\n".join(ln for ln in RU_FULL.splitlines()
                     if not ln.startswith(("Повестка", "1. Об ", "2. О ", "3. О ")))
    s = segment_protocol(text)
    assert not s.agenda_heading
    assert len(s.agenda_items) == 3
    assert [d.item_index for d in s.decisions] == [0, 1, 1, 2, 2]


def test_empty_attendance_heading_lists_no_members() -> None:
    text = RU_FULL.replace("Присутствовали члены комиссии:\n1. Жаксыгулов Т.А.\n2. Морозова Е.П.\n"
                           "3. Нугманова С.Б.\n4. Шайхиев М.Р.\n", "Присутствовали: члены комиссии (список прилагается).\n")
    s = segment_protocol(text)
    assert s.attendance_heading and s.members == []


def test_ocr_repair_restores_cyrillic_and_split_words() -> None:
    assert repair_ocr("ПOСТАНOВИЛИ: Oтделу oбразования") == "ПОСТАНОВИЛИ: Отделу образования"
    assert repair_ocr("ҚАУЛЫ ЕТТI", language="kk") == "ҚАУЛЫ ЕТТІ"
    assert "мая" in repair_ocr("до 9 ма я 2025 г.")
    assert repair_ocr("№ 12-к от 2025") == "№ 12-к от 2025"  # numbers survive


@pytest.mark.parametrize("text, lang", [
    ("Аудандық білім бөліміне мектептерде тренинг өткізу тапсырылсын және нәтижесі туралы хабарлансын.", "kk"),
    ("Отделу образования провести тренинги в школах и доложить о результатах комиссии.", "ru"),
])
def test_language_of_a_protocol(text: str, lang: str) -> None:
    assert detect_language(text * 3) == lang


def test_mixed_protocol_is_reported_as_mixed() -> None:
    kk_head = KK_FULL.split("Күн тәртібі:")[0]
    ru_body = "Повестка дня:" + RU_FULL.split("Повестка дня:")[1]
    text = kk_head + ru_body
    assert detect_language(text) == "mixed"
    result = segment_protocol(text)
    assert result.number == "11" and len(result.agenda_items) == 3


def test_glued_text_layer_without_line_breaks() -> None:
    glued = " ".join(line.strip() for line in RU_FULL.splitlines())
    s = segment_protocol(glued)
    assert s.number == "11" and s.date == dt.date(2025, 11, 5)
    assert s.chair and s.secretary and len(s.members) >= 3 and s.quorum
    assert len(s.agenda_items) == 3 and all(i.heard and i.decided for i in s.agenda_items)
    assert {sig.role for sig in s.signatures} == {"chair", "secretary"}


def test_decisions_written_as_a_table() -> None:
    table = ("ПОСТАНОВИЛИ:\n№ | Решение | Ответственный | Срок\n"
             "1 | Провести посещения 27 семей | отдел по защите прав детей, ОП района | до 31.03.2025\n"
             "2 | Направить 3 семьи к психологу | всем членам комиссии | постоянно\n")
    text = RU_FULL.replace("ПОСТАНОВИЛИ:\n1. Отделу образования (Жаксыгулов Т.А.) организовать сопровождение 8 "
                           "подростков школьными психологами в срок до 01.12.2025 г.\n2. Центру психологической "
                           "поддержки провести семинар для классных руководителей до 20.12.2025 г.\n", table)
    assert text != RU_FULL
    decisions = segment_protocol(text).decisions_of(1)
    assert len(decisions) == 2
    assert decisions[0].executor and "защите прав детей" in decisions[0].executor
    assert decisions[0].deadline_date == dt.date(2025, 3, 31)
    assert decisions[1].executor is None and decisions[1].deadline_date is None


def test_attendance_heading_inside_a_sentence() -> None:
    text = RU_FULL.replace("Присутствовали члены комиссии:", "На заседании присутствовали члены комиссии:")
    assert len(segment_protocol(text).members) == 4


def test_wrapped_decision_lines_and_ocr_number_sign() -> None:
    text = KK_FULL.replace("№ 11 ХАТТАМА", "Ме 11 ХАТТАМА").replace(
        "семинар өткізу тапсырылсын. Мерзімі: 20.12.2025 дейін.", "семинар өткізу тапсырылсын. Мерзімі:\n20.12.2025 дейін.")
    s = segment_protocol(text)
    assert s.number == "11"
    second = s.decisions_of(1)[1]
    assert second.deadline_date == dt.date(2025, 12, 20) and second.executor
    assert len(s.decisions_of(1)) == 2


def test_two_level_decision_numbering() -> None:
    text = RU_FULL.replace("\n1. Отделу образования (", "\n2.1. Отделу образования (").replace(
        "\n2. Центру психологической", "\n2.2. Центру психологической")
    decisions = segment_protocol(text).decisions_of(1)
    assert [d.text[:6] for d in decisions] == ["Отделу", "Центру"]


def test_singular_decision_heading_and_number_on_the_next_line() -> None:
    text = RU_FULL.replace("ПОСТАНОВИЛИ:", "Решение:").replace("ПРОТОКОЛ № 11", "ПРОТОКОЛ\n№ 11")
    s = segment_protocol(text)
    assert s.number == "11"
    assert all(item.decided for item in s.agenda_items) and len(s.decisions) == 5
    assert segment_protocol(RU_FULL.replace("Голосовали: за – 5, против – 0, воздержались – 0.",
                                            "Решение принято единогласно.")).votes
