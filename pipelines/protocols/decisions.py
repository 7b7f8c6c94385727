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
from pipelines.protocols.dates import find_dates
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
                            r"\s*[:–—-]\s*([^;.)]+)",
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


def _executor(text: str, *, lang: str) -> tuple[str | None, bool]:
    """The executor named in a decision, and whether only "everyone" was named."""
    sk = skeleton(text)
    m = _EXEC_LABEL_RE.search(text)
    candidates: list[str] = []
    if m:
        candidates.append(m.group(2).strip())
    m = _ASSIGN_RE.search(text)
    if m:
        candidates.append(m.group(2))
    tokens = sk.split()
    lead: list[str] = []
    for token in tokens[:8]:
        if token.strip("«(") in _PREPOSITIONS:
            break
        lead.append(token)
    if lang == "kk" or re.search(r"тапсырылсын|міндеттелсін|миндеттелсин", sk):
        # Kazakh puts the executor first, in the dative: "Аудандық білім бөліміне ... тапсырылсын".
        for i, token in enumerate(tokens[:9]):
            word = token.strip(".,;:()«»")
            if word in ("жане", "мен") or not _KK_DATIVE_END.search(word):
                continue
            if AGENCY_STEM_RE.search(word) or (i and AGENCY_STEM_RE.search(tokens[i - 1])) \
                    or re.search(r"барлык|муддели", word):
                candidates.append(" ".join(text.split()[: i + 1]))
                break
    if lead and _RU_DATIVE_END.search(lead[0].strip(".,;:()")):
        candidates.append(" ".join(text.split()[: min(len(lead), 4)]))
    # "ЦРБ обеспечить ...", "ОП района организовать ...": a body in the nominative before the infinitive.
    words = text.split()
    for i, word in enumerate(words[1:6], start=1):
        if re.fullmatch(r"[а-яё]+(ть|ти)[,.]?", word.lower()):
            head = " ".join(words[:i])
            if re.search(r"\b[А-ЯЁ]{2,5}\b", head) or AGENCY_STEM_RE.search(skeleton(head)):
                candidates.append(head)
            break
    everyone = False
    # A decisions table row: "Провести ... | отдел образования, ОП района | до 31.03.2025".
    if "|" in text:
        candidates.extend(cell.strip() for cell in text.split("|")[1:] if cell.strip())
    # "Пункт 6 оставить на контроле; отделу образования завершить ...": each clause may open with its executor.
    for clause in re.split(r";\s*", text)[1:]:
        words = clause.split()
        if words and _RU_DATIVE_END.search(skeleton(words[0]).strip(".,;:()")):
            candidates.append(" ".join(words[:4]))
    for cand in candidates:
        cues = {label for label, *_ in find_cues(cand, lang=lang, labels={"EVERYONE"})}
        if "EVERYONE" not in cues and (AGENCY_STEM_RE.search(skeleton(cand)) or re.search(r"\b[А-ЯЁ]{2,5}\b", cand)):
            return cand.strip(" ,.;:()"), False
        if NAME_RE.search(cand):
            return cand.strip(" ,.;:()"), False
        if "EVERYONE" in cues:
            everyone = True
    return None, everyone


def _deadline(text: str, *, ref: dt.date | None) -> tuple[str | None, dt.date | None]:
    sk = skeleton(text)
    dates = [d for d in find_dates(text, default_year=ref.year if ref else None)
             if not re.search(r"(протокол[а-я]*|хаттама[а-я]*)\s*№?\s*\d*\s*(от)?\s*$", sk[max(0, d.start - 25):d.start])]
    if dates:
        d = dates[-1]
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
