"""Per-call options of extraction (never read from the environment: service/ fills them from settings)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class ExtractOptions(BaseModel):
    """What one extraction call may do and how much input it accepts.

    Limits protect a worker from one hostile or oversized file; exceeding one gives that file a FAILURE
    status with an ``InputTooLargeError`` / ``UnsafeArchiveError`` message, never an exception.
    """

    model_config = {"frozen": True}

    ocr_languages: str = "kaz+rus"
    ocr_dpi: int = Field(default=300, ge=150, le=600)
    ocr_enabled: bool = True
    ocr_threads: int = Field(default=1, ge=1, le=16)  # Tesseract OpenMP threads per page; 1 is the most
    # CPU-efficient when files are processed in parallel (measured in benchmarks/extract.py)
    max_file_bytes: int = 100 * 1024 * 1024
    max_pages: int = 2000
    # Pages of one file read by OCR (scans, rejected text layers, image frames, pictures of an image-only
    # DOCX); the pages after the budget are left without text, named in a warning and in ``errors``, so one
    # huge scan cannot hold a worker for hours (~1.6 CPU-s per 300-dpi page). None: no budget.
    max_ocr_pages: int | None = Field(default=300, ge=1)
    max_zip_members: int = 2000
    max_unpacked_bytes: int = 1024 * 1024 * 1024
    max_zip_ratio: float = 200.0  # uncompressed/compressed size of one member above which it is a bomb
    max_zip_depth: int = 2  # zips inside zips are unpacked this many levels deep
    raise_on_error: bool = False
