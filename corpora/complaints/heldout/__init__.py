"""Held-out TEST splits written by independent authors who had read only the taxonomy and the brief,
never the training corpus (one author per language and split). Labels were cross-checked blind by another
annotator before any model saw the texts (agreement in ../README.md).

- TEST v2 (round 4): ``test2_ru.py``, ``test2_kk.py``, ``test2_mixed.py``; 9 texts per category each, 297.
- TEST v3 (round 5): ``test3_ru.py``, ``test3_kk.py``, ``test3_mixed.py``; 6 texts per category each, 198,
  urgent-heavy (22 per language, balanced over the five reasons); written after TEST v2 had been run twice.
- TEST v4 (round 6): ``test4_all.py``, one author for all three languages, 5 kk + 5 ru + 5 mixed per
  category, 165, 45 urgent; written after TEST v3 had been run.
- TEST v5 (round 8): ``test5_all.py``, one author, 6 kk + 6 ru + 6 mixed per category, 198, 50 urgent;
  written after every model choice of the session had been made, and run once, on the final model.
- TEST v6 (round 9): ``test6_a.py``, ``test6_b.py``, ``test6_c.py``, three authors writing at the same time
  (rural families; Aktobe city; third parties and small towns), each 5 kk + 5 ru + 5 mixed per category
  and 40 urgent, 495 in all; written in parallel with the round-9 training batch, never shown to the
  model work, run once on the final model of round 9.
- TEST v7 (round 9): ``test7_a.py``, ``test7_b.py``, ``test7_c.py``, three more authors (professionals
  writing for children; teenagers and young parents; grandparents and relatives), 495 in the same shape;
  written after every round-9 choice and after TEST v6 had run, and run once, on the same final model.

    python -m corpora.complaints.heldout.write      # writes ../test2.jsonl ... ../test7.jsonl

Never used for training, thresholds or model selection.
"""

from __future__ import annotations

from pathlib import Path

from corpora.complaints.heldout.test2_kk import TEST2_KK
from corpora.complaints.heldout.test2_mixed import TEST2_MIXED
from corpora.complaints.heldout.test2_ru import TEST2_RU
from corpora.complaints.heldout.test3_kk import TEST3_KK
from corpora.complaints.heldout.test3_mixed import TEST3_MIXED
from corpora.complaints.heldout.test3_ru import TEST3_RU
from corpora.complaints.heldout.test4_all import TEST4_ALL
from corpora.complaints.heldout.test5_all import TEST5_ALL
from corpora.complaints.heldout.test6_a import TEST6_A
from corpora.complaints.heldout.test6_b import TEST6_B
from corpora.complaints.heldout.test6_c import TEST6_C
from corpora.complaints.heldout.test7_a import TEST7_A
from corpora.complaints.heldout.test7_b import TEST7_B
from corpora.complaints.heldout.test7_c import TEST7_C

HELD_OUT = {"test2": [*TEST2_RU, *TEST2_KK, *TEST2_MIXED], "test3": [*TEST3_RU, *TEST3_KK, *TEST3_MIXED],
            "test4": TEST4_ALL, "test5": TEST5_ALL, "test6": [*TEST6_A, *TEST6_B, *TEST6_C],
            "test7": [*TEST7_A, *TEST7_B, *TEST7_C]}
CORPUS_DIR = Path(__file__).resolve().parent.parent


def records(split: str) -> list[dict]:
    return [
        {"id": f"{split}-{index:04d}", "text": text, "category": category, "secondary": list(secondary),
         "urgent": reason is not None, "urgent_reason": reason, "language": language,
         "origin": "hand-written whole text, independent author"}
        for index, (category, secondary, reason, language, text) in enumerate(HELD_OUT[split], start=1)
    ]
