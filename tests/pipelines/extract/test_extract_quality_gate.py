"""The text-quality gate: every broken text layer is rejected, no clean page is."""

from __future__ import annotations

import datetime as dt

import pytest

from corpora.demo.documents import plan_blocks, protocol_blocks
from corpora.render import BROKEN_LAYERS, legacy_kazakh, render_broken_pdf, render_layered_pdf, render_pdf
from pipelines.extract import ExtractOptions, extract_bytes
from pipelines.extract.evaluation import character_error_rate
from pipelines.extract.quality import assess_text_quality

NO_OCR = ExtractOptions(ocr_enabled=False)


@pytest.mark.parametrize("kind", BROKEN_LAYERS)
@pytest.mark.parametrize("name", ["kk_protocol", "ru_protocol"])
def test_every_broken_text_layer_is_rejected(kind, name, samples) -> None:
    pdf = render_broken_pdf(samples[name].blocks, kind=kind)
    doc = extract_bytes(pdf, filename=f"{kind}.pdf", options=NO_OCR)
    assert doc.pages, doc.error
    for page in doc.pages:
        assert not page.quality.usable, (kind, page.number, page.quality)
        assert page.quality.reason
    assert any("OCR is disabled" in w for w in doc.warnings)


@pytest.mark.slow
def test_no_clean_page_is_rejected() -> None:
    """Many clean pages (a protocol and a plan of every district, kk and ru alternating) pass the gate."""
    from corpora.gazetteer import districts

    checked = 0
    for seed, district in enumerate(districts()):
        for language in (("kk", "ru")[seed % 2],):
            blocks, _ = protocol_blocks(language=language, district_id=district.id, date=dt.date(2024, 5, 2),
                                        number=seed + 1, seed=seed, n_topics=4)
            plan, _ = plan_blocks(language=language, district_id=district.id, year=2024, seed=seed)
            for pdf in (render_pdf(blocks), render_pdf(plan)):
                doc = extract_bytes(pdf, filename="clean.pdf", options=NO_OCR)
                rejected = [p.quality.reason for p in doc.pages if not p.quality.usable]
                assert not rejected, (district.id, language, rejected)
                checked += len(doc.pages)
    assert checked >= 30


@pytest.mark.parametrize("text, reason_part", [
    ("(cid:71)(cid:72)(cid:79) (cid:80)(cid:72)(cid:86) " * 10, "ToUnicode"),
    ("ÐŸÑ€Ð¾Ñ‚Ð¾ÐºÐ¾Ð» Ð·Ð°Ñ�ÐµÐ´Ð°Ð½Ð¸Ñ� ÐºÐ¾Ð¼Ð¸Ñ�Ñ�Ð¸Ð¸ " * 5, "mojibake"),
    ("РџСЂРѕС‚РѕРєРѕР» Р·Р°СЃРµРґР°РЅРёСЏ РєРѕРјРёСЃСЃРёРё " * 5, "mojibake"),
    ("noJIuuuu cembu 3acegaHue koMuccuu no geJIaM " * 5, "Cyrillic"),
    (", . , ; . , : . , . ; , . , . 12 . , " * 5, "letters"),
    ("Тспупмсм йегьжгрлв нпилььлл тп жжмгп рьнтъъьр " * 5, "words"),
])
def test_gate_reasons(text, reason_part) -> None:
    quality = assess_text_quality(text)
    assert not quality.usable
    assert reason_part in quality.reason


def test_legacy_font_layer_is_repaired_not_sent_to_ocr(samples) -> None:
    blocks = samples["kk_protocol"].blocks
    pdf = render_layered_pdf(blocks, layer_text=legacy_kazakh)
    doc = extract_bytes(pdf, filename="legacy.pdf", options=NO_OCR)
    source = "\n".join(samples["kk_protocol"].truth.paragraphs)
    assert [p.method for p in doc.pages] == ["text"] * len(doc.pages)
    assert character_error_rate(source, doc.text) <= 0.01
    assert "ќ" not in doc.text and "қ" in doc.text
    assert any("legacy Kazakh" in w for w in doc.warnings)
    assert doc.language == "kk"


def test_scanned_page_with_a_typed_stamp_goes_to_ocr() -> None:
    import io

    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from corpora.render import _register_fonts, rasterize_pdf

    _register_fonts()
    image = rasterize_pdf(render_pdf(["ПРОТОКОЛ № 3", "заседания комиссии по делам несовершеннолетних"]), dpi=100)[0]
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawImage(ImageReader(image), 0, 0, width=595, height=842)
    pdf.setFont("DejaVuSans", 9)
    pdf.drawString(300, 20, "Копия верна. Секретарь комиссии Ермеков Т.Ж. Страница 1 из 3")
    pdf.showPage()
    pdf.save()
    doc = extract_bytes(buffer.getvalue(), filename="stamped.pdf", options=NO_OCR)
    assert not doc.pages[0].quality.usable and "picture" in doc.pages[0].quality.reason


@pytest.mark.parametrize("text", [
    "Balamdy mektepte urady, mugalimder eshteñe istemeidi. Kömektesiñizder, ajyrasqannan keiin akesi "
    "balany körsetpeidi, sot sheshimi bar, shara qoldanudy suraimyn. Mektep avtobusy tolyp ketedi.",
    "The commission met on Monday and discussed the summer programme for children in the district schools. "
    "Reports from the police and the education department were heard and accepted.",
])
def test_latin_script_text_is_not_mistaken_for_a_broken_layer(text) -> None:
    assert assess_text_quality(text).usable


@pytest.mark.parametrize("lower", [False, True])
def test_latin_lookalike_garbage_is_rejected_even_in_lower_case(samples, lower) -> None:
    from corpora.render import corrupt_text_layer

    text = corrupt_text_layer("\n".join(samples["ru_protocol"].truth.paragraphs), "latin_lookalike")
    assert not assess_text_quality(text.lower() if lower else text).usable
