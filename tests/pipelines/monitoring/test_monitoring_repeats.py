"""Decisions copied from earlier protocols: near duplicates found, distinct decisions and formulas not."""

from __future__ import annotations

import datetime as dt

from pipelines.monitoring.repeats import DecisionRef, comparable_text, find_repeated_decisions

BODY = "Провести совместные рейды по местам массового досуга молодежи в вечернее время с составлением актов"


def ref(month: int, index: int = 1, day: int = 15) -> DecisionRef:
    return DecisionRef(date=dt.date(2025, month, day), number=str(month), index=index)


def test_executor_deadline_and_dates_are_not_substance() -> None:
    a = comparable_text(f"{BODY}. Ответственный: отдел образования. Срок: до 01.03.2025.")
    b = comparable_text(f"{BODY} (ответственный: ювенальная полиция; срок: в срок до 15 апреля 2025 года).")
    assert a == b == comparable_text(BODY)
    assert comparable_text("Рейдтер жүргізілсін. Жауапты: білім бөлімі. Мерзімі: 01.02.2025 дейін.") == \
        "рейдтер жургизилсин"


def test_copies_with_small_edits_are_found_with_their_source() -> None:
    decisions = [
        (ref(1), f"{BODY}. Ответственный: ОЮП. Срок: до 01.02.2025."),
        (ref(1, 2), "Проверить печное отопление в домах многодетных семей с участием газовой службы."),
        (ref(3), f"Повторно {BODY[0].lower()}{BODY[1:]} (срок: до 01.04.2025)."),
        (ref(4), "Проверить печное отопление в домах многодетных семей, с участием газовой службы. Срок: постоянно."),
        (ref(5), "Организовать анонимное анкетирование учащихся средних классов по выявлению травли."),
    ]
    repeats = find_repeated_decisions(decisions)
    assert [(r.decision, r.earlier) for r in repeats] == [(ref(3), ref(1)), (ref(4), ref(1, 2))]
    assert all(85 <= r.similarity <= 100 for r in repeats)


def test_formulas_and_the_same_meeting_are_never_matched() -> None:
    decisions = [
        (ref(1), "Информацию принять к сведению."),
        (ref(2), "Информацию принять к сведению."),
        (ref(2, 2), "Усилить работу по данному направлению."),
        (ref(3), "Усилить работу по данному направлению."),
        (ref(4, 1), BODY),
        (ref(4, 2), BODY),  # twice in one protocol is not a copy from an earlier protocol
    ]
    assert find_repeated_decisions(decisions) == []


def test_distinct_decisions_on_one_theme_are_not_repeats() -> None:
    decisions = [
        (ref(1), "Провести родительские собрания о контентной фильтрации и родительском контроле на устройствах детей"),
        (ref(2), "Провести общешкольные родительские собрания о признаках депрессии у подростков"),
    ]
    assert find_repeated_decisions(decisions) == []
