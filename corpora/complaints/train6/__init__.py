"""Round 6 training batch: 264 whole complaints by two independent authors (``train6_kk.py``: 132 kk;
``train6_ru_mixed.py``: 77 ru + 55 mixed), 12 per category each, everyday wording without the category
keyword, ~50 urgent and ~33 near-miss; the authors read only the taxonomy and the brief. ``generate.py``
puts every third into DEV (kind ``round6``) and the rest into TRAIN (+ one noised copy)."""

from __future__ import annotations

from corpora.complaints.train6.train6_kk import TRAIN6_KK
from corpora.complaints.train6.train6_ru_mixed import TRAIN6_RU_MIXED

TRAIN6 = [*TRAIN6_KK, *TRAIN6_RU_MIXED]
