"""Typed inputs and outputs of complaint classification (the JSON of ``qorgau complaints classify``)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from pipelines.types import Language

Category = Literal[
    "alimony", "school_route", "education_access", "extracurricular_darabala", "school_climate",
    "violence_abuse", "family_custody", "social_support", "health", "preschool", "other",
]
CATEGORIES: tuple[str, ...] = Category.__args__  # type: ignore[attr-defined]
UrgentReason = Literal["suicide", "violence", "sexual_abuse", "missing_child", "danger_to_life"]
URGENT_REASONS: tuple[str, ...] = UrgentReason.__args__  # type: ignore[attr-defined]


class ComplaintInput(BaseModel):
    """One complaint to classify; other fields of an input line are ignored."""

    model_config = ConfigDict(extra="ignore")

    id: str
    text: str


class LabelledComplaint(BaseModel):
    """A corpus or feedback example."""

    model_config = ConfigDict(extra="ignore")

    id: str = ""
    text: str
    category: Category
    secondary: list[Category] = Field(default_factory=list)
    urgent: bool = False
    urgent_reason: UrgentReason | None = None
    language: Language | None = None


class ComplaintResult(BaseModel):
    """The output contract (design.md): one line of ``qorgau complaints classify``."""

    id: str
    category: Category
    secondary: list[Category]
    urgent: bool
    urgent_reason: UrgentReason | None
    urgent_evidence: list[str]
    confidence: float = Field(ge=0.0, le=1.0)
    needs_review: bool
    language: Language
