"""Plain text (.txt) and delimited tables (.csv): decoding, paragraphs, one table per CSV."""

from __future__ import annotations

import csv
import io

from pipelines.errors import UnreadableDocumentError
from pipelines.extract.backends.base import Backend, BackendResult, normalized, split_paragraphs
from pipelines.extract.document import Page, Paragraph, Table
from pipelines.extract.formats import InputFormat
from pipelines.extract.normalize import normalize_cell


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1251 (old Russian/Kazakh office files)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1251")
    except UnicodeDecodeError as e:
        raise UnreadableDocumentError(f"cannot decode text (tried UTF-8, UTF-16, Windows-1251): {e}") from e


def text_paragraphs(text: str) -> list[str]:
    """One paragraph per line, as people type text files; hard-wrapped files (most lines of similar
    length, few ending a sentence) are re-flowed like a PDF page."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(lines) >= 8:
        long_lines = [line for line in lines if 50 <= len(line) <= 100]
        open_ends = [line for line in long_lines if not line.endswith((".", ":", ";", "!", "?"))]
        if len(long_lines) >= 0.6 * len(lines) and len(open_ends) >= 0.6 * len(long_lines):
            return split_paragraphs(text)
    return lines


class TextBackend(Backend):
    formats = (InputFormat.TXT,)

    def convert(self, data: bytes, *, filename: str) -> BackendResult:
        result = BackendResult()
        raw = decode_text(data)
        for number, page_raw in enumerate(raw.split("\f"), start=1):
            text = normalized(page_raw, result.normalization)
            result.pages.append(Page(number=number, text=text, method="text"))
            result.paragraphs.extend(Paragraph(text=p, page=number) for p in text_paragraphs(text))
        if len(result.pages) > self.options.max_pages:
            from pipelines.errors import InputTooLargeError

            raise InputTooLargeError(f"the text has {len(result.pages):,} pages, over the limit of "
                                     f"{self.options.max_pages:,}")
        return result


class CsvBackend(Backend):
    formats = (InputFormat.CSV,)

    def convert(self, data: bytes, *, filename: str) -> BackendResult:
        result = BackendResult()
        raw = decode_text(data)
        try:
            dialect = csv.Sniffer().sniff(raw[:4096], delimiters=",;\t|")
        except csv.Error:
            dialect = csv.excel
        try:
            rows = [[normalize_cell(cell) for cell in row] for row in csv.reader(io.StringIO(raw), dialect)]
        except csv.Error as e:
            raise UnreadableDocumentError(f"malformed CSV: {e}") from e
        rows = [row for row in rows if any(row)]
        width = max((len(r) for r in rows), default=0)
        rows = [r + [""] * (width - len(r)) for r in rows]
        if rows:
            result.tables.append(Table(rows=rows, page=1))
        result.pages.append(Page(number=1, text="\n".join("\t".join(r) for r in rows), method="text"))
        return result
