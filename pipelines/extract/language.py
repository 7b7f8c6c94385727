"""Kazakh / Russian / mixed language identification for paragraphs and documents.

Weighted word votes: a letter only Kazakh has (ә ғ қ ң ө ұ ү һ і) or only Russian has (ё ъ щ), or a word
only one lexicon holds, is a strong vote; an ending typical of one language, a lexicon stem, or the
character n-gram word model (``wordmodel.py``, which also reads Kazakh typed without Kazakh letters or in
Latin) is a weak one. Both languages with enough weight make a paragraph "mixed", as do a purely Kazakh
and a purely Russian sentence side by side. Only a Cyrillic paragraph with no vote at all is handed to
lingua (restricted to kk and ru).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from pipelines.extract.lexicon import lexicons, words_of
from pipelines.types import Language

KAZAKH_ONLY_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_RUSSIAN_ONLY_LETTERS = frozenset("ёъщЁЪЩ")
_RU_ENDINGS = re.compile(
    r"(?:ого|его|ому|ему|ыми|ими|ать|ять|ить|еть|ться|тся|ции|ций|ние|ния|ний|нию|ный|ная|ное|ные|ных|"
    r"ным|ской|ский|ского|скому|ском|ские|ских|ости|ость|ющих|ющий|вших|ует|уют|ают|яют|ьют|ется|ются|ешь|ишь|"
    r"нно|ство|ства|ству|ите|ете|или|али|ыли|ели|ики|ков|ами|ями|ого|его|ая|яя|ое|ее|ые|ие|ую|юю)$")
# Kazakh surnames written the Russian way (Ермеков, Нурланова) must not vote Russian.
_SURNAME = re.compile(r"^[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+(?:ов|ев|ова|ева|ин|ина|ұлы|қызы)$")
_KK_ENDINGS = re.compile(
    r"(?:лар|лер|дар|дер|тар|тер|ның|нің|дың|дің|тың|тің|ларды|лерді|дары|дері|тары|тері|ған|ген|қан|кен|"
    r"ғанда|генде|мыз|міз|сыз|сіз|лық|лік|дық|дік|тық|тік|шы|ші|сын|сін|ына|іне|ында|інде|ынан|інен)$")
MIXED_MINORITY_SHARE = 0.15
WORD_MODEL_MARGIN = 0.5  # mean n-gram log-odds a word needs before the word model votes
STRONG, WEAK = 1.0, 0.5  # a letter or an exclusive lexicon word vs an ending, a stem or the word model


@lru_cache(maxsize=200_000)
def word_vote(word: str) -> tuple[str, float] | None:
    """('kk' | 'ru', weight) for one word, or None (a number, Latin, a name, a word both languages share)."""
    if not any("\u0400" <= ch <= "\u04ff" for ch in word) or _SURNAME.match(word):
        return None
    if any(ch in KAZAKH_ONLY_LETTERS for ch in word):
        return "kk", STRONG
    if any(ch in _RUSSIAN_ONLY_LETTERS for ch in word):
        return "ru", STRONG
    lower = word.lower()
    lex = lexicons()
    in_kk, in_ru = lower in lex["kk"].words, lower in lex["ru"].words
    if in_kk != in_ru:
        return ("kk" if in_kk else "ru"), STRONG
    if len(lower) >= 5:
        ru_end, kk_end = bool(_RU_ENDINGS.search(lower)), bool(_KK_ENDINGS.search(lower))
        if ru_end != kk_end:
            return ("ru" if ru_end else "kk"), WEAK
        in_kk, in_ru = lower in lex["kk"], lower in lex["ru"]
        if in_kk != in_ru:
            return ("kk" if in_kk else "ru"), WEAK
    if len(lower) >= 4:
        language = _word_model_vote(lower)
        return (language, WEAK) if language else None
    return None


def word_language(word: str) -> str | None:
    """'kk', 'ru' or None for one word."""
    vote = word_vote(word)
    return vote[0] if vote else None


def _word_model_vote(word: str) -> str | None:
    from pipelines.extract.wordmodel import word_model

    score = word_model().score(word)
    if score > WORD_MODEL_MARGIN:
        return "kk"
    if score < -WORD_MODEL_MARGIN:
        return "ru"
    return None


@lru_cache(maxsize=50_000)
def latin_word_language(word: str) -> str | None:
    """A word of Kazakh or Russian typed in Latin letters («balamdy», «pomogite»), by the word model."""
    if len(word) < 3 or not word.isalpha():
        return None
    return _word_model_vote(word.lower())


_LATIN_LETTER = re.compile(r"[A-Za-zÀ-ɏ]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def _latin_script(text: str) -> bool:
    latin = len(_LATIN_LETTER.findall(text))
    return latin >= 10 and latin > 2 * len(_CYRILLIC.findall(text))


_NAME_WITH_INITIALS = re.compile(r"[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі-]+\s+[А-ЯЁӘҒҚҢӨҰҮҺІ]\.\s?(?:[А-ЯЁӘҒҚҢӨҰҮҺІ]\.)?")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?;])\s+|\s+/\s+")


def language_votes(text: str) -> Counter[str]:
    """Weighted word votes, names excluded (a Kazakh name in a Russian protocol says nothing about its
    language). Latin-script text («balamdy mektepke barmaidy») is voted on by the word model alone."""
    text = _NAME_WITH_INITIALS.sub(" ", text)
    votes: Counter[str] = Counter()
    if _latin_script(text):
        for word in words_of(text):
            language = latin_word_language(word)
            if language:
                votes[language] += STRONG
        return votes
    for word in words_of(text):
        vote = word_vote(word) if _CYRILLIC.search(word) else _latin_word_in_cyrillic_text(word)
        if vote:
            votes[vote[0]] += vote[1]
    return votes


@lru_cache(maxsize=50_000)
def _latin_word_in_cyrillic_text(word: str) -> tuple[str, float] | None:
    """A transliterated word inside Cyrillic text («kundelik ashylmaidy»): a weak vote, and only when the
    word model is sure (brand names such as WhatsApp or Zoom score near zero)."""
    if len(word) < 5 or not word.isalpha():
        return None
    from pipelines.extract.wordmodel import word_model

    score = word_model().score(word)
    if abs(score) < 1.2:
        return None
    return ("kk" if score > 0 else "ru"), WEAK


def _sentences_disagree(text: str) -> bool:
    """True when one sentence is purely Kazakh and another purely Russian («Срок: ... Мерзімі: ...»)."""
    seen = set()
    for sentence in _SENTENCE_SPLIT.split(text):
        votes = language_votes(sentence)
        if len(votes) == 1 and sum(votes.values()) >= 2 * STRONG:  # «помогите!!!» alone is not a sentence in ru
            seen.update(votes)
    return len(seen) == 2


def _from_votes(votes: Counter[str]) -> Language | None:
    kk, ru = votes.get("kk", 0), votes.get("ru", 0)
    total = kk + ru
    if total == 0:
        return None
    minority = min(kk, ru)
    if minority >= 1.5 and minority / total >= MIXED_MINORITY_SHARE:
        return "mixed"
    return "kk" if kk > ru else "ru"


@lru_cache(maxsize=1)
def _lingua_detector():  # noqa: ANN202 - lingua has no public type for the detector
    from lingua import Language as LinguaLanguage
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(LinguaLanguage.KAZAKH, LinguaLanguage.RUSSIAN).build()


def _lingua(text: str) -> Language | None:
    result = _lingua_detector().detect_language_of(text)
    if result is None:
        return None
    return "kk" if result.name == "KAZAKH" else "ru"


def detect_language(text: str) -> Language | None:
    """Language of a paragraph or short text: 'kk', 'ru', 'mixed', or None when there is nothing to tell."""
    if not text:
        return None
    latin = _latin_script(text)
    if not latin and sum(1 for ch in _NAME_WITH_INITIALS.sub(" ", text) if "\u0400" <= ch <= "\u04ff") < 3:
        return None  # nothing but a signature line or a name: no language to tell
    language = _from_votes(language_votes(text))
    if language in ("kk", "ru") and _SENTENCE_SPLIT.search(text) and _sentences_disagree(text):
        return "mixed"
    if language is not None or latin:
        return language
    return _lingua(text)


def document_language(texts: list[str], *, languages: list[Language | None] | None = None) -> Language | None:
    """Language of a whole document from its paragraphs (and table cells), weighted by length.

    ``languages`` may carry the already detected language of each text (None entries are re-detected).
    """
    weights: Counter[str] = Counter()
    for index, text in enumerate(texts):
        known = languages[index] if languages is not None and index < len(languages) else None
        language = known or detect_language(text)
        if language is None:
            continue
        size = len(text)
        if language == "mixed":
            weights["kk"] += size / 2
            weights["ru"] += size / 2
        else:
            weights[language] += size
    total = weights["kk"] + weights["ru"]
    if total == 0:
        return None
    share_kk = weights["kk"] / total
    if share_kk >= 0.8:
        return "kk"
    if share_kk <= 0.2:
        return "ru"
    return "mixed"
