"""The pages router: core pages plus each area's page module.

To add an area's pages: create ``service/web/routes/<area>.py`` with ``router = APIRouter()`` whose
routes take ``user: Annotated[Principal, Depends(require_web_role("<role>"))]`` and return
``render(request, "<area>/<page>.html", user=user, ...)``; call ``add_nav_item(...)`` at module level;
add the module name to ``AREA_WEB_MODULES``.
"""

from __future__ import annotations

from fastapi import APIRouter

from service.db.registry import import_optional
from service.web.nav import add_nav_item
from service.web.routes import admin, core

AREA_WEB_MODULES: tuple[str, ...] = (
    "service.web.routes.complaints",
    "service.web.routes.plans",
    "service.web.routes.protocols",
    "service.web.routes.commissions",
)


def build_web_router() -> APIRouter:
    router = APIRouter(include_in_schema=False)
    router.include_router(core.router)
    router.include_router(admin.router)
    for module_name in AREA_WEB_MODULES:
        module = import_optional(module_name)
        if module is not None:
            router.include_router(module.router)  # type: ignore[attr-defined]
    add_nav_item(admin.NAV_ITEM)  # last in the bar
    return router
