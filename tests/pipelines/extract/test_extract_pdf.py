"""Text PDFs: the text layer (PDFium) and ruled tables (pdfplumber) against the source text."""

from __future__ import annotations

import pytest

from pipelines.extract import extract_bytes
from pipelines.extract.evaluation import character_error_rate, kazakh_letter_accuracy, table_cell_accuracy
from pipelines.extract.normalize import normalize_text


@pytest.mark.parametrize("name", ["kk_protocol", "ru_protocol", "kk_plan", "ru_plan"])
def test_text_pdf_matches_the_source(name, samples, pdf_files) -> None:
    truth = samples[name].truth
    doc = extract_bytes(pdf_files[name], filename=f"{name}.pdf")

    assert doc.error is None and doc.format == "pdf"
    assert set(p.method for p in doc.pages) == {"text"}
    assert all(p.quality.usable for p in doc.pages)
    source = "\n".join(truth.paragraphs)
    paragraphs = "\n".join(p.text for p in doc.paragraphs)
    assert character_error_rate(source, paragraphs) <= 0.005
    assert kazakh_letter_accuracy(source, paragraphs) == 1.0
    assert doc.doc_type == truth.doc_type
    assert doc.language == truth.language
    assert (doc.metadata.district, doc.metadata.date, doc.metadata.number, doc.metadata.year) == \
        (truth.district, truth.date, truth.number, truth.year)


@pytest.mark.parametrize("name", ["kk_plan", "ru_plan"])
def test_pdf_plan_table_cells_and_merged_rows(name, samples, pdf_files) -> None:
    truth = samples[name].truth
    doc = extract_bytes(pdf_files[name], filename=f"{name}.pdf")
    rows = [row for table in doc.tables for row in table.rows]
    # a table split over pages comes back as one table per page; the rows stay in order
    assert table_cell_accuracy(truth.tables[0], rows) >= 0.98


def test_pdf_paragraphs_are_rebuilt_from_wrapped_lines(samples, pdf_files) -> None:
    truth = samples["ru_protocol"].truth
    doc = extract_bytes(pdf_files["ru_protocol"], filename="p.pdf")
    extracted = {p.text for p in doc.paragraphs}
    long_paragraphs = [normalize_text(p) for p in truth.paragraphs if len(p) > 120]
    found = sum(1 for p in long_paragraphs if p in extracted)
    assert found / len(long_paragraphs) >= 0.9


def test_plan_table_continued_on_the_next_page_is_one_table() -> None:
    from corpora.render import TableSpec, render_pdf

    header = ["№", "Мероприятие", "Срок"]
    rows = [header] + [[str(i), f"Профилактическое мероприятие номер {i} в школах района", "ежеквартально"]
                       for i in range(1, 61)]
    doc = extract_bytes(render_pdf(["ПЛАН РАБОТЫ на 2025 год", TableSpec(rows=rows)]), filename="long_plan.pdf")
    assert len(doc.pages) >= 2 and len(doc.tables) == 1
    table = doc.tables[0]
    assert table.rows == rows  # the header repeated on each page is dropped
    assert (table.page, table.page_end) == (1, len(doc.pages))
