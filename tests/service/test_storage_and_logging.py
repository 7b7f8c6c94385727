"""Originals stored once and read-only; migrations match the models; log lines are masked."""

from __future__ import annotations

import io
import logging
import os
import stat

import pytest

from pipelines.errors import InputTooLargeError
from service.logging import MaskingFormatter, fallback_mask_pii
from service.storage import OriginalStore


def test_original_stored_once_read_only(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = OriginalStore(tmp_path)
    first = store.put_bytes(b"%PDF-1.4 protocol")
    again = store.put_stream(io.BytesIO(b"%PDF-1.4 protocol"), max_bytes=1 << 20)
    assert first.created and not again.created and first.path == again.path
    assert store.read(first.sha256) == b"%PDF-1.4 protocol"
    assert not os.stat(first.path).st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [first.sha256]


def test_oversized_stream_leaves_nothing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = OriginalStore(tmp_path)
    with pytest.raises(InputTooLargeError, match="limit"):
        store.put_stream(io.BytesIO(b"x" * 5000), max_bytes=4096)
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_migrations_match_the_models(service_settings) -> None:  # type: ignore[no-untyped-def]
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from service.db.base import Base
    from service.db.engine import make_engine, upgrade_database
    from service.db.registry import import_all_models

    import_all_models()
    engine = make_engine(service_settings)
    upgrade_database(service_settings, engine)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert diff == []


def _format(message: str) -> str:
    record = logging.LogRecord("service.test", logging.INFO, __file__, 1, message, None, None)
    return MaskingFormatter("%(message)s").format(record)


def test_log_lines_are_masked() -> None:
    line = _format("complaint from ИИН 900101300012, тел. +7 701 123 45 67, 8(702)555-12-34 about school")
    assert "900101300012" not in line and "123 45 67" not in line and "555-12-34" not in line
    assert "about school" in line


def test_login_tokens_are_not_logged() -> None:
    line = _format('127.0.0.1:5000 - "GET /login?token=qg_s3cr3t-Value&next=/batches HTTP/1.1" 303')
    assert "qg_s3cr3t" not in line and "token=[TOKEN]&next=/batches" in line


def test_fallback_masks_twelve_digit_numbers_and_phones() -> None:
    assert fallback_mask_pii("ЖСН 050505600123 тел 87011234567, 2024 жыл, №12") == "ЖСН [IIN] тел [PHONE], 2024 жыл, №12"
