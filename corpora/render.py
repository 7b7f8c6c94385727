"""Render our own texts into the files Qorgau has to read: DOCX, XLSX, text PDF, scanned PDF, broken PDFs.

Shared by tests, benchmarks and the demo set. A document is a list of blocks: a paragraph (``str``),
a ``TableSpec`` (rows + merged ranges) or ``PAGE_BREAK``. Everything is deterministic for a given seed.

    from corpora.render import TableSpec, PAGE_BREAK, render_docx, render_pdf, render_scanned_pdf, render_xlsx
"""

from __future__ import annotations

import io
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_REGULAR = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
PAGE_BREAK = "\f"

BrokenLayer = Literal["no_tounicode", "mojibake_latin1", "mojibake_cp1251", "latin_lookalike", "shifted"]
BROKEN_LAYERS: tuple[BrokenLayer, ...] = (
    "no_tounicode", "mojibake_latin1", "mojibake_cp1251", "latin_lookalike", "shifted")


@dataclass
class TableSpec:
    """A table: ``rows`` of cell texts; ``merges`` as (row0, col0, row1, col1) inclusive ranges whose
    text is the top-left cell's. ``header_rows`` are rendered bold."""

    rows: list[list[str]]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    header_rows: int = 1
    col_widths: list[float] | None = None  # relative widths

    def expanded(self) -> list[list[str]]:
        """The grid as an extractor should return it: merged text repeated into every covered cell."""
        grid = [list(row) for row in self.rows]
        for r0, c0, r1, c1 in self.merges:
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    grid[r][c] = self.rows[r0][c0]
        return grid


Block = str | TableSpec


def blocks_text(blocks: Sequence[Block]) -> str:
    """The plain text of the paragraphs (tables excluded), one paragraph per line."""
    return "\n".join(b for b in blocks if isinstance(b, str) and b != PAGE_BREAK)


# --------------------------------------------------------------------------------------------- DOCX

def render_docx(blocks: Sequence[Block], *, path: Path | None = None, font: str = "Times New Roman") -> bytes:
    """A Word document with real tables (Table Grid style, merged cells) and explicit page breaks."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = font
    style.font.size = Pt(12)
    for block in blocks:
        if isinstance(block, TableSpec):
            _docx_table(document, block)
        elif block == PAGE_BREAK:
            document.add_page_break()
        else:
            paragraph = document.add_paragraph()
            run = paragraph.add_run(block)
            if block.isupper():
                run.bold = True
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    if path is not None:
        path.write_bytes(data)
    return data


def _docx_table(document, spec: TableSpec) -> None:  # noqa: ANN001 - python-docx has no public Document type
    n_rows, n_cols = len(spec.rows), max(len(r) for r in spec.rows)
    table = document.add_table(rows=n_rows, cols=n_cols)
    table.style = "Table Grid"
    covered = set()
    for r0, c0, r1, c1 in spec.merges:
        merged = table.cell(r0, c0).merge(table.cell(r1, c1))
        merged.text = spec.rows[r0][c0]
        covered.update((r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1))
    for r, row in enumerate(spec.rows):
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            cell = table.cell(r, c)
            cell.text = text
            if r < spec.header_rows:
                for run in cell.paragraphs[0].runs:
                    run.bold = True


# --------------------------------------------------------------------------------------------- XLSX

def render_xlsx(blocks: Sequence[Block], *, path: Path | None = None) -> bytes:
    """A workbook with one sheet: paragraphs as one-cell rows, tables as cell ranges with merged cells."""
    import openpyxl
    from openpyxl.styles import Alignment, Font

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "План"
    for block in blocks:
        if isinstance(block, TableSpec):
            first = sheet.max_row + 1 if sheet.max_row > 1 or sheet["A1"].value else 1
            for r, row in enumerate(block.rows):
                for c, text in enumerate(row):
                    cell = sheet.cell(row=first + r, column=c + 1, value=text or None)
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
                    if r < block.header_rows:
                        cell.font = Font(bold=True)
            for r0, c0, r1, c1 in block.merges:
                sheet.merge_cells(start_row=first + r0, start_column=c0 + 1, end_row=first + r1, end_column=c1 + 1)
        elif block != PAGE_BREAK:
            row = sheet.max_row + 1 if sheet.max_row > 1 or sheet["A1"].value else 1
            sheet.cell(row=row, column=1, value=block)
    for column, width in zip("ABCDE", (6, 60, 40, 14, 20), strict=False):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()
    if path is not None:
        path.write_bytes(data)
    return data


# ---------------------------------------------------------------------------------------- text PDF

@lru_cache(maxsize=1)
def _register_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if not FONT_REGULAR.exists():
        raise FileNotFoundError(f"{FONT_REGULAR} missing: install fonts-dejavu-core (scripts/install-system.sh)")
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONT_REGULAR)))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(FONT_BOLD)))


def _styles():  # noqa: ANN202
    from reportlab.lib.styles import ParagraphStyle

    body = ParagraphStyle("body", fontName="DejaVuSans", fontSize=11, leading=14.5, spaceAfter=5)
    heading = ParagraphStyle("heading", parent=body, fontName="DejaVuSans-Bold", alignment=1)
    cell = ParagraphStyle("cell", parent=body, fontSize=9.5, leading=12, spaceAfter=0)
    cell_bold = ParagraphStyle("cellb", parent=cell, fontName="DejaVuSans-Bold")
    return body, heading, cell, cell_bold


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_pdf(blocks: Sequence[Block], *, path: Path | None = None, title: str = "") -> bytes:
    """A text PDF (embedded DejaVu Sans with a ToUnicode map), tables ruled, merged cells spanned."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    _register_fonts()
    body, heading, cell_style, cell_bold = _styles()
    story = []
    width = A4[0] - 40 * mm
    for block in blocks:
        if isinstance(block, TableSpec):
            n_cols = max(len(r) for r in block.rows)
            rel = block.col_widths or [1.0] * n_cols
            col_widths = [width * w / sum(rel) for w in rel]
            covered = {(r, c) for r0, c0, r1, c1 in block.merges
                       for r in range(r0, r1 + 1) for c in range(c0, c1 + 1) if (r, c) != (r0, c0)}
            data = [[("" if (r, c) in covered else
                      Paragraph(_escape(text), cell_bold if r < block.header_rows else cell_style))
                     for c, text in enumerate(row)] for r, row in enumerate(block.rows)]
            style = [("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]
            style += [("SPAN", (c0, r0), (c1, r1)) for r0, c0, r1, c1 in block.merges]
            story.append(Table(data, colWidths=col_widths, style=TableStyle(style), repeatRows=block.header_rows))
        elif block == PAGE_BREAK:
            story.append(PageBreak())
        else:
            style = heading if block.isupper() and len(block) < 120 else body
            story.append(Paragraph(_escape(block), style))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                      bottomMargin=18 * mm, title=title, author="Qorgau test generator").build(story)
    data = buffer.getvalue()
    if path is not None:
        path.write_bytes(data)
    return data


# ----------------------------------------------------------------------------------------- scans

def rasterize_pdf(pdf: bytes, *, dpi: int = 300) -> list:
    """Render every page of a PDF to a grayscale PIL image."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return [page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for page in document]
    finally:
        document.close()


def degrade_image(image, *, rng: random.Random, rotation: float = 0.8, noise: float = 0.015,
                  blur: float = 0.4, angle: float | None = None):  # noqa: ANN001, ANN201 - PIL images
    """Make a clean page look scanned: slight rotation (random up to ``rotation`` degrees, or exactly
    ``angle``), speckle noise, a little blur, grey paper."""
    import numpy as np
    from PIL import Image, ImageFilter

    if angle is None:
        angle = rng.uniform(-rotation, rotation) if rotation else 0.0
    image = image.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    pixels = np.asarray(image, dtype=np.int16)
    np_rng = np.random.default_rng(rng.randrange(2**32))
    pixels = pixels - 12 + np_rng.normal(0, 6, pixels.shape).astype(np.int16)  # grey, uneven paper
    specks = np_rng.random(pixels.shape) < noise / 10
    pixels[specks] = np_rng.integers(0, 120, int(specks.sum()))
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), mode="L")


def images_to_pdf(images: Sequence, *, dpi: int = 300) -> bytes:
    """An image-only PDF (no text layer), one image per page."""
    buffer = io.BytesIO()
    first, *rest = [im.convert("L") for im in images]
    first.save(buffer, format="PDF", resolution=dpi, save_all=True, append_images=rest)
    return buffer.getvalue()


def render_scanned_pdf(blocks: Sequence[Block], *, path: Path | None = None, dpi: int = 300, seed: int = 0,
                       rotation: float = 0.8, noise: float = 0.015, angle: float | None = None) -> bytes:
    """A scan of the printed document: rasterised at ``dpi``, rotated up to ``rotation`` degrees (or exactly
    ``angle``), noisy."""
    rng = random.Random(seed)
    pages = [degrade_image(im, rng=rng, rotation=rotation, noise=noise, angle=angle)
             for im in rasterize_pdf(render_pdf(blocks), dpi=dpi)]
    data = images_to_pdf(pages, dpi=dpi)
    if path is not None:
        path.write_bytes(data)
    return data


# ----------------------------------------------------------------------------------- broken layers

_LATIN_LOOKALIKE = {
    "а": "a", "б": "6", "в": "B", "г": "r", "д": "g", "е": "e", "ж": "x", "з": "3", "и": "u", "й": "u",
    "к": "k", "л": "JI", "м": "M", "н": "H", "о": "o", "п": "n", "р": "p", "с": "c", "т": "m", "у": "y",
    "ф": "qp", "х": "x", "ц": "u", "ч": "4", "ш": "w", "щ": "w", "ъ": "b", "ы": "bI", "ь": "b", "э": "3",
    "ю": "IO", "я": "R", "ә": "a", "ғ": "r", "қ": "k", "ң": "H", "ө": "o", "ұ": "y", "ү": "y", "һ": "h",
    "і": "i", "ё": "e",
}


def corrupt_text_layer(text: str, kind: BrokenLayer) -> str:
    """What a broken extractor reads instead of ``text`` (for the invisible-layer fixtures)."""
    if kind == "mojibake_latin1":
        return text.encode("utf-8").decode("cp1252", errors="replace")
    if kind == "mojibake_cp1251":
        return text.encode("utf-8").decode("cp1251", errors="replace")
    if kind == "latin_lookalike":
        return "".join(_LATIN_LOOKALIKE.get(ch.lower(), ch).upper() if ch.isupper() and ch.lower() in _LATIN_LOOKALIKE
                       else _LATIN_LOOKALIKE.get(ch, ch) for ch in text)
    if kind == "shifted":  # a font whose glyphs sit a constant distance from their Unicode code points
        return "".join(chr(ord(ch) + 3) if "\u0410" <= ch <= "\u044c" else ch for ch in text)
    raise ValueError(f"no text corruption for {kind!r}")


def _strip_tounicode(pdf: bytes) -> bytes:
    """Remove every font's ToUnicode reference, keeping byte offsets (the xref stays valid)."""
    return re.sub(rb"/ToUnicode\s+\d+\s+0\s+R", lambda m: b" " * len(m.group(0)), pdf)


def render_broken_pdf(blocks: Sequence[Block], *, kind: BrokenLayer, path: Path | None = None,
                      dpi: int = 200, seed: int = 0) -> bytes:
    """A PDF that looks right but whose text layer is wrong.

    ``no_tounicode``: the real text PDF with its fonts' ToUnicode maps removed (subset glyph codes only).
    Other kinds: the page is a clean image, with an invisible text layer (render mode 3) holding the
    corrupted text, as made by a broken converter or OCR tool.
    """
    if kind == "no_tounicode":
        data = _strip_tounicode(render_pdf(blocks))
    else:
        data = _image_with_text_layer(blocks, layer=lambda line: corrupt_text_layer(line, kind), dpi=dpi)
    if path is not None:
        path.write_bytes(data)
    return data


def _image_with_text_layer(blocks: Sequence[Block], *, layer, dpi: int = 200) -> bytes:  # noqa: ANN001
    """Clean page images (from the text PDF) plus an invisible text layer with ``layer(line)`` per line."""
    import pypdfium2 as pdfium
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    _register_fonts()
    clean = render_pdf(blocks)
    images = rasterize_pdf(clean, dpi=dpi)
    document = pdfium.PdfDocument(clean)
    page_lines = []
    for page in document:
        textpage = page.get_textpage()
        page_lines.append(textpage.get_text_range().replace("\r", "").split("\n"))
        textpage.close()
    document.close()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for image, lines in zip(images, page_lines, strict=True):
        pdf.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
        text = pdf.beginText(56, A4[1] - 60)
        text.setTextRenderMode(3)
        text.setFont("DejaVuSans", 11)
        for line in lines:
            text.textLine(layer(line))
        pdf.drawText(text)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def render_layered_pdf(blocks: Sequence[Block], *, layer_text, path: Path | None = None,  # noqa: ANN001
                       dpi: int = 200) -> bytes:
    """A clean page image with an invisible text layer ``layer_text(line)`` (e.g. legacy-font Kazakh)."""
    data = _image_with_text_layer(blocks, layer=layer_text, dpi=dpi)
    if path is not None:
        path.write_bytes(data)
    return data


# ---------------------------------------------------------------------------------- legacy fonts

_TO_LEGACY = str.maketrans({
    "ә": "ј", "Ә": "Ј", "ғ": "ѓ", "Ғ": "Ѓ", "қ": "ќ", "Қ": "Ќ", "ң": "њ", "Ң": "Њ",
    "ө": "ґ", "Ө": "Ґ", "ұ": "ў", "Ұ": "Ў", "ү": "ї", "Ү": "Ї", "һ": "ћ", "Һ": "Ћ",
})


def legacy_kazakh(text: str) -> str:
    """Kazakh text as a legacy pseudo-Unicode KZ font stores it (ә->ј, қ->ќ, ң->њ ...; see
    pipelines/extract/normalize.py for the table and its provenance)."""
    return text.translate(_TO_LEGACY)
