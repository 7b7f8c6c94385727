"""Normalisation: code points first (legacy fonts, look-alikes), then layout characters and whitespace."""

from __future__ import annotations

import pytest

from corpora.render import legacy_kazakh
from pipelines.extract.normalize import NormalizationReport, normalize_text


@pytest.mark.parametrize("raw, expected", [
    ("Ќазаќстан Республикасыныњ Білім жјне ѓылым министрлігі", "Қазақстан Республикасының Білім және ғылым министрлігі"),
    ("Ўлттыќ бірыњѓай тестілеу, бїгін кґмек", "Ұлттық бірыңғай тестілеу, бүгін көмек"),
    ("Қайыpлы таӊ! Əнші бaлапaн", "Қайырлы таң! Әнші балапан"),
    ("прoтoкoл заседания кoмиссии", "протокол заседания комиссии"),
    ("Встреча в Zoom и WhatsApp, IT-специалист", "Встреча в Zoom и WhatsApp, IT-специалист"),
    ("профи\u00adлактика", "профилактика"),
    ("профилак-\nтика правонарушений", "профилактика правонарушений"),
    ("кто-\nнибудь", "кто-нибудь"),
    ("Алматы-\nАстана", "Алматы-Астана"),
    ("  много   пробелов\t и\u00a0табуляций  \n\n\n\nновый абзац", "много пробелов и табуляций\n\nновый абзац"),
])
def test_normalize_text(raw, expected) -> None:
    assert normalize_text(raw) == expected


def test_legacy_round_trip_and_report() -> None:
    source = "Әкімдік жанындағы кәмелетке толмағандардың істері жөніндегі комиссия Үкімет қаулысын орындады."
    report = NormalizationReport()
    assert normalize_text(legacy_kazakh(source), report=report) == source
    assert report.legacy_variant == "kz-cp1251" and report.legacy_chars > 0


def test_homoglyph_count_is_reported() -> None:
    report = NormalizationReport()
    normalize_text("Пpотокол зaседания и peшение", report=report)
    assert report.homoglyphs == 3
