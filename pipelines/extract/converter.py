"""Extraction entry points: bytes or a file in, ``ExtractedDocument`` out, never an exception for bad input.

``FORMAT_TO_BACKEND`` is the one table routing a detected format to its backend. After the backend,
the same enrichment runs for every format: paragraph and document language, document type, metadata.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path, PurePath

from pipelines.errors import InputTooLargeError, QorgauError, UnreadableDocumentError, UnsupportedFormatError
from pipelines.extract.backends.base import Backend, BackendResult, report_ocr_budget
from pipelines.extract.backends.docx_backend import DocxBackend
from pipelines.extract.backends.image_backend import ImageBackend
from pipelines.extract.backends.pdf_backend import PdfBackend
from pipelines.extract.backends.text_backend import CsvBackend, TextBackend
from pipelines.extract.backends.xlsx_backend import XlsxBackend
from pipelines.extract.doctype import classify_doc_type
from pipelines.extract.document import ExtractedDocument, ExtractionStatus
from pipelines.extract.formats import InputFormat, foreign_format, format_from_extension, sniff_format
from pipelines.extract.language import detect_language, document_language
from pipelines.extract.metadata import extract_metadata
from pipelines.extract.options import ExtractOptions

logger = logging.getLogger(__name__)

FORMAT_TO_BACKEND: dict[InputFormat, type[Backend]] = {
    InputFormat.PDF: PdfBackend,
    InputFormat.DOCX: DocxBackend,
    InputFormat.XLSX: XlsxBackend,
    InputFormat.TXT: TextBackend,
    InputFormat.CSV: CsvBackend,
    InputFormat.IMAGE: ImageBackend,
}
_DEFAULT_OPTIONS = ExtractOptions()


def extract_file(path: Path, *, options: ExtractOptions = _DEFAULT_OPTIONS) -> ExtractedDocument:
    """Extract one file from disk (see ``extract_bytes``)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > options.max_file_bytes:
            raise InputTooLargeError(f"file is {size:,} bytes, over the limit of {options.max_file_bytes:,} bytes")
        data = path.read_bytes()
    except QorgauError as exc:
        if options.raise_on_error:
            raise
        return ExtractedDocument.failed(file=path.name, error=exc.message, error_code=exc.code)
    except OSError as e:
        exc = UnreadableDocumentError(f"cannot read file: {e.strerror or e}")
        if options.raise_on_error:
            raise exc from e
        return ExtractedDocument.failed(file=path.name, error=exc.message, error_code=exc.code)
    return extract_bytes(data, filename=path.name, options=options)


def extract_bytes(data: bytes, *, filename: str, options: ExtractOptions = _DEFAULT_OPTIONS) -> ExtractedDocument:
    """Extract one document held in memory. ``filename`` is only a hint (the content decides the format).

    Bad input gives a FAILURE document with ``error`` (and ``error_code``), unless
    ``options.raise_on_error``, in which case the typed ``QorgauError`` is raised.
    """
    file = PurePath(filename).name or filename
    sha256 = hashlib.sha256(data).hexdigest()
    detected = InputFormat.UNKNOWN
    try:
        if not data:
            raise UnreadableDocumentError("the file is empty (0 bytes)")
        if len(data) > options.max_file_bytes:
            raise InputTooLargeError(
                f"file is {len(data):,} bytes, over the limit of {options.max_file_bytes:,} bytes")
        detected = sniff_format(data, filename)
        warnings = _format_warnings(detected, filename)
        if detected == InputFormat.ZIP:
            raise UnsupportedFormatError(
                "a zip archive: unpack it first (iter_input_files / qorgau extract do this safely)")
        if detected not in FORMAT_TO_BACKEND:
            foreign = foreign_format(data)
            raise UnsupportedFormatError(
                f"not a format Qorgau reads ({foreign})" if foreign else
                "not a format Qorgau reads (PDF, DOCX, XLSX, TXT, CSV, PNG/JPEG/TIFF) — unrecognised content")
        backend = FORMAT_TO_BACKEND[detected](options)
        result = backend.convert(data, filename=filename)
        report_ocr_budget(result, budget=options.max_ocr_pages)
        doc = _assemble(result, file=file, sha256=sha256, format=detected.value)
        doc.warnings[:0] = warnings
        return doc
    except QorgauError as exc:
        if options.raise_on_error:
            raise
        return ExtractedDocument.failed(file=file, sha256=sha256, format=detected.value, error=exc.message,
                                        error_code=exc.code)
    except Exception as exc:  # a defect of ours or a library: this file fails, the batch goes on
        if options.raise_on_error:
            raise
        logger.exception("extraction of %s failed", file)
        return ExtractedDocument.failed(file=file, sha256=sha256, format=detected.value,
                                        error=f"internal error while reading the file: {type(exc).__name__}: {exc}",
                                        error_code="E000")


def _format_warnings(detected: InputFormat, filename: str) -> list[str]:
    claimed = format_from_extension(filename)
    compatible = {InputFormat.TXT: {InputFormat.CSV}, InputFormat.CSV: {InputFormat.TXT}}
    if claimed in (InputFormat.UNKNOWN, detected) or detected in compatible.get(claimed, set()):
        return []
    if detected == InputFormat.UNKNOWN:
        return [f"the extension says {claimed.value.upper()} but the content is not"]
    return [f"the extension says {claimed.value.upper()} but the content is {detected.value.upper()}; "
            f"read as {detected.value.upper()}"]


def _assemble(result: BackendResult, *, file: str, sha256: str, format: str) -> ExtractedDocument:
    doc = ExtractedDocument(file=file, sha256=sha256, format=format, pages=result.pages,
                            paragraphs=result.paragraphs, tables=result.tables,
                            warnings=list(result.warnings), errors=list(result.errors))
    for paragraph in doc.paragraphs:
        paragraph.language = detect_language(paragraph.text)
    cell_texts = [" ".join(row) for table in doc.tables for row in table.rows]
    doc.language = document_language([p.text for p in doc.paragraphs] + cell_texts,
                                     languages=[p.language for p in doc.paragraphs])
    text = doc.text
    doc.doc_type = classify_doc_type(text, tables=[t.rows for t in doc.tables])
    doc.metadata = extract_metadata(text, language=doc.language, doc_type=doc.doc_type)
    doc.warnings.extend(result.normalization.changes)
    if not text.strip():
        if doc.errors:
            doc.status = ExtractionStatus.FAILURE
            doc.error = "no page could be read: " + "; ".join(e.message for e in doc.errors[:3])
            doc.error_code = UnreadableDocumentError.code
        else:
            doc.warnings.append("no text found in the document")
            doc.status = ExtractionStatus.PARTIAL_SUCCESS
    elif doc.errors:
        doc.status = ExtractionStatus.PARTIAL_SUCCESS
    return doc
