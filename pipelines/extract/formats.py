"""What format a file really is: magic bytes first, the extension only as a tie-breaker.

A file whose extension lies (a PDF named ``.docx``) is read as what it is, with a warning.
"""

from __future__ import annotations

import io
import zipfile
from enum import StrEnum
from pathlib import PurePath


class InputFormat(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"
    TXT = "txt"
    CSV = "csv"
    IMAGE = "image"
    ZIP = "zip"
    UNKNOWN = "unknown"


_EXTENSIONS = {
    ".pdf": InputFormat.PDF,
    ".docx": InputFormat.DOCX,
    ".xlsx": InputFormat.XLSX,
    ".txt": InputFormat.TXT,
    ".text": InputFormat.TXT,
    ".md": InputFormat.TXT,
    ".csv": InputFormat.CSV,
    ".tsv": InputFormat.CSV,
    ".png": InputFormat.IMAGE,
    ".jpg": InputFormat.IMAGE,
    ".jpeg": InputFormat.IMAGE,
    ".tif": InputFormat.IMAGE,
    ".tiff": InputFormat.IMAGE,
    ".bmp": InputFormat.IMAGE,
    ".zip": InputFormat.ZIP,
}

_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM")
# Formats we recognise by magic but do not read: named so the error says what the file is.
_FOREIGN_MAGIC = {
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "legacy MS Office (.doc/.xls) — save it as .docx/.xlsx",
    b"{\\rtf": "RTF — save it as .docx",
    b"Rar!": "RAR archive — use .zip",
    b"7z\xbc\xaf": "7-Zip archive — use .zip",
    b"\x1f\x8b": "gzip archive — use .zip",
}


def format_from_extension(filename: str) -> InputFormat:
    return _EXTENSIONS.get(PurePath(filename).suffix.lower(), InputFormat.UNKNOWN)


def foreign_format(data: bytes) -> str | None:
    """A human name of a known format we do not read, or None."""
    for magic, name in _FOREIGN_MAGIC.items():
        if data.startswith(magic):
            return name
    return None


def sniff_format(data: bytes, filename: str = "") -> InputFormat:
    """Detect the format from content; fall back to the extension only for plain text."""
    head = data[:2048]
    # Zip first: a stored (uncompressed) PDF inside a zip puts "%PDF-" within the first kilobyte.
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip_container(data, filename)
    if head.startswith(_IMAGE_MAGIC):
        return InputFormat.IMAGE
    if b"%PDF-" in head[:1024]:
        return InputFormat.PDF
    if foreign_format(data):
        return InputFormat.UNKNOWN
    if _looks_like_text(head):
        by_extension = format_from_extension(filename)
        return InputFormat.CSV if by_extension == InputFormat.CSV else InputFormat.TXT
    return InputFormat.UNKNOWN


def _sniff_zip_container(data: bytes, filename: str) -> InputFormat:
    """DOCX and XLSX are zips too: the member names tell them apart."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError):
        # A truncated Office file still begins like a zip: keep the extension's claim so the error is specific.
        by_extension = format_from_extension(filename)
        return by_extension if by_extension in (InputFormat.DOCX, InputFormat.XLSX) else InputFormat.ZIP
    if "word/document.xml" in names:
        return InputFormat.DOCX
    if "xl/workbook.xml" in names:
        return InputFormat.XLSX
    return InputFormat.ZIP


def _looks_like_text(head: bytes) -> bool:
    if not head:
        return False
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    for encoding in ("utf-8", "utf-16", "cp1251"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError:
            # The 2 KB cut may split a multi-byte character: retry without the last few bytes.
            try:
                text = head[:-3].decode(encoding)
            except UnicodeDecodeError:
                continue
        control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f")
        return control <= max(2, len(text) // 100)
    return False
