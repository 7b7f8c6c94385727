"""DEV v2 (round 4b): 264 whole complaints by three independent authors (one per language, 8 per category
each, urgent-heavy: ~30 urgent and ~14 near-miss texts per author) who had read only the taxonomy and the
brief, written after TEST v2 had been run once, to give DEV the wording of authors who never saw the
training corpus. ``generate.py`` puts even indices into DEV (kind ``dev2``) and odd ones into TRAIN."""

from __future__ import annotations

from corpora.complaints.dev2.dev2_kk import DEV2_KK
from corpora.complaints.dev2.dev2_mixed import DEV2_MIXED
from corpora.complaints.dev2.dev2_ru import DEV2_RU

DEV2 = [*DEV2_RU, *DEV2_KK, *DEV2_MIXED]
