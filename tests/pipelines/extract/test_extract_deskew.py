"""Skew estimation before OCR (no Tesseract needed)."""

from __future__ import annotations

import pytest

from corpora.render import rasterize_pdf, render_pdf
from pipelines.extract.ocr import estimate_skew


@pytest.fixture(scope="module")
def clean_page(samples):  # noqa: ANN201
    blocks = [b for b in samples["ru_protocol"].blocks[:14] if isinstance(b, str)]
    return rasterize_pdf(render_pdf(blocks), dpi=200)[0]


@pytest.mark.parametrize("angle", [0.0, 0.7, -1.5, 3.0, -4.5])
def test_estimate_skew_undoes_the_rotation(clean_page, angle) -> None:
    rotated = clean_page.rotate(angle, fillcolor=255)
    assert abs(estimate_skew(rotated) + angle) <= 0.2
