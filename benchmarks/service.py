"""Service overhead: the same generated files extracted directly vs. through the service, in one run.

    .venv/bin/python benchmarks/service.py [--files 24]

Prints files/s of (a) ``extract_bytes`` in a loop (the pipeline alone, one core), (b) one
``POST /api/batches`` with all files until the batch is finished, with 1 and 2 worker threads
(storage by sha256, job table, DB writes, HTTP included), the time until the 202 answer, and the
ratio service/direct; (b) once with the core alone (no post-extraction steps) and once with the
areas' registered steps (service/steps.py DEFAULT_STEPS: plan indexing with embeddings, ...). Text DOCX and PDF only (OCR speed is benchmarks/extract.py's business).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fastapi.testclient import TestClient  # noqa: E402

from corpora.demo.documents import plan_blocks, protocol_blocks  # noqa: E402
from corpora.render import render_docx, render_pdf  # noqa: E402
from pipelines.extract import ExtractOptions, extract_bytes  # noqa: E402
from service.app import create_app  # noqa: E402
from service.settings import Settings  # noqa: E402

DISTRICTS = ["alga", "martuk", "aktobe-city", "khromtau", "shalkar", "temir", "mugalzhar"]


def generate(count: int) -> list[tuple[str, bytes]]:
    files = []
    for seed in range(count):
        language = "kk" if seed % 2 else "ru"
        district = DISTRICTS[seed % len(DISTRICTS)]
        if seed % 3 == 2:
            blocks, _ = plan_blocks(language=language, district_id=district, year=2024, seed=seed)
            name = f"plan_{seed}_{language}"
        else:
            blocks, _ = protocol_blocks(language=language, district_id=district, date=dt.date(2024, 1 + seed % 12, 10),
                                        number=seed + 1, seed=seed)
            name = f"protocol_{seed}_{language}"
        if seed % 2:
            files.append((name + ".pdf", render_pdf(blocks)))
        else:
            files.append((name + ".docx", render_docx(blocks)))
    return files


def run_service(files: list[tuple[str, bytes]], *, workers: int, steps: bool) -> tuple[float, float]:
    from service import steps as step_registry

    saved_steps = step_registry.DEFAULT_STEPS
    if not steps:
        step_registry.DEFAULT_STEPS = ()
        for step in step_registry.registered_steps():
            step_registry.unregister_document_step(step.name)
    try:
        return _run_service(files, workers=workers)
    finally:
        step_registry.DEFAULT_STEPS = saved_steps


def _run_service(files: list[tuple[str, bytes]], *, workers: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as data_dir:
        settings = Settings(_env_file=None, data_dir=Path(data_dir), admin_token="bench", workers=workers,
                            worker_poll_seconds=0.05)
        with TestClient(create_app(settings), headers={"Authorization": "Bearer bench"}) as client:
            start = time.perf_counter()
            response = client.post("/api/batches", files=[("files", item) for item in files])
            accepted = time.perf_counter() - start
            batch_id = response.json()["id"]
            while not client.get(f"/api/batches/{batch_id}").json()["finished"]:
                time.sleep(0.02)
            total = time.perf_counter() - start
            progress = client.get(f"/api/batches/{batch_id}").json()["progress"]
            assert progress["done"] == len(files), progress
    return accepted, total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=24)
    args = parser.parse_args()
    files = generate(args.files)
    options = ExtractOptions()
    for name, data in files[:2]:  # warm caches (lexicons, gazetteer) the same way for both paths
        extract_bytes(data, filename=name, options=options)

    start = time.perf_counter()
    for name, data in files:
        extract_bytes(data, filename=name, options=options)
    direct = time.perf_counter() - start

    rows = [("extract_bytes loop (pipeline only)", None, direct)]
    for steps in (False, True):
        for workers in (1, 2):
            accepted, total = run_service(files, workers=workers, steps=steps)
            label = "with area steps" if steps else "core only"
            rows.append((f"service {label}, {workers} worker(s)", accepted, total))

    size_mb = sum(len(data) for _, data in files) / (1 << 20)
    print(f"{len(files)} files ({size_mb:.1f} MB: DOCX and text PDF, kk and ru protocols and plans)")  # noqa: T201
    print(f"{'path':44} {'202 after':>10} {'total s':>8} {'files/s':>8} {'vs direct':>9}")  # noqa: T201
    for label, accepted, total in rows:
        accepted_text = f"{accepted:.2f}s" if accepted is not None else "-"
        print(f"{label:44} {accepted_text:>10} {total:8.2f} {len(files) / total:8.1f} {total / direct:8.2f}x")  # noqa: T201


if __name__ == "__main__":
    main()
