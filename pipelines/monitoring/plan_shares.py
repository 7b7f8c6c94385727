"""The plan duplication share of each commission, from the plans module's duplicate pairs.

``qorgau plans duplicates`` reports plan pairs with ``share_of_rows_reused`` (reused rows over the rows
of the shorter plan). A commission's share is the largest one among the pairs involving one of its
plans, whether the other plan is another district's or its own plan of another year: both are the
copying the checklist asks about.
"""

from __future__ import annotations

from collections.abc import Iterable


def plan_duplication_shares(pairs: Iterable[tuple[str, str, float]],
                            commission_of_plan: dict[str, str]) -> dict[str, float]:
    """Largest share of reused rows per commission.

    Args:
        pairs: (plan file a, plan file b, share_of_rows_reused) as in the duplicates report.
        commission_of_plan: plan file base name -> commission (district) id; unknown files are ignored.
    """
    shares: dict[str, float] = {}
    for a, b, share in pairs:
        for plan in {a, b}:
            commission = commission_of_plan.get(plan)
            if commission is not None:
                shares[commission] = max(shares.get(commission, 0.0), float(share))
    return shares
