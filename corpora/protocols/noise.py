"""OCR-like damage for generated protocols: Latin look-alikes, lost Kazakh diacritics, split and lost letters.

Digits, "№" and underscores are left alone on purpose: a date that OCR destroyed is no longer a date, and
the element truths of a noisy protocol must stay the truths of its clean original.
"""

from __future__ import annotations

import random

HOMOGLYPHS = {"а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "А": "A", "В": "B",
              "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T", "Х": "X", "і": "i",
              "І": "I"}
# Legacy fonts and OCR both drop Kazakh diacritics to the nearest Russian letter.
FLATTENED = {"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "Ә": "А", "Ғ": "Г",
             "Қ": "К", "Ң": "Н", "Ө": "О", "Ұ": "У", "Ү": "У"}
BROKEN = {"и": "н", "ш": "щ", "л": "п", "т": "г", "О": "0", "з": "3", "б": "6"}


def ocr_noise(text: str, rng: random.Random, *, rate: float = 0.04) -> str:
    out: list[str] = []
    for ch in text:
        r = rng.random()
        if ch.isdigit() or ch in "№_\n" or r >= rate:
            out.append(ch)
            continue
        kind = rng.random()
        if kind < 0.45 and ch in HOMOGLYPHS:
            out.append(HOMOGLYPHS[ch])
        elif kind < 0.7 and ch in FLATTENED:
            out.append(FLATTENED[ch])
        elif kind < 0.8 and ch in BROKEN:
            out.append(BROKEN[ch])
        elif kind < 0.9 and ch.isalpha():
            out.append(ch + " ")  # a letter split off the rest of its word
        elif kind < 0.95 and ch.isalpha():
            continue  # a lost letter
        else:
            out.append(ch)
    return "".join(out)
