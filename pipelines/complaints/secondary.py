"""Second themes by segment: a complaint with two themes usually states them in different sentences or
clauses ("не платит алименты, а ещё не даёт видеться с дочерью"). Whole-text one-vs-rest heads see the
second theme diluted by the first; the TF-IDF head run on each segment sees it alone. Cheap: no
embeddings, one vectoriser pass over all segments of a batch.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from models.complaints.model import ComplaintModel
from pipelines.complaints.language import detect_language
from pipelines.complaints.urgent_rules import sentences

_CLAUSE_BREAK = re.compile(
    r",\s+(?:а|и|но|ал|бірақ|еще|ещё|тағы)\s+|\s+(?:а также|и ещё|и еще|при этом|ал енді)\s+", re.IGNORECASE)
MIN_SEGMENT_WORDS = 3


def segments(text: str) -> list[str]:
    """Sentences, further cut at contrastive/additive clause joints; fragments under 3 words dropped."""
    parts = [s.strip() for s in sentences(text, language=detect_language(text))
             if len(s.split()) >= MIN_SEGMENT_WORDS]
    out: list[str] = []
    for part in parts:
        out += [piece for piece in _CLAUSE_BREAK.split(part) if len(piece.split()) >= MIN_SEGMENT_WORDS]
    return out


def segment_max_proba(model: ComplaintModel, texts: Sequence[str]) -> np.ndarray:
    """Per text and label, the highest category probability ``model`` (TF-IDF only) gives any segment;
    zero for texts of a single segment (the whole-text heads already cover them)."""
    if model.needs_embeddings:
        raise ValueError("segment scoring uses a TF-IDF-only model (the fast path model)")
    out = np.zeros((len(texts), len(model.labels)), dtype=np.float32)
    owners, pieces = [], []
    for row, text in enumerate(texts):
        parts = segments(text)
        if len(parts) > 1:
            owners += [row] * len(parts)
            pieces += parts
    if pieces:
        proba = model.score(pieces, None).category_proba
        np.maximum.at(out, np.array(owners), proba.astype(np.float32))
    return out
