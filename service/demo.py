"""The demo set for ``QORGAU_DEMO=true qorgau serve``: generated once, ingested once."""

from __future__ import annotations

import logging
import subprocess
import sys

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from service.batches import BatchIngestor
from service.db.models import Batch
from service.settings import PROJECT_ROOT, Settings
from service.storage import OriginalStore

log = logging.getLogger(__name__)


def ensure_demo_files(settings: Settings) -> bool:
    """Generate the demo files with ``python -m corpora.demo`` unless they exist; False if impossible."""
    demo_dir = settings.demo_dir
    if demo_dir.is_dir() and any(demo_dir.iterdir()):
        return True
    log.info("generating the demo set into %s", demo_dir)
    result = subprocess.run([sys.executable, "-m", "corpora.demo", "--out", str(demo_dir)], cwd=PROJECT_ROOT,
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        log.error("demo generation failed (exit %s): %s", result.returncode, result.stderr.strip()[-2000:])
        return False
    return demo_dir.is_dir() and any(demo_dir.iterdir())


def ensure_demo_batch(settings: Settings, session_factory: sessionmaker[Session],
                      store: OriginalStore) -> Batch | None:
    """Queue the demo files as one batch (source ``demo``) unless one was queued before."""
    with session_factory() as session:
        existing = session.scalar(select(Batch).where(Batch.source == "demo").limit(1))
        if existing is not None:
            return existing
        if not ensure_demo_files(settings):
            return None
        ingestor = BatchIngestor(session=session, settings=settings, store=store)
        batch = ingestor.create_batch(created_by="demo", source="demo", label="Demo set (generated)")
        # truth.json holds the generator's expected answers, not a document to ingest.
        paths = sorted(path for path in settings.demo_dir.iterdir() if path.is_file() and path.suffix != ".json")
        ingestor.add_paths(batch, paths)
        return batch
