"""CLI commands of this area (being built)."""

from __future__ import annotations

import typer


def register(app: typer.Typer, train_app: typer.Typer) -> None:
    """Add this module's commands to the main app and to ``qorgau train``."""
