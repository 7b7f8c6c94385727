"""Text normalisation applied to every extracted text before anything reads it.

Order matters: code points first (legacy Kazakh fonts, look-alike letters), then characters that
only disturb layout (soft hyphens, zero-width marks), then line hyphenation, then whitespace.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Legacy "pseudo-Unicode" Kazakh fonts (the KZ font families of the 1990s-2000s) drew Kazakh letters on
# the code points of Serbian/Macedonian/Ukrainian/Belarusian letters, which neither Kazakh nor Russian
# uses. Text copied out of such documents reads «Ќазаќстан Республикасыныњ». The table is our
# reconstruction of the common cp1251-based variant (inferred; the per-variant tables were not retrieved).
LEGACY_KAZAKH_VARIANTS: dict[str, dict[str, str]] = {
    "kz-cp1251": {
        "ј": "ә", "Ј": "Ә",
        "ѓ": "ғ", "Ѓ": "Ғ",
        "ќ": "қ", "Ќ": "Қ",
        "њ": "ң", "Њ": "Ң",
        "ґ": "ө", "Ґ": "Ө",
        "ў": "ұ", "Ў": "Ұ",
        "ї": "ү", "Ї": "Ү",
        "ћ": "һ", "Ћ": "Һ",
    },
}
_LEGACY_CHARS = frozenset("".join(LEGACY_KAZAKH_VARIANTS["kz-cp1251"]))
_LEGACY_RE = re.compile("[" + "".join(sorted(_LEGACY_CHARS)) + "]")

# Look-alikes from other Unicode blocks seen in real Kazakh text (kaznlp's normaliser maps the same).
_LOOKALIKE_LETTERS = str.maketrans({
    "\u04ca": "ң", "\u04c9": "Ң",  # ӊ Ӊ (Khanty en with tail)
    "\u0259": "ә", "\u018f": "Ә",  # Latin schwa
    "\u0275": "ө", "\u019f": "Ө",  # Latin barred o
})

# Latin letters that look like Cyrillic ones; replaced only inside words that are mostly Cyrillic.
LATIN_TO_CYRILLIC = {
    "a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "i": "і", "h": "һ", "k": "к",
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М", "O": "О", "P": "Р",
    "T": "Т", "X": "Х", "I": "І", "Y": "У",
}
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\u00a0\u202f\u2007"), None)
_INVISIBLE[0x00A0] = " "
_INVISIBLE[0x202F] = " "
_INVISIBLE[0x2007] = " "

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_NEEDS_TRANSLATE = re.compile("[\u04ca\u04c9\u0259\u018f\u0275\u019f\u00ad\u200b\u200c\u200d\u2060\ufeff\u00a0\u202f\u2007]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")
# «профилак-\nтика» -> «профилактика»; «кто-\nнибудь» keeps its hyphen.
_HYPHEN_BREAK = re.compile(r"([^\W\d_]{2,})[-\u2010\u2011]\s*\n\s*([^\W\d_]+)")
_KEEP_HYPHEN_SUFFIXES = {"то", "либо", "нибудь", "таки", "ка", "де", "тағы"}
_SPACES = re.compile(r"[ \t\f\v]+")


@dataclass
class NormalizationReport:
    legacy_variant: str | None = None
    legacy_chars: int = 0
    homoglyphs: int = 0
    hyphenations: int = 0
    changes: list[str] = field(default_factory=list)


def is_cyrillic_char(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def count_legacy_kazakh_chars(text: str) -> int:
    return len(_LEGACY_RE.findall(text))


def repair_legacy_kazakh(text: str, *, variant: str = "kz-cp1251") -> str:
    return text.translate(str.maketrans(LEGACY_KAZAKH_VARIANTS[variant]))


def fix_homoglyph_word(word: str) -> str:
    """Replace Latin look-alikes in a word that is mostly Cyrillic; leave Latin words (IT, Zoom) alone."""
    cyr = sum(1 for ch in word if is_cyrillic_char(ch))
    lat = sum(1 for ch in word if "A" <= ch <= "z")
    if cyr == 0 or lat == 0 or lat > cyr:
        return word
    return "".join(LATIN_TO_CYRILLIC.get(ch, ch) for ch in word)


def fix_homoglyphs(text: str) -> tuple[str, int]:
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        word = match.group(0)
        fixed = fix_homoglyph_word(word)
        if fixed != word:
            count += 1
        return fixed

    if not _LATIN.search(text):
        return text, 0
    return _WORD.sub(replace, text), count


def join_hyphenated_lines(text: str) -> tuple[str, int]:
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        head, tail = match.group(1), match.group(2)
        if not tail[0].islower() or tail.lower() in _KEEP_HYPHEN_SUFFIXES:
            return f"{head}-{tail}"
        count += 1
        return head + tail

    return _HYPHEN_BREAK.sub(replace, text), count


def normalize_whitespace(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def normalize_text(text: str, *, report: NormalizationReport | None = None) -> str:
    """Return ``text`` with code points repaired and whitespace tidied; record what changed in ``report``."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    legacy = count_legacy_kazakh_chars(text)
    if legacy:
        text = repair_legacy_kazakh(text)
        if report is not None:
            report.legacy_variant = "kz-cp1251"
            report.legacy_chars += legacy
            report.changes.append(f"legacy Kazakh font code points repaired ({legacy})")
    if _NEEDS_TRANSLATE.search(text):
        text = text.translate(_LOOKALIKE_LETTERS).translate(_INVISIBLE)
    text, homoglyphs = fix_homoglyphs(text)
    text, hyphenations = join_hyphenated_lines(text) if "-" in text or "\u2010" in text or "\u2011" in text \
        else (text, 0)
    if report is not None:
        report.homoglyphs += homoglyphs
        report.hyphenations += hyphenations
        if homoglyphs:
            report.changes.append(f"Latin look-alikes inside Cyrillic words replaced ({homoglyphs} words)")
    return normalize_whitespace(text)


def normalize_cell(text: str | None) -> str:
    """Table cells: the same repairs, but a cell's line breaks are layout, not paragraphs."""
    if not text:
        return ""
    return " ".join(normalize_text(text).split())
