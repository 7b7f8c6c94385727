"""The application factory: ``create_app(settings)``.

The lifespan migrates the database (Alembic, every branch head), registers job handlers and
post-extraction steps, and starts the in-process worker threads (``settings.workers``; 0 = none).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from service.api.main import build_api_router
from service.db.engine import make_engine, make_session_factory, upgrade_database
from service.errors import install_error_handlers
from service.jobs import Worker, WorkerContext
from service.processing import register_core_handlers
from service.settings import Settings, get_settings
from service.storage import OriginalStore
from service.web.main import build_web_router
from service.web.templating import WEB_DIR


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        upgrade_database(settings, app.state.engine)
        register_core_handlers()
        worker: Worker | None = None
        if settings.workers > 0:
            worker = Worker(app.state.worker_context, threads=settings.workers)
            worker.start()
        app.state.worker = worker
        try:
            yield
        finally:
            if worker is not None:
                worker.stop()
            app.state.engine.dispose()

    app = FastAPI(title="Qorgau", version="0.1.0", lifespan=lifespan,
                  description="Document intelligence for child-rights protection (Aktobe region). "
                              "Every /api call needs `Authorization: Bearer <token>`.")
    engine = make_engine(settings)
    session_factory = make_session_factory(engine)
    store = OriginalStore(settings.originals_dir)
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = session_factory
    app.state.store = store
    app.state.worker_context = WorkerContext(settings=settings, session_factory=session_factory, store=store)
    # Models loaded once per process, shared by routes (request.app.state.cache) and steps
    # (service.jobs.current_context().cache).
    app.state.cache = app.state.worker_context.cache

    install_error_handlers(app)
    app.include_router(build_api_router())
    app.include_router(build_web_router())
    app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static")

    @app.get("/healthz", tags=["health"])
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app
