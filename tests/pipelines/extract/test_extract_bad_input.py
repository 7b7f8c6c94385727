"""Bad input: each case gives its own clear error (or a warning), never an exception (unless asked)."""

from __future__ import annotations

import io
import zipfile

import pytest

from corpora.render import render_docx, render_pdf, render_scanned_pdf
from pipelines.errors import InputTooLargeError, UnreadableDocumentError, UnsupportedFormatError
from pipelines.extract import ExtractionStatus, ExtractOptions, extract_bytes, extract_file

NO_OCR = ExtractOptions(ocr_enabled=False)
STRICT = ExtractOptions(ocr_enabled=False, raise_on_error=True)


def _encrypted_pdf() -> bytes:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="owner"))
    pdf.drawString(50, 800, "confidential")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _corrupt_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document><w:body><w:p>broken")
    return buffer.getvalue()


def _image_only_docx() -> bytes:
    import docx
    from PIL import Image

    image = io.BytesIO()
    Image.new("L", (400, 200), 255).save(image, format="PNG")
    document = docx.Document()
    document.add_picture(io.BytesIO(image.getvalue()))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def pdf_bytes(samples) -> bytes:
    return render_pdf(samples["ru_protocol"].blocks)


@pytest.fixture(scope="module")
def docx_bytes(samples) -> bytes:
    return render_docx(samples["ru_protocol"].blocks)


CASES = {
    "zero-byte": (lambda pdf, docx: b"", "empty.pdf", UnreadableDocumentError, "empty"),
    "truncated pdf": (lambda pdf, docx: pdf[: len(pdf) // 2], "half.pdf", UnreadableDocumentError, "truncated"),
    "corrupt pdf": (lambda pdf, docx: b"%PDF-1.7\n" + b"\x00garbage" * 200, "bad.pdf", UnreadableDocumentError,
                    "corrupt"),
    "truncated docx": (lambda pdf, docx: docx[: len(docx) // 2], "half.docx", UnreadableDocumentError, "DOCX"),
    "corrupt docx": (lambda pdf, docx: _corrupt_docx(), "bad.docx", UnreadableDocumentError, "DOCX"),
    "encrypted pdf": (lambda pdf, docx: _encrypted_pdf(), "secret.pdf", UnreadableDocumentError, "encrypted"),
    "unknown binary": (lambda pdf, docx: bytes(range(256)) * 8, "data.pdf", UnsupportedFormatError, "not a format"),
    "legacy doc": (lambda pdf, docx: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "old.doc",
                   UnsupportedFormatError, ".docx"),
    "image-only docx, OCR off": (lambda pdf, docx: _image_only_docx(), "scan.docx", UnreadableDocumentError,
                                 "image-only"),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_input_gives_a_clear_error(case, pdf_bytes, docx_bytes) -> None:
    make, filename, error_type, message_part = CASES[case]
    doc = extract_bytes(make(pdf_bytes, docx_bytes), filename=filename, options=NO_OCR)
    assert doc.status == ExtractionStatus.FAILURE
    assert doc.error_code == error_type.code
    assert message_part.lower() in doc.error.lower()
    assert doc.to_contract()["error"] == doc.error


@pytest.mark.parametrize("case", CASES)
def test_bad_input_raises_the_typed_error_when_asked(case, pdf_bytes, docx_bytes) -> None:
    make, filename, error_type, _ = CASES[case]
    with pytest.raises(error_type):
        extract_bytes(make(pdf_bytes, docx_bytes), filename=filename, options=STRICT)


@pytest.mark.parametrize("filename, content", [("protocol.docx", "pdf"), ("protocol.pdf", "docx"),
                                               ("protocol.txt", "pdf")])
def test_lying_extension_is_read_by_content_with_a_warning(filename, content, pdf_bytes, docx_bytes) -> None:
    data = pdf_bytes if content == "pdf" else docx_bytes
    doc = extract_bytes(data, filename=filename, options=NO_OCR)
    assert doc.error is None and doc.format == content and doc.doc_type == "protocol"
    assert any("extension says" in w for w in doc.warnings)


def test_oversized_file(tmp_path, pdf_bytes) -> None:
    small = ExtractOptions(max_file_bytes=1000)
    assert extract_bytes(pdf_bytes, filename="big.pdf", options=small).error_code == InputTooLargeError.code
    path = tmp_path / "big.pdf"
    path.write_bytes(pdf_bytes)
    doc = extract_file(path, options=small)
    assert doc.error_code == InputTooLargeError.code and "over the limit" in doc.error


def _long_pdf(pages: int) -> bytes:
    from reportlab.pdfgen import canvas

    from corpora.render import _register_fonts

    _register_fonts()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    line = "Комиссия отырысында балалардың құқықтарын қорғау мәселесі қаралды, шешім қабылданды."
    for page in range(pages):
        pdf.setFont("DejaVuSans", 10)
        for row in range(40):
            pdf.drawString(40, 800 - row * 19, f"{page + 1}.{row + 1}. {line}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@pytest.mark.slow
def test_300_page_pdf_is_read_and_a_page_limit_applies() -> None:
    data = _long_pdf(300)
    doc = extract_bytes(data, filename="long.pdf", options=NO_OCR)
    assert doc.error is None and len(doc.pages) == 300
    assert set(p.method for p in doc.pages) == {"text"} and doc.language == "kk"
    limited = extract_bytes(data, filename="long.pdf", options=ExtractOptions(max_pages=100))
    assert limited.error_code == InputTooLargeError.code and "300 pages" in limited.error


def test_scan_without_ocr_is_a_warning_not_a_crash(samples) -> None:
    scan = render_scanned_pdf(samples["kk_protocol"].blocks[:6], dpi=150)
    doc = extract_bytes(scan, filename="scan.pdf", options=NO_OCR)
    assert doc.status == ExtractionStatus.PARTIAL_SUCCESS and doc.error is None
    assert any("OCR is disabled" in w for w in doc.warnings)


def test_blank_page_is_not_sent_to_ocr() -> None:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.showPage()
    pdf.save()
    doc = extract_bytes(buffer.getvalue(), filename="blank.pdf")
    assert [p.method for p in doc.pages] == ["text"]
    assert "no text found in the document" in doc.warnings


@pytest.mark.parametrize("kind", ["pdf", "docx", "xlsx"])
def test_damaged_files_give_typed_errors_not_internal_ones(kind, pdf_bytes, docx_bytes) -> None:
    """Random truncations and byte flips: every outcome is a result or a typed input error (never E000)."""
    import random

    import openpyxl

    if kind == "xlsx":
        workbook = openpyxl.Workbook()
        workbook.active.append(["№", "Мәселе", "Мерзімі"])
        buffer = io.BytesIO()
        workbook.save(buffer)
        data = buffer.getvalue()
    else:
        data = pdf_bytes if kind == "pdf" else docx_bytes
    rng = random.Random(11)
    for attempt in range(24):
        damaged = bytearray(data)
        if attempt % 2:
            damaged = damaged[: rng.randrange(1, len(damaged))]
        else:
            for _ in range(rng.choice([1, 5, 30])):
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        doc = extract_bytes(bytes(damaged), filename=f"damaged.{kind}", options=NO_OCR)
        assert doc.error_code != "E000", doc.error
