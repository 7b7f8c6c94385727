"""Write ``corpora/complaints/test2.jsonl`` ... ``test7.jsonl`` from the held-out texts."""

from __future__ import annotations

import json
from pathlib import Path

from corpora.complaints.heldout import CORPUS_DIR, HELD_OUT, records


def write(directory: Path = CORPUS_DIR) -> None:
    for split in HELD_OUT:
        with (directory / f"{split}.jsonl").open("w", encoding="utf-8") as handle:
            for record in records(split):
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    write()
