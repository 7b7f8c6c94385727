"""Protocol checklist scores: one row per scoring run of a protocol document (never overwritten).

A re-run (new scorer or classifier version) adds a row and marks the earlier ones ``current = False``,
so two versions can be compared. ``structure`` keeps the segmentation (items, decisions, people) the
score was computed from, for the monitoring pages and for audit of a verdict.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from service.db.base import Base, utcnow


class ProtocolScoreRecord(Base):
    __tablename__ = "protocol_scores"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    is_protocol: Mapped[bool] = mapped_column(Boolean)
    language: Mapped[str | None] = mapped_column(String(10))
    score: Mapped[int] = mapped_column(Integer, default=0)
    elements: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    missing: Mapped[list[Any]] = mapped_column(JSON, default=list)
    reason: Mapped[str | None] = mapped_column(Text)  # why a document typed "protocol" is not one
    structure: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    current: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    pipeline_version: Mapped[str] = mapped_column(String(50))
    model: Mapped[str | None] = mapped_column(String(100))  # decision classifier version, None = rules only
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
