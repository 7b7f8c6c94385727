"""PDF: pypdfium2 text layer for plain pages, pdfplumber where a page has ruled tables, OCR for pages
the quality gate rejects (scans, fonts without ToUnicode, mojibake, shifted glyphs).

pdfplumber (pdfminer layout analysis) is ~20x slower than PDFium's text layer, so it runs only on pages
whose vector paths could be table rules; ``benchmarks/extract.py`` measures both paths side by side.
"""

from __future__ import annotations

import contextlib
import io
import threading
from collections.abc import Iterator
from typing import Any

from pipelines.errors import InputTooLargeError, QorgauError, UnreadableDocumentError
from pipelines.extract.backends.base import (
    Backend,
    BackendResult,
    Line,
    normalized,
    split_lines_into_paragraphs,
)
from pipelines.extract.document import ErrorItem, Page, Paragraph, Table
from pipelines.extract.formats import InputFormat
from pipelines.extract.normalize import normalize_cell
from pipelines.extract.ocr import ocr_image
from pipelines.extract.quality import assess_text_quality

MIN_PATHS_FOR_TABLE = 4  # a ruled table needs at least this many path objects (its rules)
# PDFium is not thread-safe (pypdfium2 docs); the service may extract in several worker threads. Only PDFium
# calls hold the lock: pdfplumber (pdfminer) and Tesseract (a child process) run outside it.
PDFIUM_LOCK = threading.RLock()
MOSTLY_IMAGE = 0.5  # share of the page covered by one image
MOSTLY_IMAGE_MAX_CHARS = 200  # ...with fewer text characters than this: OCR the page


@contextlib.contextmanager
def pdf_errors(what: str = "PDF") -> Iterator[None]:
    """Translate PDFium / pdfminer exceptions into our typed errors."""
    import pdfminer.pdfdocument
    import pdfminer.pdfparser
    import pdfminer.psparser
    import pypdfium2 as pdfium
    from pdfplumber.utils.exceptions import PdfminerException

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
            pdfminer.pdfdocument.PDFException, PdfminerException) as e:
        raise UnreadableDocumentError(f"corrupt or truncated {what}: {e}") from e
    except (ValueError, KeyError, TypeError, IndexError, AttributeError, OSError, EOFError,
            AssertionError, RecursionError, NotImplementedError, ZeroDivisionError, OverflowError) as e:
        raise UnreadableDocumentError(f"corrupt or truncated {what}: {type(e).__name__}: {e}") from e


def _object_counts(page: Any) -> tuple[int, float]:
    """(path objects, share of the page area covered by its largest image) of a PDFium page."""
    import pypdfium2.raw as pdfium_c

    paths = 0
    image_share = 0.0
    page_area = max(page.get_width() * page.get_height(), 1.0)
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE), max_depth=3):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            paths += 1
        else:
            left, bottom, right, top = obj.get_bounds()
            image_share = max(image_share, (right - left) * (top - bottom) / page_area)
    return paths, image_share


def pdfium_page_lines(page: Any) -> list[Line]:
    """The page's text layer as lines with their left/right edges (one char-box lookup per line end)."""
    textpage = page.get_textpage()
    try:
        # PDFium marks a line-end hyphen as U+FFFE / U+0002; make it a plain hyphen for the joiner.
        text = textpage.get_text_range().replace("\ufffe", "-").replace("\x02", "-")
        positioned = len(text) == textpage.count_chars()
        lines: list[Line] = []
        offset = 0
        for raw in text.split("\n"):
            content = raw.rstrip("\r")
            stripped = content.rstrip()
            if stripped and positioned:
                lead = len(content) - len(content.lstrip())
                left = textpage.get_charbox(offset + lead)[0]
                right = textpage.get_charbox(offset + len(stripped) - 1)[2]
                lines.append(Line(text=stripped, left=left, right=right))
            else:
                lines.append(Line(text=stripped, left=0.0, right=0.0))
            offset += len(raw) + 1
        return lines
    finally:
        textpage.close()


def plumber_lines(page: Any) -> list[Line]:
    return [Line(text=line["text"], left=line["x0"], right=line["x1"]) for line in page.extract_text_lines()]


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
        with pdf_errors(), PDFIUM_LOCK:
            pdf = pdfium.PdfDocument(data)
        plumber = None
        try:
            with pdf_errors(), PDFIUM_LOCK:
                count = len(pdf)
            if count == 0:
                raise UnreadableDocumentError("the PDF has no pages")
            if count > self.options.max_pages:
                raise InputTooLargeError(f"the PDF has {count:,} pages, over the limit of {self.options.max_pages:,}")
            last_table_page = 0
            for index in range(count):
                number = index + 1
                page = None
                try:
                    with pdf_errors(f"PDF page {number}"):
                        with PDFIUM_LOCK:
                            page = pdf[index]
                            paths, image_share = _object_counts(page)
                            lines = pdfium_page_lines(page)
                        raw_text = "\n".join(line.text for line in lines)
                        if paths >= MIN_PATHS_FOR_TABLE:
                            if plumber is None:
                                import pdfplumber

                                plumber = pdfplumber.open(io.BytesIO(data))
                            plumber_page = plumber.pages[index]
                            try:
                                tables, plumber_text, outside_lines = self._plumber_tables(plumber_page)
                            finally:
                                plumber_page.close()  # drops pdfminer's layout cache: long PDFs stay small
                            if tables:
                                last_table_page = self._add_tables(result, tables, number, last_table_page)
                                raw_text, lines = plumber_text, outside_lines
                        self._add_page(result, page, number, raw_text, lines, image_share=image_share)
                except QorgauError as exc:
                    result.errors.append(ErrorItem(component="pdf", message=exc.message, page=number))
                    result.pages.append(Page(number=number, text="", method="text"))
                finally:
                    if page is not None:
                        with PDFIUM_LOCK:
                            page.close()
        finally:
            if plumber is not None:
                plumber.close()
            with PDFIUM_LOCK:
                pdf.close()
        return result

    def _plumber_tables(self, page: Any) -> tuple[list[tuple[list[list[str]], bool]], str, list[Line]]:
        """Tables of a pdfplumber page (each with "starts at the top of the page"), its text, and the lines
        outside the tables."""
        found = page.find_tables()
        tables = [(rows, table.bbox[1] < page.height * 0.2) for table in found
                  if (rows := grid_table_rows(table))]
        if not tables:
            return [], "", []
        outside = page
        for table in found:
            outside = outside.outside_bbox(table.bbox, strict=False)
        return tables, page.extract_text() or "", plumber_lines(outside)

    @staticmethod
    def _add_tables(result: BackendResult, tables: list[tuple[list[list[str]], bool]], number: int,
                    last_table_page: int) -> int:
        """Append tables; a table at the top of a page with the column count of the table that ended the
        previous page continues it (its repeated header row dropped), so a plan stays one table.
        Returns the page the last table now reaches."""
        for rows, at_top in tables:
            previous = result.tables[-1] if result.tables else None
            if (at_top and previous is not None and last_table_page == number - 1
                    and len(rows[0]) == len(previous.rows[0])):
                if rows[0] == previous.rows[0]:
                    rows = rows[1:]
                previous.rows.extend(rows)
                previous.page_end = number
            else:
                result.tables.append(Table(rows=rows, page=number))
            last_table_page = number
        return last_table_page

    def _add_page(self, result: BackendResult, page: Any, number: int, raw_text: str,
                  lines: list[Line], *, image_share: float) -> None:
        text = normalized(raw_text, result.normalization)
        quality = assess_text_quality(raw_text, normalized_text=text)
        if quality.usable and image_share >= MOSTLY_IMAGE and quality.chars < MOSTLY_IMAGE_MAX_CHARS:
            # A scanned page with a few typed words on top (a stamp, a page number): the image holds the text.
            quality.usable = False
            quality.reason = f"the page is a picture ({image_share:.0%} of its area) with little text over it"
        if quality.usable or (quality.chars == 0 and image_share == 0):
            # An empty page without images is blank paper, not a scan: nothing to OCR.
            result.pages.append(Page(number=number, text=text, method="text", quality=quality))
            for paragraph in split_lines_into_paragraphs(lines):
                paragraph = normalized(paragraph, result.normalization).replace("\n", " ")
                if paragraph:
                    result.paragraphs.append(Paragraph(text=paragraph, page=number))
            return
        if not self.options.ocr_enabled:
            result.warnings.append(f"page {number}: {quality.reason}; OCR is disabled, page left without text")
            result.pages.append(Page(number=number, text="", method="text", quality=quality))
            return
        if not self.take_ocr_page(result, number):
            result.pages.append(Page(number=number, text="", method="text", quality=quality))
            return
        with PDFIUM_LOCK:
            image = page.render(scale=self.options.ocr_dpi / 72).to_pil()
        ocr = ocr_image(image, languages=self.options.ocr_languages, threads=self.options.ocr_threads)
        text = normalized(ocr.text, result.normalization)
        if quality.chars >= 20:
            result.warnings.append(f"page {number}: text layer rejected ({quality.reason}); read by OCR")
        result.pages.append(Page(number=number, text=text, method="ocr", quality=quality,
                                 ocr_confidence=ocr.confidence))
        result.paragraphs.extend(
            Paragraph(text=p, page=number)
            for p in (normalized(par, result.normalization).replace("\n", " ") for par in ocr.paragraphs) if p)
