"""The process's plan index: loaded once from ``data_dir/plans-index``, saved at most every 30 s.

The database (``plan_rows``) is the system of record; the index on disk is a derived cache. When
the index is loaded, plans whose rows are in the database but not in the index (added after the
last save, before a crash) are added back, so throttled saving never loses a plan.

One index per process, shared by the worker (which adds plans) and the routes (which query it); a
lock serialises access because the index is not thread-safe.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipelines.plans import Plan, PlanIndex, PlanRow
from service.settings import Settings

PIPELINE_VERSION = "plans-1"
SAVE_EVERY_SECONDS = 30.0
_CACHE_KEY = "plans.index"
_lock = threading.RLock()
_last_save: dict[str, float] = {}


def index_dir(settings: Settings) -> Path:
    return settings.data_dir / "plans-index"


def _build(settings: Settings) -> PlanIndex:
    from corpora.plans.places import place_name_forms
    from models.embedders import get_embedder
    from models.embedders.cache import CachedEmbedder
    from models.vector_store import SQLiteVectorStore
    from pipelines.plans import PlaceNames

    embeddings = settings.embeddings
    inner = get_embedder(embeddings.backend, threads=embeddings.threads,
                         model_dir=embeddings.model_dir if embeddings.backend == "sentence_transformers" else None)
    embedder = CachedEmbedder(inner, SQLiteVectorStore(settings.data_dir / "embedding_cache.sqlite3"))
    places = PlaceNames.of(place_name_forms())
    directory = index_dir(settings)
    if (directory / "index.json").exists():
        return PlanIndex.load(directory, embedder=embedder, places=places)
    return PlanIndex(embedder=embedder, places=places)


def _add_missing_from_database(session: Session, index: PlanIndex) -> int:
    from service.db.models import Document
    from service.db.plans import PlanRowRecord

    stored = set(session.scalars(select(PlanRowRecord.document_id).where(PlanRowRecord.current).distinct()))
    missing = sorted(d for d in stored if str(d) not in index.plans)
    plans = []
    for document_id in missing:
        document = session.get(Document, document_id)
        rows = session.scalars(select(PlanRowRecord).where(PlanRowRecord.document_id == document_id,
                                                          PlanRowRecord.current).order_by(PlanRowRecord.row_index))
        plans.append(Plan(file=document.filename if document else str(document_id),
                          language=document.language if document else None,
                          district=document.district if document else None,
                          district_id=document.district_id if document else None,
                          year=document.year if document else None,
                          rows=[PlanRow(row_index=r.row_index, number=r.number, activity=r.activity,
                                        deadline=r.deadline, responsible=r.responsible,
                                        expected_result=r.expected_result, section=r.section) for r in rows]))
    if plans:
        index.add_plans(plans, plan_ids=[str(d) for d in missing])
    return len(plans)


@contextmanager
def plan_index(settings: Settings, cache: dict, *, session: Session | None = None) -> Iterator[PlanIndex]:
    """The index (loaded on first use into ``cache``), held under the process's plan-index lock."""
    with _lock:
        index = cache.get(_CACHE_KEY)
        if index is None:
            index = _build(settings)
            if session is not None:
                _add_missing_from_database(session, index)
            cache[_CACHE_KEY] = index
        yield index


def save(settings: Settings, index: PlanIndex, *, force: bool = False) -> bool:
    """Write the index unless it was written less than ``SAVE_EVERY_SECONDS`` ago (a 5,000-plan index takes
    seconds to write; ingesting a batch must not pay that per plan). Returns whether it was written."""
    key = str(index_dir(settings))
    with _lock:
        now = time.monotonic()
        if not force and now - _last_save.get(key, 0.0) < SAVE_EVERY_SECONDS:
            return False
        index.save(index_dir(settings))
        _last_save[key] = time.monotonic()
        return True
