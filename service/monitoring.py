"""The model monitoring needs, loaded in one place for the API and the ``qorgau monitoring`` CLI.

Monitoring itself loads no model (``pipelines.monitoring``): decisions translated from an earlier
protocol (kk <-> ru) count as repeated only when the caller passes a ``CrossLanguageMatcher``. This module
builds that matcher on the configured embedder (``QORGAU_EMBEDDINGS__BACKEND``), so the API and the CLI
count the same repeats.
"""

from __future__ import annotations

import threading

from pipelines.errors import ModelNotLoadedError
from pipelines.monitoring.repeats import CrossLanguageMatcher, EmbedderLike

# The matcher keeps every vector it computed; past this many texts a long-running API process starts a
# new one rather than grow without bound.
_CACHE_LIMIT = 20_000

_matcher: CrossLanguageMatcher | None = None
_lock = threading.Lock()


def cross_language_matcher() -> CrossLanguageMatcher:
    """One matcher per process on the configured embedder, so decisions of kk+ru commissions translated
    from an earlier protocol count as repeated; it keeps the vectors it computed, so a decision is
    embedded once, not on every request (dropped past ``_CACHE_LIMIT`` texts).

    Raises:
        ModelNotLoadedError: the embedder cannot be loaded (package missing, model directory not built).
    """
    global _matcher
    with _lock:
        if _matcher is None or _matcher.cached_texts > _CACHE_LIMIT:
            _matcher = CrossLanguageMatcher(_load_embedder())
        return _matcher


def _load_embedder() -> EmbedderLike:
    from models.embedders import get_embedder
    from service.settings import get_settings

    embeddings = get_settings().embeddings
    try:
        return get_embedder(embeddings.backend, threads=embeddings.threads,
                            model_dir=embeddings.model_dir if embeddings.backend == "sentence_transformers" else None)
    except (ImportError, OSError, ValueError) as exc:
        # A missing package or an unreadable model directory is the same condition for callers as a
        # missing model: one error type they can catch (the API maps it to 503, the CLI goes on without).
        raise ModelNotLoadedError(f"the {embeddings.backend} embedder cannot be loaded: {exc}",
                                  detail={"backend": embeddings.backend}) from exc
