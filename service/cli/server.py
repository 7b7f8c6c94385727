"""``qorgau serve`` (API + pages + worker) and ``qorgau ingest PATH...`` (local batch with a progress bar)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table


def _console() -> Console:
    # Made per call, so it writes to the sys.stderr of the moment (typer's test runner swaps it).
    return Console(stderr=True, soft_wrap=True)


def register(app: typer.Typer, train_app: typer.Typer) -> None:
    """Add this module's commands to the main app and to ``qorgau train``."""
    app.command("serve")(serve)
    app.command("ingest")(ingest)


def serve(host: Annotated[str | None, typer.Option(help="Bind address (default: settings.host)")] = None,
          port: Annotated[int | None, typer.Option(help="Port (default: settings.port)")] = None) -> None:
    """Run the service: API at /api (docs at /docs), web pages, and the in-process worker."""
    import uvicorn

    from service.app import create_app
    from service.db.engine import make_engine, make_session_factory, upgrade_database
    from service.demo import ensure_demo_batch
    from service.logging import configure_logging
    from service.settings import get_settings
    from service.storage import OriginalStore

    settings = get_settings()
    configure_logging(settings.log_level)
    console = _console()
    host, port = host or settings.host, port or settings.port
    if settings.demo:
        engine = make_engine(settings)
        upgrade_database(settings, engine)
        batch = ensure_demo_batch(settings, make_session_factory(engine), OriginalStore(settings.originals_dir))
        engine.dispose()
        if batch is None:
            console.print("[yellow]Demo set could not be generated (see the log); starting without it.[/]")
        else:
            console.print(f"Demo batch {batch.id}: {settings.demo_dir}")
    url = f"http://{host}:{port}"
    if settings.admin_token == "changethis":
        console.print(f"[bold]Qorgau[/] at {url}  —  log in: {url}/login?token=changethis "
                      "(development admin token; set QORGAU_ADMIN_TOKEN for real use)")
    else:
        console.print(f"[bold]Qorgau[/] at {url}  —  log in at {url}/login with the token in QORGAU_ADMIN_TOKEN")
    console.print(f"API docs: {url}/docs")
    uvicorn.run(create_app(settings), host=host, port=port, log_config=None)


def ingest(paths: Annotated[list[Path], typer.Argument(help="Files, folders or .zip archives")],
           label: Annotated[str | None, typer.Option(help="Batch label")] = None,
           wait: Annotated[bool, typer.Option(help="Process now with a progress bar (else only queue)")] = True
           ) -> None:
    """Store files as one batch in the local data dir and extract them (same store as `qorgau serve`)."""
    from service.batches import BatchIngestor, batch_finished, batch_progress
    from service.db.engine import make_engine, make_session_factory, upgrade_database
    from service.jobs import Worker, WorkerContext
    from service.logging import configure_logging
    from service.processing import register_core_handlers
    from service.queries import get_batch
    from service.settings import get_settings
    from service.storage import OriginalStore

    settings = get_settings()
    configure_logging("WARNING")
    console = _console()
    engine = make_engine(settings)
    upgrade_database(settings, engine)
    register_core_handlers()
    session_factory = make_session_factory(engine)
    store = OriginalStore(settings.originals_dir)
    with session_factory() as session:
        ingestor = BatchIngestor(session=session, settings=settings, store=store)
        batch = ingestor.create_batch(created_by="cli", source="cli", label=label)
        ingestor.add_paths(batch, paths)
        batch_id = batch.id
    console.print(f"Batch {batch_id} queued ({settings.data_dir})")
    if wait:
        # A running server may be working the same queue: do not re-queue its running jobs.
        worker = Worker(WorkerContext(settings=settings, session_factory=session_factory, store=store),
                        threads=max(settings.workers, 1))
        worker.start(recover=False)
        try:
            with Progress(TextColumn("[bold]batch {task.fields[batch]}"), BarColumn(), MofNCompleteColumn(),
                          TextColumn("{task.fields[failed]} failed"), TimeElapsedColumn(),
                          console=console) as progress:
                task = progress.add_task("ingest", total=None, batch=batch_id, failed=0)
                while True:
                    with session_factory() as session:
                        batch = get_batch(session, batch_id=batch_id)
                        counts = batch_progress(batch)
                        finished = batch_finished(batch)
                    progress.update(task, total=counts["total"], completed=counts["done"] + counts["failed"],
                                    failed=counts["failed"])
                    if finished:
                        break
                    time.sleep(0.3)
        finally:
            worker.stop()
    with session_factory() as session:
        _print_batch(get_batch(session, batch_id=batch_id))
    engine.dispose()


def _print_batch(batch) -> None:  # type: ignore[no-untyped-def]
    table = Table(title=f"Batch {batch.id}")
    for column in ("file", "status", "type", "lang", "message"):
        table.add_column(column)
    for row in batch.files:
        document = row.document
        table.add_row(row.filename, row.status + (" (duplicate)" if row.duplicate else ""),
                      (document.doc_type or "") if document else "", (document.language or "") if document else "",
                      row.error or "")
    Console().print(table)
