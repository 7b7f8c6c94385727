"""The small contract every format backend implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import ClassVar

from pipelines.extract.document import ErrorItem, Page, Paragraph, Table
from pipelines.extract.formats import InputFormat
from pipelines.extract.layout import Line, split_lines_into_paragraphs, split_paragraphs  # noqa: F401 - re-exported
from pipelines.extract.normalize import NormalizationReport, normalize_text
from pipelines.extract.options import ExtractOptions


@dataclass
class BackendResult:
    """What a backend read: pages (normalised text, method, quality), paragraphs and tables."""

    pages: list[Page] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[ErrorItem] = field(default_factory=list)
    normalization: NormalizationReport = field(default_factory=NormalizationReport)
    ocr_pages: int = 0  # pages (or pictures) read by OCR so far, counted against ``max_ocr_pages``
    ocr_skipped: list[int] = field(default_factory=list)  # pages that needed OCR after the budget was spent


class Backend(ABC):
    """Reads one format. Third-party exceptions are translated to ``pipelines.errors`` types here."""

    formats: ClassVar[tuple[InputFormat, ...]] = ()

    def __init__(self, options: ExtractOptions) -> None:
        self.options = options

    @abstractmethod
    def convert(self, data: bytes, *, filename: str) -> BackendResult:
        """Read ``data``; raise ``InputError`` subclasses for bad input, record page-level problems."""

    def take_ocr_page(self, result: BackendResult, number: int) -> bool:
        """Spend one page of the OCR budget on page ``number``; False (page recorded as skipped) when spent."""
        budget = self.options.max_ocr_pages
        if budget is not None and result.ocr_pages >= budget:
            result.ocr_skipped.append(number)
            return False
        result.ocr_pages += 1
        return True


def report_ocr_budget(result: BackendResult, *, budget: int | None) -> None:
    """Name the pages left unread because the OCR budget was spent: a warning (in the JSON contract) and one
    error item (the document becomes PARTIAL_SUCCESS), never a silent gap."""
    if not result.ocr_skipped:
        return
    skipped = len(result.ocr_skipped)
    message = (f"OCR page budget of {budget} spent: {skipped} more page(s) needing OCR were not read "
               f"({'page' if skipped == 1 else 'pages'} {page_ranges(result.ocr_skipped)}); "
               f"raise max_ocr_pages to read them")
    result.warnings.append(message)
    result.errors.append(ErrorItem(component="ocr", message=message, page=result.ocr_skipped[0]))


def page_ranges(numbers: list[int], *, limit: int = 10) -> str:
    """``[2, 3, 4, 7]`` -> ``"2-4, 7"`` (at most ``limit`` ranges, then ``...``)."""
    ranges: list[tuple[int, int]] = []
    for n in sorted(numbers):
        if ranges and n == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], n)
        else:
            ranges.append((n, n))
    parts = [f"{a}-{b}" if a != b else str(a) for a, b in ranges[:limit]]
    return ", ".join(parts) + (", ..." if len(ranges) > limit else "")


def paragraphs_from_text(text: str, *, page: int) -> list[Paragraph]:
    return [Paragraph(text=p, page=page) for p in split_paragraphs(text)]


def normalized(text: str, report: NormalizationReport) -> str:
    return normalize_text(text, report=report)
