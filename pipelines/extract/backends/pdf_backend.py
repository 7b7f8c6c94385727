"""PDF: pypdfium2 text layer for plain pages, pdfplumber where a page has ruled tables, OCR for pages
the quality gate rejects (scans, fonts without ToUnicode, mojibake, shifted glyphs).

pdfplumber (pdfminer layout analysis) is ~20x slower than PDFium's text layer, so it runs only on pages
whose vector paths could be table rules; ``benchmarks/extract.py`` measures both paths side by side.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from typing import Any

from pipelines.errors import InputTooLargeError, QorgauError, UnreadableDocumentError
from pipelines.extract.backends.base import Backend, BackendResult, normalized, paragraphs_from_text
from pipelines.extract.document import ErrorItem, Page, Paragraph, Table
from pipelines.extract.formats import InputFormat
from pipelines.extract.normalize import normalize_cell
from pipelines.extract.ocr import ocr_image
from pipelines.extract.quality import assess_text_quality

MIN_PATHS_FOR_TABLE = 4  # a ruled table needs at least this many path objects (its rules)


@contextlib.contextmanager
def pdf_errors(what: str = "PDF") -> Iterator[None]:
    """Translate PDFium / pdfminer exceptions into our typed errors."""
    import pdfminer.pdfdocument
    import pdfminer.pdfparser
    import pdfminer.psparser
    import pypdfium2 as pdfium

    try:
        yield
    except QorgauError:
        raise
    except pdfium.PdfiumError as e:
        message = str(e)
        if "password" in message.lower():
            raise UnreadableDocumentError("the PDF is encrypted (password-protected); Qorgau cannot open it") from e
        raise UnreadableDocumentError(f"corrupt or truncated {what}: {message}") from e
    except pdfminer.pdfdocument.PDFPasswordIncorrect as e:
        raise UnreadableDocumentError("the PDF is encrypted (password-protected); Qorgau cannot open it") from e
    except (pdfminer.pdfparser.PDFSyntaxError, pdfminer.psparser.PSException,
            pdfminer.pdfdocument.PDFException) as e:
        raise UnreadableDocumentError(f"corrupt or truncated {what}: {e}") from e
    except (ValueError, KeyError, TypeError, IndexError, AttributeError, OSError, EOFError,
            AssertionError, RecursionError) as e:
        raise UnreadableDocumentError(f"corrupt or truncated {what}: {type(e).__name__}: {e}") from e


def _object_counts(page: Any) -> tuple[int, int]:
    """(path objects, image objects) on a PDFium page."""
    import pypdfium2.raw as pdfium_c

    paths = images = 0
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE), max_depth=3):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            paths += 1
        else:
            images += 1
    return paths, images


def pdfium_page_text(page: Any) -> str:
    textpage = page.get_textpage()
    try:
        # PDFium marks a line-end hyphen as U+FFFE / U+0002; make it a plain hyphen for the joiner.
        return textpage.get_text_range().replace("\ufffe", "-").replace("\x02", "-")
    finally:
        textpage.close()


def grid_table_rows(table: Any) -> list[list[str]]:
    """pdfplumber table -> rows of cells, a merged cell repeated into every grid position it spans."""
    cells = [c for c in table.cells if c]
    if not cells:
        return []
    xs = sorted({round(c[0], 1) for c in cells} | {round(c[2], 1) for c in cells})
    ys = sorted({round(c[1], 1) for c in cells} | {round(c[3], 1) for c in cells})
    page = table.page
    grid = [["" for _ in range(len(xs) - 1)] for _ in range(len(ys) - 1)]
    for x0, top, x1, bottom in cells:
        text = normalize_cell(page.within_bbox((x0, top, x1, bottom), strict=False).extract_text())
        c0, c1 = xs.index(round(x0, 1)), xs.index(round(x1, 1))
        r0, r1 = ys.index(round(top, 1)), ys.index(round(bottom, 1))
        for r in range(r0, r1):
            for c in range(c0, c1):
                grid[r][c] = text
    return [row for row in grid if any(row)]


class PdfBackend(Backend):
    formats = (InputFormat.PDF,)

    def convert(self, data: bytes, *, filename: str) -> BackendResult:
        import pypdfium2 as pdfium

        result = BackendResult()
        with pdf_errors():
            pdf = pdfium.PdfDocument(data)
        plumber = None
        try:
            with pdf_errors():
                count = len(pdf)
            if count == 0:
                raise UnreadableDocumentError("the PDF has no pages")
            if count > self.options.max_pages:
                raise InputTooLargeError(f"the PDF has {count:,} pages, over the limit of {self.options.max_pages:,}")
            for index in range(count):
                number = index + 1
                try:
                    with pdf_errors(f"PDF page {number}"):
                        page = pdf[index]
                        paths, images = _object_counts(page)
                        raw_text = pdfium_page_text(page)
                        paragraph_source = None
                        if paths >= MIN_PATHS_FOR_TABLE:
                            if plumber is None:
                                import pdfplumber

                                plumber = pdfplumber.open(io.BytesIO(data))
                            tables, plumber_text, outside_text = self._plumber_tables(plumber.pages[index])
                            if tables:
                                result.tables.extend(Table(rows=rows, page=number) for rows in tables)
                                raw_text, paragraph_source = plumber_text, outside_text
                        self._add_page(result, page, number, raw_text, paragraph_source, has_images=images > 0)
                        page.close()
                except QorgauError as exc:
                    result.errors.append(ErrorItem(component="pdf", message=exc.message, page=number))
                    result.pages.append(Page(number=number, text="", method="text"))
        finally:
            if plumber is not None:
                plumber.close()
            pdf.close()
        return result

    def _plumber_tables(self, page: Any) -> tuple[list[list[list[str]]], str, str]:
        found = page.find_tables()
        tables = [rows for rows in (grid_table_rows(t) for t in found) if rows]
        if not tables:
            return [], "", ""
        outside = page
        for table in found:
            outside = outside.outside_bbox(table.bbox, strict=False)
        return tables, page.extract_text() or "", outside.extract_text() or ""

    def _add_page(self, result: BackendResult, page: Any, number: int, raw_text: str,
                  paragraph_source: str | None, *, has_images: bool) -> None:
        text = normalized(raw_text, result.normalization)
        quality = assess_text_quality(raw_text, normalized_text=text)
        if quality.usable or (quality.chars == 0 and not has_images):
            # An empty page without images is blank paper, not a scan: nothing to OCR.
            result.pages.append(Page(number=number, text=text, method="text", quality=quality))
            source = normalized(paragraph_source, result.normalization) if paragraph_source is not None else text
            result.paragraphs.extend(paragraphs_from_text(source, page=number))
            return
        if not self.options.ocr_enabled:
            result.warnings.append(f"page {number}: {quality.reason}; OCR is disabled, page left without text")
            result.pages.append(Page(number=number, text="", method="text", quality=quality))
            return
        image = page.render(scale=self.options.ocr_dpi / 72).to_pil()
        ocr = ocr_image(image, languages=self.options.ocr_languages)
        text = normalized(ocr.text, result.normalization)
        if quality.chars >= 20:
            result.warnings.append(f"page {number}: text layer rejected ({quality.reason}); read by OCR")
        result.pages.append(Page(number=number, text=text, method="ocr", quality=quality,
                                 ocr_confidence=ocr.confidence))
        result.paragraphs.extend(
            Paragraph(text=p, page=number)
            for p in (normalized(par, result.normalization).replace("\n", " ") for par in ocr.paragraphs) if p)
