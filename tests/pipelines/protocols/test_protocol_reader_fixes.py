"""Reader fixes reported by the monitoring engineer: executors, the chair in a header sentence, mixed
language, and month-only deadlines. Each case failed before its fix."""

from __future__ import annotations

import datetime as dt

import pytest

from pipelines.protocols import segment_protocol
from pipelines.protocols.decisions import read_decision
from pipelines.protocols.segment import detect_language
from tests.pipelines.protocols.protocol_samples import KK_FULL, RU_FULL

REF = dt.date(2025, 3, 14)


# (a) a noun opening the decision is not its executor unless it is a body/person in the right case or labelled.
@pytest.mark.parametrize("text, lang", [
    ("Колледж студенттеріне құқықтық жауапкершілік туралы түсіндіру жұмыстарын жүргізу. Мерзімі: 01.04.2025 дейін.",
     "kk"),
    ("Мектептерде ішкі істер органдарының кәмелетке толмағандар ісі жөніндегі инспекторларының қатысуымен "
     "сынып сағаттарын өткізу.", "kk"),
    ("Мектептерде ЮПИ инспекторларының қатысуымен профилактикалық сабақтар өткізу тапсырылсын.", "kk"),
    ("Студентам колледжа разъяснить ответственность за правонарушения до 01.04.2025.", "ru"),
    ("Классные часы в школах провести с участием инспекторов ПДН до 01.04.2025.", "ru"),
    ("Разъяснительную работу среди студентов колледжа провести до 01.04.2025.", "ru"),
])
def test_a_leading_noun_is_not_an_executor(text: str, lang: str) -> None:
    assert read_decision(text, lang=lang, ref_date=REF).executor is None


@pytest.mark.parametrize("text, lang, executor", [
    ("Колледж директорына студенттермен түсіндіру жұмыстарын жүргізу тапсырылсын.", "kk", "Колледж директорына"),
    ("Аудандық білім бөлімінің басшысына мектептерде рейд өткізу тапсырылсын.", "kk",
     "Аудандық білім бөлімінің басшысына"),
    ("Колледж студенттеріне түсіндіру жұмыстарын жүргізу. Жауапты: колледж директоры Әлиев Б.К.", "kk",
     "колледж директоры Әлиев Б.К."),
    ("Органу опеки и попечительства обследовать семью К. до 01.04.2025.", "ru", "Органу опеки и попечительства"),
    ("Классным руководителям школ провести классные часы до 01.04.2025.", "ru", "Классным руководителям школ"),
    ("ОП района провести рейды в местах досуга подростков до 01.04.2025.", "ru", "ОП района"),
])
def test_a_body_in_the_right_case_or_labelled_is_the_executor(text: str, lang: str, executor: str) -> None:
    assert read_decision(text, lang=lang, ref_date=REF).executor == executor


# (b) the chair named in a header sentence, full names in the genitive included.
@pytest.mark.parametrize("line, chair", [
    ("Под председательством заместителя акима района Иванова И.И.", "Иванова И.И."),
    ("Под председательством заместителя акима района Ахметовой Айгерим Болатовны", "Ахметовой Айгерим Болатовны"),
    ("Под председательством заместителя акима города Сейтова Серика Болатовича", "Сейтова Серика Болатовича"),
])
def test_ru_chair_from_the_header_sentence(line: str, chair: str) -> None:
    text = (RU_FULL.replace("Председатель: заместитель акима района Абенов Р.К.\n", line + "\n")
            .replace("Председатель комиссии ___________ Р. Абенов\n", ""))
    structure = segment_protocol(text)
    assert (structure.chair, structure.chair_text) == (chair, line)


@pytest.mark.parametrize("line, chair", [
    ("Аудан әкімінің орынбасары Иванов И.И. төрағалығымен", "Иванов И.И."),
    ("Отырыс аудан әкімінің орынбасары Ахметова Айгерім Болатқызының төрағалығымен өтті.",
     "Ахметова Айгерім Болатқызының"),
    ("Аудан әкімінің орынбасары А.Б. Сейтовтың төрағалығымен", "А.Б. Сейтовтың"),
])
def test_kk_chair_from_the_header_sentence(line: str, chair: str) -> None:
    text = (KK_FULL.replace("Төраға: аудан әкімінің орынбасары Әбенов Р.Қ.\n", line + "\n")
            .replace("Комиссия төрағасы ___________ Р. Әбенов\n", ""))
    structure = segment_protocol(text)
    assert (structure.chair, structure.chair_text) == (chair, line)


# (c) Russian headings with Kazakh reports and decisions: both languages carry substantial text.
RU_HEADINGS_KK_TEXT = """ПРОТОКОЛ № 10
заседания комиссии по делам несовершеннолетних и защите их прав при акимате Ойыл ауданы
от 12.11.2025 г.                             с. Ойыл, актовый зал акимата
Председатель: заместитель акима района Нұрғалиев Б.С.
Секретарь: Тлеуова Г.М.
Присутствовали: Әлиев Қ.Т., Баймұқанова Ж.Е., Жұмашева А.Ш., Лукьянова Н.П.
Кворум имеется.
Повестка дня:
1. Жасөспірімдер арасында өзіне-өзі қол жұмсаудың алдын алу туралы.
2. Бұрын қабылданған шешімдердің орындалуы туралы.
1. СЛУШАЛИ: психолог ЦПП Жұмашева А.Ш. – 2025 жылдың 10 айында 4 жасөспірімде өзіне зақым келтіру белгілері анықталды.
ПОСТАНОВИЛИ:
1. Аудандық білім бөліміне 9–11 сынып оқушыларына психологиялық тестілеу өткізу тапсырылсын. Мерзімі: 15.12.2025 дейін.
2. СЛУШАЛИ: Тлеуова Г.М. – № 9 хаттаманың 3 тапсырмасының барлығы орындалды.
ПОСТАНОВИЛИ:
1. № 9 хаттаманың 1–3-тармақтары бақылаудан алынсын.
Голосовали: за – 6, против – 0, воздержались – 0.
Председатель ________ Б. Нұрғалиев
Секретарь ________ Г. Тлеуова
"""

# Kazakh headings with Russian reports and decisions (the mirror case).
KK_HEADINGS_RU_TEXT = """№ 4 ХАТТАМА
Кәмелетке толмағандардың істері жөніндегі комиссия отырысы
2025 жылғы 3 сәуір                 Ойыл ауылы
Төраға: Нұрғалиев Б.С.
Хатшы: Тлеуова Г.М.
Қатысқандар: Әлиев Қ.Т., Баймұқанова Ж.Е., Лукьянова Н.П.
Кворум бар.
Күн тәртібі:
1. О профилактике правонарушений среди несовершеннолетних в период весенних каникул.
ТЫҢДАЛДЫ: инспектор ПДН Әлиев Қ.Т. – за первый квартал зарегистрировано 3 правонарушения, совершённых подростками.
ҚАУЛЫ ЕТТІ:
1. Отделу образования провести рейды в местах досуга подростков до 10.04.2025 г.
Дауыс беру: жақтап – 5, қарсы – 0, қалыс – 0.
"""


@pytest.mark.parametrize("text", [RU_HEADINGS_KK_TEXT, KK_HEADINGS_RU_TEXT])
def test_headings_in_one_language_and_text_in_the_other_are_mixed(text: str) -> None:
    assert detect_language(text) == "mixed"
    structure = segment_protocol(text)
    assert structure.language == "mixed"
    # each decision is still read in its own language: the executor leads in the dative in both
    assert structure.decisions[0].executor in ("Аудандық білім бөліміне", "Отделу образования")


@pytest.mark.parametrize("text, lang", [(RU_FULL, "ru"), (KK_FULL, "kk")])
def test_one_language_protocols_stay_single(text: str, lang: str) -> None:
    assert detect_language(text) == lang


# (d) month-only deadlines, the year taken from the protocol date (the next year when the month has passed).
@pytest.mark.parametrize("deadline, lang, expected", [
    ("до конца июня", "ru", dt.date(2025, 6, 30)),
    ("в срок до 1 июля", "ru", dt.date(2025, 7, 1)),
    ("до конца февраля", "ru", dt.date(2026, 2, 28)),  # February 2025 was over by 14.03.2025
    ("Мерзімі: шілдеге дейін", "kk", dt.date(2025, 7, 1)),
    ("Мерзімі: маусымның соңына дейін", "kk", dt.date(2025, 6, 30)),
    ("Мерзімі: 1 шілдеге дейін", "kk", dt.date(2025, 7, 1)),
])
def test_month_deadlines_read_as_dates(deadline: str, lang: str, expected: dt.date) -> None:
    body = ("Отделу образования провести рейды " if lang == "ru"
            else "Білім бөліміне рейдтер өткізу тапсырылсын. ")
    reading = read_decision(body + deadline + ".", lang=lang, ref_date=REF)
    assert reading.deadline_date == expected
    assert reading.deadline_text and reading.deadline_text.lower().rstrip(".") in (body + deadline).lower()


def test_month_deadline_in_a_protocol_takes_the_protocols_year() -> None:
    text = RU_FULL.replace("в срок до 01.12.2025 г.", "до конца декабря")
    decision = next(d for d in segment_protocol(text).decisions if "сопровождение" in d.text)
    assert decision.deadline_date == dt.date(2025, 12, 31)
