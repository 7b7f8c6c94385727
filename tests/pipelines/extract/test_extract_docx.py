"""DOCX: paragraphs and real Word tables in document order, merged cells, page breaks, metadata."""

from __future__ import annotations

import pytest

from corpora.render import PAGE_BREAK, TableSpec, render_docx
from pipelines.extract import extract_bytes
from pipelines.extract.evaluation import character_error_rate, kazakh_letter_accuracy, table_cell_accuracy


@pytest.mark.parametrize("name", ["kk_protocol", "ru_protocol", "kk_plan", "ru_plan"])
def test_docx_text_tables_and_metadata_match_the_source(name, samples, docx_files) -> None:
    truth = samples[name].truth
    doc = extract_bytes(docx_files[name], filename=f"{name}.docx")

    assert doc.error is None and doc.format == "docx"
    extracted = [p.text for p in doc.paragraphs]
    assert character_error_rate("\n".join(truth.paragraphs), "\n".join(extracted)) == 0.0
    assert kazakh_letter_accuracy("\n".join(truth.paragraphs), "\n".join(extracted)) == 1.0
    assert [t.rows for t in doc.tables] == truth.tables
    assert doc.doc_type == truth.doc_type
    assert doc.language == truth.language
    assert doc.metadata.district == truth.district
    assert doc.metadata.date == truth.date
    assert doc.metadata.number == truth.number
    assert doc.metadata.year == truth.year
    assert all(p.language in (truth.language, None) for p in doc.paragraphs)


def test_plan_quarter_rows_merged_across_columns_repeat_their_text(samples, docx_files) -> None:
    doc = extract_bytes(docx_files["ru_plan"], filename="plan.docx")
    quarter_rows = [row for row in doc.tables[0].rows if row[0].endswith("квартал")]
    assert quarter_rows and all(len(set(row)) == 1 for row in quarter_rows)


def test_vertical_and_horizontal_merges_fill_the_grid() -> None:
    spec = TableSpec(rows=[["№", "Мәселе", "Мерзімі"], ["1", "Суицидтің алдын алу", "наурыз"],
                           ["", "Буллингтің алдын алу", ""], ["2", "Жазғы демалыс", "маусым"]],
                     merges=[(1, 0, 2, 0), (1, 2, 2, 2)])
    doc = extract_bytes(render_docx(["Кесте:", spec, "Соңы."]), filename="merged.docx")
    assert table_cell_accuracy(spec.expanded(), doc.tables[0].rows) == 1.0
    assert doc.tables[0].rows[2] == ["1", "Буллингтің алдын алу", "наурыз"]


def test_blocks_keep_document_order_and_page_breaks_make_pages() -> None:
    table = TableSpec(rows=[["А", "Б"], ["1", "2"]])
    doc = extract_bytes(render_docx(["Бірінші бет.", table, PAGE_BREAK, "Екінші бет.", PAGE_BREAK, "Үшінші бет."]),
                        filename="pages.docx")
    assert [p.number for p in doc.pages] == [1, 2, 3]
    assert [(p.text, p.page) for p in doc.paragraphs] == [("Бірінші бет.", 1), ("Екінші бет.", 2),
                                                         ("Үшінші бет.", 3)]
    assert doc.pages[0].text.index("Бірінші") < doc.pages[0].text.index("А\tБ")
    assert doc.tables[0].page == 1


def test_paragraphs_inside_content_controls_are_read() -> None:
    import io

    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("Кіріспе.")
    sdt = parse_xml(
        '<w:sdt xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:sdtContent>'
        "<w:p><w:r><w:t>Шаблон ішіндегі мәтін.</w:t></w:r></w:p></w:sdtContent></w:sdt>")
    document.element.body.insert(1, sdt)
    buffer = io.BytesIO()
    document.save(buffer)
    doc = extract_bytes(buffer.getvalue(), filename="template.docx")
    assert [p.text for p in doc.paragraphs] == ["Кіріспе.", "Шаблон ішіндегі мәтін."]


def test_word_rendered_page_breaks_count_when_there_are_no_explicit_ones() -> None:
    import io

    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("Бірінші бет.")
    second = document.add_paragraph()
    second._p.append(parse_xml('<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                               "<w:lastRenderedPageBreak/><w:t>Екінші бет.</w:t></w:r>"))
    buffer = io.BytesIO()
    document.save(buffer)
    doc = extract_bytes(buffer.getvalue(), filename="word.docx")
    assert [(p.text, p.page) for p in doc.paragraphs] == [("Бірінші бет.", 1), ("Екінші бет.", 2)]
    assert len(doc.pages) == 2
