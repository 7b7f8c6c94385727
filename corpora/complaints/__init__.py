"""The complaints corpus: ``train.jsonl`` and ``dev.jsonl`` (composed from hand-written fragments by
``generate.py``), ``test.jsonl`` (hand-written whole texts, held out; see ``test_texts.py``)."""

from __future__ import annotations

import json
from pathlib import Path

CORPUS_DIR = Path(__file__).parent
SPLITS = ("train", "dev", "test", "test2", "test3", "test4", "test5", "test6", "test7")


def load_split(name: str, *, directory: Path = CORPUS_DIR) -> list[dict]:
    """Records of one split as dicts: id, text, category, secondary, urgent, urgent_reason, language."""
    if name not in SPLITS:
        raise ValueError(f"unknown split {name!r}; choose one of {SPLITS}")
    with (directory / f"{name}.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
