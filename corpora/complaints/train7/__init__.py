"""Round 9 training batches: whole complaints by three independent authors who read only the taxonomy
and the brief, each 198 texts (6 kk + 6 ru + 6 mixed per category, about 45 urgent, 25-40 near misses):

- ``train7_a.py``: long formal letters and texts with two or three themes (primary = what is asked);
- ``train7_b.py``: short informal texts - chats, voice transcripts, children, Kazakh in Russian letters
  and in Latin script;
- ``train7_c.py``: boundary cases between neighbouring categories, implied alarms, near misses.

Before any of them was trained on, all three were used once, untouched, to check the round-8 model;
``train7_c.py`` then stayed out of TRAIN and DEV while the round-9 choices were made on it (the urgent
threshold rule, the urgent-rule discounts, word-prefix features; corpora/complaints/README.md, round 9) and
joined last. ``generate.py`` puts every third text into DEV (kind ``round9``) and the rest into TRAIN
(+ one noised copy)."""

from __future__ import annotations

from corpora.complaints.train7.train7_a import TRAIN7_A
from corpora.complaints.train7.train7_b import TRAIN7_B
from corpora.complaints.train7.train7_c import TRAIN7_C

TRAIN7 = [*TRAIN7_A, *TRAIN7_B, *TRAIN7_C]
