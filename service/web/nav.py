"""The navigation bar of every page. Areas append their entry in their web module::

    from service.web.nav import NavItem, add_nav_item
    add_nav_item(NavItem(label="Complaints", path="/complaints", roles=("ombudsman",)))

An item is shown to admins and to the listed roles (all roles when ``roles`` is empty).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NavItem:
    label: str
    path: str
    roles: tuple[str, ...] = ()

    def visible_to(self, role: str) -> bool:
        return role == "admin" or not self.roles or role in self.roles


NAV_ITEMS: list[NavItem] = [
    NavItem(label="Batches", path="/batches", roles=("department",)),
    NavItem(label="Documents", path="/documents", roles=("department", "analyst")),
]


def add_nav_item(item: NavItem) -> None:
    if all(existing.path != item.path for existing in NAV_ITEMS):
        NAV_ITEMS.append(item)


def nav_for(role: str) -> list[NavItem]:
    return [item for item in NAV_ITEMS if item.visible_to(role)]
