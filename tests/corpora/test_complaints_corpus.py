"""The complaints corpus on disk: held-out texts never reach TRAIN or DEV, the written files are what the
corpus modules produce, and every label is one the classifier knows."""

from __future__ import annotations

import re

import pytest

from corpora.complaints import SPLITS, load_split
from corpora.complaints.heldout import HELD_OUT, records
from pipelines.complaints.types import CATEGORIES, URGENT_REASONS

HELD_OUT_SPLITS = [name for name in SPLITS if name not in ("train", "dev")]


def _normalised(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


@pytest.fixture(scope="module")
def seen() -> set[str]:
    return {_normalised(r["text"]) for name in ("train", "dev") for r in load_split(name)}


@pytest.mark.parametrize("split", HELD_OUT_SPLITS)
def test_no_held_out_text_is_in_train_or_dev(split: str, seen: set[str]) -> None:
    leaked = [r["id"] for r in load_split(split) if _normalised(r["text"]) in seen]
    assert leaked == []


@pytest.mark.parametrize("split", sorted(HELD_OUT))
def test_held_out_files_match_the_modules_they_are_written_from(split: str) -> None:
    # A text edited in heldout/*.py without `python -m corpora.complaints.heldout.write` would be
    # measured in its old form.
    assert load_split(split) == records(split)


@pytest.mark.parametrize("split", SPLITS)
def test_every_label_is_known(split: str) -> None:
    for r in load_split(split):
        assert r["category"] in CATEGORIES, r["id"]
        assert set(r["secondary"]) <= set(CATEGORIES) - {r["category"]}, r["id"]
        assert (r["urgent_reason"] in URGENT_REASONS) if r["urgent"] else r["urgent_reason"] is None, r["id"]
        assert r["language"] in ("kk", "ru", "mixed"), r["id"]
