"""Paragraphs from layout lines: shared by the PDF text layer, OCR output and plain text."""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBERED = re.compile(r"^(?:\d{1,3}[.)]|\d{1,2}\.\d{1,2}\.?|[IVX]{1,4}\.|[-–•*·])\s")
_SENTENCE_END = re.compile(r"[.:;!?»\"”)]$")
_LABEL = re.compile(r"^[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+(?:\s[а-яёәғқңөұүһі]+)?:\s")
_CAPS_LEAD = re.compile(r"^[А-ЯЁӘҒҚҢӨҰҮҺІA-Z]{4,}(?:\s[А-ЯЁӘҒҚҢӨҰҮҺІA-Z]{2,})*\s?[:.]")


def split_paragraphs(text: str) -> list[str]:
    """Rebuild paragraphs from layout lines: blank lines, numbered items, headings and short closing lines
    end a paragraph; other line breaks are wrapping and become spaces."""
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        typical = sorted(len(line) for line in lines)[int(len(lines) * 0.9) - 1 if len(lines) > 1 else 0]
        current: list[str] = []
        for line in lines:
            if current:
                previous = current[-1]
                starts_new = (bool(_NUMBERED.match(line)) or bool(_CAPS_LEAD.match(line))
                              or (line.isupper() and len(line) > 3))
                previous_closed = ((bool(_SENTENCE_END.search(previous)) and len(previous) < 0.85 * typical)
                                   or len(previous) < 0.5 * typical)
                previous_heading = previous.isupper() and len(previous) > 3 and not line.isupper()
                if starts_new or previous_closed or previous_heading:
                    paragraphs.append(" ".join(current))
                    current = []
            current.append(line)
        if current:
            paragraphs.append(" ".join(current))
    return paragraphs


@dataclass(frozen=True)
class Line:
    """A text line of a page with its horizontal extent (PDF points or image pixels)."""

    text: str
    left: float
    right: float
    block_start: bool = False  # the first line of a layout block (OCR): always starts a paragraph


def split_lines_into_paragraphs(lines: list[Line]) -> list[str]:
    """Paragraphs from positioned lines: a line that stops short of the right margin by more than the next
    line's first word ends its paragraph (the word would have fitted), as do numbered items, labels
    («Секретарь:») and headings. Lines of one paragraph are joined with "\n" (hyphenation is repaired
    later by normalisation)."""
    lines = [line for line in lines if line.text.strip()]
    if not lines:
        return []
    long_lines = [line for line in lines if len(line.text) >= 20] or lines
    margin_right = max(line.right for line in long_lines)
    margin_left = min(line.left for line in long_lines)
    paragraphs: list[str] = []
    current: list[str] = []
    previous: Line | None = None
    for line in lines:
        text = line.text.strip()
        if previous is not None and current:
            prev_text = previous.text.strip()
            char_width = max((previous.right - previous.left) / max(len(prev_text), 1), 1.0)
            next_word = len(text.split()[0]) if text.split() else 1
            wrapped = margin_right - previous.right < (next_word + 2) * char_width
            indented = line.left - margin_left > 2 * char_width and previous.left - margin_left <= 2 * char_width
            starts_new = (bool(_NUMBERED.match(text)) or bool(_CAPS_LEAD.match(text)) or bool(_LABEL.match(text))
                          or (text.isupper() and len(text) > 3) or (prev_text.isupper() and not text.isupper()))
            if not wrapped or indented or starts_new or line.block_start:
                paragraphs.append("\n".join(current))
                current = []
        current.append(text)
        previous = line
    if current:
        paragraphs.append("\n".join(current))
    return paragraphs
