"""Checklist scoring of a segmented protocol: each element true/false with quoted evidence, a 0-100 score.

Element keys and meanings: shared/domain/checklist.md. The ★ elements weigh three times the others.
"""

from __future__ import annotations

import re
from typing import Protocol

from pydantic import BaseModel, Field

from pipelines.protocols.cues import AGENCY_STEM_RE, find_cues, skeleton
from pipelines.protocols.decisions import is_measure
from pipelines.protocols.segment import segment_protocol
from pipelines.protocols.structure import Decision, ProtocolStructure, is_suicide_prevention_text

ELEMENT_KEYS: tuple[str, ...] = (
    "header_number", "header_date", "header_place", "chair_named", "secretary_named", "attendance_list", "quorum",
    "agenda", "heard_per_item", "decisions_per_item", "decisions_concrete", "responsible_assigned",
    "deadlines_assigned", "previous_decisions_control", "individual_cases", "suicide_prevention", "risk_analysis",
    "interagency", "voting", "signatures",
)
STARRED = frozenset({"header_number", "header_date", "chair_named", "secretary_named", "agenda", "decisions_per_item",
                     "decisions_concrete", "responsible_assigned", "deadlines_assigned"})
WEIGHTS = {key: (3.0 if key in STARRED else 1.0) for key in ELEMENT_KEYS}
SCORER_VERSION = "protocols-rules-1"

# A figure: a number counting something (up to two words may sit between: "7 уголовных правонарушений").
_FIGURES_RE = re.compile(r"\d+(?:\s\d{3})*(?:-[а-я]+)?\s*(?:[а-я]+\s+){0,2}?(%|процент|правонаруш|преступл|случа|семе|"
                         r"несовершеннолет|подрост|детей|учащ|школьник|обращени|кукык|кылмыс|жагда|отбасы|камелет|"
                         r"жасоспирим|бала|окушы|хаттама|факт|дет|ребен)|аппг|\d+\s*ай|за\s+\d+\s+месяц")
# Causes and analysis, as stems (Russian and Kazakh inflect: "причинами", "себептері", "талдап").
_CAUSE_RE = re.compile(r"причин|услови[яй]|статистик|анализ|проанализ|связан[аоы]?\s+с|обусловлен|себеп|талда|"
                       r"байланысты|салдары|сравнени|аппг|объясня|снижени|рост[а-я]*\s+на")
_CASE_RE = re.compile(r"в\s+отношении\s+(несовершеннолетн|законн|гр\.)|несовершеннолетн[а-я]*\s+[а-я]\.|"
                      r"камелетке\s+толмаган\s+[а-я]\.|\d{4}\s*(?:г\.\s?р\.|ж\.\s?т\.)|катысты\s+(материал|акимшилик)|"
                      r"рассмотрен[аоы]?\s+(материал|протокол)|предупреждени|штраф|ескерту\s+(жариял|берил)|аиыппул")
_SPEAKER_WINDOW = 14  # tokens at the start of a heard block that name the speaker and their body


class DecisionJudge(Protocol):
    """Anything that can tell concrete decisions from vague ones (the embedding classifier in models/)."""

    version: str

    def predict_concrete(self, texts: list[str]) -> list[float]:
        """Probability that each decision text names a concrete action."""
        ...


class ProtocolScore(BaseModel):
    is_protocol: bool
    language: str | None = None
    elements: dict[str, bool] = Field(default_factory=dict)
    evidence: dict[str, str | None] = Field(default_factory=dict)
    score: int = 0
    missing: list[str] = Field(default_factory=list)
    reason: str | None = None  # why a file is not a protocol
    version: str = SCORER_VERSION

    def to_contract(self, *, file: str) -> dict:
        """One line of ``qorgau protocols score`` (shared design.md)."""
        return {"file": file, "is_protocol": self.is_protocol, "language": self.language,
                "elements": self.elements, "evidence": self.evidence, "score": self.score, "missing": self.missing}


def is_protocol(structure: ProtocolStructure, text: str) -> tuple[bool, str | None]:
    """A protocol has a ПРОТОКОЛ/ХАТТАМА title or at least two protocol blocks; plans and letters do not."""
    stripped = text.strip()
    letters = sum(ch.isalpha() for ch in stripped)
    if len(stripped) < 80 or letters < 0.5 * len(re.sub(r"\s", "", stripped)):
        return False, "empty or unreadable text"
    cyr = len(re.findall(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]", stripped))
    if cyr < 0.5 * letters:
        return False, "no Kazakh or Russian text"
    blocks = sum(bool(x) for x in (any(i.heard for i in structure.agenda_items),
                                   any(i.decided for i in structure.agenda_items), structure.agenda_heading,
                                   structure.attendance_heading))
    head = "\n".join(stripped.splitlines()[:6])
    plan = find_cues(head, lang="kk" if structure.language == "kk" else "ru", labels={"PLAN_TITLE"})
    letter = find_cues("\n".join(stripped.splitlines()[:4]), lang="ru", labels={"LETTER"})
    if plan and blocks < 2:
        return False, "a work plan, not a protocol"
    if letter and blocks < 2 and not structure.title:
        return False, "a letter, not a protocol"
    if structure.title or blocks >= 2:
        return True, None
    return False, "no protocol title or blocks"


def _speaker(block: str) -> str:
    """Who speaks in a heard/spoke block: the words before the dash, or the first few words."""
    head = re.split(r"\s[–—-]\s", block, maxsplit=1)[0]
    return " ".join(head.split()[:_SPEAKER_WINDOW])


def _mask(text: str, *, names: bool) -> str:
    """Mask IINs, phones, e-mails everywhere; names only where a child's case is quoted.

    Officials' names (chair, secretary, speakers) are the evidence the checklist asks for, so they stay.
    """
    from pipelines.privacy import MASKS, find_pii

    spans = [sp for sp in find_pii(text) if names or sp.label in ("IIN", "PHONE", "EMAIL")]
    for sp in reversed(spans):
        text = text[:sp.start] + MASKS[sp.label] + text[sp.end:]
    return text


def _first_sentence(text: str, limit: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def judge_decisions(decisions: list[Decision], judge: DecisionJudge | None) -> list[Decision]:
    """Fill ``concrete`` where the rules left it undecided, using the classifier (or a default)."""
    open_ = [d for d in decisions if d.concrete is None]
    if not open_:
        return decisions
    if judge is None:
        for d in open_:
            # Without a classifier, an undecided decision that names an executor and a date counts as concrete.
            d.concrete = d.executor is not None and d.deadline_date is not None
        return decisions
    for d, p in zip(open_, judge.predict_concrete([d.text for d in open_]), strict=True):
        d.concrete = p >= 0.5
    return decisions


def score_structure(structure: ProtocolStructure, text: str, *, judge: DecisionJudge | None = None) -> ProtocolScore:
    ok, reason = is_protocol(structure, text)
    if not ok:
        return ProtocolScore(is_protocol=False, language=structure.language, reason=reason)
    lang = "ru" if structure.language == "ru" else "kk"
    judge_decisions(structure.decisions, judge)
    e: dict[str, bool] = {}
    ev: dict[str, str | None] = {}

    def put(key: str, value: bool, evidence: str | None) -> None:
        e[key] = bool(value)
        ev[key] = _mask(_first_sentence(evidence), names=key == "individual_cases") if value and evidence else None

    s = structure
    put("header_number", s.number is not None, s.title)
    put("header_date", s.date is not None, s.date_text)
    put("header_place", bool(s.place), s.place)
    put("chair_named", s.chair is not None, s.chair_text)
    put("secretary_named", s.secretary is not None, s.secretary_text)
    put("attendance_list", len(s.members) >= 2, ", ".join(s.members[:5]))
    put("quorum", s.quorum is not None, s.quorum)
    put("agenda", s.agenda_heading and s.agenda_numbered,
        "; ".join(f"{k + 1}. {t}" for k, t in enumerate(s.agenda_list[:3])))
    items = s.agenda_items
    heard_ok = bool(items) and all(any(len(h.split()) >= 5 for h in i.heard) for i in items)
    put("heard_per_item", heard_ok, next((h for i in items for h in i.heard), None))
    decided_ok = bool(items) and all(s.decisions_of(k) for k in range(len(items)))
    put("decisions_per_item", decided_ok, next((d.text for d in s.decisions), None))
    concrete_ok = decided_ok and all(any(d.concrete for d in s.decisions_of(k)) for k in range(len(items)))
    put("decisions_concrete", concrete_ok, next((d.text for d in s.decisions if d.concrete), None))
    tasks = [d for d in s.decisions if d.concrete and not is_measure(d.text)]
    concrete_any = any(d.concrete for d in s.decisions)
    put("responsible_assigned", concrete_any and all(d.executor for d in tasks),
        next((d.executor for d in tasks if d.executor), None) or next((d.text for d in s.decisions if d.concrete), None))
    put("deadlines_assigned", concrete_any and all(d.deadline_date for d in tasks),
        next((d.deadline_text for d in tasks if d.deadline_date), None)
        or next((d.text for d in s.decisions if d.concrete), None))

    body_blocks = [t for i in items for t in (*i.heard, *i.spoke, *i.decided)]
    titles = [i.title for i in items] + s.agenda_list
    control = [t for t in titles + body_blocks if find_cues(t, lang=lang, labels={"CONTROL"})]
    put("previous_decisions_control", bool(control), control[0] if control else None)
    cases = [t for t in body_blocks if find_cues(t, lang=lang, labels={"CASE"}) or _CASE_RE.search(skeleton(t))]
    put("individual_cases", bool(cases), cases[0] if cases else None)
    suicide = [t for t in titles if is_suicide_prevention_text(t)] + [
        d.text for d in s.decisions if is_suicide_prevention_text(d.text)]
    put("suicide_prevention", bool(suicide), suicide[0] if suicide else None)
    risk = [t for i in items for t in (*i.heard, *i.spoke)
            if _FIGURES_RE.search(skeleton(t)) and (find_cues(t, lang=lang, labels={"CAUSE"})
                                                    or _CAUSE_RE.search(skeleton(t)))]
    put("risk_analysis", bool(risk), risk[0] if risk else None)
    agency_ctx = [_speaker(t) for i in items for t in (*i.heard, *i.spoke)]
    agency_ctx += [d.executor for d in s.decisions if d.executor] + s.invited
    agency_ctx += [m.group(0) for d in s.decisions for m in re.finditer(
        r"\((?:ответственн|жауапты)[^)]*\)", d.text, flags=re.IGNORECASE)]
    agency = [t for t in agency_ctx if AGENCY_STEM_RE.search(skeleton(t))]
    put("interagency", bool(agency), agency[0] if agency else None)
    put("voting", bool(s.votes), s.votes[0].text if s.votes else None)
    roles = {sig.role for sig in s.signatures}
    put("signatures", {"chair", "secretary"} <= roles, " / ".join(sig.text for sig in s.signatures[:2]))

    total = sum(WEIGHTS.values())
    score = round(100 * sum(WEIGHTS[k] for k, v in e.items() if v) / total)
    missing = [k for k in ELEMENT_KEYS if not e[k]]
    return ProtocolScore(is_protocol=True, language=s.language, elements=e, evidence=ev, score=score, missing=missing)


def score_protocol(structure_or_text: ProtocolStructure | str, *, text: str | None = None,
                   language: str | None = None, judge: DecisionJudge | None = None) -> ProtocolScore:
    """Score a protocol given its text (segmented here) or an already segmented structure plus its text."""
    if isinstance(structure_or_text, str):
        text = structure_or_text
        structure = segment_protocol(text, language=language)
    else:
        structure = structure_or_text
        if text is None:
            raise ValueError("score_protocol needs the protocol text next to a ready structure (for is_protocol)")
    return score_structure(structure, text, judge=judge)
