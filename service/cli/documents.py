"""``qorgau extract``: files, folders or .zip archives in, one JSON line per file out (no service needed)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated

import typer


def _extract(
    paths: Annotated[list[Path], typer.Argument(help="Files, folders or .zip archives.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="Output JSONL file ('-' for stdout).")],
    no_ocr: Annotated[bool, typer.Option("--no-ocr", help="Never run OCR (scanned pages stay empty).")] = False,
    ocr_languages: Annotated[str, typer.Option(help="Tesseract languages.")] = "kaz+rus",
    ocr_dpi: Annotated[int, typer.Option(help="Render resolution for OCR.")] = 300,
    max_ocr_pages: Annotated[int, typer.Option(
        min=0, help="Pages of one file read by OCR; the rest are left empty and named in a warning (0 = no limit).")] = 300,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="No progress on stderr.")] = False,
    jobs: Annotated[int, typer.Option("-j", "--jobs", min=1, help="Files extracted in parallel processes.")] = 1,
) -> None:
    """Extract text, tables, language, document type and metadata from every file (see design.md)."""
    from pipelines.extract import ExtractOptions, iter_input_files

    options = ExtractOptions(ocr_enabled=not no_ocr, ocr_languages=ocr_languages, ocr_dpi=ocr_dpi,
                             max_ocr_pages=max_ocr_pages or None)
    started = time.perf_counter()
    counts = {"ok": 0, "warning": 0, "failed": 0}
    handle = sys.stdout if str(out) == "-" else out.open("w", encoding="utf-8")
    items = iter_input_files(paths, options=options)
    pool = None
    if jobs > 1:
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(max_workers=jobs)
        results = pool.map(_extract_item, items, _repeat(options), chunksize=1)
    else:
        results = (_extract_item(item, options) for item in items)
    try:
        for index, (item, doc) in enumerate(results, start=1):
            handle.write(json.dumps(doc.to_contract(), ensure_ascii=False) + "\n")
            handle.flush()
            status = "failed" if doc.error else ("warning" if doc.warnings else "ok")
            counts[status] += 1
            if not quiet:
                detail = doc.error or f"{doc.doc_type}, {doc.language or '?'}, {len(doc.pages)} p, " + \
                    "/".join(sorted(set(p.method for p in doc.pages)) or ["-"])
                typer.echo(f"[{index}] {item.display}: {status}: {detail}", err=True)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        if handle is not sys.stdout:
            handle.close()
    if not quiet:
        elapsed = time.perf_counter() - started
        typer.echo(f"done: {sum(counts.values())} files in {elapsed:.1f} s — {counts['ok']} ok, "
                   f"{counts['warning']} with warnings, {counts['failed']} failed -> {out}", err=True)


def _repeat(value: object):  # noqa: ANN202
    while True:
        yield value


def _extract_item(item, options):  # noqa: ANN001, ANN202 - runs in worker processes too
    """(item without its bytes, ExtractedDocument) for one input; never raises for bad input."""
    from dataclasses import replace

    from pipelines.extract import ExtractedDocument, extract_bytes

    if item.error is not None or item.data is None:
        doc = ExtractedDocument.failed(file=item.name, error=item.error or "unreadable", error_code=item.error_code)
    else:
        doc = extract_bytes(item.data, filename=item.name, options=options)
    return replace(item, data=None), doc


def register(app: typer.Typer, train_app: typer.Typer) -> None:
    """Add this module's commands to the main app and to ``qorgau train``."""
    app.command("extract")(_extract)
