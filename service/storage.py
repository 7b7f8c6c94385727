"""Originals on disk, stored once by sha256 and never modified.

Layout: ``<data_dir>/originals/ab/cd/<sha256>``. A file is written to a temporary name in the
same directory and renamed into place, so a crash never leaves a half-written original under
its final name, and storing the same bytes again finds the existing file.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pipelines.errors import InputTooLargeError, NotFoundError

_CHUNK = 1 << 20


def _megabytes(size: int) -> str:
    return f"{size / (1 << 20):.3g} MB"


@dataclass(frozen=True)
class StoredOriginal:
    sha256: str
    size: int
    path: Path
    created: bool  # False when the same bytes were already stored


class OriginalStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put_bytes(self, data: bytes) -> StoredOriginal:
        sha256 = hashlib.sha256(data).hexdigest()
        path = self.path_for(sha256)
        if path.exists():
            return StoredOriginal(sha256, len(data), path, created=False)
        with self._temporary_file() as (handle, temp_path):
            handle.write(data)
        return self._commit(temp_path, sha256, len(data))

    def put_stream(self, stream: BinaryIO, *, max_bytes: int) -> StoredOriginal:
        """Store a stream, refusing it (and keeping nothing) once it exceeds ``max_bytes``."""
        digest = hashlib.sha256()
        size = 0
        with self._temporary_file() as (handle, temp_path):
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise InputTooLargeError(
                        f"File is larger than the upload limit of {_megabytes(max_bytes)}",
                        detail={"limit_bytes": max_bytes})
                digest.update(chunk)
                handle.write(chunk)
        sha256 = digest.hexdigest()
        if self.path_for(sha256).exists():
            temp_path.unlink(missing_ok=True)
            return StoredOriginal(sha256, size, self.path_for(sha256), created=False)
        return self._commit(temp_path, sha256, size)

    def read(self, sha256: str) -> bytes:
        path = self.path_for(sha256)
        if not path.exists():
            raise NotFoundError(f"Original {sha256[:12]}… is not in the store")
        return path.read_bytes()

    @contextmanager
    def _temporary_file(self) -> Iterator[tuple[BinaryIO, Path]]:
        self.root.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=self.root, prefix=".incoming-")
        temp_path = Path(name)
        handle = os.fdopen(fd, "wb")
        try:
            yield handle, temp_path
            if not handle.closed:
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException:
            handle.close()
            temp_path.unlink(missing_ok=True)
            raise
        finally:
            handle.close()

    def _commit(self, temp_path: Path, sha256: str, size: int) -> StoredOriginal:
        path = self.path_for(sha256)
        path.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(temp_path, 0o444)  # originals are never modified
        os.replace(temp_path, path)
        return StoredOriginal(sha256, size, path, created=True)
