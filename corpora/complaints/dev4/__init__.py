"""DEV v4 (round 7): 198 whole complaints by two independent authors (``dev4_a.py``, ``dev4_b.py``; 3 kk +
3 ru + 3 mixed per category each), urgent-heavy and indirect (90 urgent, 18 per reason, most without the
obvious trigger words; ~43 near-miss). Used once, untouched, to choose the urgent threshold tie-break
(models/complaints/train.py), then even indices went to DEV (kind ``dev4``) and odd ones to TRAIN."""

from __future__ import annotations

from corpora.complaints.dev4.dev4_a import DEV4_A
from corpora.complaints.dev4.dev4_b import DEV4_B

DEV4 = [*DEV4_A, *DEV4_B]
