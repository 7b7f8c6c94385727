"""Complaints as the ombudsman files them: one row per complaint and the monthly counts, as CSV or XLSX.

Texts and urgent evidence are masked here (``mask_pii``) whatever the caller passes: an export leaves the
service, so children's names, IINs and phones never go into one.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from pydantic import BaseModel

from pipelines import tables
from pipelines.privacy import mask_pii


class ExportedComplaint(BaseModel):
    id: int | str
    received_on: dt.date
    district: str | None = None  # display name (the gazetteer name when the district is known)
    language: str
    category: str
    secondary: list[str] = []
    urgent: bool
    urgent_reason: str | None = None
    urgent_evidence: list[str] = []
    confidence: float
    needs_review: bool
    reviewed: bool
    text: str


COLUMNS = ["№", "Дата", "Район", "Язык", "Категория", "Доп. категории", "Срочно", "Причина срочности",
           "Основание (слова)", "Уверенность", "Нужна проверка", "Проверено", "Текст (скрыты ПДн)"]


def complaints_table(items: Sequence[ExportedComplaint]) -> list[list[object]]:
    return [COLUMNS, *([c.id, c.received_on, c.district or "", c.language, c.category, ", ".join(c.secondary),
                        "да" if c.urgent else "нет", c.urgent_reason or "",
                        " | ".join(mask_pii(e) for e in c.urgent_evidence), round(c.confidence, 3),
                        "да" if c.needs_review else "нет", "да" if c.reviewed else "нет", mask_pii(c.text)]
                       for c in items)]


def monthly_table(items: Sequence[ExportedComplaint], *, by: str) -> list[list[object]]:
    """Month x ``by`` ("category" or "district") counts, plus the urgent ones, months as rows."""
    counts = Counter((c.received_on.strftime("%Y-%m"), getattr(c, by) or "—") for c in items)
    urgent = Counter(c.received_on.strftime("%Y-%m") for c in items if c.urgent)
    months = sorted({month for month, _ in counts})
    keys = sorted({key for _, key in counts})
    return [["Месяц", *keys, "Всего", "Срочных"],
            *([month, *(counts[(month, key)] for key in keys), sum(counts[(month, key)] for key in keys),
               urgent[month]] for month in months)]


def to_csv(items: Sequence[ExportedComplaint]) -> str:
    return tables.to_csv(complaints_table(items))


def to_xlsx(items: Sequence[ExportedComplaint]) -> bytes:
    return tables.to_xlsx({"Жалобы": complaints_table(items), "По категориям": monthly_table(items, by="category"),
                           "По районам": monthly_table(items, by="district")})
