"""Decision-level reading: who executes it, by when, and whether it is a concrete action (rules).

The rules answer "concrete" only when a cue decides it; otherwise they leave ``None`` for the embedding
classifier (``models.protocols``) to judge. Commission measures applied on the spot (a warning, a fine)
need neither executor nor deadline and are marked as such.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pipelines.protocols.cues import AGENCY_STEM_RE, NAME_RE, despace, find_cues, skeleton
from pipelines.protocols.dates import FoundDate, find_dates, find_month_deadline
from pipelines.protocols.structure import Decision

# Vague decisions (checklist: "принять к сведению", "усилить работу", "назарға алынсын" alone are not concrete).
_VAGUE_RE = re.compile(
    r"^(информаци[а-я]*\s+(?:\S+\s+){0,2}принять\s+к\s+сведению|принять\s+к\s+сведению|усилить|активизировать|"
    r"продолжить|принять\s+(?:все\s+)?(?:необходимые\s+)?меры|уделить\s+(?:особое\s+)?внимание|"
    r"акпарат[а-я]*\s+(?:\S+\s+){0,2}назарга\s+алынсын|назарга\s+алынсын)"
    r"|(кушеитилсин|жандандырылсын|жалгастырылсын|шаралары\s+кабылдансын|назар\s+аударылсын|назарга\s+алынсын)\.?$"
)
# Verbs of concrete action (ru infinitive / imperative, kk verbal noun + тапсырылсын or passive imperative).
_CONCRETE_RE = re.compile(
    r"\b(провести|организовать|обеспечить|направить|поставить\s+на|снять\s+с\s+уч|объявить|наложить|"
    r"обследовать|проверить|представить|подготовить|рассмотреть\s+на|внести\s+в\s+комиссию|снять\s+с\s+контрол|"
    r"откизу|уиымдастыру|тексеру|жолдау|камту|кою|тарту|жургизу|откизилсин|уиымдастырылсын|тексерилсин|"
    r"жолдансын|жарияланс|салынсын|есепке\s+алынсын)"
)
# Acts of the commission itself: sanctions, and closing or keeping earlier decisions under control.
_MEASURE_RE = re.compile(r"предупреждени|штраф|ескерту\s+(?:жариял|берил)|аиыппул|мрп|аек|снят[ьи]?\s+с\s+контрол|оставить\s+на\s+контрол|"
                         r"бакылаудан\s+алын|бакылауда\s+калдыр")
_EXEC_LABEL_RE = re.compile(r"(о[тг]в[а-я]{0,4}с[а-я]{0,4}н[а-я]*|исполнител[а-я]*|жау?а?пты[а-я]*|орындаушы[а-я]*)"
                            r"\s*[:–—-]\s*((?:[^;.)]|(?<=[\s.][А-ЯЁӘҒҚҢӨҰҮІ])\.)+)",  # initials' dots stay in
                            re.IGNORECASE)
_ASSIGN_RE = re.compile(r"\b(обязать|поручить|рекомендовать)\s+((?:\S+\s+){0,5}\S+)", re.IGNORECASE)
_DEADLINE_WORD_RE = re.compile(r"(срок[а-я]*(?:\s+исполнения)?|мерзими|до|в\s+течение|деиин|постоянно|ежеквартально|"
                               r"турактыо?|жыл\s+боиы|унеми)", re.IGNORECASE)
_VAGUE_DEADLINE_RE = re.compile(
    r"(постоянно|в\s+течение\s+(?:всего\s+)?(?:учебного\s+)?года|по\s+мере\s+необходимости|ежеквартально|"
    r"ежемесячно|на\s+постоянной\s+основе|турактыо?|жыл\s+боиы|унеми|кажеттилигине\s+карап|токсан\s+саиын)"
)
_PREPOSITIONS = {"в", "во", "на", "по", "с", "со", "для", "среди", "у", "за", "к", "о", "об", "при"}
_RU_DATIVE_END = re.compile(r"(у|ю|ам|ям|е|и|ому|ему|ой)$")
_KK_DATIVE_END = re.compile(r"(га|ге|ка|ке|на|не)$")


@dataclass(frozen=True)
class DecisionReading:
    executor: str | None
    executor_everyone: bool
    deadline_text: str | None
    deadline_date: dt.date | None
    concrete_rule: bool | None
    is_measure: bool


# Heads of an executor phrase: bodies (AGENCY_STEM_RE) and the people who act for them. A dative or
# nominative noun that is neither ("студенттеріне", "Студентам колледжа", "Классные часы") is a recipient
# or an object, not an executor.
_BODY_HEAD_RE = re.compile(AGENCY_STEM_RE.pattern[:-1] + r"|орган|руководител|начальник|заведующ|специалист|педагог|"
                           r"учител|участков|басшы|маман|менгеруш|мугалим|тоб[ыа]|кызмет|мекеме|уиым|кенес|емхана|"
                           r"комитет|департамент|филиал|прокурат|суд)")
_RU_ADJECTIVE_END = re.compile(r"(ый|ий|ой|ая|яя|ое|ее|ые|ие|ому|ему|ым|им|ым|ых|их)$")
_KK_LOCATIVE_END = re.compile(r"(да|де|та|те|нда|нде)$")
_ABBREVIATION_RE = re.compile(r"^«?[А-ЯЁӘҒҚҢӨҰҮІ]{2,5}(?:-[а-яәғқңөұүһі]+)?[»,]?$")
# "провести", "внести", "найти" end in -ти, but so does "занятости": only the verbal -ести/-йти/-зти count.
_INFINITIVE_RE = re.compile(r"^[а-яё]+(ть|ться|чь|ести|йти|зти)[,.]?$")


def _head_word(words: list[str]) -> tuple[int, str] | None:
    """The first word of a phrase that is not an adjective (its head noun), with its index."""
    for i, word in enumerate(words[:3]):
        bare = word.strip(".,;:()«»")
        if _ABBREVIATION_RE.match(bare) or not _RU_ADJECTIVE_END.search(skeleton(bare)) or i == 2:
            return i, bare
    return None


def _is_body(word: str) -> bool:
    return bool(_ABBREVIATION_RE.match(word) or _BODY_HEAD_RE.search(skeleton(word)))


def _ru_leading_body(words: list[str], *, dative: bool) -> str | None:
    """ "Отделу образования ...", "Классным руководителям школ ..." (dative) or "ЦРБ обеспечить ..."
    (nominative before the infinitive): the phrase up to the verb when its head noun is a body or a person."""
    head = _head_word(words)
    if head is None:
        return None
    index, word = head
    if skeleton(word) in _PREPOSITIONS or _INFINITIVE_RE.match(skeleton(word)):
        return None
    if dative and not (_RU_DATIVE_END.search(skeleton(word)) or _ABBREVIATION_RE.match(word)):
        return None
    if dative and _KK_LOCATIVE_END.search(skeleton(word)) and re.search(r"[әғқңөұүһі]|ер|лар|дер|тер", word):
        return None  # "Мектептерде": a Kazakh locative, not a Russian dative
    if not _is_body(word):
        return None
    phrase: list[str] = []
    for position, token in enumerate(words[:8]):
        if position > index and _INFINITIVE_RE.match(skeleton(token.strip(".,;:()«»"))):
            return " ".join(phrase)
        phrase.append(token)
    # No verb within reach (a long name of the body): its first words are enough to say who.
    return " ".join(words[: min(len(words), index + 4)])


def _clean_executor(phrase: str) -> str:
    phrase = phrase.strip(" ,;:")
    if phrase.count("(") > phrase.count(")") or not re.search(r"(?:^|[\s.])[А-ЯЁӘҒҚҢӨҰҮІ]\.$", phrase):
        # "Органу опеки (Кульбаева Н.С.)": keep the person in its brackets; otherwise drop the full stop.
        phrase = phrase.rstrip(".") if phrase.count("(") <= phrase.count(")") else phrase.rstrip(".") + ".)"
    return phrase.strip(" ,;:") if phrase.count("(") == phrase.count(")") else phrase.strip(" ,;:()")


def _executor(text: str, *, lang: str) -> tuple[str | None, bool]:
    """The executor named in a decision, and whether only "everyone" was named.

    Only a body or person counts: labelled («ответственный», «жауапты»), assigned («обязать/поручить X»), a
    table cell, or the decision's opening phrase when its head noun is a body in the dative (kk, ru) or the
    nominative before the infinitive (ru)."""
    sk = skeleton(text)
    m = _EXEC_LABEL_RE.search(text)
    candidates: list[str] = []
    if m:
        candidates.append(m.group(2).strip())
    m = _ASSIGN_RE.search(text)
    if m:
        candidates.append(m.group(2))
    tokens = sk.split()
    words = text.split()
    if lang == "kk" or re.search(r"тапсырылсын|міндеттелсін|миндеттелсин", sk):
        # Kazakh puts the executor first, in the dative: "Аудандық білім бөліміне ... тапсырылсын". The first
        # dative decides: "Колледж студенттеріне ..." opens with the recipients, so no executor leads.
        for i, token in enumerate(tokens[:9]):
            word = token.strip(".,;:()«»")
            if word in ("жане", "мен") or not _KK_DATIVE_END.search(word):
                continue
            # OCR splits words ("бөлімі не", "бө ліміне"): a fragment of ≤ 3 letters is read with its neighbour.
            previous = tokens[i - 1].strip(".,;:()«»") if i else ""
            glued = previous + word if previous and (len(word) <= 3 or len(previous) <= 3) else word
            if _BODY_HEAD_RE.search(glued) or re.search(r"барлык|муддели", glued):
                candidates.append(" ".join(words[: i + 1]))
                break
            if len(word) > 3:
                break
    if lang != "kk":
        for dative in (True, False):
            lead = _ru_leading_body(words, dative=dative)
            if lead:
                candidates.append(lead)
                break
    everyone = False
    # A decisions table row: "Провести ... | отдел образования, ОП района | до 31.03.2025".
    if "|" in text:
        candidates.extend(cell.strip() for cell in text.split("|")[1:] if cell.strip())
    # "Пункт 6 оставить на контроле; отделу образования завершить ...": each clause may open with its executor.
    for clause in re.split(r";\s*", text)[1:]:
        lead = _ru_leading_body(clause.split(), dative=True)
        if lead:
            candidates.append(lead)
    for cand in candidates:
        cues = {label for label, *_ in find_cues(cand, lang=lang, labels={"EVERYONE"})}
        if "EVERYONE" not in cues and (AGENCY_STEM_RE.search(skeleton(cand)) or _BODY_HEAD_RE.search(skeleton(cand))
                                       or re.search(r"\b[А-ЯЁ]{2,5}\b", cand)):
            return _clean_executor(cand), False
        if NAME_RE.search(cand):
            return _clean_executor(cand), False
        if "EVERYONE" in cues:
            everyone = True
    return None, everyone


def _deadline(text: str, *, ref: dt.date | None) -> tuple[str | None, dt.date | None]:
    sk = skeleton(text)
    dates = [d for d in find_dates(text, default_year=ref.year if ref else None)
             if not re.search(r"(протокол[а-я]*|хаттама[а-я]*)\s*№?\s*\d*\s*(от)?\s*$", sk[max(0, d.start - 25):d.start])]
    if not dates and ref is not None:
        month_only = find_month_deadline(text, ref=ref)
        if month_only is not None:
            start = month_only.start
            before = sk[max(0, start - 22):start]
            m = re.search(r"(в\s+срок|срок[а-я]*(?:\s+исполнения)?\s*[:–—-]?|мерзими\s*[:–—-]?)\s*$", before)
            if m:
                start = max(0, start - 22) + m.start()
            return text[start:month_only.end].strip(" ,;"), month_only.date
    if dates:
        d = dates[-1]
        if not d.year_given and ref is not None and d.date < ref:
            # "до 01.02" in a March protocol: next February.
            d = FoundDate(d.date.replace(year=d.date.year + 1), d.start, d.end, d.text, False)
        start = d.start
        before = sk[max(0, d.start - 22):d.start]
        m = re.search(r"(в\s+срок\s+до|срок[а-я]*(?:\s+исполнения)?\s*[:–—-]?\s*(?:до)?|до|мерзими\s*[:–—-]?)\s*$", before)
        if m:
            start = max(0, d.start - 22) + m.start()
        end = d.end
        after = sk[d.end:d.end + 12]
        m2 = re.match(r"\s*(ж\.|г\.|года|жылгы)?\s*(деиин)?", after)
        if m2:
            end += m2.end()
        return text[start:end].strip(" ,;"), d.date
    m = _VAGUE_DEADLINE_RE.search(sk)
    if m:
        return text[m.start():m.end()], None
    m = re.search(r"(срок[а-я]*(?:\s+исполнения)?|мерзими)\s*[:–—-]?\s*", sk)
    if m:
        return text[m.start():m.end()].strip(), None
    return None, None


def read_decision(text: str, *, lang: str, ref_date: dt.date | None = None) -> DecisionReading:
    sk = skeleton(text).strip()
    is_measure = bool(_MEASURE_RE.search(sk))
    executor, everyone = _executor(text, lang=lang)
    deadline_text, deadline_date = _deadline(text, ref=ref_date)
    body = re.sub(r"\(.*?\)", "", sk).strip()
    if _VAGUE_RE.search(body) and not _CONCRETE_RE.search(body):
        concrete: bool | None = False
    elif _CONCRETE_RE.search(body) or is_measure:
        concrete = True
    else:
        concrete = None
    return DecisionReading(executor, everyone, deadline_text, deadline_date, concrete, is_measure)


def parse_decision(text: str, *, lang: str, item_index: int | None, ref_date: dt.date | None = None) -> Decision:
    reading = read_decision(text, lang=lang, ref_date=ref_date)
    return Decision(text=text, executor=reading.executor, deadline_text=reading.deadline_text,
                    deadline_date=reading.deadline_date, concrete=reading.concrete_rule, item_index=item_index)


def is_measure(text: str) -> bool:
    """A sanction the commission applies itself (warning, fine): no executor or deadline is expected."""
    return bool(_MEASURE_RE.search(skeleton(text)))


__all__ = ["DecisionReading", "is_measure", "parse_decision", "read_decision", "despace"]
