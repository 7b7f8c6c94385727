"""Kazakh and Russian cue words of protocols, OCR repair, and the spaCy matchers built from them.

Matching runs on a *skeleton* of every token: lower case, Kazakh-specific letters folded to their nearest
Russian letter, Latin look-alikes folded to Cyrillic. OCR and legacy fonts turn "ҚАУЛЫ ЕТТІ" into
"КАУЛЫ ЕТТI" or "KAУЛЫ EТTІ"; all of them share the skeleton "каулы етти".
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from pipelines.nlp import blank

_FOLD = str.maketrans({
    "ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и", "ё": "е", "й": "и",
    "a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "k": "к", "m": "м", "h": "н", "t": "т",
    "b": "в", "i": "и",
})
_LATIN_TO_CYR = str.maketrans({"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "A": "А",
                               "B": "В", "E": "Е", "K": "К", "M": "М", "H": "Н", "O": "О", "P": "Р", "C": "С",
                               "T": "Т", "X": "Х", "k": "к", "m": "м"})
_CYR = "А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі"
_MIXED_WORD = re.compile(rf"[{_CYR}A-Za-z0-9]*[{_CYR}][{_CYR}A-Za-z0-9]*")
KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


def skeleton(text: str) -> str:
    """Lower-case, fold Kazakh letters and Latin look-alikes to Russian letters (for matching only)."""
    return text.lower().translate(_FOLD)


def despace(text: str) -> str:
    """Skeleton without anything but letters: "ПОСТАНОВ ИЛИ :" and "постановили" compare equal."""
    return re.sub(r"[^а-яa-z]", "", skeleton(text))


def repair_ocr(text: str, *, language: str | None = None) -> str:
    """Undo the commonest OCR damage inside Cyrillic words: Latin look-alikes, 0/3/6 for О/З/б, Latin i.

    Words that are wholly Latin (e-mail, "ВКС" spelled in Latin by a typist...) are left alone; only words
    that already contain a Cyrillic letter are repaired, so abbreviations and numbers survive.
    """

    def fix(match: re.Match) -> str:
        word = match.group(0)
        if word.isdigit() or not re.search(r"[A-Za-z036]", word):
            return word
        if re.fullmatch(r"\d+[А-Яа-я]{0,2}", word):  # "12-к", "7а": numbers with a letter suffix
            return word
        fixed = word.translate(_LATIN_TO_CYR)
        fixed = fixed.replace("i", "і").replace("I", "І")
        # Digits inside letter words are OCR confusions; digits beside digits are numbers.
        fixed = re.sub(rf"(?<=[{_CYR}])0|0(?=[{_CYR}])", lambda m: "О" if fixed.isupper() else "о", fixed)
        fixed = re.sub(rf"(?<=[{_CYR}])3(?=[{_CYR}])", "з", fixed)
        fixed = re.sub(r"(?<=[а-яәғқңөұүһі])6(?=[а-яәғқңөұүһі])|^6(?=[а-яәғқңөұүһі]{2})", "б", fixed)
        return fixed

    text = _MIXED_WORD.sub(fix, text)
    # Tesseract reads "№" as "Ме", "Мо", "N9", "Nº" before a number.
    text = re.sub(r"(?<![А-Яа-яA-Za-z])(?:Ме|Мо|N[oо9º°])\s?(?=\d)", "№ ", text)
    return rejoin_split_words(text)


_FUNCTION_WORDS = {"в", "во", "и", "на", "по", "с", "со", "к", "ко", "о", "об", "у", "за", "до", "от", "из", "не",
                   "ни", "же", "ли", "а", "мен", "пен", "бен", "да", "де", "та", "те", "әр", "бұл", "сол", "осы"}
_SPLIT_RE = re.compile(rf"([{_CYR}]+) ([{_CYR}]+)")


@lru_cache(maxsize=1)
def _vocabulary():
    """Known kk/ru words: the extraction lexicon plus every cue word of this module."""
    try:
        from pipelines.extract.lexicon import Lexicon, lexicons

        base = set(lexicons()["any"].words)
    except (ImportError, KeyError, OSError):  # the lexicon is optional; cue words alone still help
        from pipelines.extract.lexicon import Lexicon

        base = set()
    cue_words = {w.lower() for phrases in PHRASES.values() for p in phrases for w in re.findall(rf"[{_CYR}]+", p)}
    return Lexicon.from_words(base | cue_words)


def rejoin_split_words(text: str) -> str:
    """Glue a word OCR split in two ("ма я", "Пору чить") when the halves are not both words but the whole is."""
    vocab = _vocabulary()

    def glue(m: re.Match) -> str:
        a, b = m.group(1), m.group(2)
        la, lb = a.lower(), b.lower()
        if la in _FUNCTION_WORDS or lb in _FUNCTION_WORDS or (b[:1].isupper() and not a.isupper()):
            return m.group(0)
        a_known, b_known = la in vocab and len(la) > 3, lb in vocab and len(lb) > 3
        if a_known and b_known:
            return m.group(0)
        joined = la + lb
        # A known word followed by a fragment is usually a word plus the start of the next one: exact only.
        loose_ok = not a_known and not b_known and min(len(la), len(lb)) <= 4 and len(joined) >= 7
        if joined in vocab.words or (loose_ok and joined in vocab):
            return a + b
        return m.group(0)

    # Two passes: a word split twice ("Пс ихологиялық қолда у") needs the second.
    for _ in range(2):
        text = _SPLIT_RE.sub(glue, text)
    return text


# Block headings (line level). Values are despaced skeletons.
HEADINGS: dict[str, tuple[str, ...]] = {
    "heard": ("слушали", "тындалды", "тындалды", "заслушали"),
    "spoke": ("выступили", "созсоилегендер", "соилегендер", "вобсуждениипринялиучастие", "талкылаубарысы"),
    "decided": ("постановили", "решили", "комиссияпостановляет", "комиссиярешила", "каулыетти", "каулыетилди",
                "каулыетеди", "шештик", "шешим", "шешимкабылданды", "кабылданганшешимдер", "постановляет",
                "решение", "решениекомиссии"),
    "agenda": ("повесткадня", "повесткадняз", "кунтартиби", "кунтартибинде"),
    "attendance": ("присутствовали", "назаседанииприсутствовали", "назаседанииприсутствуют", "присутствуют",
                   "катыскандар", "катыскан", "катысушылар", "отырыскакатыскандар"),
    "absent": ("отсутствовали", "катыспагандар", "катыспаган"),
    "invited": ("приглашенные", "приглашены", "шакырылгандар", "шакырылган"),
}
# Short cues are only headings when a colon or the line end follows (Шешім: vs "Шешім бірауыздан ...").
SHORT_NEED_COLON = {"шешим", "решили", "решение", "решениекомиссии"}

# Stems of bodies that can execute a decision or take part (police, education, health, social, guardianship).
AGENCY_STEM_RE = re.compile(
    r"(отдел|пдн|полиц|школ|больниц|црб|поликлиник|центр|цпп|опек|управлени|аким|служб|инспектор|директор|"
    r"ювенал|образовани|занятост|социальн|болим|болмин|юпи|мектеп|аурухан|орталы|органы|органына|органдар|баскарма|"
    r"акимдик|дариг|врач|психолог|корганшылык|камкоршылык|колледж|учреждени|организаци)"
)
VOTE_RE = re.compile(
    r"(голосовал|итоги\s+голосования|единогласно|дауыс\s+беру|бир\s*ауыздан|жактап|за\s*[–—-]\s*\d|«за»)",
    re.IGNORECASE,
)
QUORUM_RE = re.compile(r"кворум", re.IGNORECASE)
NAME_RE = re.compile(
    r"(?:[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+(?:-[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+)?\s*"
    r"[А-ЯЁӘҒҚҢӨҰҮҺІ]\.\s*(?:[А-ЯЁӘҒҚҢӨҰҮҺІ]\.?)?)"
    r"|(?:[А-ЯЁӘҒҚҢӨҰҮҺІ]\.\s*(?:[А-ЯЁӘҒҚҢӨҰҮҺІ]\.)?\s*[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]{2,})"
    r"|(?:[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+(?:ов|ев|ин|ова|ева|ина|ко|ук|юк|ий|ая|ұлы|қызы|кызы|улы)\s+"
    r"[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+)"
)

# Phrase cues matched with spaCy's PhraseMatcher on token skeletons (label -> phrases, kk and ru).
PHRASES: dict[str, list[str]] = {
    "PROTOCOL_TITLE": ["протокол", "хаттама", "хаттамасы"],
    "PLAN_TITLE": ["план работы", "план мероприятий", "жұмыс жоспары", "іс-шаралар жоспары", "жоспары",
                   "наименование мероприятия", "іс-шараның атауы"],
    "LETTER": ["исх", "уважаемый", "уважаемая", "уважаемые", "шығ", "құрметті", "приложение", "қосымша", "исп"],
    "CHAIR": ["председатель", "председательствовал", "председательствующий", "төраға", "төрағалық етуші",
              "төрағасы", "төрағалығымен"],
    "SECRETARY": ["секретарь", "хатшы", "хатшысы", "секретарь комиссии", "комиссия хатшысы"],
    "PLACE": ["место проведения", "өткізілген орны", "өтетін орны", "вкс", "видеоконференцсвязи",
              "видеоконференции", "онлайн", "бейнеконференцбайланыс", "вкб", "актовый зал", "зал заседаний",
              "конференц-зал", "мәжіліс залы", "малый зал", "кіші залы", "кабинет"],
    "CONTROL": ["ранее принятых решений", "ранее принятых решениях", "снять с контроля", "снять их с контроля",
                "снять с контроля", "оставить на контроле", "исполнении решений", "исполнении поручений",
                "бұрын қабылданған шешімдердің", "бақылаудан алу", "бақылаудан алынсын", "бақылауда қалдырылсын",
                "шешімдердің орындалуы"],
    "CASE": ["в отношении несовершеннолетнего", "в отношении несовершеннолетней", "в отношении законного",
             "в отношении законных", "рассмотрен материал", "рассмотрен протокол", "объявить предупреждение",
             "наложить административный штраф", "административный штраф", "қатысты материал",
             "қатысты әкімшілік", "ескерту жариялансын", "айыппұл салынсын", "әкімшілік айыппұл"],
    "CAUSE": ["причины", "причиной", "причин", "условия", "статистика", "статистику", "анализ",
              "проанализировал", "проанализировала", "проанализировал(а)", "себептері", "себебі", "талдау",
              "талдап", "талдау жасады", "статистикаға", "аппг", "сравнению с прошлым", "өткен жылмен",
              "өткен жылдың"],
    "AGENCY": ["пдн", "оп", "полиции", "полиция", "отдела образования", "отдел образования", "отделу образования",
               "образования", "црб", "больницы", "больница", "больнице", "поликлиники", "врач", "психолог",
               "центра психологической поддержки", "цпп", "отдела занятости", "отдел занятости", "социальных программ",
               "органа опеки", "орган опеки", "органу опеки", "опеки", "защите прав детей", "ювенальной",
               "юпи", "полиция бөлімінің", "білім бөлімінің", "білім бөлімі", "білім бөліміне", "аурухана",
               "аурухананың", "ауруханаға", "дәрігері", "психологы", "орталығының", "орталығы", "орталығына",
               "жұмыспен қамту", "әлеуметтік бағдарламалар", "қорғаншылық", "құқықтарын қорғау",
               "директора школ", "директорам школ", "мектеп директорлары", "мектеп директорларына",
               "инспектор", "инспекторы", "ювенальдық"],
    "EVERYONE": ["все члены комиссии", "всем членам комиссии", "всех членов комиссии", "заинтересованные органы",
                 "заинтересованным органам", "всем", "все службы", "барлық мүшелері", "барлық мүшелеріне",
                 "барлық мүшелерін", "мүдделі органдар", "мүдделі органдарға", "барлығына"],
}


def _skeleton_doc(nlp: Language, text: str) -> Doc:
    doc = nlp.make_doc(text)
    for token in doc:
        token.norm_ = skeleton(token.text)
    return doc


@lru_cache(maxsize=4)
def phrase_matcher(lang: str) -> tuple[Language, PhraseMatcher]:
    """A PhraseMatcher over token skeletons (attr NORM) holding every cue of :data:`PHRASES`."""
    nlp = blank(lang)
    matcher = PhraseMatcher(nlp.vocab, attr="NORM")
    for label, phrases in PHRASES.items():
        matcher.add(label, [_skeleton_doc(nlp, p) for p in phrases])
    return nlp, matcher


def cue_doc(text: str, *, lang: str) -> Doc:
    nlp, _ = phrase_matcher(lang)
    return _skeleton_doc(nlp, text)


def find_cues(text: str, *, lang: str, labels: set[str] | None = None) -> list[tuple[str, int, int, str]]:
    """Cue matches in ``text`` as ``(label, start_char, end_char, matched_text)``."""
    nlp, matcher = phrase_matcher(lang)
    doc = _skeleton_doc(nlp, text)
    out = []
    for match_id, start, end in matcher(doc):
        label = nlp.vocab.strings[match_id]
        if labels is None or label in labels:
            span = doc[start:end]
            out.append((label, span.start_char, span.end_char, span.text))
    return out


def has_cue(text: str, label: str, *, lang: str) -> bool:
    return bool(find_cues(text, lang=lang, labels={label}))
