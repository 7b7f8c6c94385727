"""DOCX via python-docx: paragraphs and real Word tables in document order, merged cells expanded, and the
page headers/footers (which often carry the commission, district, date or protocol number).

The body is walked at the XML level (``w:p`` / ``w:tbl``) because python-docx's object wrappers cost
more than the text itself; horizontal merges (``w:gridSpan``) and vertical ones (``w:vMerge``) are
resolved into a full grid where each merged cell repeats its text.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from pipelines.errors import QorgauError, UnreadableDocumentError
from pipelines.extract.backends.base import Backend, BackendResult, normalized
from pipelines.extract.document import Page, Paragraph, ParagraphRole, Table
from pipelines.extract.formats import InputFormat
from pipelines.extract.normalize import normalize_cell
from pipelines.extract.ocr import ocr_image

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif")
# A header/footer line that is only a page number ("2", "- 2 -"): the cached value of a PAGE field.
_PAGE_NUMBER_RE = re.compile(r"^\W*\d{1,4}\W*$")


def _open_document(data: bytes) -> Any:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError,
            NotImplementedError) as e:
        raise UnreadableDocumentError(f"corrupt or truncated DOCX: {type(e).__name__}: {e}") from e
    except Exception as e:  # lxml.etree.XMLSyntaxError and friends from a damaged part
        raise UnreadableDocumentError(f"corrupt DOCX: {type(e).__name__}: {e}") from e


def _paragraph_text(p: Any, *, rendered_breaks: bool = False) -> tuple[str, int, int]:
    """Text of a ``w:p`` and its page breaks: (text, breaks before its text, breaks after it).

    With ``rendered_breaks``, Word's own pagination marks (``w:lastRenderedPageBreak``, written when the
    file was last saved by Word) count as page breaks: used when a file has no explicit breaks.
    """
    parts: list[str] = []
    before = after = 0
    tags = [f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen"]
    if rendered_breaks:
        tags.append(f"{W}lastRenderedPageBreak")
    for node in p.iter(*tags):
        tag = node.tag
        if tag == f"{W}t":
            parts.append(node.text or "")
        elif tag == f"{W}tab":
            parts.append("\t")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        elif tag == f"{W}lastRenderedPageBreak" or (tag == f"{W}br" and node.get(f"{W}type") == "page"):
            if "".join(parts).strip():
                after += 1
            else:
                before += 1
        elif tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
    props = p.find(f"{W}pPr")
    if props is not None and props.find(f"{W}pageBreakBefore") is not None:
        before += 1
    return "".join(parts), before, after


def _cell_text(tc: Any) -> str:
    return "\n".join(_paragraph_text(p)[0] for p in tc.iter(f"{W}p"))


def _has_explicit_breaks(body: Any) -> bool:
    return bool(body.xpath('boolean(.//w:br[@w:type="page"] | .//w:pageBreakBefore)'))


def table_rows(tbl: Any) -> list[list[str]]:
    """Rows of a ``w:tbl`` as a full grid: gridSpan and vMerge cells repeat the merged text."""
    grid: list[list[str]] = []
    for tr in tbl.iterchildren(f"{W}tr"):
        row: list[str] = []
        for tc in tr.iterchildren(f"{W}tc"):
            props = tc.find(f"{W}tcPr")
            span = 1
            vmerge = None
            if props is not None:
                grid_span = props.find(f"{W}gridSpan")
                if grid_span is not None:
                    span = int(grid_span.get(f"{W}val", "1") or 1)
                merge = props.find(f"{W}vMerge")
                if merge is not None:
                    vmerge = merge.get(f"{W}val", "continue")
            column = len(row)
            if vmerge == "continue" and grid and column < len(grid[-1]):
                text = grid[-1][column]
            else:
                text = normalize_cell(_cell_text(tc))
            row.extend([text] * span)
        grid.append(row)
    width = max((len(r) for r in grid), default=0)
    return [r + [""] * (width - len(r)) for r in grid if any(c.strip() for c in r)]


def _body_blocks(container: Any) -> Any:
    """``w:p`` and ``w:tbl`` in document order, looking inside content controls (``w:sdt``) and custom XML,
    which Word templates wrap around whole sections."""
    for element in container.iterchildren():
        if element.tag in (f"{W}p", f"{W}tbl"):
            yield element
        elif element.tag == f"{W}sdt":
            content = element.find(f"{W}sdtContent")
            if content is not None:
                yield from _body_blocks(content)
        elif element.tag == f"{W}customXml":
            yield from _body_blocks(element)


def _header_footer_parts(document: Any) -> tuple[list[Any], list[Any]]:
    """The ``w:hdr`` and ``w:ftr`` elements the document shows, in section order (first-page variant, then
    default, then even-page). A section whose header is "linked to previous" has no definition of its own
    and shows the previous one, so it adds nothing."""
    even_pages = bool(document.settings.odd_and_even_pages_header_footer)
    headers: list[Any] = []
    footers: list[Any] = []
    for section in document.sections:
        variants = []
        if section.different_first_page_header_footer:
            variants.append((section.first_page_header, section.first_page_footer))
        variants.append((section.header, section.footer))
        if even_pages:
            variants.append((section.even_page_header, section.even_page_footer))
        for header, footer in variants:
            # is_linked_to_previous is checked first: touching a linked one's content would create a definition
            if not header.is_linked_to_previous:
                headers.append(header._element)
            if not footer.is_linked_to_previous:
                footers.append(footer._element)
    return headers, footers


def _header_footer_lines(parts: list[Any]) -> list[str]:
    """Raw text lines of header/footer parts: paragraphs, and each table row's distinct cells on one line;
    bare page numbers dropped; a line repeated by several sections' own definitions kept once."""
    lines: list[str] = []
    for part in parts:
        for element in _body_blocks(part):
            if element.tag == f"{W}p":
                candidates = [_paragraph_text(element)[0]]
            else:
                candidates = [" ".join(dict.fromkeys(c for c in row if c.strip())) for row in table_rows(element)]
            for raw in candidates:
                text = " ".join(raw.split())
                if text and not _PAGE_NUMBER_RE.match(text) and text not in lines:
                    lines.append(text)
    return lines


class DocxBackend(Backend):
    formats = (InputFormat.DOCX,)

    def convert(self, data: bytes, *, filename: str) -> BackendResult:
        document = _open_document(data)
        result = BackendResult()
        page = 1
        page_lines: dict[int, list[str]] = {1: []}
        try:
            body = document.element.body
            rendered = not _has_explicit_breaks(body)
            for element in _body_blocks(body):
                if element.tag == f"{W}p":
                    raw, before, after = _paragraph_text(element, rendered_breaks=rendered)
                    page += before
                    page_lines.setdefault(page, [])
                    text = normalized(raw, result.normalization)
                    if text:
                        result.paragraphs.append(Paragraph(text=" ".join(text.split("\n")), page=page))
                        page_lines[page].append(text)
                    page += after
                    page_lines.setdefault(page, [])
                elif element.tag == f"{W}tbl":
                    rows = table_rows(element)
                    if rows:
                        spanned = len(element.findall(f".//{W}lastRenderedPageBreak")) if rendered else 0
                        result.tables.append(Table(rows=rows, page=page, page_end=page + spanned if spanned else None))
                        page_lines[page].extend("\t".join(row) for row in rows)
                        page += spanned
                        page_lines.setdefault(page, [])
        except QorgauError:
            raise
        except (ValueError, AttributeError, TypeError) as e:
            raise UnreadableDocumentError(f"corrupt DOCX body: {type(e).__name__}: {e}") from e
        result.pages = [Page(number=n, text="\n".join(lines), method="text") for n, lines in sorted(page_lines.items())]
        headers, footers = self._headers_and_footers(document, result)
        if not any(p.text for p in result.pages):
            self._image_only(data, result, has_other_text=bool(headers or footers))
        self._add_header_footer(result, headers, role="header")
        self._add_header_footer(result, footers, role="footer")
        return result

    @staticmethod
    def _headers_and_footers(document: Any, result: BackendResult) -> tuple[list[str], list[str]]:
        try:
            header_parts, footer_parts = _header_footer_parts(document)
            headers = [t for raw in _header_footer_lines(header_parts) if (t := normalized(raw, result.normalization))]
            footers = [t for raw in _header_footer_lines(footer_parts) if (t := normalized(raw, result.normalization))]
        except (KeyError, ValueError, AttributeError, TypeError) as e:
            # a damaged header part costs its text, not the document's body
            result.warnings.append(f"page headers/footers cannot be read: {type(e).__name__}: {e}")
            return [], []
        return headers, footers

    @staticmethod
    def _add_header_footer(result: BackendResult, lines: list[str], *, role: ParagraphRole) -> None:
        """Header lines open the first page (where the metadata reader looks), footer lines close the last;
        their paragraphs carry ``role`` so readers of the body can leave them out."""
        if not lines:
            return
        if not result.pages:
            result.pages.append(Page(number=1, text="", method="text"))
        page = result.pages[0] if role == "header" else result.pages[-1]
        block = "\n".join(lines)
        page.text = "\n".join(t for t in ((block, page.text) if role == "header" else (page.text, block)) if t)
        paragraphs = [Paragraph(text=line, page=page.number, role=role) for line in lines]
        if role == "header":
            result.paragraphs[:0] = paragraphs
        else:
            result.paragraphs.extend(paragraphs)

    def _image_only(self, data: bytes, result: BackendResult, *, has_other_text: bool = False) -> None:
        """A DOCX holding only pictures (a scan pasted into Word): OCR the pictures, or say why not.
        ``has_other_text``: the headers/footers have text, so a body without pictures is not an error."""
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            media = sorted(n for n in archive.namelist()
                           if n.startswith("word/media/") and n.lower().endswith(_IMAGE_SUFFIXES))
            if not media:
                if has_other_text:
                    return
                raise UnreadableDocumentError("the DOCX contains no text")
            if not self.options.ocr_enabled:
                if has_other_text:
                    result.warnings.append(f"image-only DOCX body ({len(media)} pictures) not read: OCR is disabled")
                    return
                raise UnreadableDocumentError(
                    f"image-only DOCX ({len(media)} pictures, no text) and OCR is disabled")
            from PIL import Image, UnidentifiedImageError

            result.pages = []
            result.warnings.append(f"image-only DOCX: text read by OCR from {len(media)} embedded pictures")
            for name in media:
                try:
                    image = Image.open(io.BytesIO(archive.read(name)))
                    image.load()
                except (UnidentifiedImageError, OSError) as e:
                    result.warnings.append(f"picture {name} cannot be read: {e}")
                    continue
                if not self.take_ocr_page(result, len(result.pages) + 1):
                    result.pages.append(Page(number=len(result.pages) + 1, text="", method="text"))
                    continue
                ocr = ocr_image(image, languages=self.options.ocr_languages, threads=self.options.ocr_threads)
                text = normalized(ocr.text, result.normalization)
                result.pages.append(Page(number=len(result.pages) + 1, text=text, method="ocr",
                                         ocr_confidence=ocr.confidence))
                result.paragraphs.extend(
                    Paragraph(text=normalized(p, result.normalization).replace("\n", " "), page=len(result.pages))
                    for p in ocr.paragraphs if p.strip())
