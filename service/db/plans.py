"""Plan tables: the parsed rows of every plan document and the copies found between plans.

Nothing is overwritten: each indexing run adds rows; earlier ones are kept with ``current = False``
so that a re-run (new pipeline version, grown collection) can be compared with the previous one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from service.db.base import Base, utcnow


class PlanRowRecord(Base):
    """One data row of a plan table, numbered 1.. as it stands in the file."""

    __tablename__ = "plan_rows"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    row_index: Mapped[int] = mapped_column(Integer)
    number: Mapped[str | None] = mapped_column(String(20))
    activity: Mapped[str] = mapped_column(Text)
    deadline: Mapped[str] = mapped_column(Text, default="")
    responsible: Mapped[str] = mapped_column(Text, default="")
    expected_result: Mapped[str] = mapped_column(Text, default="")
    section: Mapped[str | None] = mapped_column(Text)
    current: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    pipeline_version: Mapped[str] = mapped_column(String(50))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class PlanMatchRecord(Base):
    """A suspected copy between two plan documents (``document_a_id < document_b_id``)."""

    __tablename__ = "plan_matches"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_a_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    document_b_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    score: Mapped[float] = mapped_column(Float)
    share_of_rows_reused: Mapped[float] = mapped_column(Float)
    relation: Mapped[str] = mapped_column(String(20), index=True)
    # [[a_row, b_row, score, boilerplate], ...] aligned rows, 1-based row numbers
    rows: Mapped[list[Any]] = mapped_column(JSON, default=list)
    current: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    pipeline_version: Mapped[str] = mapped_column(String(50))
    model: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
