"""The typed result of extraction: what every later pipeline reads.

``ExtractedDocument.to_contract()`` gives the JSON line of ``qorgau extract`` (see shared design.md).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

from pipelines.types import DocType, Language

PageMethod = Literal["text", "ocr"]
ParagraphRole = Literal["body", "header", "footer"]


class ExtractionStatus(StrEnum):
    SUCCESS = "success"
    PARTIAL_SUCCESS = "partial_success"  # some pages failed or were unreadable, the rest is usable
    FAILURE = "failure"


class TextQuality(BaseModel):
    """Figures the text-quality gate computed for one page's text layer."""

    chars: int = 0
    letter_share: float = 0.0  # letters among non-space characters
    cyrillic_share: float = 0.0  # Cyrillic among letters
    dictionary_hit_rate: float = 0.0  # share of word tokens found in the kk/ru lexicon
    mojibake_share: float = 0.0  # share of tokens that look like UTF-8 read as cp1251/latin-1
    homoglyph_share: float = 0.0  # share of Cyrillic words with Latin look-alikes inside
    usable: bool = True
    reason: str | None = None  # why the gate rejected the layer


class Page(BaseModel):
    number: int  # 1-based
    text: str
    method: PageMethod = "text"
    quality: TextQuality = Field(default_factory=TextQuality)
    ocr_confidence: float | None = None  # mean Tesseract word confidence 0-100, OCR pages only


class Paragraph(BaseModel):
    text: str
    page: int = 1
    language: Language | None = None  # None when too short to tell
    role: ParagraphRole = "body"  # "header"/"footer": a DOCX page header or footer (commission, date, number)


class Table(BaseModel):
    rows: list[list[str]]  # rows of cells, merged cells repeated into each grid position they span
    page: int = 1
    page_end: int | None = None  # last page of a table continued over several pages (None: one page)


class DocumentMetadata(BaseModel):
    district: str | None = None  # official name in the document's language, e.g. "Алгинский район"
    district_id: str | None = None  # stable gazetteer key, same for the kk and ru name
    date: dt.date | None = None
    number: str | None = None
    year: int | None = None


class ErrorItem(BaseModel):
    component: str  # e.g. "pdf", "ocr", "docx"
    message: str
    page: int | None = None


class ExtractedDocument(BaseModel):
    file: str  # base name of the source
    sha256: str = ""
    format: str = ""  # detected format: pdf, docx, txt, csv, xlsx, image
    doc_type: DocType = "other"
    language: Language | None = None
    metadata: DocumentMetadata = Field(default_factory=DocumentMetadata)
    pages: list[Page] = Field(default_factory=list)
    paragraphs: list[Paragraph] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    errors: list[ErrorItem] = Field(default_factory=list)
    status: ExtractionStatus = ExtractionStatus.SUCCESS
    error: str | None = None  # set when status is FAILURE: the reason, for users
    error_code: str | None = None  # the QorgauError code of ``error`` (E101 unsupported, E102 unreadable, ...)

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.pages if p.text)

    def to_contract(self) -> dict:
        """The JSON object of one ``qorgau extract`` output line."""
        return {
            "file": self.file,
            "doc_type": self.doc_type,
            "language": self.language,
            "metadata": {
                "district": self.metadata.district,
                "date": self.metadata.date.isoformat() if self.metadata.date else None,
                "number": self.metadata.number,
                "year": self.metadata.year,
            },
            "pages": len(self.pages),
            "text": self.text,
            "tables": [t.rows for t in self.tables],
            "page_methods": [p.method for p in self.pages],
            "warnings": list(self.warnings),
            "error": self.error,
        }

    @classmethod
    def failed(cls, *, file: str, sha256: str = "", format: str = "", error: str,
               error_code: str | None = None) -> ExtractedDocument:
        return cls(file=file, sha256=sha256, format=format, status=ExtractionStatus.FAILURE, error=error,
                   error_code=error_code)
