"""DEV v5 (round 8): 132 whole complaints by one independent author (4 kk + 4 ru + 4 mixed per category),
60 urgent, mostly implied. Used once, untouched, as a check of the round-7 model (macro-F1 0.939, kk 0.955 /
ru 0.928 / mixed 0.931; urgent recall 1.000 at precision 0.896; it showed no gain from averaging the urgent
scores of the full and TF-IDF heads: AP 0.997 / 0.996 / 0.998), then even indices went to DEV (kind
``dev5``) and odd ones to TRAIN."""

from __future__ import annotations

from corpora.complaints.dev5.dev5_all import DEV5_ALL

DEV5 = DEV5_ALL
