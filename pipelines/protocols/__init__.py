"""Commission protocols: segmentation into blocks and checklist scoring with evidence (kk, ru, mixed)."""

from pipelines.protocols.score import (
    ELEMENT_KEYS,
    STARRED,
    WEIGHTS,
    DecisionJudge,
    ProtocolScore,
    score_protocol,
)
from pipelines.protocols.segment import detect_language, segment_protocol
from pipelines.protocols.structure import (
    AgendaItem,
    Decision,
    ProtocolStructure,
    Signature,
    Vote,
    is_suicide_prevention_text,
)

__all__ = ["AgendaItem", "Decision", "DecisionJudge", "ELEMENT_KEYS", "ProtocolScore", "ProtocolStructure", "STARRED",
           "Signature", "Vote", "WEIGHTS", "detect_language", "is_suicide_prevention_text", "score_protocol",
           "segment_protocol"]
