"""The ``/api`` router: core routes plus each area's route module.

To add an area's API: create ``service/api/routes/<area>.py`` with ``router = APIRouter(prefix="/<area>",
tags=["<area>"])`` and add its module name to ``AREA_ROUTE_MODULES``. A listed module that does not
exist yet is skipped, so areas can land in any order.
"""

from __future__ import annotations

from fastapi import APIRouter

from service.api.routes import auth, batches, documents
from service.db.registry import import_optional

AREA_ROUTE_MODULES: tuple[str, ...] = (
    "service.api.routes.complaints",
    "service.api.routes.plans",
    "service.api.routes.protocols",
    "service.api.routes.commissions",
    "service.api.routes.similar",
)


def build_api_router() -> APIRouter:
    api_router = APIRouter(prefix="/api")
    for module in (auth, batches, documents):
        api_router.include_router(module.router)
    for module_name in AREA_ROUTE_MODULES:
        module = import_optional(module_name)
        if module is not None:
            api_router.include_router(module.router)  # type: ignore[attr-defined]
    return api_router
