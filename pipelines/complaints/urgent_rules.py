"""Rule half of the urgent detector: spaCy Matcher patterns over kk and ru, with negation, past-event and
legal-question handling.

Every token gets a canonical form (``token._.canon``): lower case, Kazakh-only letters folded to the
Russian letters people type instead (қ→к, ұ→у, і→и ...), and Latin-script Kazakh transliterated to
Cyrillic. Patterns are written once against that form, so "ұрады", "урады" and "urady" all match and
the evidence span is still the original text. Kazakh negation is morphological (ұрады "beats" vs
ұрмайды "does not beat"), so Kazakh verb patterns list positive forms only; Russian negation is a
particle and is checked around the match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language as SpacyLanguage
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from models.complaints.features import canonical
from pipelines.nlp import blank

URGENT_REASONS = ("suicide", "violence", "sexual_abuse", "missing_child", "danger_to_life")

if not Token.has_extension("canon"):
    Token.set_extension("canon", getter=lambda token: token.norm_)


def _tok(regex: str, op: str | None = None) -> dict:
    # NORM, set to the canonical form once per token in :func:`_canonical_doc`: a custom ``_`` attribute
    # would be recomputed for every pattern predicate (most of the rule time in a profile).
    pattern: dict = {"NORM": {"REGEX": f"^(?:{regex})$"}}
    if op:
        pattern["OP"] = op
    return pattern


_HYPHEN = {"TEXT": "-", "OP": "?"}
_ANY = {"IS_PUNCT": False, "OP": "?"}

# (reason, pattern). Regexes are over the canonical form (no Kazakh-only letters, no "ё").
PATTERNS: list[tuple[str, list[dict]]] = [
    # -- suicide / self-harm
    ("suicide", [_tok(r"суицид\w*|самоубийств\w*|самоповрежд\w*|аутоагресс\w*")]),
    ("suicide", [_tok(r"поконч\w*"), _tok("с"), _tok("собой")]),
    ("suicide", [_tok(r"убить|убью|убьет|убил\w*"), _tok(r"себя")]),
    ("suicide", [_tok("не"), _tok(r"хочу|хочет|хотела|хотел|хочется"), _tok("больше", "?"), _tok("жить")]),
    ("suicide", [_tok("жить"), _tok("не"), _tok(r"хочу|хочет|хочется")]),
    ("suicide", [_tok(r"уйти|уйду"), _tok("из"), _tok(r"жизни")]),
    ("suicide", [_tok(r"прощальн\w*")]),
    ("suicide", [_tok(r"режет|режу|резала|резал|порезал\w*|вскрыл\w*"), _tok(r"себе", "?"), _tok(r"руки|вены|запясть\w*")]),
    ("suicide", [_tok(r"наглотал\w*")]),
    ("suicide", [_tok(r"оз\w*"), _HYPHEN, _tok(r"оз\w*", "?"), _tok("кол"), _tok(r"жумса\w*|салм\w*|салу|салды|салган\w*|салып")]),
    ("suicide", [_tok(r"омир"), _tok(r"сург\w*|суру\w*"), _tok(r"келмейди|келмейд|келмей")]),
    ("suicide", [_tok(r"озимди|озин|озинди|озими"), _tok(r"олтир\w*")]),
    ("suicide", [_tok(r"озиме|озине|озин"), _tok(r"закым\w*")]),
    ("suicide", [_tok(r"билег\w*|кол\w*|тамыр\w*"), _tok(r"кесип|кескен\w*|кеседи|кести|кесилген")]),
    ("suicide", [_tok(r"асылып|асылмак\w*|асылам\w*")]),
    ("suicide", [_tok(r"прыгну|спрыгну|выпрыгну|сброшусь|брошусь"), _tok(r"с|из|под", "?")]),
    ("suicide", [_tok(r"крыштан|терезеден|балконнан|копирден"), _tok(r"секир\w*|кулап\w*|тастаймын")]),
    # -- violence (a child beaten or cruelly treated)
    ("violence", [_tok(r"избива\w*|избил\w*|избит\w*|изби\w*|побои|побоев|колотит|пинает|пинал\w*|душил\w*|душит")]),
    ("violence", [_tok(r"бьет|бьют|бил|била|били|побил\w*|бьешь")]),
    ("violence", [_tok(r"подним\w*|поднял\w*"), _tok("на"), _ANY, _tok("руку")]),
    ("violence", [_tok(r"подним\w*|поднял\w*"), _tok("руку")]),
    ("violence", [_tok(r"запира\w*|запер\w*|камап|камайды")]),
    ("violence", [_tok(r"синяк\w*|сотрясени\w*|ремн\w*|ремень")]),
    ("violence", [_tok(r"жесток\w*")]),
    ("violence", [_tok(r"ур(?:ады|ды|ып|ган\w*|атын|амыз|амын|ады|ыпты|ып-согады)")]),
    ("violence", [_tok(r"сок(?:ты|кан\w*|ып)|сог(?:ады|ып)|соккы\w*|сабап|сабады|сабайды|сабаган\w*|сабалды")]),
    ("violence", [_tok(r"зомбылык\w*|катыгездик\w*")]),
    ("violence", [_tok(r"таякпен|белдикпен|шыбыркпен")]),
    ("violence", [_tok(r"когерген|коггерген|кок"), _tok(r"жер\w*|ала", "?")]),
    # -- sexual abuse
    ("sexual_abuse", [_tok(r"изнасил\w*|развратн\w*|домога\w*|педофил\w*|растлени\w*|шантаж\w*|лапает|лапал\w*")]),
    ("sexual_abuse", [_tok(r"интимн\w*|откровенн\w*|голы\w*|обнаженн\w*"), _tok(r"фото\w*|снимк\w*|сообщени\w*|фотограф\w*|видео")]),
    ("sexual_abuse", [_tok(r"трогает|трогал\w*")]),
    ("sexual_abuse", [_tok(r"сексуальн\w*")]),
    ("sexual_abuse", [_tok(r"зорла\w*|азгыр\w*|бопса\w*")]),
    ("sexual_abuse", [_tok(r"жыныстык")]),
    ("sexual_abuse", [_tok(r"адепсиз|эдепсиз")]),
    ("sexual_abuse", [_tok(r"жеке|жалангаш|интимдик"), _tok(r"сурет\w*")]),
    # -- missing or runaway child
    ("missing_child", [_tok(r"пропал\w*")]),
    ("missing_child", [_tok("без"), _tok("вести")]),
    ("missing_child", [_tok(r"ушел|ушла|ушли|сбежал\w*|убежал\w*"), _tok(r"из"), _tok(r"дома|дому|центра|интерната")]),
    ("missing_child", [_tok(r"сбежал\w*|убежал\w*")]),
    ("missing_child", [_tok("не"), _tok(r"вернул\w*|пришел|пришла|пришли")]),
    # "хабарсы кетті": the з is often lost in quick typing.
    ("missing_child", [_tok(r"хабарсыз|хабарсы"), _tok(r"кетти|кетип|кеткен|жогалды", "?")]),
    ("missing_child", [_tok(r"жогалып"), _tok(r"кетти|кеткен|калды")]),
    ("missing_child", [_tok(r"уйден"), _tok(r"кетип|кашып|шыгып"), _tok(r"калды|кетти|кеткен|калган")]),
    ("missing_child", [_tok(r"уйге|мектептен"), _tok(r"келмеди|оралмады|кайтпады")]),
    ("missing_child", [_tok(r"оралмады|кайтпады|оралган\s*жок")]),
    ("missing_child", [_tok(r"кашып"), _tok(r"кетти|кеткен")]),
    # -- acute danger to life
    ("danger_to_life", [_tok(r"открыт\w*"), _tok(r"канализационн\w*", "?"), _tok(r"люк\w*|колод\w*")]),
    ("danger_to_life", [_tok(r"люк\w*|колод\w*"), _tok(r"без|открыт\w*|ашык")]),
    ("danger_to_life", [_tok(r"ашык"), _tok(r"люк\w*")]),
    ("danger_to_life", [_tok(r"нет|без"), _tok(r"отоплени\w*|тепла")]),
    ("danger_to_life", [_tok(r"отоплени\w*"), _tok(r"нет|отключ\w*")]),
    ("danger_to_life", [_tok(r"отключ\w*"), _tok(r"отоплени\w*")]),
    ("danger_to_life", [_tok(r"жылу|пеш"), _tok(r"да|та", "?"), _tok(r"жок|жагылмаган|жагылмайды")]),
    ("danger_to_life", [_tok(r"жылу"), _tok(r"да|та")]),
    ("danger_to_life", [_tok(r"суык|салкын"), _tok(r"уйде|патерде")]),
    ("danger_to_life", [_tok(r"задыха\w*|судорог\w*|угарн\w*|туншыг\w*")]),
    ("danger_to_life", [_tok(r"тыныс\w*"), _tok(r"тарыл\w*")]),
    ("danger_to_life", [_tok("дем"), _tok("ала"), _tok(r"алмай\w*")]),
    ("danger_to_life", [_tok(r"угрожа\w*|грозит\w*|кричит"), _tok("что", "?"), _tok(r"убить|убьет|убьют|убью|зарежет")]),
    ("danger_to_life", [_tok(r"убьет|убью|зарежу|зарежет"), _tok(r"ребенка|его|ее|дочь|сына|детей")]),
    ("danger_to_life", [_tok(r"пышакпен|пышак|ножом")]),
    ("danger_to_life", [_tok(r"выброс\w*|выкин\w*|скин\w*"), _tok(r"ребенка|малыша|его|ее|дочь|сына|детей"),
                        _tok(r"в|из|с"), _tok(r"окно|окна|балкона")]),
    ("danger_to_life", [_tok(r"олтиремин|олтиремиз|олтиреди|олтирем")]),
    ("danger_to_life", [_tok(r"скор\w*|жардем\w*"), _tok("помощь", "?"), _tok("не", "?"), _tok(r"едет|приезжает|келмей\w*")]),
]

_RU_NEGATION = frozenset({"не", "ни", "нет", "никогда", "ниразу"})
_KK_POST_NEGATION = frozenset({"емес", "жок"})
_KK_NEVER = frozenset({"ешкашан", "ешбир"})

_PAST = re.compile(
    r"(?:\d+|один|два|две|три|четыре|пять|несколько)\s+(?:год\w*|лет|месяц\w*)\s+назад|в\s+прошлом\s+году|"
    r"когда-то|давно|раньше|в\s+детстве|"
    r"(?:\d+|бир|еки|уш|торт|бес|алты|бирнеше)\s+жыл\s+бурын|откен\s+жыл\w*|бурын|баягыда|кезинде|"
    r"бес\s+жыл\s+бурын"
)
_RECENT = re.compile(r"сейчас\s+опять|опять|снова|до\s+сих\s+пор|продолжа\w*|сегодня|вчера|тагы|али\s+де|казир\s+де|"
                     r"бугин|кеше|калып\s+жатыр|жатыр")
_LEGAL_QUESTION = re.compile(r"закон\w*|стать\w*|наказани\w*|ответственност\w*|грозит|заң\w*|зан\w*|жаза\w*|бап\w*"
                             r"|кандай\s+жаза|какая\s+статья")


_QUESTION = re.compile(r"\b(?:какая|какое|какие|каково|что\s+грозит|кандай|кандай|бар\s+ма|ма|ме|ба|бе)\b")
# Patterns that contain a negation word themselves ("не хочу жить", "нет отопления").
_NEGATING_PATTERNS = frozenset(
    index for index, (_, pattern) in enumerate(PATTERNS)
    if any({"не", "нет", "без"} & set(re.findall(r"[а-я]+", t.get("NORM", {}).get("REGEX", "")))
           for t in pattern)
)


@dataclass(frozen=True, slots=True)
class RuleHit:
    reason: str
    start_char: int
    end_char: int
    text: str
    discounted: str | None
    """Why the hit does not count (``negated``, ``past``, ``legal_question``) or None when it counts."""


def _sentence_canon(sent: Span) -> str:
    return " ".join(token._.canon for token in sent)


def _discount(doc: Doc, span: Span, pattern_has_negation: bool) -> str | None:
    sent = span.sent
    before = [t._.canon for t in doc[max(sent.start, span.start - 3):span.start]]
    after = [t._.canon for t in doc[span.end:min(sent.end, span.end + 2)]]
    if not pattern_has_negation and any(word in _RU_NEGATION for word in before[-2:]):
        return "negated"
    # "ұрған жоқ / ұрған емес": a Kazakh participle negated by the word after it.
    if span[-1]._.canon.endswith(("ган", "ген", "кан", "кен")) and any(w in _KK_POST_NEGATION for w in after):
        return "negated"
    if any(word in _KK_NEVER for word in before):
        return "negated"
    sentence = _sentence_canon(sent)
    if (sent.text.rstrip().endswith("?") or _QUESTION.search(sentence)) and _LEGAL_QUESTION.search(sentence):
        return "legal_question"
    if _PAST.search(sentence) and not _RECENT.search(sentence):
        return "past"
    return None


@lru_cache(maxsize=2)
def _pipeline(lang: str) -> tuple[SpacyLanguage, Matcher]:
    nlp = blank(lang)
    matcher = Matcher(nlp.vocab)
    for index, (reason, pattern) in enumerate(PATTERNS):
        matcher.add(f"{reason}|{index}", [pattern])
    return nlp, matcher


def find_rule_hits(text: str, *, language: str = "mixed") -> list[RuleHit]:
    """All trigger matches in ``text`` (longest per position), each marked counted or discounted."""
    nlp, matcher = _pipeline("ru" if language == "ru" else "kk")
    doc = _canonical_doc(nlp, text)
    spans = []
    for match_id, start, end in matcher(doc):
        label = nlp.vocab.strings[match_id]
        spans.append((label, doc[start:end]))
    # Keep the longest match where matches overlap.
    spans.sort(key=lambda item: (-(item[1].end - item[1].start), item[1].start))
    taken: set[int] = set()
    hits: list[RuleHit] = []
    for label, span in spans:
        if any(i in taken for i in range(span.start, span.end)):
            continue
        taken.update(range(span.start, span.end))
        reason, index = label.split("|")
        has_negation = int(index) in _NEGATING_PATTERNS
        hits.append(RuleHit(reason, span.start_char, span.end_char, span.text, _discount(doc, span, has_negation)))
    return sorted(hits, key=lambda h: h.start_char)


def _canonical_doc(nlp: SpacyLanguage, text: str) -> Doc:
    doc = nlp(text)
    for token in doc:
        token.norm_ = _canonical_cached(token.text)
    return doc


@lru_cache(maxsize=50_000)
def _canonical_cached(word: str) -> str:
    return canonical(word)


def sentences(text: str, *, language: str = "mixed") -> list[str]:
    nlp, _ = _pipeline("ru" if language == "ru" else "kk")
    return [sent.text for sent in nlp(text).sents]
