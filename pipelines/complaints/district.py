"""Which Aktobe district a complaint comes from, as a gazetteer key, so that the ombudsman's monthly
counts do not split "Хромтау", "Хромтауский район" and "Хромтау ауданы" into three districts."""

from __future__ import annotations

from corpora.gazetteer import District, district_by_name, find_districts


def complaint_district(given: str | None, text: str) -> District | None:
    """The district the sender named (a bare name is enough there); without one, the district the text
    names, when it names exactly one (a complaint about moving from Хромтау to Алга says nothing sure)."""
    if given and given.strip():
        return district_by_name(given)
    named = {mention.district.id: mention.district for mention in find_districts(text)}
    return next(iter(named.values())) if len(named) == 1 else None
