"""Revision 0201 on a database that already holds complaints: the new ``district_id`` is filled for the
old rows by the same rule as for new ones (real SQLite, real Alembic)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import text

from service.db.engine import alembic_config, make_engine, upgrade_database
from service.settings import Settings

OLD_ROW = ("insert into complaints (created_at, created_by, received_on, district, text, masked_text, language, "
           "predicted_category, predicted_secondary, predicted_urgent, urgent_evidence, confidence, needs_review, "
           "model_version, category, secondary, urgent) values ('2026-01-01', 'officer', '2026-01-01', :district, "
           ":text, :text, 'ru', 'alimony', '[]', 0, '[]', 0.9, 0, 'v1', 'alimony', '[]', 0)")


def test_old_complaints_get_their_district_key(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    engine = make_engine(settings)
    config = alembic_config(settings)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0200_complaints")
        for district, body in [("Хромтау", "Алимент төленбейді."), (None, "Живём в Шалкарском районе, алименты не платят."),
                               ("Лондон", "Не платит алименты.")]:
            connection.execute(text(OLD_ROW), {"district": district, "text": body})

    upgrade_database(settings, engine)

    with engine.connect() as connection:
        rows = connection.execute(text("select district, district_id from complaints order by id")).all()
    assert [tuple(row) for row in rows] == [("Хромтау", "khromtau"), (None, "shalkar"), ("Лондон", None)]
