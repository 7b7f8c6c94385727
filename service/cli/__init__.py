"""The ``qorgau`` command line. Each module registers its own commands; this file only assembles them."""

from __future__ import annotations

import typer

from service.cli import complaints, documents, monitoring, plans, protocols, server, similar

app = typer.Typer(no_args_is_help=True, add_completion=False,
                  help="Qorgau: document intelligence for child-rights protection.")
train_app = typer.Typer(no_args_is_help=True, help="Train models from corpora/ (and officers' feedback).")
app.add_typer(train_app, name="train")

for module in (documents, server, complaints, plans, similar, protocols, monitoring):
    module.register(app, train_app)


def main() -> None:
    app()
