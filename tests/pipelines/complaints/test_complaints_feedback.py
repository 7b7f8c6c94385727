"""An officer's correction, fed back into training, changes the retrained model's prediction."""

from __future__ import annotations

import pytest
from complaints_support import per_category

from corpora.complaints import load_split
from models.complaints.train import Candidate
from pipelines.complaints.training import train_model


@pytest.mark.slow  # two small trainings (~10 s on an idle machine)
def test_feedback_changes_the_retrained_prediction() -> None:
    # TF-IDF features only, on a small part of the corpus, so the test retrains in seconds; the feedback
    # path (weighting, refit) is the same as with embeddings.
    train = per_category(load_split("train"), 25)
    dev = per_category(load_split("dev"), 8)
    candidates = [Candidate("tfidf", 8.0)]
    probe = "Тренер в бассейне по справке из поликлиники не пускает ребенка на занятия"
    before = train_model(train, dev, embedder=None, candidates=candidates)
    scores = before.score([probe], None).category_proba[0]
    predicted_before = before.labels[int(scores.argmax())]
    corrected = "extracurricular_darabala" if predicted_before != "extracurricular_darabala" else "health"

    feedback = [{"text": probe, "category": corrected}]
    after = train_model(train, dev, embedder=None, candidates=candidates, feedback=feedback)
    scores_after = after.score([probe], None).category_proba[0]
    assert after.labels[int(scores_after.argmax())] == corrected
    assert after.report["n_feedback"] == 1
    # The correction moves probability towards the officer's label, not just past a tie.
    index = after.labels.index(corrected)
    assert scores_after[index] > scores[index] + 0.2
