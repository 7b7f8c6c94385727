"""DOCX page headers and footers: read once each, first in / last in the text, seen by the metadata reader."""

from __future__ import annotations

import datetime as dt
import io

import docx
from docx.enum.section import WD_SECTION

from pipelines.extract import extract_bytes

BODY = [
    "Кәмелетке толмағандардың істері және олардың құқықтарын қорғау жөніндегі комиссияның отырысы",
    "Күн тәртібі: балалардың жазғы демалысын ұйымдастыру туралы.",
    "Комиссия шешті: ақпарат назарға алынсын.",
]


def _save(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _body(document: docx.document.Document, lines: list[str] = BODY) -> None:
    for line in lines:
        document.add_paragraph(line)


def test_district_and_date_only_in_the_header_reach_text_and_metadata() -> None:
    document = docx.Document()
    header = document.sections[0].header
    header.paragraphs[0].text = "Мәртөк ауданы әкімдігі"
    header.add_paragraph("2024 жылғы 14 наурыз, хаттама № 7")
    document.sections[0].footer.paragraphs[0].text = "Орындаған: А. Серікова (ойдан шығарылған)"
    _body(document)

    doc = extract_bytes(_save(document), filename="header.docx")

    assert doc.error is None
    assert doc.text.startswith("Мәртөк ауданы әкімдігі\n2024 жылғы 14 наурыз, хаттама № 7\n")
    assert doc.text.endswith("Орындаған: А. Серікова (ойдан шығарылған)")
    assert [(p.text, p.role) for p in doc.paragraphs[:2]] == [
        ("Мәртөк ауданы әкімдігі", "header"), ("2024 жылғы 14 наурыз, хаттама № 7", "header")]
    assert doc.paragraphs[-1].role == "footer"
    assert [p.text for p in doc.paragraphs if p.role == "body"] == BODY
    assert doc.metadata.district_id == "martuk"
    assert doc.metadata.date == dt.date(2024, 3, 14)
    assert doc.metadata.number == "7"
    contract = doc.to_contract()
    assert contract["metadata"]["date"] == "2024-03-14" and "Мәртөк" in contract["text"]


def test_the_same_docx_without_the_header_has_no_district_or_date() -> None:
    """The control for the test above: the body alone names neither, so the header is what was read."""
    document = docx.Document()
    _body(document)
    doc = extract_bytes(_save(document), filename="plain.docx")
    assert doc.metadata.district_id is None and doc.metadata.date is None
    assert all(p.role == "body" for p in doc.paragraphs)


def test_header_linked_to_previous_across_two_sections_appears_once() -> None:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Алға ауданы, КТІҚҚК"
    _body(document, BODY[:2])
    second = document.add_section(WD_SECTION.NEW_PAGE)
    assert second.header.is_linked_to_previous
    _body(document, BODY[2:])

    doc = extract_bytes(_save(document), filename="two_sections.docx")

    assert doc.text.count("Алға ауданы, КТІҚҚК") == 1
    assert [p.text for p in doc.paragraphs if p.role == "header"] == ["Алға ауданы, КТІҚҚК"]
    assert doc.metadata.district_id == "alga"


def test_unlinked_second_section_header_is_read_too() -> None:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Алға ауданы"
    _body(document, BODY[:1])
    second = document.add_section(WD_SECTION.NEW_PAGE)
    second.header.is_linked_to_previous = False
    second.header.paragraphs[0].text = "Қосымша 1"
    _body(document, BODY[1:])

    doc = extract_bytes(_save(document), filename="own_headers.docx")
    assert [p.text for p in doc.paragraphs if p.role == "header"] == ["Алға ауданы", "Қосымша 1"]


def test_first_page_and_even_page_variants_are_read_and_page_numbers_dropped() -> None:
    document = docx.Document()
    section = document.sections[0]
    section.different_first_page_header_footer = True
    document.settings.odd_and_even_pages_header_footer = True
    section.first_page_header.paragraphs[0].text = "Протокол № 5 от 02.04.2024"
    section.header.paragraphs[0].text = "- 2 -"  # a page number on the later pages
    section.even_page_header.paragraphs[0].text = "Хромтауский район"
    section.first_page_footer.paragraphs[0].text = "Шалқар ауданы"
    _body(document)

    doc = extract_bytes(_save(document), filename="variants.docx")

    assert [p.text for p in doc.paragraphs if p.role == "header"] == [
        "Протокол № 5 от 02.04.2024", "Хромтауский район"]
    assert [p.text for p in doc.paragraphs if p.role == "footer"] == ["Шалқар ауданы"]
    assert "- 2 -" not in doc.text
    assert doc.metadata.date == dt.date(2024, 4, 2) and doc.metadata.number == "5"


def test_empty_header_and_footer_add_nothing() -> None:
    document = docx.Document()
    section = document.sections[0]
    section.header.is_linked_to_previous = False  # a header part exists, with one empty paragraph
    section.footer.is_linked_to_previous = False
    section.footer.paragraphs[0].text = "   "
    assert not section.header.is_linked_to_previous
    _body(document)
    data = _save(document)

    plain = docx.Document()
    _body(plain)

    doc = extract_bytes(data, filename="empty_header.docx")
    reference = extract_bytes(_save(plain), filename="plain.docx")
    assert doc.text == reference.text == "\n".join(BODY)
    assert [(p.text, p.role) for p in doc.paragraphs] == [(line, "body") for line in BODY]
    assert doc.warnings == reference.warnings


def test_header_table_rows_are_read_as_lines() -> None:
    document = docx.Document()
    header = document.sections[0].header
    table = header.add_table(rows=1, cols=2, width=docx.shared.Cm(16))
    table.cell(0, 0).text = "Ойыл ауданы"
    table.cell(0, 1).text = "15.05.2024"
    _body(document)

    doc = extract_bytes(_save(document), filename="header_table.docx")
    assert [p.text for p in doc.paragraphs if p.role == "header"] == ["Ойыл ауданы 15.05.2024"]
    assert doc.tables == []  # a layout table of the header is not a data table of the document
    assert doc.metadata.district_id == "uil" and doc.metadata.date == dt.date(2024, 5, 15)


def test_docx_with_text_only_in_the_header_is_not_a_failure() -> None:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Мұғалжар ауданы"
    doc = extract_bytes(_save(document), filename="only_header.docx")
    assert doc.error is None and doc.text == "Мұғалжар ауданы"
