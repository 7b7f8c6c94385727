"""Normalisation erases what a copier changes: years, dates, quarters, months, places, local bodies."""

from __future__ import annotations

import pytest

from corpora.plans.places import place_name_forms
from pipelines.plans import PlaceNames, normalize_activity

PLACES = PlaceNames.of(place_name_forms())


@pytest.mark.parametrize(("a", "b"), [
    ("Отчёт о проделанной работе комиссии за 2023 год", "Отчет о проделанной работе комиссии за 2025 год"),
    ("Комиссияның 2022 жылы атқарылған жұмысы туралы есебі", "Комиссияның 2024 жылы атқарылған жұмысы туралы есебі"),
    ("Анализ правонарушений за I квартал", "Анализ правонарушений за 3 квартал"),
    ("Құқық бұзушылықтарды 1-тоқсан бойынша талдау", "Құқық бұзушылықтарды IV тоқсан бойынша талдау"),
    ("Сверка списков ежеквартально", "Сверка списков I квартал"),
    ("Тізімдерді тоқсан сайын салыстыру", "Тізімдерді 2-тоқсан салыстыру"),
    ("Рейды в январе", "Рейды в сентябре"),
    ("Мамыр айында рейдтер", "Қазан айында рейдтер"),
    ("Срок до 25.12.2024 г.", "Срок до 01.06.2023"),
    ("Анализ преступлений несовершеннолетних Алгинского района", "Анализ преступлений несовершеннолетних Шалкарского района"),
    ("Алға ауданының мектептерінде рейд", "Шалқар ауданының мектептерінде рейд"),
    ("Рейды по семьям с. Бадамша", "Рейды по семьям с. Бестамак"),
    ("Бадамша ауылының отбасыларына рейд", "Бестамақ ауылының отбасыларына рейд"),
    ("Организация летнего отдыха в г. Актобе", "Организация летнего отдыха в Иргизском районе"),
    ("Заслушать КДНиЗП и ОП о работе", "Заслушать акимат и отдел полиции о работе"),
])
def test_copy_edits_normalise_to_the_same_text(a: str, b: str) -> None:
    assert normalize_activity(a, places=PLACES).text == normalize_activity(b, places=PLACES).text


def test_ordinary_words_that_start_like_a_place_are_kept() -> None:
    # "алғашқы" (first) starts with the district name "Алға"; it must not become a place.
    assert normalize_activity("Алғашқы көмек көрсету", places=PLACES).text == "алғашқы көмек көрсету"


def test_places_are_reported_so_district_copies_can_be_told() -> None:
    result = normalize_activity("Рейды в с. Бадамша Каргалинского района", places=PLACES)
    assert "<place>" in result.text and "бадамша" in " ".join(result.places)


def test_different_activities_stay_different() -> None:
    a = normalize_activity("Проведение рейдов «Подросток» в 2024 году").text
    b = normalize_activity("Проведение рейдов «Семья» в 2024 году").text
    assert a != b
