"""Complaint triage: category, secondary categories, urgent flag with evidence, confidence, needs_review.

    from pipelines.complaints import ComplaintClassifier
    results = ComplaintClassifier.load().classify(["Алимент төлемейді ..."])
"""

from __future__ import annotations

from pipelines.complaints.classifier import ComplaintClassifier
from pipelines.complaints.types import (
    CATEGORIES,
    URGENT_REASONS,
    ComplaintInput,
    ComplaintResult,
    LabelledComplaint,
)

__all__ = ["CATEGORIES", "URGENT_REASONS", "ComplaintClassifier", "ComplaintInput", "ComplaintResult",
           "LabelledComplaint"]
