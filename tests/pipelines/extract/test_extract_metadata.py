"""Document type and metadata: district (every district, both languages), date, number, year."""

from __future__ import annotations

import datetime as dt

import pytest

from corpora.demo.documents import plan_blocks, protocol_blocks
from corpora.gazetteer import districts, find_districts
from corpora.render import blocks_text
from pipelines.extract import extract_bytes
from pipelines.extract.metadata import find_dates, find_number

DISTRICT_IDS = [d.id for d in districts()]


def test_gazetteer_has_12_districts_and_the_city() -> None:
    kinds = [d.kind for d in districts()]
    assert kinds.count("district") == 12 and kinds.count("city") == 1
    assert len(set(DISTRICT_IDS)) == 13


@pytest.mark.parametrize("district_id", DISTRICT_IDS)
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_protocol_and_plan_metadata_for_every_district(district_id, language) -> None:
    seed = DISTRICT_IDS.index(district_id)
    date = dt.date(2024, 1 + seed % 12, 3 + seed)
    blocks, truth = protocol_blocks(language=language, district_id=district_id, date=date, number=seed + 1,
                                    seed=seed)
    doc = extract_bytes(blocks_text(blocks).encode(), filename="protocol.txt")
    assert (doc.doc_type, doc.language) == ("protocol", language)
    assert (doc.metadata.district, doc.metadata.district_id) == (truth.district, district_id)
    assert (doc.metadata.date, doc.metadata.number, doc.metadata.year) == (date, str(seed + 1), 2024)

    blocks, truth = plan_blocks(language=language, district_id=district_id, year=2025, seed=seed)
    rows = [b for b in blocks if not isinstance(b, str)][0].expanded()
    text = blocks_text(blocks) + "\n" + "\n".join("\t".join(r) for r in rows)
    doc = extract_bytes(text.encode(), filename="plan.txt")
    assert doc.doc_type == "plan"
    assert (doc.metadata.district, doc.metadata.year) == (truth.district, 2025)


@pytest.mark.parametrize("text, district_id, language", [
    ("при акимате Алгинского района Актюбинской области", "alga", "ru"),
    ("Алга ауданының әкімдігі", "alga", "kk"),  # typed without Kazakh letters
    ("Хромтауский р-н", "khromtau", "ru"),
    ("в Кобдинском районе", "khobda", "ru"),
    ("Мұғалжар аудандық комиссиясы", "mugalzhar", "kk"),
    ("акимата г.Актобе", "aktobe-city", "ru"),
    ("Ақтөбе қалалық комиссия", "aktobe-city", "kk"),
    ("с. Бадамша", "kargaly", "ru"),
    ("Шұбарқұдық кенті", "temir", "kk"),
])
def test_gazetteer_forms(text, district_id, language) -> None:
    mention = find_districts(text)[0]
    assert (mention.district.id, mention.language) == (district_id, language)


def test_region_name_is_not_the_city() -> None:
    assert find_districts("Ақтөбе облысы, Актюбинская область") == []


@pytest.mark.parametrize("text, expected", [
    ("от «05» марта 2024 года", dt.date(2024, 3, 5)),
    ("15.11.2023", dt.date(2023, 11, 15)),
    ("2024 жылғы 12 наурыз", dt.date(2024, 3, 12)),
    ("2025 ж. «3» қаңтар", dt.date(2025, 1, 3)),
    ("7 мая 2024 г.", dt.date(2024, 5, 7)),
    ("21 желтоқсан 2023 ж.", dt.date(2023, 12, 21)),
    ("2024-02-29", dt.date(2024, 2, 29)),
])
def test_dates(text, expected) -> None:
    assert find_dates(text)[0][1] == expected


def test_invalid_dates_are_ignored() -> None:
    assert find_dates("31.02.2024 и 45 марта 2024") == []


@pytest.mark.parametrize("text, expected", [
    ("ПРОТОКОЛ № 7\nзаседания", "7"), ("Хаттама №12-2024", "12-2024"), ("ПРОТОКОЛ ЗАСЕДАНИЯ № 3/1", "3/1"),
    ("ХАТТАМА № 5-қ", "5-қ"),
])
def test_protocol_number(text, expected) -> None:
    assert find_number(text) == expected


def test_other_document_type() -> None:
    text = "Справка о проделанной работе отдела образования за первое полугодие. Проведено 12 рейдов."
    doc = extract_bytes(text.encode(), filename="note.txt")
    assert doc.doc_type == "other"
