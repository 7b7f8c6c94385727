"""The service's seam to the extraction pipeline: options from settings, and one call per file."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from service.settings import Settings


def extract_options(settings: Settings) -> Any:
    """``ExtractOptions`` from ``settings.extraction`` (megabyte settings become byte limits)."""
    from pipelines.extract import ExtractOptions

    extraction = settings.extraction
    return ExtractOptions(ocr_languages=extraction.ocr_languages, ocr_dpi=extraction.ocr_dpi,
                          max_file_bytes=extraction.max_file_mb << 20, max_pages=extraction.max_pages,
                          max_zip_members=extraction.max_zip_members,
                          max_unpacked_bytes=extraction.max_unpacked_mb << 20)


def extract(data: bytes, *, filename: str, options: Any) -> Any:
    from pipelines.extract import extract_bytes

    return extract_bytes(data, filename=filename, options=options)


def input_files(paths: Iterable[Path], *, options: Any) -> Iterator[Any]:
    """Files, folders and zips expanded safely; each item has ``name``, ``data`` or ``error``."""
    from pipelines.extract import iter_input_files

    return iter(iter_input_files(list(paths), options=options))


def zip_members(data: bytes, *, archive_name: str, options: Any) -> Iterator[Any]:
    """Members of an uploaded zip held in memory, with traversal/bomb/size checks."""
    from pipelines.extract.inputs import iter_zip_members

    return iter(iter_zip_members(data, archive_name=archive_name, options=options))


def display_name(item: Any) -> str:
    """How a batch lists an input: ``name``, or ``archive.zip!folder/name`` for a zip member."""
    source = getattr(item, "source", "") or item.name
    if "!" not in source:
        return item.name
    archive, _, member = source.partition("!")
    return f"{Path(archive).name}!{member}"


def extractor_version() -> str:
    try:
        import pipelines.extract as extract_package
    except ImportError:
        return "unknown"
    return str(getattr(extract_package, "__version__", None) or getattr(extract_package, "VERSION", "0"))
