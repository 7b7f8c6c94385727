"""PII detection and masking: IIN checksum, phones, e-mails, addresses, kk/ru names."""

from __future__ import annotations

import pytest

from pipelines.privacy import find_pii, iin_check_digit, is_valid_iin, mask_pii


def _valid_iin(prefix: str) -> str:
    check = iin_check_digit(prefix)
    assert check is not None
    return prefix + str(check)


VALID_IIN = _valid_iin("12050160034")  # born 2012-05-01, century/sex digit 6


@pytest.mark.parametrize("iin", ["080315500129", "120501600344", "951123400560", "150702600789"])
def test_valid_iins_pass_the_checksum(iin: str) -> None:
    assert is_valid_iin(iin)


@pytest.mark.parametrize("iin", [
    "080315500128",   # wrong check digit
    "081315500129",   # month 13
    "080315900129",   # century digit 9
    "12345678901",    # 11 digits
    "1234567890123",  # 13 digits
])
def test_invalid_iins_fail(iin: str) -> None:
    assert not is_valid_iin(iin)


def test_second_weight_pass_is_used_when_first_gives_ten() -> None:
    # Search a prefix whose first pass is 10, then check the function takes the second pass.
    w1 = range(1, 12)
    w2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
    for n in range(10_000):
        prefix = f"0803155{n:04d}"
        if sum(int(d) * w for d, w in zip(prefix, w1, strict=False)) % 11 == 10:
            second = sum(int(d) * w for d, w in zip(prefix, w2, strict=False)) % 11
            assert iin_check_digit(prefix) == (None if second == 10 else second)
            return
    pytest.fail("no prefix with first pass 10 found")


def test_iin_masked_only_when_valid_unless_cued() -> None:
    invalid = VALID_IIN[:-1] + str((int(VALID_IIN[-1]) + 1) % 10)
    masked = mask_pii(f"номер дела {invalid}, баланың туу куәлігі {VALID_IIN}")
    assert VALID_IIN not in masked and "[IIN]" in masked
    assert invalid in masked  # a 12-digit case number with a wrong checksum is not an IIN
    assert invalid not in mask_pii(f"ИИН: {invalid}")  # ...but after an IIN cue it is masked anyway


@pytest.mark.parametrize("phone", [
    "+7 701 234 56 78", "8 (705) 123-45-67", "87771234567", "+77011234567", "8-747-111-22-33",
    "8 7132 55 12 34",
])
def test_phones_are_masked(phone: str) -> None:
    masked = mask_pii(f"мой номер {phone} звоните")
    assert masked == "мой номер [PHONE] звоните"


def test_email_and_address_masked() -> None:
    masked = mask_pii("почта aigerim.zh@mail.ru, адрес ул. Абая, д. 12, кв. 5, Актобе")
    assert "[EMAIL]" in masked and "[ADDRESS]" in masked
    assert "Абая" not in masked and "mail.ru" not in masked
    kk = mask_pii("Мекенжайымыз: Ақтөбе қаласы, Сәңкібай батыр даңғылы 18 үй, 41 пәтер.")
    assert "[ADDRESS]" in kk and "18" not in kk


@pytest.mark.parametrize(("text", "name"), [
    ("Мой сын Жумабаев Нурсултан Бекович учится в 5 классе", "Бекович"),
    ("Я, Серикова Айгерим Нурлановна, прошу помочь", "Нурлановна"),
    ("Менің ұлым Нұрсұлтан Серікұлы мектепке бармайды", "Серікұлы"),
    ("Ермекова Дана Болатқызы 3 сыныпта оқиды", "Болатқызы"),
    ("классный руководитель Иванова И.П. кричит", "Иванова"),
    ("жалоба на учителя А.Б. Касымова", "Касымова"),
    ("қызым Айгерім мектептен қорқады", "Айгерім"),
    ("Aigerim Serikqyzy jazdym", "Serikqyzy"),
])
def test_names_are_masked(text: str, name: str) -> None:
    masked = mask_pii(text)
    assert name not in masked and "[NAME]" in masked


def test_plain_text_without_pii_is_unchanged() -> None:
    text = "Дорога в школу в частном секторе без освещения, мектепке баратын жол жоқ"
    assert find_pii(text) == []
    assert mask_pii(text) == text


def test_spans_point_into_the_text() -> None:
    text = f"Жалоба. ИИН {VALID_IIN}, тел. +7 701 234 56 78, Петров Сергей Иванович"
    for span in find_pii(text):
        assert text[span.start:span.end] == span.text
