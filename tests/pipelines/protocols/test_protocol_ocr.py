"""A scanned protocol end to end: rendered page image -> real Tesseract (kaz+rus) -> segmentation -> score."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from pipelines.protocols import score_protocol
from tests.pipelines.protocols.protocol_samples import KK_FULL

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


@pytest.mark.slow
def test_scanned_kazakh_protocol_scores_like_its_text(tmp_path: Path) -> None:
    from pipelines.extract import extract_file

    font = ImageFont.truetype(str(FONT), 26)
    lines = [part for line in KK_FULL.splitlines() for part in (textwrap.wrap(line, 95) or [""])]
    image = Image.new("L", (2480, 60 + 38 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((80, 40 + 38 * i), line, font=font, fill=0)
    path = tmp_path / "scan_kk.png"
    image.rotate(0.6, fillcolor=255).save(path)

    doc = extract_file(path)
    assert doc.pages and doc.pages[0].method == "ocr"
    result = score_protocol(doc.text)
    assert result.is_protocol and result.language == "kk"
    assert result.score >= 90, result.missing
    assert result.elements["header_number"] and result.elements["deadlines_assigned"]
