"""Storage of the service: SQLAlchemy 2 models, engine/session factory, Alembic migrations."""
