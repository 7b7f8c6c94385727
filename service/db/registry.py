"""Which modules define tables, so that Alembic and ``create_app`` see the whole schema.

Areas add their module path to ``AREA_MODEL_MODULES`` (one line each). A module that does not
exist yet is skipped, so areas can land in any order; a module that exists but fails to import
raises as usual.
"""

from __future__ import annotations

import importlib

AREA_MODEL_MODULES: tuple[str, ...] = (
    "service.db.complaints",
    "service.db.plans",
    "service.db.protocols",
    "service.db.monitoring",
)


def import_optional(module_name: str) -> object | None:
    """Import ``module_name`` or return None if that very module is absent (not its dependencies)."""
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name is not None and module_name.startswith(exc.name):
            return None
        raise


def import_all_models() -> None:
    importlib.import_module("service.db.models")
    for module_name in AREA_MODEL_MODULES:
        import_optional(module_name)
