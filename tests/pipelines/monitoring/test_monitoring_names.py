"""Officials' names: every way a protocol writes one person gives one key; different people stay apart."""

from __future__ import annotations

import pytest

from pipelines.monitoring.names import mask_person, parse_person_name, resolve_people

AKHMETOVA = [
    "Ахметова А.Б.",
    "А.Б. Ахметова",
    "А.Б.Ахметова",
    "АХМЕТОВА А.Б.",
    "Ахметовой Айгерим Болатовны",  # ru genitive: "под председательством ..."
    "Ахметовой А.Б.",
    "Ахметову А.Б.",  # ru accusative
    "Әхметова Айгерім Болатқызы",  # kk spelling and patronymic
    "Әхметова Айгерим Болат қызы",
    "Ахметова А.Б.-ның",
    "заместитель акима района Ахметова А.Б.",
    "аудан әкімінің орынбасары Әхметова А.Б.",
    "Айгерим Болатовна Ахметова",
]


@pytest.mark.parametrize("written", AKHMETOVA)
def test_variants_of_one_person_parse_to_the_same_key(written: str) -> None:
    name = parse_person_name(written)
    assert name is not None
    assert (name.surname, name.first_initial, name.patronymic_initial) == ("ахметов", "а", "б")


@pytest.mark.parametrize(("written", "expected"), [
    # surnames are compared as a consonant skeleton: и, ы, й, ь, ъ and doubled letters dropped
    ("Сейітова Гүлнар Қайратқызы", ("сетов", "г", "к")),
    ("Сейтова Г.К.", ("сетов", "г", "к")),  # ru transliteration drops the Kazakh "і"
    ("Тілеуов Е.С.", ("тлеуов", "е", "с")),
    ("Тлеуова Ерлана Сериковича", ("тлеуов", "е", "с")),  # male genitive
    ("Ковальской Ольги Викторовны", ("ковалск", "о", "в")),
    ("Ковальская О.В.", ("ковалск", "о", "в")),
    ("Ахметовым Арманом Болатовичем", ("ахметов", "а", "б")),  # ru instrumental
    ("Ахметовтың", ("ахметов", None, None)),  # kk genitive, bare surname
    ("Е. Болатұлы", ("болатул", "е", None)),  # a -ұлы word with initials is the surname
    ("Айгерим Сәрсенбай", ("сарсенба", "а", None)),  # given name first, no surname suffix
    ("Сәрсенбай Айгерим", ("сарсенба", "а", None)),
    ("Мадина Жумабаева", ("жумабаев", "м", None)),
])
def test_case_forms_and_spellings(written: str, expected: tuple[str, str | None, str | None]) -> None:
    name = parse_person_name(written)
    assert name is not None
    assert (name.surname, name.first_initial, name.patronymic_initial) == expected


@pytest.mark.parametrize("written", [None, "", "   ", "Секретарь:", "не назначен", "ПДН, ВКС"])
def test_no_name(written: str | None) -> None:
    assert parse_person_name(written) is None


def test_resolution_groups_variants_and_separates_people() -> None:
    people = resolve_people([
        "Ахметова А.Б.", "Әхметова Айгерім Болатқызы", None, "Ахметовой А.Б.",
        "Ахметова Д.К.",  # same surname, other initials: another person
        "Сейтова Г.К.", "Сейітова Гүлнар Қайратқызы",
        "А. Ахметова",  # only the first initial: joins the first compatible person
    ])
    keys = [p.key if p else None for p in people]
    assert keys[0] == keys[1] == keys[3] == keys[7]
    assert keys[2] is None
    assert keys[4] != keys[0]
    assert keys[5] == keys[6] != keys[0]
    assert len({k for k in keys if k}) == 3
    assert people[0] is not None and people[0].display == "Ахметова А.Б."


def test_mask_keeps_initials() -> None:
    assert mask_person("Ахметова А.Б.") == "А******* А.Б."
    assert mask_person("Ахметова") == "А*******"


def test_ocr_misread_joins_only_with_both_initials() -> None:
    people = resolve_people(["Ахметова А.Б.", "Ахмегова А.Б.", "Ахмегова А.", "Ахмедова Д.К."])
    keys = [p.key for p in people if p]
    assert keys[0] == keys[1]  # one letter off, both initials equal
    assert keys[2] != keys[0]  # one initial only: not enough to forgive a letter
    assert keys[3] != keys[0]


def test_display_prefers_the_nominative_spelling() -> None:
    people = resolve_people(["Ахметовой А.Б.", "Ахметовой А.Б.", "Ахметова А.Б."])
    assert {p.display for p in people if p} == {"Ахметова А.Б."}


def test_latin_look_alikes_from_broken_text_layers_fold_to_cyrillic() -> None:
    latin = parse_person_name("Axметова A.Б.")  # Latin "x" and "A"
    assert latin is not None
    assert (latin.surname, latin.first_initial, latin.patronymic_initial) == ("ахметов", "а", "б")
