"""Extraction: PDF, DOCX, XLSX, TXT, CSV and images in; ``ExtractedDocument`` out.

    from pipelines.extract import ExtractOptions, extract_bytes, extract_file, iter_input_files
"""

__version__ = "0.3.0"  # bump when extraction output changes, so stored results can be compared across runs

from pipelines.extract.converter import FORMAT_TO_BACKEND, extract_bytes, extract_file
from pipelines.extract.document import (
    DocumentMetadata,
    ErrorItem,
    ExtractedDocument,
    ExtractionStatus,
    Page,
    Paragraph,
    Table,
    TextQuality,
)
from pipelines.extract.inputs import InputFile, iter_input_files, iter_zip_members
from pipelines.extract.options import ExtractOptions

__all__ = [
    "__version__",
    "FORMAT_TO_BACKEND",
    "DocumentMetadata",
    "ErrorItem",
    "ExtractOptions",
    "ExtractedDocument",
    "ExtractionStatus",
    "InputFile",
    "Page",
    "Paragraph",
    "Table",
    "TextQuality",
    "extract_bytes",
    "extract_file",
    "iter_input_files",
    "iter_zip_members",
]
