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


class Backend(ABC):
    """Reads one format. Third-party exceptions are translated to ``pipelines.errors`` types here."""

    formats: ClassVar[tuple[InputFormat, ...]] = ()

    def __init__(self, options: ExtractOptions) -> None:
        self.options = options

    @abstractmethod
    def convert(self, data: bytes, *, filename: str) -> BackendResult:
        """Read ``data``; raise ``InputError`` subclasses for bad input, record page-level problems."""


def paragraphs_from_text(text: str, *, page: int) -> list[Paragraph]:
    return [Paragraph(text=p, page=page) for p in split_paragraphs(text)]


def normalized(text: str, report: NormalizationReport) -> str:
    return normalize_text(text, report=report)
