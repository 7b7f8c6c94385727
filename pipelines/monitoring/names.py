"""Names of officials (chairs, secretaries) reduced to a person key.

The same secretary is written "Ахметова А.Б.", "А.Б. Ахметова", "Ахметовой Айгерим Болатовны"
(Russian genitive after "секретарь заседания"), "Әхметова Айгерим Болатқызы" (Kazakh spelling and
patronymic) or "Ахметоваға" (Kazakh dative). Counting secretaries by raw string would report a
"change" at every spelling, so names are parsed into (surname stem, first initial, patronymic initial)
with Kazakh letters folded onto Russian ones, and grouped into persons.

Known limits (documented, not hidden): two officials with the same surname stem and the same initials
(a husband "Ахметов А.Б." and a wife "Ахметова А.Б.") become one person, because a Russian genitive
"Ахметова" cannot be told from a female nominative. A bare surname without initials joins the first
compatible person seen. To survive OCR, a surname one letter off ("Ахмегова А.Б.") joins a person whose
two initials both match; two officials of one commission one letter apart with the same initials would
merge.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

# Kazakh-specific letters and Latin look-alikes folded onto the Russian alphabet, so that kk and ru
# spellings of one name compare equal.
_FOLD = str.maketrans({
    "ә": "а", "ө": "о", "ү": "у", "ұ": "у", "қ": "к", "ғ": "г", "ң": "н", "һ": "х", "і": "и", "ё": "е",
    "a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "k": "к", "m": "м", "t": "т",
    "h": "н", "b": "в", "i": "и",
})

# Words that appear next to names in protocol headers but are not names.
_NOT_NAME_WORDS = {
    "председатель", "председательствовал", "председательствующий", "председательством", "секретарь",
    "секретаря", "заместитель", "заместителя", "аким", "акима", "акимата", "района", "город", "города",
    "г", "руководитель", "руководителя", "начальник", "начальника", "главный", "главного", "специалист",
    "специалиста", "отдела", "отдел", "комиссии", "член", "члены", "ответственный", "ответственная",
    "торага", "тораганын", "торагасы", "торагалыгымен", "хатшы", "хатшысы", "аудан", "ауданы",
    "аудандык", "акими", "акиминин", "акимдиги", "орынбасары", "басшысы", "бас", "маман", "маманы",
    "белим", "болими", "болиминин", "комиссия", "комиссиясынын", "мушеси", "мушелери", "жауапты",
    "ту", "гу", "ким", "акимшилик", "келисим", "подпись", "колы", "под", "председательствовала",
    "председательствующего", "секретарем", "торагалык", "етуши", "отырыс", "заседания", "заседание",
}

# Common given names, to tell "Айгерим Сәрсенбай" (given name first) from "Сәрсенбай Айгерим" when
# neither word carries a surname suffix. Folded forms.
_GIVEN_NAMES = {
    "айгерим", "айгул", "айжан", "аида", "айнур", "алия", "асель", "асем", "акбота", "арайлым", "аружан",
    "бахыт", "гулнар", "гулмира", "динара", "дана", "жанар", "жулдыз", "замира", "индира", "камила",
    "карлыгаш", "лаура", "мадина", "макпал", "маржан", "меруерт", "назгул", "салтанат", "сауле", "толкын",
    "шолпан", "умит", "эльмира", "арман", "асхат", "аскар", "бауыржан", "болат", "даурен", "ерлан",
    "ержан", "ерболат", "ермек", "жандос", "кайрат", "канат", "марат", "мурат", "нурлан", "нурсултан",
    "руслан", "серик", "талгат", "тимур", "улан", "галым", "ербол", "айдос", "азамат", "дархан", "олжас",
    "самат", "санжар", "медет", "бекзат", "айбек", "елена", "ольга", "ирина", "наталья", "татьяна",
    "светлана", "сергей", "александр", "андрей", "владимир", "виктор", "марина", "галина", "карина",
    "алина", "полина", "амина", "дина", "зарина", "арина",
}

_PATRONYMIC = re.compile(
    r"(?:ович|евич|ич)(?:а|у|ем|е)?$|(?:овн|евн|ичн|иничн)(?:а|ы|е|у|ои|ой)$|(?:улы|кызы|оглы|гызы)$"
)
# Russian surname suffixes with their case endings; group 1 is the gender-neutral stem.
_RU_SURNAME = re.compile(
    r"^(.{2,}?(?:ов|ев|ин|ын))(?:а|у|ым|е|ои|ой|ои)?$|^(.{2,}?ск)(?:ии|ий|ая|ого|ому|им|ом|ои|ой|ую)$"
)
# Kazakh case suffixes that attach to a surname written in Kazakh text ("Ахметоваға", "Ахметовтың").
_KK_CASE = re.compile(r"(?:нын|нин|дын|дин|тын|тин|га|ге|ка|ке|ны|ни|ды|ди|ты|ти|мен|бен|пен|дан|ден|нан|нен|тан|тен|да|де|та|те)$")
_NOMINATIVE = re.compile(r"(?:ов|ев|ин|ын|ова|ева|ина|ына|ский|ская|улы|кызы)$")
_TOKEN = re.compile(r"[^\W\d_]+\.?", re.UNICODE)


def fold(text: str) -> str:
    """Lower-case, Kazakh letters and Latin look-alikes mapped onto Russian Cyrillic."""
    return text.lower().translate(_FOLD)


def _surname_stem(folded: str) -> str | None:
    if folded in _GIVEN_NAMES:
        return None
    # Kazakh case suffix first: "ахметованын" would otherwise read as a stem ending in "-ын".
    case_match = _KK_CASE.search(folded)
    if case_match and case_match.start() >= 4:
        match = _RU_SURNAME.match(folded[: case_match.start()])
        if match:
            return match.group(1) or match.group(2)
    match = _RU_SURNAME.match(folded)
    return (match.group(1) or match.group(2)) if match else None


def _skeleton(stem: str) -> str:
    """Drop the letters kk->ru transliteration adds or loses ("Сейітов"/"Сейтов", "Тілеуов"/"Тлеуов")."""
    return re.sub(r"(.)\1", r"\1", re.sub(r"[иыйьъ]", "", stem))


def _patronymic_stem(folded: str) -> str | None:
    match = _PATRONYMIC.search(folded)
    return folded[: match.start()] if match and match.start() >= 2 else None


@dataclass(frozen=True)
class PersonName:
    """One written name, parsed. ``surname`` is a folded consonant skeleton of the stem
    ("ахметов" for Ахметова/Ахметовой/Әхметова, "сетов" for Сейітова/Сейтова)."""

    surname: str
    first_initial: str | None
    patronymic_initial: str | None
    written_surname: str  # the surname token as written, for display

    def compatible(self, other: PersonName) -> bool:
        if self.surname != other.surname:
            return False
        for mine, theirs in ((self.first_initial, other.first_initial),
                             (self.patronymic_initial, other.patronymic_initial)):
            if mine and theirs and mine != theirs:
                return False
        return True


def parse_person_name(raw: str | None) -> PersonName | None:
    """Parse a name in any order, case, spelling; ``None`` when no surname can be found.

    Args:
        raw: the name as written, possibly with a position ("заместитель акима Нурланов Е.С.").
    """
    if not raw or not raw.strip():
        return None
    # Separate ".-ның" style suffixes on initials and glued initials "А.Б.Ахметова".
    text = re.sub(r"\.(?=[^\W\d_])", ". ", raw.replace("-", " "))
    text = re.sub(r"\s+(ұлы|қызы|улы|кызы)\b", r"\1", text)  # "Болат қызы" -> "Болатқызы"
    initials: list[str] = []
    words: list[str] = []
    for token in _TOKEN.findall(text):
        bare = token.rstrip(".")
        if len(bare) == 1:
            if bare.isupper():
                initials.append(fold(bare))
            continue
        if not bare[0].isupper():
            continue
        folded = fold(bare)
        if folded in _NOT_NAME_WORDS:
            continue
        if bare.isupper() and len(bare) <= 3:  # abbreviations: ГУ, ПДН, ВКС
            continue
        words.append(bare)
    if not words:
        return None
    folded_words = [fold(w) for w in words]

    surname_index = next((i for i, w in enumerate(folded_words)
                          if _surname_stem(w) and not _PATRONYMIC.search(w)), None)
    patronymic_index = next((i for i, w in enumerate(folded_words)
                             if i != surname_index and _patronymic_stem(w)), None)
    if surname_index is None:
        plain = [i for i in range(len(words)) if i != patronymic_index]
        if not plain:
            # "Е. Болатұлы": a -ұлы word with initials is the surname
            surname_index, patronymic_index = patronymic_index, None
        elif len(plain) == 1 or initials:
            surname_index = plain[-1] if initials else plain[0]
        else:
            non_given = [i for i in plain if folded_words[i] not in _GIVEN_NAMES]
            surname_index = non_given[0] if non_given else plain[0]
    if surname_index is None:
        return None
    surname_folded = folded_words[surname_index]
    surname = _skeleton(_surname_stem(surname_folded) or surname_folded)

    given = [i for i in range(len(words)) if i not in (surname_index, patronymic_index)]
    first_initial = folded_words[given[0]][0] if given else None
    patronymic_initial = folded_words[patronymic_index][0] if patronymic_index is not None else None
    if first_initial is None and initials:
        first_initial = initials[0]
        if patronymic_initial is None and len(initials) > 1:
            patronymic_initial = initials[1]
    elif patronymic_initial is None and len(given) > 1:
        patronymic_initial = folded_words[given[1]][0]
    return PersonName(surname=surname, first_initial=first_initial, patronymic_initial=patronymic_initial,
                      written_surname=words[surname_index])


@dataclass
class _Person:
    surname: str
    first_initial: str | None
    patronymic_initial: str | None
    spellings: Counter[str] = field(default_factory=Counter)

    def accepts(self, name: PersonName) -> bool:
        return name.compatible(PersonName(self.surname, self.first_initial, self.patronymic_initial, ""))

    def absorb(self, name: PersonName) -> None:
        self.first_initial = self.first_initial or name.first_initial
        self.patronymic_initial = self.patronymic_initial or name.patronymic_initial
        self.spellings[name.written_surname] += 1

    @property
    def key(self) -> str:
        return f"{self.surname}|{self.first_initial or '-'}|{self.patronymic_initial or '-'}"

    def accepts_misread(self, name: PersonName) -> bool:
        """One letter off (OCR: "Ахмегова"), accepted only when both initials are known and equal."""
        return (len(self.surname) >= 6 and name.first_initial is not None and name.patronymic_initial is not None
                and (self.first_initial, self.patronymic_initial) == (name.first_initial, name.patronymic_initial)
                and Levenshtein.distance(self.surname, name.surname, score_cutoff=1) <= 1)

    @property
    def display(self) -> str:
        # Prefer a nominative spelling ("Ахметова") over case forms ("Ахметовой", "Ахметоваға").
        nominative = Counter({w: n for w, n in self.spellings.items() if _NOMINATIVE.search(fold(w))})
        spellings = nominative or self.spellings
        written = spellings.most_common(1)[0][0] if spellings else self.surname.title()
        initials = "".join(f"{i.upper()}." for i in (self.first_initial, self.patronymic_initial) if i)
        return f"{written} {initials}".strip()


@dataclass(frozen=True)
class ResolvedPerson:
    key: str  # stable within one resolution: "ахметов|а|б"
    display: str  # "Ахметова А.Б.": the most frequent written surname and the initials


def resolve_people(raw_names: list[str | None]) -> list[ResolvedPerson | None]:
    """Group the names of one role in one commission into persons, in the order given.

    Returns one entry per input: the person it belongs to, or ``None`` when the name is missing or
    unparseable.
    """
    people: list[_Person] = []
    assigned: list[_Person | None] = []
    for raw in raw_names:
        name = parse_person_name(raw)
        if name is None:
            assigned.append(None)
            continue
        candidates = [p for p in people if p.accepts(name)]
        # Prefer the person matching on every known initial over one matching only by surname.
        candidates.sort(key=lambda p: -((p.first_initial == name.first_initial)
                                        + (p.patronymic_initial == name.patronymic_initial)))
        person = candidates[0] if candidates else None
        if person is None:
            person = next((p for p in people if p.accepts_misread(name)), None)
        if person is None:
            person = _Person(name.surname, name.first_initial, name.patronymic_initial)
            people.append(person)
        person.absorb(name)
        assigned.append(person)
    return [ResolvedPerson(key=p.key, display=p.display) if p else None for p in assigned]


def mask_person(display: str) -> str:
    """"Ахметова А.Б." -> "А******* А.Б.": keeps initials so turnover stays visible in masked exports."""
    parts = display.split(" ", 1)
    surname = parts[0]
    masked = surname[0] + "*" * (len(surname) - 1) if surname else ""
    return f"{masked} {parts[1]}" if len(parts) > 1 else masked
