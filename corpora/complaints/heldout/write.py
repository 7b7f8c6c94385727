"""Write ``corpora/complaints/test2.jsonl`` from the held-out TEST v2 texts."""

from __future__ import annotations

import json
from pathlib import Path

from corpora.complaints.heldout import OUT, records


def write(path: Path = OUT) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for record in records():
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    write()
