"""`qorgau ingest` as a user runs it, and the demo batch queued once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from service_support import PLAN_KK, PLAN_KK_TABLE, PROTOCOL_RU, docx_bytes, pdf_bytes, zip_bytes
from typer.testing import CliRunner, Result


def run_ingest(data_dir: Path, *paths: Path, monkeypatch: pytest.MonkeyPatch) -> Result:
    """``qorgau ingest`` through the real typer app, in-process (the subprocess start-up costs seconds)."""
    from service.cli import app
    from service.settings import get_settings

    monkeypatch.setenv("QORGAU_DATA_DIR", str(data_dir))
    get_settings.cache_clear()
    try:
        return CliRunner().invoke(app, ["ingest", *map(str, paths)], env={"COLUMNS": "200"})
    finally:
        get_settings.cache_clear()


@pytest.mark.slow
def test_ingest_folder_and_zip_with_progress(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "protocol.docx").write_bytes(docx_bytes(PROTOCOL_RU))
    (inbox / "empty.pdf").write_bytes(b"")
    archive = tmp_path / "plans.zip"
    archive.write_bytes(zip_bytes({"plan.pdf": pdf_bytes(PLAN_KK), "../evil.txt": b"x"}))
    data_dir = tmp_path / "data"

    result = run_ingest(data_dir, inbox, archive, monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    assert "Batch 1 queued" in result.stderr
    for expected in ("protocol.docx", "done", "empty.pdf", "failed", "plans.zip!plan.pdf", "plans.zip!../evil.txt"):
        assert expected in result.stdout
    with sqlite3.connect(data_dir / "qorgau.sqlite3") as db:
        assert sorted(db.execute("select filename, status from documents")) == [
            ("empty.pdf", "failed"), ("plan.pdf", "done"), ("protocol.docx", "done")]

    again = run_ingest(data_dir, inbox / "protocol.docx", monkeypatch=monkeypatch)
    assert again.exit_code == 0 and "duplicate" in again.stdout
    with sqlite3.connect(data_dir / "qorgau.sqlite3") as db:
        assert db.execute("select count(*) from documents").fetchone() == (3,)
        assert db.execute("select count(*) from jobs").fetchone() == (3,)


def test_demo_batch_is_queued_once(settings_factory) -> None:  # type: ignore[no-untyped-def]
    from service.db.engine import make_engine, make_session_factory, upgrade_database
    from service.demo import ensure_demo_batch
    from service.storage import OriginalStore

    settings = settings_factory(workers=0)
    settings.demo_dir.mkdir(parents=True)
    (settings.demo_dir / "protocol_alga_2024-03_ru.docx").write_bytes(docx_bytes(PROTOCOL_RU))
    (settings.demo_dir / "plan_2024_kk.docx").write_bytes(docx_bytes(PLAN_KK, PLAN_KK_TABLE))
    (settings.demo_dir / "truth.json").write_text("{}")
    engine = make_engine(settings)
    upgrade_database(settings, engine)
    session_factory = make_session_factory(engine)
    store = OriginalStore(settings.originals_dir)
    first = ensure_demo_batch(settings, session_factory, store)
    second = ensure_demo_batch(settings, session_factory, store)
    assert first is not None and second is not None and first.id == second.id
    with session_factory() as session:
        from service.queries import get_batch

        assert sorted(f.filename for f in get_batch(session, batch_id=first.id).files) == [
            "plan_2024_kk.docx", "protocol_alga_2024-03_ru.docx"]
    engine.dispose()
