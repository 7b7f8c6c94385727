"""The OCR page budget (``ExtractOptions.max_ocr_pages``): the first N pages needing OCR are read, the rest
are named in a warning and an error item, never dropped silently. Real Tesseract on small 150-dpi strips
(about 0.2 s per page), so these run in the fast suite."""

from __future__ import annotations

import io

import pytest

from corpora.render import images_to_pdf, rasterize_pdf, render_pdf
from pipelines.extract import ExtractOptions, extract_bytes
from pipelines.extract.document import ExtractionStatus
from pipelines.extract.evaluation import character_error_rate

DPI = 150
PAGE_LINES = ["Комиссия отырысының хаттамасы", "Информацию принять к сведению", "Мектептерде рейд жүргізілсін"]


@pytest.fixture(scope="module")
def strips() -> list:
    """One short printed line per page, cropped to a strip so that OCR of a page takes a fraction of a second."""
    images = []
    for line in PAGE_LINES:
        page = rasterize_pdf(render_pdf([line]), dpi=DPI)[0]
        images.append(page.crop((0, 60, page.width, 160)))
    return images


def _pdf_with_text_page_first(scans: bytes) -> bytes:
    import pypdfium2 as pdfium

    merged = pdfium.PdfDocument.new()
    for source in (render_pdf(["Бірінші бет мәтін қабатымен жазылған."]), scans):
        document = pdfium.PdfDocument(source)
        merged.import_pages(document)
        document.close()
    buffer = io.BytesIO()
    merged.save(buffer)
    merged.close()
    return buffer.getvalue()


def test_budget_of_one_reads_the_first_scanned_page_and_names_the_rest(strips) -> None:
    scans = images_to_pdf(strips, dpi=DPI)
    data = _pdf_with_text_page_first(scans)
    doc = extract_bytes(data, filename="big_scan.pdf", options=ExtractOptions(ocr_dpi=DPI, max_ocr_pages=1))

    # a page with a good text layer costs no OCR: the budget goes to page 2, the first scan
    assert [p.method for p in doc.pages] == ["text", "ocr", "text", "text"]
    assert "Бірінші бет" in doc.pages[0].text
    assert character_error_rate(PAGE_LINES[0], doc.pages[1].text) <= 0.05
    assert doc.pages[2].text == doc.pages[3].text == ""
    assert "сведению" not in doc.text and "рейд" not in doc.text
    warning = next(w for w in doc.warnings if "OCR page budget" in w)
    assert "budget of 1" in warning and "2 more page(s)" in warning and "pages 3-4" in warning
    assert warning in doc.to_contract()["warnings"]
    assert doc.status == ExtractionStatus.PARTIAL_SUCCESS
    assert [(e.component, e.page) for e in doc.errors] == [("ocr", 3)]


def test_no_budget_reads_every_scanned_page(strips) -> None:
    doc = extract_bytes(images_to_pdf(strips[:2], dpi=DPI), filename="scan.pdf",
                        options=ExtractOptions(ocr_dpi=DPI, max_ocr_pages=None))
    assert [p.method for p in doc.pages] == ["ocr", "ocr"]
    assert character_error_rate(PAGE_LINES[1], doc.pages[1].text) <= 0.05
    assert not any("OCR page budget" in w for w in doc.warnings)
    assert doc.status == ExtractionStatus.SUCCESS and doc.errors == []


def test_budget_applies_to_multi_page_tiff_frames(strips) -> None:
    buffer = io.BytesIO()
    strips[0].save(buffer, format="TIFF", save_all=True, append_images=strips[1:], dpi=(DPI, DPI))
    doc = extract_bytes(buffer.getvalue(), filename="scan.tiff", options=ExtractOptions(max_ocr_pages=1))
    assert [p.method for p in doc.pages] == ["ocr", "text", "text"]
    assert character_error_rate(PAGE_LINES[0], doc.text) <= 0.05
    assert any("2 more page(s)" in w and "pages 2-3" in w for w in doc.warnings)
    assert doc.status == ExtractionStatus.PARTIAL_SUCCESS


def test_budget_applies_to_pictures_of_an_image_only_docx(strips) -> None:
    import docx

    document = docx.Document()
    for strip in strips[:2]:
        picture = io.BytesIO()
        strip.save(picture, format="PNG", dpi=(DPI, DPI))
        document.add_picture(picture)
    buffer = io.BytesIO()
    document.save(buffer)
    doc = extract_bytes(buffer.getvalue(), filename="scan.docx", options=ExtractOptions(max_ocr_pages=1))
    assert [p.method for p in doc.pages] == ["ocr", "text"]
    assert character_error_rate(PAGE_LINES[0], doc.text) <= 0.05
    assert any("1 more page(s)" in w and "(page 2)" in w for w in doc.warnings)
    assert doc.status == ExtractionStatus.PARTIAL_SUCCESS


def test_default_budget_is_set_and_validated() -> None:
    assert ExtractOptions().max_ocr_pages == 300
    with pytest.raises(ValueError):
        ExtractOptions(max_ocr_pages=0)


def test_cli_budget_option_reaches_the_extraction(strips, tmp_path) -> None:
    import json

    from typer.testing import CliRunner

    from service.cli import app

    source = tmp_path / "scan.pdf"
    source.write_bytes(images_to_pdf(strips, dpi=DPI))
    out = tmp_path / "out.jsonl"
    common = ["extract", str(source), "-o", str(out), "--ocr-dpi", str(DPI), "-q"]
    result = CliRunner().invoke(app, [*common, "--max-ocr-pages", "2"])
    assert result.exit_code == 0, result.output
    line = json.loads(out.read_text(encoding="utf-8"))
    assert line["page_methods"][:2] == ["ocr", "ocr"] and any("budget of 2" in w and "3" in w for w in line["warnings"])
    result = CliRunner().invoke(app, [*common, "--max-ocr-pages", "0"])  # 0 = no limit
    assert result.exit_code == 0, result.output
    line = json.loads(out.read_text(encoding="utf-8"))
    assert line["page_methods"] == ["ocr", "ocr", "ocr"] and not any("budget" in w for w in line["warnings"])
