"""Plan tables -> rows: kk/ru headers, repeated headers, column numbers, merged section rows, text plans."""

from __future__ import annotations

import pytest

from pipelines.extract.document import ExtractedDocument, Page, Table
from pipelines.plans import parse_plan, parse_plan_tables

RU_HEADER = ["№ п/п", "Наименование мероприятий", "Срок исполнения", "Ответственные", "Ожидаемый результат"]
KK_HEADER = ["№ р/с", "Іс-шаралар атауы", "Орындау мерзімі", "Жауаптылар", "Күтілетін нәтиже"]


@pytest.mark.parametrize("header", [RU_HEADER, KK_HEADER, ["№", "Қаралатын мәселе", "Мерзімі", "Баяндамашы"]])
def test_header_in_either_language_maps_columns(header: list[str]) -> None:
    row = ["1.", "Проведение рейдов «Подросток»", "I квартал", "ОП района", "Справка"][: len(header)]
    plan = parse_plan_tables([[header, row]])
    assert len(plan.rows) == 1
    parsed = plan.rows[0]
    assert (parsed.row_index, parsed.number, parsed.activity) == (1, "1", "Проведение рейдов «Подросток»")
    assert parsed.deadline == "I квартал"
    assert parsed.responsible == "ОП района"


def test_repeated_headers_section_rows_and_column_numbers_are_not_data_rows() -> None:
    page1 = [RU_HEADER, ["1", "2", "3", "4", "5"], ["I. Организационные мероприятия"] * 5,
             ["1.", "Утверждение плана работы комиссии на 2024 год", "январь", "КДНиЗП", "Протокол"],
             ["2.", "Сверка списков несовершеннолетних", "ежеквартально", "ОП", "Справка"]]
    page2 = [RU_HEADER, ["II. Профилактические мероприятия", "", "", "", ""],
             ["3.", "Проведение рейдов «Подросток»", "постоянно", "ОП", "Информация"]]
    plan = parse_plan_tables([page1, page2])
    assert [r.activity for r in plan.rows] == ["Утверждение плана работы комиссии на 2024 год",
                                               "Сверка списков несовершеннолетних", "Проведение рейдов «Подросток»"]
    assert [r.row_index for r in plan.rows] == [1, 2, 3]
    assert plan.rows[0].section == "I. Организационные мероприятия"
    assert plan.rows[2].section == "II. Профилактические мероприятия"


def test_rows_are_numbered_as_they_stand_even_if_the_number_column_is_wrong() -> None:
    table = [KK_HEADER, ["1", "Бірінші іс-шара", "", "", ""], ["1", "Екінші іс-шара", "", "", ""],
             ["", "Нөмірсіз іс-шара", "", "", ""]]
    plan = parse_plan_tables([table])
    assert [(r.row_index, r.number) for r in plan.rows] == [(1, "1"), (2, "1"), (3, None)]


def test_a_table_without_plan_header_is_ignored() -> None:
    signatures = [["Председатель", "А. Б."], ["Секретарь", "В. Г."]]
    plan = parse_plan_tables([signatures, [RU_HEADER, ["1", "Мероприятие", "", "", ""]]])
    assert [r.activity for r in plan.rows] == ["Мероприятие"]


def test_text_plan_with_tabs_and_numbered_list() -> None:
    tabbed = ExtractedDocument(file="p.txt", pages=[Page(number=1, text="\n".join(
        ["\t".join(RU_HEADER), "1\tПроведение рейдов\tмай\tОП\tСправка", "2\tСверка списков\tиюнь\tОП\tСправка"]))])
    assert [r.activity for r in parse_plan(tabbed).rows] == ["Проведение рейдов", "Сверка списков"]
    listed = ExtractedDocument(file="p.txt", pages=[Page(number=1, text="ЖОСПАР\n1. Рейдтер өткізу\n2. Тізімдерді салыстыру")])
    assert [r.activity for r in parse_plan(listed).rows] == ["Рейдтер өткізу", "Тізімдерді салыстыру"]


def test_document_metadata_is_carried_and_missing_table_is_a_warning() -> None:
    doc = ExtractedDocument(file="x.docx", language="kk", tables=[Table(rows=[KK_HEADER, ["1", "Іс-шара", "", "", ""]])])
    doc.metadata.district_id, doc.metadata.year = "alga", 2024
    plan = parse_plan(doc)
    assert (plan.language, plan.district_id, plan.year, len(plan.rows)) == ("kk", "alga", 2024, 1)
    empty = parse_plan(ExtractedDocument(file="y.docx", pages=[Page(number=1, text="Просто текст без таблицы")]))
    assert empty.rows == [] and empty.warnings == ["no plan table found"]


def test_a_row_cut_by_a_page_break_is_joined() -> None:
    page1 = [RU_HEADER, ["1.", "Проведение рейдов «Подросток» в вечернее", "I квартал", "ОП", ""]]
    page2 = [RU_HEADER, ["", "время по местам досуга", "", "", "Справка"], ["2.", "Сверка списков", "май", "ОП", ""]]
    plan = parse_plan_tables([page1, page2])
    assert [r.activity for r in plan.rows] == ["Проведение рейдов «Подросток» в вечернее время по местам досуга",
                                               "Сверка списков"]
    assert plan.rows[0].expected_result == "Справка"
