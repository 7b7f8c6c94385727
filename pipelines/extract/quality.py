"""The per-page text-quality gate: is this page's text layer usable, or must the page go to OCR?

A text layer can look like text and still be garbage: fonts without a ToUnicode map give ``(cid:71)``
or Latin look-alikes («пол» -> ``noJI``), a wrong decoding gives mojibake (``Ð½Ðµ``, ``РїСЂРё``), a
shifted font gives Cyrillic nonsense. Each has its own figure; the dictionary hit rate (after
normalisation) catches what the others miss.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipelines.extract.document import TextQuality
from pipelines.extract.lexicon import lexicons, words_of

MIN_CHARS = 20  # fewer non-space characters than this: no usable text layer (a scan, or a blank page)
MIN_LETTER_SHARE = 0.35  # garbage measured 0.02-0.11, clean text 0.51-0.96 (book-to-skill PR #76)
MIN_CYRILLIC_SHARE = 0.5
MAX_MOJIBAKE_SHARE = 0.05
MAX_CID_SHARE = 0.02
MIN_DICTIONARY_HIT_RATE = 0.15  # clean kk/ru text scores 0.4-0.9 on function words alone
MIN_WORDS_FOR_DICTIONARY = 12
MAX_UNSEEN_BIGRAM_SHARE = 0.2  # clean kk/ru paragraphs of ours: at most 0.13; shifted glyphs: 0.22-0.4
MIN_BIGRAMS = 12

_CID = re.compile(r"\(cid:\d+\)")
# UTF-8 bytes of Cyrillic read as latin-1/cp1252 («не» -> "Ð½Ðµ") or as cp1251 («при» -> "РїСЂРё").
_MOJIBAKE_LATIN = re.compile(r"[ÐÑ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]")
_MOJIBAKE_CP1251 = re.compile(
    r"[РС][\u0080-\u00bf\u0402-\u040f\u0452-\u045f\u0490\u0491\u2013-\u2122\u0401\u0451]")
_TOKEN = re.compile(r"\S+")


@lru_cache(maxsize=200_000)
def _known_word(word: str) -> bool:
    return word in lexicons()["any"]


def _known(word: str, _lexicon: object) -> bool:
    return _known_word(word)


_NON_SPACE = re.compile(r"\S")
_LETTER = re.compile(r"[^\W\d_]")
_CYRILLIC_LETTER = re.compile(r"[\u0400-\u04ff]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")


@lru_cache(maxsize=1)
def _known_bigrams() -> frozenset[str]:
    """Letter pairs (with word boundaries ^ $) of the kk/ru lexicon: what kk and ru words are made of."""
    pairs: set[str] = set()
    for word in lexicons()["any"].words:
        marked = f"^{word}$"
        pairs.update(marked[i:i + 2] for i in range(len(marked) - 1))
    return frozenset(pairs)


def unseen_bigram_share(text: str) -> tuple[float, int]:
    """(share of letter pairs of Cyrillic words that no kk/ru lexicon word has, number of pairs)."""
    known = _known_bigrams()
    pairs: list[str] = []
    for word in words_of(text.lower()):
        if _CYRILLIC_LETTER.search(word):
            marked = f"^{word}$"
            pairs.extend(marked[i:i + 2] for i in range(len(marked) - 1))
    if not pairs:
        return 0.0, 0
    return sum(1 for pair in pairs if pair not in known) / len(pairs), len(pairs)


_LATIN_TOKEN = re.compile(r"\S*[A-Za-z]\S*")
_GARBLED_LATIN = re.compile(r"[a-z][A-Z]|[A-Za-z]\d|\d[A-Za-z]")
_ENGLISH = frozenset("the and of to in for on with is are was by at from this that be as an or".split())
MAX_GARBLED_LATIN_SHARE = 0.15  # look-alike garbage: 0.33-0.79 of Latin tokens; Latin Kazakh, English: ~0
MIN_PLAUSIBLE_LATIN_SHARE = 0.4  # Latin words the word model or English recognises: garbage 0.14-0.18,
# Kazakh in Latin letters 0.90, English 0.64


def _garbled_latin_share(text: str) -> float:
    tokens = _LATIN_TOKEN.findall(text)
    return sum(1 for token in tokens if _GARBLED_LATIN.search(token)) / max(len(tokens), 1)


def _plausible_latin(text: str) -> bool:
    from pipelines.extract.wordmodel import word_model

    model = word_model()
    words = [w for w in words_of(text) if len(w) >= 3 and not _CYRILLIC_LETTER.search(w)]
    if not words:
        return False
    known = sum(1 for w in words if w.lower() in _ENGLISH or abs(model.score(w)) >= 0.5)
    return known / len(words) >= MIN_PLAUSIBLE_LATIN_SHARE


def _mojibake_tokens(tokens: list[str]) -> int:
    count = 0
    for token in tokens:
        if len(_MOJIBAKE_LATIN.findall(token)) >= 1 or len(_MOJIBAKE_CP1251.findall(token)) >= 2:
            count += 1
    return count


def assess_text_quality(raw_text: str, *, normalized_text: str | None = None) -> TextQuality:
    """Figures for one page; ``usable`` is False with a ``reason`` when the page should go to OCR.

    ``raw_text`` is the text layer as extracted (mojibake and look-alikes are judged there);
    ``normalized_text`` its normalised form (letters and dictionary hits are judged there).
    Counting is done with compiled regexes: the gate runs on every page and must stay cheap.
    """
    text = normalized_text if normalized_text is not None else raw_text
    chars = len(_NON_SPACE.findall(text))
    quality = TextQuality(chars=chars)
    if chars < MIN_CHARS:
        quality.usable = False
        quality.reason = "no text layer" if chars == 0 else "almost no text on the page"
        return quality
    letters = len(_LETTER.findall(text))
    quality.letter_share = round(letters / chars, 4)
    quality.cyrillic_share = round(len(_CYRILLIC_LETTER.findall(text)) / max(letters, 1), 4)
    cid = len(_CID.findall(raw_text)) if "(cid:" in raw_text else 0
    tokens = _TOKEN.findall(raw_text)
    suspicious = _MOJIBAKE_LATIN.search(raw_text) or _MOJIBAKE_CP1251.search(raw_text)
    quality.mojibake_share = round(_mojibake_tokens(tokens) / max(len(tokens), 1), 4) if suspicious else 0.0
    if _LATIN_LETTER.search(raw_text):
        cyrillic_words = [w for w in words_of(raw_text) if _CYRILLIC_LETTER.search(w)]
        mixed = sum(1 for w in cyrillic_words if _LATIN_LETTER.search(w))
        quality.homoglyph_share = round(mixed / max(len(cyrillic_words), 1), 4)
    words = [w for w in words_of(text) if len(w) >= 2 or w.lower() in ("и", "в", "с", "о", "к", "а")]
    known = lexicons()["any"]
    quality.dictionary_hit_rate = round(sum(1 for w in words if _known(w, known)) / max(len(words), 1), 4)

    if cid / max(len(tokens), 1) > MAX_CID_SHARE:
        quality.reason = "glyph codes (cid:N) instead of letters: a font without a ToUnicode map"
    elif quality.mojibake_share > MAX_MOJIBAKE_SHARE:
        quality.reason = "mojibake: the text layer was decoded with the wrong encoding"
    elif quality.letter_share < MIN_LETTER_SHARE:
        quality.reason = f"too few letters ({quality.letter_share:.0%}): garbled text layer"
    elif quality.cyrillic_share < MIN_CYRILLIC_SHARE and letters >= 10:
        # Mostly Latin: Kazakh in the Latin alphabet (or an English page) is fine; Cyrillic glyphs that a
        # broken font maps to Latin look-alikes («пол» -> "noJI", «3acegaHue») are not.
        if _garbled_latin_share(raw_text) >= MAX_GARBLED_LATIN_SHARE or not _plausible_latin(text):
            quality.reason = (f"only {quality.cyrillic_share:.0%} Cyrillic letters and the Latin text forms no "
                              "words: glyphs mapped to Latin look-alikes (a font without a proper ToUnicode map)")
    elif len(words) >= MIN_WORDS_FOR_DICTIONARY and quality.dictionary_hit_rate < MIN_DICTIONARY_HIT_RATE:
        quality.reason = (f"only {quality.dictionary_hit_rate:.0%} of words are Kazakh or Russian words: "
                          "garbled text layer")
    else:
        unseen, n_pairs = unseen_bigram_share(text)
        short_and_unknown = len(words) >= 2 and quality.dictionary_hit_rate == 0 and unseen >= 0.1
        if n_pairs >= MIN_BIGRAMS and (unseen > MAX_UNSEEN_BIGRAM_SHARE or short_and_unknown):
            quality.reason = (f"{unseen:.0%} of letter pairs occur in no Kazakh or Russian word: "
                              "glyphs shifted to wrong letters")
    quality.usable = quality.reason is None
    return quality
