"""DEV v3 (round 5): 220 whole complaints by two independent authors (``dev3_ru_mixed.py``: 66 ru + 44
mixed; ``dev3_kk_mixed.py``: 66 kk + 44 mixed), 10 per category each, urgent-heavy (40 per author, 8 per
urgent reason) with ~20 near-miss texts each; the authors read only the taxonomy and the brief. Before
it joined the corpus it served once as an untouched check (README, round 5). ``generate.py`` puts even
indices into DEV (kind ``dev3``) and odd ones into TRAIN."""

from __future__ import annotations

from corpora.complaints.dev3.dev3_kk_mixed import DEV3_KK_MIXED
from corpora.complaints.dev3.dev3_ru_mixed import DEV3_RU_MIXED

DEV3 = [*DEV3_RU_MIXED, *DEV3_KK_MIXED]
