"""The small kk/ru lexicon shared by the quality gate and language identification.

Word lists live in ``data/lexicon_{kk,ru}.txt`` (written by us; folders of our own .txt texts can extend them via
``python -m pipelines.extract.lexicon --add-from DIR``). A word of 5+ letters also counts as known when its
first five letters start a known word of 5+ letters: cheap stemming for two inflecting languages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
_STEM = 5
WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


@dataclass(frozen=True)
class Lexicon:
    words: frozenset[str]
    stems: frozenset[str]

    def __contains__(self, word: str) -> bool:
        word = word.lower()
        if word in self.words:
            return True
        return len(word) >= _STEM and word[:_STEM] in self.stems

    @classmethod
    def from_words(cls, words: set[str]) -> Lexicon:
        words = {w.lower() for w in words if w}
        return cls(words=frozenset(words), stems=frozenset(w[:_STEM] for w in words if len(w) >= _STEM))


def _read_words(path: Path) -> set[str]:
    words: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        words.update(w.lower() for w in line.split())
    return words


@lru_cache(maxsize=1)
def lexicons() -> dict[str, Lexicon]:
    """``{"kk": Lexicon, "ru": Lexicon, "any": Lexicon}`` loaded once per process."""
    kk = _read_words(DATA_DIR / "lexicon_kk.txt")
    ru = _read_words(DATA_DIR / "lexicon_ru.txt")
    return {"kk": Lexicon.from_words(kk), "ru": Lexicon.from_words(ru), "any": Lexicon.from_words(kk | ru)}


def words_of(text: str) -> list[str]:
    return WORD_RE.findall(text)


def _add_from(folder: Path) -> None:
    """Append frequent words of our own kk/ru texts to the lexicon files (run by hand, reviewed, committed)."""
    from collections import Counter

    from pipelines.extract.language import detect_language

    counts: dict[str, Counter[str]] = {"kk": Counter(), "ru": Counter()}
    for path in sorted(folder.rglob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").split("\n"):
            language = detect_language(paragraph)
            if language in counts:
                counts[language].update(w.lower() for w in words_of(paragraph) if len(w) > 2)
    for language, counter in counts.items():
        known = _read_words(DATA_DIR / f"lexicon_{language}.txt")
        new = sorted(w for w, n in counter.items() if n >= 2 and w not in known)
        if new:
            with (DATA_DIR / f"lexicon_{language}.txt").open("a", encoding="utf-8") as handle:
                handle.write(f"# added from {folder.name} texts\n")
                for start in range(0, len(new), 12):
                    handle.write(" ".join(new[start:start + 12]) + "\n")


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--add-from", type=Path, required=True)
    _add_from(parser.parse_args().add_from)
