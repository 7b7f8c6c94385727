"""Decision reading: executor, real deadline vs "постоянно", concrete vs vague (rules)."""

from __future__ import annotations

import datetime as dt

import pytest

from pipelines.protocols.decisions import read_decision

REF = dt.date(2025, 3, 1)


@pytest.mark.parametrize("text, lang, executor_word", [
    ("Отделу образования провести рейды до 01.04.2025 г.", "ru", "образования"),
    ("Обязать орган опеки и попечительства обследовать семью К. в срок до 10.03.2025.", "ru", "опеки"),
    ("Провести родительские собрания. Ответственный: директора школ. Срок: 20.03.2025.", "ru", "директора"),
    ("Аудандық білім бөліміне тренинг өткізу тапсырылсын. Мерзімі: 01.04.2025 дейін.", "kk", "білім"),
    ("Сынып сағаттарын өткізу міндеттелсін. Жауапты: аудандық полиция бөлімі.", "kk", "полиция"),
])
def test_executor_named(text: str, lang: str, executor_word: str) -> None:
    reading = read_decision(text, lang=lang, ref_date=REF)
    assert reading.executor and executor_word in reading.executor


@pytest.mark.parametrize("text, lang", [
    ("Провести во всех школах классные часы до 01.04.2025 г.", "ru"),  # "in all schools" is not an executor
    ("Всем членам комиссии усилить контроль.", "ru"),
    ("Барлық мектептерде сынып сағаттарын өткізу тапсырылсын.", "kk"),
    ("Мүдделі органдарға жұмысты жандандыру тапсырылсын.", "kk"),
])
def test_no_executor_or_only_everyone(text: str, lang: str) -> None:
    assert read_decision(text, lang=lang, ref_date=REF).executor is None


@pytest.mark.parametrize("text, lang, expected", [
    ("Срок: до 15 апреля 2025 года.", "ru", dt.date(2025, 4, 15)),
    ("в срок до 01.03", "ru", dt.date(2025, 3, 1)),
    ("Мерзімі: 2025 жылғы 1 сәуірге дейін.", "kk", dt.date(2025, 4, 1)),
    ("Мерзімі: 01.04.2025 ж. дейін.", "kk", dt.date(2025, 4, 1)),
])
def test_real_deadlines(text: str, lang: str, expected: dt.date) -> None:
    assert read_decision("Отделу образования провести рейды. " + text, lang=lang, ref_date=REF).deadline_date == expected


@pytest.mark.parametrize("text, lang", [
    ("Отделу образования провести рейды. Срок: постоянно.", "ru"),
    ("Отделу образования провести рейды в течение года.", "ru"),
    ("Отделу образования провести рейды. Срок:", "ru"),
    ("Білім бөліміне рейдтер өткізу тапсырылсын. Мерзімі: жыл бойы.", "kk"),
    ("Білім бөліміне рейдтер өткізу тапсырылсын. Мерзімі: тұрақты.", "kk"),
])
def test_deadline_words_without_a_date_are_not_deadlines(text: str, lang: str) -> None:
    reading = read_decision(text, lang=lang, ref_date=REF)
    assert reading.deadline_date is None


@pytest.mark.parametrize("text, lang, concrete", [
    ("Информацию принять к сведению.", "ru", False),
    ("Усилить работу по профилактике правонарушений.", "ru", False),
    ("Ақпарат назарға алынсын.", "kk", False),
    ("Профилактикалық жұмыс күшейтілсін.", "kk", False),
    ("Отделу образования провести рейды до 01.04.2025 г.", "ru", True),
    ("Білім бөліміне тренинг ұйымдастыру тапсырылсын.", "kk", True),
    ("Объявить предупреждение законному представителю.", "ru", True),
])
def test_rule_concreteness(text: str, lang: str, concrete: bool) -> None:
    assert read_decision(text, lang=lang).concrete_rule is concrete


@pytest.mark.parametrize("text", ["ЦРБ обеспечить медицинский осмотр детей до 01.07.2025.",
                                  "ОП района организовать дежурство у лагерей до 31.08.2025."])
def test_executor_in_the_nominative_before_the_infinitive(text: str) -> None:
    assert read_decision(text, lang="ru", ref_date=REF).executor is not None


@pytest.mark.parametrize("text, lang, deadline_text", [
    # Skeletons fold й to и: «жыл бойы» and «дейін» must still be read as written.
    ("Білім бөліміне рейдтер өткізу тапсырылсын. Мерзімі: жыл бойы.", "kk", "жыл бойы"),
    ("Білім бөліміне рейдтер өткізу тапсырылсын. Мерзімі: 01.04.2025 ж. дейін.", "kk", "Мерзімі: 01.04.2025 ж. дейін"),
    ("Отделу образования провести рейды. Срок: постоянно.", "ru", "постоянно"),
])
def test_deadline_text_is_the_phrase_as_written(text: str, lang: str, deadline_text: str) -> None:
    assert read_decision(text, lang=lang, ref_date=REF).deadline_text == deadline_text
