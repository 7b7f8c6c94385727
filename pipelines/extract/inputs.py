"""Expand the paths a user gives (files, folders, .zip archives) into files to extract, safely.

Each bad entry (a missing path, an oversized file, a zip member with ``../`` in its name, a zip bomb)
becomes an ``InputFile`` carrying an ``error``: the iteration never stops on one bad entry.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pipelines.errors import InputTooLargeError, QorgauError, UnreadableDocumentError, UnsafeArchiveError
from pipelines.extract.options import ExtractOptions

_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class InputFile:
    """One file to extract. ``name`` is the base name used in outputs; ``source`` says where it came from."""

    name: str
    data: bytes | None
    error: str | None = None
    source: str = ""  # e.g. "batch.zip!2024/protocol_3.pdf"; defaults to name
    error_code: str | None = None

    @property
    def display(self) -> str:
        return self.source or self.name


def _failed(name: str, source: str, exc: QorgauError) -> InputFile:
    return InputFile(name=name, data=None, error=exc.message, source=source, error_code=exc.code)


def iter_input_files(paths: list[Path], *, options: ExtractOptions | None = None) -> Iterator[InputFile]:
    """Yield every file under ``paths`` in a stable order; folders recursively, zips unpacked in memory."""
    options = options or ExtractOptions()
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                yield from _iter_file(child, options)
        elif path.is_file():
            yield from _iter_file(path, options)
        else:
            exc = UnreadableDocumentError(f"no such file or folder: {path}")
            yield _failed(path.name or str(path), str(path), exc)


def _iter_file(path: Path, options: ExtractOptions) -> Iterator[InputFile]:
    size = path.stat().st_size
    if size > options.max_file_bytes:
        exc = InputTooLargeError(f"file is {size:,} bytes, over the limit of {options.max_file_bytes:,} bytes")
        yield _failed(path.name, str(path), exc)
        return
    try:
        data = path.read_bytes()
    except OSError as e:
        yield _failed(path.name, str(path), UnreadableDocumentError(f"cannot read file: {e.strerror or e}"))
        return
    if _is_plain_zip(data, path.name):
        yield from iter_zip_members(data, archive_name=str(path), options=options)
    else:
        yield InputFile(name=path.name, data=data, source=str(path))


def _is_plain_zip(data: bytes, filename: str) -> bool:
    """A batch archive, as opposed to a DOCX/XLSX (which are zips too)."""
    from pipelines.extract.formats import InputFormat, sniff_format

    if not data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return False
    return sniff_format(data, filename) == InputFormat.ZIP


def iter_zip_members(
    data: bytes, *, archive_name: str, options: ExtractOptions | None = None, depth: int = 0
) -> Iterator[InputFile]:
    """Yield the members of a zip held in memory, refusing traversal names, bombs and too many members."""
    options = options or ExtractOptions()
    base = PurePosixPath(archive_name).name or archive_name
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError) as e:
        yield _failed(base, archive_name, UnreadableDocumentError(f"corrupt zip archive: {e}"))
        return
    if len(infos) > options.max_zip_members:
        exc = InputTooLargeError(
            f"zip archive has {len(infos):,} files, over the limit of {options.max_zip_members:,}")
        yield _failed(base, archive_name, exc)
        return
    unpacked_total = 0
    with archive:
        for info in infos:
            member_name = info.filename
            source = f"{archive_name}!{member_name}"
            name = PurePosixPath(member_name.replace("\\", "/")).name or member_name
            if _is_unsafe_member_name(member_name):
                exc = UnsafeArchiveError(f"zip member {member_name!r} points outside the archive; skipped")
                yield _failed(name, source, exc)
                continue
            if PurePosixPath(member_name).name.startswith(".") or member_name.startswith("__MACOSX/"):
                continue
            if info.flag_bits & 0x1:
                yield _failed(name, source, UnreadableDocumentError("zip member is password-protected"))
                continue
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > 1024 * 1024 and ratio > options.max_zip_ratio:
                exc = UnsafeArchiveError(
                    f"zip member expands {ratio:,.0f}x ({info.file_size:,} bytes): looks like a zip bomb; skipped")
                yield _failed(name, source, exc)
                continue
            if info.file_size > options.max_file_bytes:
                exc = InputTooLargeError(
                    f"file is {info.file_size:,} bytes, over the limit of {options.max_file_bytes:,} bytes")
                yield _failed(name, source, exc)
                continue
            if unpacked_total + info.file_size > options.max_unpacked_bytes:
                exc = UnsafeArchiveError(
                    f"archive unpacks to more than {options.max_unpacked_bytes:,} bytes; remaining members skipped")
                yield _failed(name, source, exc)
                return
            try:
                member = _read_capped(archive, info, limit=min(options.max_file_bytes,
                                                               options.max_unpacked_bytes - unpacked_total))
            except QorgauError as exc:
                yield _failed(name, source, exc)
                continue
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError, ValueError,
                    zlib.error) as e:
                yield _failed(name, source, UnreadableDocumentError(f"corrupt zip member: {e}"))
                continue
            unpacked_total += len(member)
            if depth + 1 < options.max_zip_depth and _is_plain_zip(member, name):
                yield from iter_zip_members(member, archive_name=source, options=options, depth=depth + 1)
            elif _is_plain_zip(member, name):
                yield _failed(name, source, UnsafeArchiveError("zip nested too deeply; skipped"))
            else:
                yield InputFile(name=name, data=member, source=source)


def _is_unsafe_member_name(member_name: str) -> bool:
    normalised = member_name.replace("\\", "/")
    if normalised.startswith("/") or (len(normalised) > 1 and normalised[1] == ":"):
        return True
    return ".." in PurePosixPath(normalised).parts


def _read_capped(archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, limit: int) -> bytes:
    """Read a member but stop at ``limit``: the sizes in a zip header can lie."""
    buffer = bytearray()
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            buffer.extend(chunk)
            if len(buffer) > limit:
                raise UnsafeArchiveError(
                    f"zip member unpacks to more than {limit:,} bytes (its header says {info.file_size:,}); "
                    "looks like a zip bomb; skipped")
    return bytes(buffer)
