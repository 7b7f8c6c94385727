"""``qorgau protocols score`` and ``qorgau train decisions``."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

protocols_app = typer.Typer(no_args_is_help=True, help="Commission protocols: checklist scoring with evidence.")


@protocols_app.command("score")
def _score(
    paths: Annotated[list[Path], typer.Argument(help="Files, folders or .zip archives.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="Output JSONL file ('-' for stdout).")],
    no_ocr: Annotated[bool, typer.Option("--no-ocr", help="Never run OCR (scanned pages stay empty).")] = False,
    no_classifier: Annotated[bool, typer.Option("--no-classifier",
                                                help="Rules only: do not load the decision classifier.")] = False,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="No progress on stderr.")] = False,
) -> None:
    """Score every protocol against the checklist; one JSON line per file (see design.md)."""
    from pipelines.extract import ExtractOptions, extract_bytes, iter_input_files
    from pipelines.protocols import score_protocol

    judge = None
    if not no_classifier:
        from models.protocols import load_default

        judge = load_default()
    options = ExtractOptions(ocr_enabled=not no_ocr)
    started = time.perf_counter()
    counted = {"protocols": 0, "other": 0, "failed": 0}
    handle = sys.stdout if str(out) == "-" else out.open("w", encoding="utf-8")
    try:
        for index, item in enumerate(iter_input_files(paths, options=options), start=1):
            error = item.error
            line: dict
            if error is None and item.data is not None:
                doc = extract_bytes(item.data, filename=item.name, options=options)
                error = doc.error
            if error is not None:
                line = {"file": item.name, "is_protocol": False, "language": None, "elements": {}, "evidence": {},
                        "score": 0, "missing": [], "error": error}
                counted["failed"] += 1
            else:
                result = score_protocol(doc.text, language=doc.language if doc.language in ("kk", "ru") else None,
                                        judge=judge)
                line = result.to_contract(file=item.name)
                if not result.is_protocol:
                    line["reason"] = result.reason
                counted["protocols" if result.is_protocol else "other"] += 1
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
            handle.flush()
            if not quiet:
                detail = line.get("error") or (f"score {line['score']}, missing {len(line['missing'])}"
                                               if line["is_protocol"] else f"not a protocol ({line.get('reason')})")
                typer.echo(f"[{index}] {item.display}: {detail}", err=True)
    finally:
        if handle is not sys.stdout:
            handle.close()
    if not quiet:
        typer.echo(f"done in {time.perf_counter() - started:.1f} s: {counted['protocols']} protocols, "
                   f"{counted['other']} other, {counted['failed']} failed -> {out}", err=True)


def _train_decisions(
    out: Annotated[Path | None, typer.Option("-o", "--out", help="Where to write the head (.npz).")] = None,
    c: Annotated[float, typer.Option(help="Inverse regularisation of the logistic head.")] = 4.0,
) -> None:
    """Train the concrete-vs-vague decision head on corpora/protocols (train split + decisions.jsonl)."""
    from models.protocols import DEFAULT_ARTIFACT, train

    figures = train(out=out or DEFAULT_ARTIFACT, c=c)
    typer.echo(json.dumps(figures, ensure_ascii=False))


def register(app: typer.Typer, train_app: typer.Typer) -> None:
    """Add this module's commands to the main app and to ``qorgau train``."""
    app.add_typer(protocols_app, name="protocols")
    train_app.command("decisions")(_train_decisions)
