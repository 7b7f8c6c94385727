"""Held-out TEST v2 (round 4): 297 whole complaints written by three authors who had read only the
taxonomy and the brief, never the training corpus (one author per language: ``test2_ru.py``,
``test2_kk.py``, ``test2_mixed.py``; 9 texts per category each). Their labels were cross-checked blind by
a fourth annotator before any model saw the texts (see ../README.md).

    python -m corpora.complaints.heldout.write      # writes ../test2.jsonl

Never used for training, thresholds or model selection.
"""

from __future__ import annotations

from pathlib import Path

from corpora.complaints.heldout.test2_kk import TEST2_KK
from corpora.complaints.heldout.test2_mixed import TEST2_MIXED
from corpora.complaints.heldout.test2_ru import TEST2_RU

TEST2 = [*TEST2_RU, *TEST2_KK, *TEST2_MIXED]
OUT = Path(__file__).resolve().parent.parent / "test2.jsonl"


def records() -> list[dict]:
    return [
        {"id": f"test2-{index:04d}", "text": text, "category": category, "secondary": list(secondary),
         "urgent": reason is not None, "urgent_reason": reason, "language": language,
         "origin": "hand-written whole text, independent author"}
        for index, (category, secondary, reason, language, text) in enumerate(TEST2, start=1)
    ]

