"""A classifier notices a retrained artifact installed over its file and reloads it; texts whose urgent
rule hits are all discounted (past, negated, legal question) need the higher model threshold."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from complaints_support import per_category

from corpora.complaints import load_split
from models.complaints.train import Candidate
from pipelines.complaints.classifier import ComplaintClassifier
from pipelines.complaints.training import train_model

pytestmark = pytest.mark.slow  # two small TF-IDF trainings (~10 s on an idle machine)

PROBE = "Тренер в бассейне по справке из поликлиники не пускает ребенка на занятия"


@pytest.fixture(scope="module")
def small_models() -> tuple:
    train, dev = per_category(load_split("train"), 25), per_category(load_split("dev"), 8)
    candidates = [Candidate("tfidf", 8.0)]
    first = train_model(train, dev, embedder=None, candidates=candidates, version="reload-a")
    label = first.labels[int(first.score([PROBE], None).category_proba[0].argmax())]
    corrected = "extracurricular_darabala" if label != "extracurricular_darabala" else "health"
    second = train_model(train, dev, embedder=None, candidates=candidates, version="reload-b",
                         feedback=[{"text": PROBE, "category": corrected}])
    return first, second, label, corrected


def test_reload_picks_up_a_replaced_artifact(small_models: tuple, tmp_path: Path) -> None:
    first, second, label, corrected = small_models
    artifact = tmp_path / "complaints.joblib"
    first.save(artifact)
    classifier = ComplaintClassifier.load(artifact)
    assert classifier.classify([PROBE])[0].category == label
    assert not classifier.artifact_changed() and classifier.reload_if_changed() is classifier
    staged = tmp_path / "staged.joblib"
    second.save(staged)
    staged.replace(artifact)  # what `qorgau train complaints --install` does
    reloaded = classifier.reload_if_changed()
    assert reloaded.version == "reload-b" and reloaded.classify([PROBE])[0].category == corrected


def test_unreadable_replacement_keeps_the_loaded_model(small_models: tuple, tmp_path: Path) -> None:
    first, *_ = small_models
    artifact = tmp_path / "complaints.joblib"
    first.save(artifact)
    classifier = ComplaintClassifier.load(artifact)
    artifact.write_bytes(b"half-written")
    assert classifier.artifact_changed()
    assert classifier.reload_if_changed() is classifier


def test_discounted_rule_hits_need_the_higher_model_threshold(small_models: tuple) -> None:
    first = copy.deepcopy(small_models[0])
    first.urgent_threshold, first.urgent_threshold_discounted = 0.0, 1.01  # the model alone flags everything
    classifier = ComplaintClassifier(first, None)
    past, plain, now = classifier.classify([
        "Два года назад отчим бил сына, тогда мы ушли от него. Сейчас всё спокойно, нужен психолог.",
        "Ребенку не дают направление в детский сад.",
        "Отчим бьёт сына ремнём каждый вечер.",
    ])
    assert not past.urgent and not past.urgent_evidence
    assert plain.urgent  # no rule hit at all: the general threshold applies
    assert now.urgent and now.urgent_reason == "violence"
    first.urgent_threshold_discounted = None  # older artifacts: one threshold for all
    assert ComplaintClassifier(first, None).classify(["Два года назад отчим бил сына, тогда мы ушли от него."])[0].urgent


def test_weak_cues_flag_only_with_the_model_above_the_weak_threshold(small_models: tuple) -> None:
    model = copy.deepcopy(small_models[0])
    weak_only = "Дети двое суток одни дома, мать не приходит, на улице минус 25."
    no_cue = "Ребенку не дают направление в детский сад."
    probabilities = model.score([weak_only, no_cue], None).urgent_proba
    # Thresholds placed at the model's own scores, so the test does not depend on the trained values.
    model.urgent_threshold, model.urgent_threshold_weak = 1.01, float(probabilities.min())
    model.urgent_threshold_discounted = None
    flagged, plain = ComplaintClassifier(model, None).classify([weak_only, no_cue])
    assert flagged.urgent and flagged.urgent_evidence  # the weak cue is the evidence
    assert not plain.urgent  # no cue: the general threshold (unreachable here) applies
    model.urgent_threshold_weak = 1.01
    assert not ComplaintClassifier(model, None).classify([weak_only])[0].urgent  # a weak cue alone never flags
