"""Complaint tables: each classified complaint (original text kept only here; exports carry the masked
text) and every officer's correction (who, when, old and new labels), which feeds
``qorgau train complaints --with-feedback``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service.db.base import Base, utcnow


class Complaint(Base):
    __tablename__ = "complaints"

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    created_by: Mapped[str] = mapped_column(String(200))
    received_on: Mapped[dt.date] = mapped_column(index=True)  # date of the complaint (given, else upload day)
    district: Mapped[str | None] = mapped_column(String(200), index=True)
    district_id: Mapped[str | None] = mapped_column(String(100), index=True)  # gazetteer key, if known
    text: Mapped[str] = mapped_column(Text)  # the original; never leaves the store unmasked
    masked_text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(10))
    # What the model said (kept as it was) ...
    predicted_category: Mapped[str] = mapped_column(String(40))
    predicted_secondary: Mapped[list[str]] = mapped_column(JSON, default=list)
    predicted_urgent: Mapped[bool] = mapped_column(Boolean)
    urgent_reason: Mapped[str | None] = mapped_column(String(40))
    urgent_evidence: Mapped[list[str]] = mapped_column(JSON, default=list)
    confidence: Mapped[float] = mapped_column(Float)
    needs_review: Mapped[bool] = mapped_column(Boolean)
    model_version: Mapped[str] = mapped_column(String(100))
    # ... and what people decided (starts equal to the prediction; corrections change these).
    category: Mapped[str] = mapped_column(String(40), index=True)
    secondary: Mapped[list[str]] = mapped_column(JSON, default=list)
    urgent: Mapped[bool] = mapped_column(Boolean, index=True)
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    reviewed_by: Mapped[str | None] = mapped_column(String(200))

    corrections: Mapped[list[ComplaintCorrection]] = relationship(
        back_populates="complaint", order_by="ComplaintCorrection.id")


class ComplaintCorrection(Base):
    __tablename__ = "complaint_corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    by: Mapped[str] = mapped_column(String(200))
    old: Mapped[dict[str, Any]] = mapped_column(JSON)  # {"category", "secondary", "urgent", "urgent_reason"}
    new: Mapped[dict[str, Any]] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)
    model_version: Mapped[str | None] = mapped_column(String(100))
    used_in_training: Mapped[int | None] = mapped_column(Integer)  # reserved: id of a training run

    complaint: Mapped[Complaint] = relationship(back_populates="corrections")
