"""Helpers shared by the complaints tests."""

from __future__ import annotations

from collections import defaultdict


def per_category(records: list[dict], n: int) -> list[dict]:
    """The first ``n`` records of each category, for small, balanced training sets."""
    kept: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        if len(kept[record["category"]]) < n:
            kept[record["category"]].append(record)
    return [r for rs in kept.values() for r in rs]
