"""OCR with the real Tesseract (kaz+rus): scans, broken text layers, images, image-only DOCX.

Few pages on purpose: OCR costs ~2 s of CPU per 300-dpi page.
"""

from __future__ import annotations

import io

import pytest

from corpora.render import rasterize_pdf, render_broken_pdf, render_pdf, render_scanned_pdf
from pipelines.extract import extract_bytes
from pipelines.extract.evaluation import character_error_rate, kazakh_letter_accuracy

pytestmark = pytest.mark.slow


def _first_page_blocks(sample) -> tuple[list, str]:  # noqa: ANN001
    blocks = [b for b in sample.blocks[:14] if isinstance(b, str)]
    return blocks, "\n".join(blocks)


@pytest.mark.parametrize("name", ["kk_protocol", "ru_protocol"])
def test_scanned_page_with_noise_and_rotation(name, samples) -> None:
    blocks, source = _first_page_blocks(samples[name])
    doc = extract_bytes(render_scanned_pdf(blocks, dpi=300, seed=7, rotation=0.8), filename="scan.pdf")
    assert [p.method for p in doc.pages] == ["ocr"]
    assert doc.pages[0].ocr_confidence and doc.pages[0].ocr_confidence > 80
    assert character_error_rate(source, doc.text) <= 0.03
    assert kazakh_letter_accuracy(source, doc.text) >= 0.97
    # paragraphs rebuilt from Tesseract's line geometry: most come back whole (OCR slips aside)
    close = sum(1 for block in blocks
                if any(character_error_rate(block, p.text) <= 0.03 for p in doc.paragraphs))
    assert close / len(blocks) >= 0.75
    truth = samples[name].truth
    assert doc.language == truth.language and doc.doc_type == "protocol"
    assert (doc.metadata.district_id, doc.metadata.date, doc.metadata.number) == \
        (truth.district_id, truth.date, truth.number)


def test_broken_text_layer_is_replaced_by_ocr(samples) -> None:
    blocks, source = _first_page_blocks(samples["ru_protocol"])
    doc = extract_bytes(render_broken_pdf(blocks, kind="mojibake_cp1251"), filename="broken.pdf")
    assert [p.method for p in doc.pages] == ["ocr"]
    assert not doc.pages[0].quality.usable
    assert character_error_rate(source, doc.text) <= 0.03
    assert any("read by OCR" in w for w in doc.warnings)


def _text_strip_png(lines: list[str]) -> bytes:
    image = rasterize_pdf(render_pdf(lines), dpi=300)[0]
    strip = image.crop((0, 150, image.width, 300 + 90 * len(lines)))
    buffer = io.BytesIO()
    strip.save(buffer, format="PNG", dpi=(300, 300))
    return buffer.getvalue()


LINES = ["Кәмелетке толмағандардың істері жөніндегі комиссия", "Ақпарат назарға алынсын.",
         "Информацию принять к сведению."]


def test_image_file_is_read_by_ocr() -> None:
    doc = extract_bytes(_text_strip_png(LINES), filename="photo.png")
    assert doc.format == "image" and [p.method for p in doc.pages] == ["ocr"]
    assert character_error_rate("\n".join(LINES), doc.text) <= 0.03
    assert doc.language == "mixed"


def test_image_only_docx_is_read_by_ocr_with_a_warning() -> None:
    import docx

    document = docx.Document()
    document.add_picture(io.BytesIO(_text_strip_png(LINES)))
    buffer = io.BytesIO()
    document.save(buffer)
    doc = extract_bytes(buffer.getvalue(), filename="scan.docx")
    assert doc.error is None and [p.method for p in doc.pages] == ["ocr"]
    assert any("image-only DOCX" in w for w in doc.warnings)
    assert character_error_rate("\n".join(LINES), doc.text) <= 0.03


def test_page_skewed_by_3_degrees_is_straightened_before_ocr(samples) -> None:
    blocks, source = _first_page_blocks(samples["kk_protocol"])
    doc = extract_bytes(render_scanned_pdf(blocks, dpi=300, seed=3, angle=3.0), filename="skewed.pdf")
    assert character_error_rate(source, doc.text) <= 0.03
