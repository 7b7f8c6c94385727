"""Kazakh-or-Russian for a single word that no rule decides: a character n-gram naive Bayes.

Words are first folded to a *skeleton* (Cyrillic and Latin alike: қ/q/k -> k, ш/ş/sh -> sh, ...), so the
same model reads «Баламды» typed without Kazakh letters and «balamdy» typed in Latin. It is trained on word
lists built from our own labelled texts (``python -m pipelines.extract.wordmodel --build``: corpora/demo
topics, corpora/complaints train split, the kk/ru lexicons) and stored in ``data/train_words_{kk,ru}.txt``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
NGRAM_SIZES = (2, 3, 4)

_CYRILLIC_SKELETON = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "э": "e", "ё": "e",
    "ж": "j", "з": "z", "и": "i", "й": "i", "і": "i", "ы": "i", "к": "k", "қ": "k", "л": "l", "м": "m",
    "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u",
    "ү": "u", "ф": "f", "х": "h", "һ": "h", "ц": "c", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ь": "",
    "ю": "iu", "я": "ia",
}
_LATIN_DIGRAPHS = (("zh", "j"), ("kh", "h"), ("sh", "sh"), ("ch", "ch"))
_LATIN_SKELETON = {"q": "k", "y": "i", "w": "u", "x": "h", "ı": "i", "ş": "sh", "ç": "ch", "ñ": "n", "ŋ": "n",
                   "ğ": "g"}
_LETTERS = re.compile(r"[^\W\d_]+")


def skeleton(word: str) -> str:
    """Script-neutral spelling of a word, e.g. «Баламды», «balamdy», «balamdı» -> "balamdi"."""
    word = word.lower()
    if any("\u0400" <= ch <= "\u04ff" for ch in word):
        return "".join(_CYRILLIC_SKELETON.get(ch, ch if "a" <= ch <= "z" else "") for ch in word)
    for digraph, replacement in _LATIN_DIGRAPHS:
        word = word.replace(digraph, replacement)
    word = "".join(_LATIN_SKELETON.get(ch, ch) for ch in word)
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if "a" <= ch <= "z")


def _ngrams(form: str) -> list[str]:
    marked = f"^{form}$"
    return [marked[i:i + n] for n in NGRAM_SIZES for i in range(len(marked) - n + 1)]


@dataclass(frozen=True)
class WordModel:
    log_odds: dict[str, float]  # log P(ngram | kk) - log P(ngram | ru), add-one smoothed

    def score(self, word: str) -> float:
        """Mean log-odds per n-gram: > 0 Kazakh-like, < 0 Russian-like, near 0 unknown."""
        grams = _ngrams(skeleton(word))
        if not grams:
            return 0.0
        return sum(self.log_odds.get(g, 0.0) for g in grams) / len(grams)

    @classmethod
    def train(cls, kk_words: Counter[str], ru_words: Counter[str]) -> WordModel:
        counts = {"kk": Counter(), "ru": Counter()}
        for language, words in (("kk", kk_words), ("ru", ru_words)):
            for word in words:  # each distinct word once: frequent function words must not dominate
                counts[language].update(_ngrams(skeleton(word)))
        vocabulary = set(counts["kk"]) | set(counts["ru"])
        total_kk = sum(counts["kk"].values()) + len(vocabulary)
        total_ru = sum(counts["ru"].values()) + len(vocabulary)
        return cls(log_odds={g: math.log((counts["kk"][g] + 1) / total_kk) - math.log((counts["ru"][g] + 1) / total_ru)
                             for g in vocabulary})


def _read(path: Path) -> Counter[str]:
    words: Counter[str] = Counter()
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                words.update(w.lower() for w in line.split())
    return words


@lru_cache(maxsize=1)
def word_model() -> WordModel:
    from pipelines.extract.lexicon import DATA_DIR as LEXICON_DIR

    kk = _read(DATA_DIR / "train_words_kk.txt") + _read(LEXICON_DIR / "lexicon_kk.txt")
    ru = _read(DATA_DIR / "train_words_ru.txt") + _read(LEXICON_DIR / "lexicon_ru.txt")
    return WordModel.train(kk, ru)


def _build() -> None:
    """Collect words of our own kk-only and ru-only texts (never the test sets) into data/."""
    import json

    from corpora.demo.topics import PLAN_ROWS, TOPICS

    texts: dict[str, list[str]] = {"kk": [], "ru": []}
    for topic in TOPICS:
        for language in ("kk", "ru"):
            texts[language] += [topic[f"{language}_{part}"] for part in ("title", "heard", "decision")]
    for row in PLAN_ROWS:
        texts["kk"] += [row["kk"], row["kk_resp"]]
        texts["ru"] += [row["ru"], row["ru_resp"]]
    train = Path(__file__).resolve().parents[2] / "corpora" / "complaints" / "train.jsonl"
    for line in train.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record.get("language") in texts:
            texts[record["language"]].append(record["text"])
    for language, chunks in texts.items():
        words = sorted({w.lower() for text in chunks for w in _LETTERS.findall(text) if len(w) > 1})
        lines = [f"# words of our own {language}-only texts (corpora/demo topics, corpora/complaints/train.jsonl); "
                 "rebuilt by python -m pipelines.extract.wordmodel --build"]
        lines += [" ".join(words[i:i + 12]) for i in range(0, len(words), 12)]
        (DATA_DIR / f"train_words_{language}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--build", action="store_true", required=True)
    parser.parse_args()
    _build()
