"""The service's seam to the extraction pipeline: options from settings, inputs, and one call per file."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pipelines.extract as extract_package
from pipelines.extract import ExtractedDocument, ExtractOptions, InputFile, extract_bytes, iter_input_files
from pipelines.extract.inputs import iter_zip_members
from service.settings import Settings


def extract_options(settings: Settings) -> ExtractOptions:
    """``ExtractOptions`` from ``settings.extraction`` (megabyte settings become byte limits)."""
    extraction = settings.extraction
    return ExtractOptions(ocr_languages=extraction.ocr_languages, ocr_dpi=extraction.ocr_dpi,
                          max_file_bytes=extraction.max_file_mb << 20, max_pages=extraction.max_pages,
                          max_ocr_pages=extraction.max_ocr_pages or None,
                          max_zip_members=extraction.max_zip_members,
                          max_unpacked_bytes=extraction.max_unpacked_mb << 20)


def extract(data: bytes, *, filename: str, options: ExtractOptions) -> ExtractedDocument:
    """Never raises for bad input: a bad file comes back with status FAILURE and ``error``."""
    return extract_bytes(data, filename=filename, options=options)


def input_files(paths: Iterable[Path], *, options: ExtractOptions) -> Iterator[InputFile]:
    """Files, folders and zips expanded safely; each item has ``data`` or an ``error``."""
    return iter(iter_input_files(list(paths), options=options))


def zip_members(data: bytes, *, archive_name: str, options: ExtractOptions) -> Iterator[InputFile]:
    """Members of an uploaded zip held in memory, with traversal/bomb/size checks."""
    return iter(iter_zip_members(data, archive_name=archive_name, options=options))


def display_name(item: InputFile) -> str:
    """How a batch lists an input: ``name``, or ``archive.zip!folder/name`` for a zip member."""
    source = item.source or item.name
    if "!" not in source:
        return item.name
    archive, _, member = source.partition("!")
    return f"{Path(archive).name}!{member}"


def extractor_version() -> str:
    return str(getattr(extract_package, "__version__", None) or getattr(extract_package, "VERSION", "0"))
