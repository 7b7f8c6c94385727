"""complaints: gazetteer district key per complaint

Revision ID: 0201_complaints_district_id
Revises: 0200_complaints
Create Date: 2026-11-26 11:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0201_complaints_district_id"
down_revision: str | Sequence[str] | None = "0200_complaints"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("complaints") as batch:
        batch.add_column(sa.Column("district_id", sa.String(length=100), nullable=True))
        batch.create_index("ix_complaints_district_id", ["district_id"])


def downgrade() -> None:
    with op.batch_alter_table("complaints") as batch:
        batch.drop_index("ix_complaints_district_id")
        batch.drop_column("district_id")
