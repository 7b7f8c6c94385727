"""The process's plan index: loaded once from ``data_dir/plans-index``, saved after every change.

One index per process, shared by the worker (which adds plans) and the routes (which query it); a
lock serialises access because the index is not thread-safe.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipelines.plans import PlanIndex
from service.settings import Settings

PIPELINE_VERSION = "plans-1"
_CACHE_KEY = "plans.index"
_lock = threading.RLock()


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


@contextmanager
def plan_index(settings: Settings, cache: dict) -> Iterator[PlanIndex]:
    """The index (loaded on first use into ``cache``), held under the process's plan-index lock."""
    with _lock:
        index = cache.get(_CACHE_KEY)
        if index is None:
            index = _build(settings)
            cache[_CACHE_KEY] = index
        yield index


def save(settings: Settings, index: PlanIndex) -> None:
    with _lock:
        index.save(index_dir(settings))
