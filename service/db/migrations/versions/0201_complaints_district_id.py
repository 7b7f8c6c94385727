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
    # Complaints stored before this revision get their key the way new ones do (the gazetteer is data
    # shipped with the code, so the rule is the same on every machine).
    from pipelines.complaints.district import complaint_district

    connection = op.get_bind()
    complaints = sa.table("complaints", sa.column("id", sa.Integer), sa.column("district", sa.String),
                          sa.column("text", sa.Text), sa.column("district_id", sa.String))
    for row in connection.execute(sa.select(complaints.c.id, complaints.c.district, complaints.c.text)).all():
        district = complaint_district(row.district, row.text)
        if district is not None:
            connection.execute(complaints.update().where(complaints.c.id == row.id).values(district_id=district.id))


def downgrade() -> None:
    with op.batch_alter_table("complaints") as batch:
        batch.drop_index("ix_complaints_district_id")
        batch.drop_column("district_id")
