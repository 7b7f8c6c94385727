"""The one Jinja environment. Areas put templates in ``service/web/templates/<area>/`` and extend
``base.html`` (blocks: ``title``, ``content``, ``scripts``)."""

from __future__ import annotations

from pathlib import Path

from fastapi.templating import Jinja2Templates

WEB_DIR = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=WEB_DIR / "templates")
templates.env.filters["filesize"] = lambda size: "" if size is None else (
    f"{size / (1 << 20):.1f} MB" if size >= 1 << 20 else f"{size / 1024:.1f} KB" if size >= 1024 else f"{size} B")
