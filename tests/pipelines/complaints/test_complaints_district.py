"""A complaint's district as a gazetteer key: from the field the sender filled (a bare name is enough),
else from the text when it names exactly one district."""

from __future__ import annotations

import pytest

from corpora.gazetteer import district_by_name
from pipelines.complaints.district import complaint_district


@pytest.mark.parametrize(("given", "expected"), [
    ("Хромтау", "khromtau"), ("Хромтауский р-н", "khromtau"), ("Хромтау ауданы", "khromtau"),
    ("Ақтөбе", "aktobe-city"), ("г. Актобе", "aktobe-city"), ("Алгинский", "alga"), ("martuk", "martuk"),
    ("Лондон", None), ("  ", None),
])
def test_a_named_district_resolves_in_any_spelling(given: str, expected: str | None) -> None:
    district = district_by_name(given)
    assert (district.id if district else None) == expected


def test_the_given_field_wins_over_the_text() -> None:
    district = complaint_district("Мартукский район", "Раньше жили в Хромтауском районе.")
    assert district is not None and district.id == "martuk"


def test_the_text_decides_only_when_it_names_one_district() -> None:
    one = complaint_district(None, "Живём в Шалкарском районе, школьного автобуса нет.")
    assert one is not None and one.id == "shalkar"
    assert complaint_district(None, "Переехали из Хромтауского района в Алгинский район.") is None
    assert complaint_district(None, "Алға! Балалар мектепке барады.") is None  # "forward", not the district
