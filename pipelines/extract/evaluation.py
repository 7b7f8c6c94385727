"""Measures of extraction quality against a known source text (tests and benchmarks use them)."""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

from pipelines.extract.language import KAZAKH_ONLY_LETTERS

_SPACE = re.compile(r"\s+")


def comparable(text: str) -> str:
    """Whitespace-insensitive form: line breaks and spacing depend on layout, not on extraction quality."""
    return _SPACE.sub(" ", text).strip()


def character_error_rate(reference: str, hypothesis: str) -> float:
    """Levenshtein distance / reference length, on whitespace-collapsed texts."""
    ref, hyp = comparable(reference), comparable(hypothesis)
    if not ref:
        return 0.0 if not hyp else 1.0
    return Levenshtein.distance(ref, hyp) / len(ref)


def kazakh_letter_accuracy(reference: str, hypothesis: str) -> float:
    """Share of the reference's Kazakh-only letters (ә ғ қ ң ө ұ ү һ і) that the hypothesis kept, aligned by
    edit operations. 1.0 when the reference has none."""
    ref, hyp = comparable(reference), comparable(hypothesis)
    total = sum(1 for ch in ref if ch in KAZAKH_ONLY_LETTERS)
    if total == 0:
        return 1.0
    correct = 0
    for tag, i1, i2, _j1, _j2 in Levenshtein.opcodes(ref, hyp):
        if tag == "equal":
            correct += sum(1 for ch in ref[i1:i2] if ch in KAZAKH_ONLY_LETTERS)
    return correct / total


def table_cell_accuracy(reference: list[list[str]], hypothesis: list[list[str]]) -> float:
    """Share of reference cells whose text the hypothesis has at the same row and column."""
    total = sum(len(row) for row in reference)
    if total == 0:
        return 1.0
    correct = 0
    for r, row in enumerate(reference):
        for c, cell in enumerate(row):
            if r < len(hypothesis) and c < len(hypothesis[r]) and comparable(hypothesis[r][c]) == comparable(cell):
                correct += 1
    return correct / total
