"""OCR of page images with Tesseract (``kaz+rus``), returning text, paragraphs and a mean confidence.

One ``image_to_data`` call per page gives both the words (with block/paragraph/line numbers, from which
the text is rebuilt) and their confidences, so a page is recognised once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from PIL import Image, ImageOps

from pipelines.errors import ModelNotLoadedError, UnreadableDocumentError
from pipelines.extract.layout import Line, split_lines_into_paragraphs

# Tesseract reads б as 6, з as 3, о as 0 inside Cyrillic words («О6», «3аседание»).
_DIGIT_LOOKALIKES = {"6": "б", "3": "з", "0": "о"}
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")


def fix_ocr_digits(word: str) -> str:
    """Replace look-alike digits in a token whose letters are Cyrillic and which has more letters than
    digits (so «2024», «№3», «12-б» stay as they are)."""
    if word in ("О6", "о6"):  # the preposition «об»
        return word[0] + "б"
    letters = sum(ch.isalpha() for ch in word)
    digits = sum(ch.isdigit() for ch in word)
    if not digits or letters <= digits or not _CYRILLIC_RE.search(word):
        return word
    chars = list(word)
    for i, ch in enumerate(chars):
        if ch in _DIGIT_LOOKALIKES:
            neighbours = chars[i - 1:i] + chars[i + 1:i + 2]
            if any(n.isalpha() for n in neighbours):
                chars[i] = _DIGIT_LOOKALIKES[ch]
    return "".join(chars)


@dataclass
class OcrResult:
    text: str
    paragraphs: list[str] = field(default_factory=list)
    confidence: float | None = None  # mean word confidence 0-100


def _prepare(image: Image.Image) -> Image.Image:
    if image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    image = ImageOps.grayscale(image) if image.mode != "L" else image
    angle = estimate_skew(image)
    if abs(angle) >= MIN_DESKEW_DEGREES:
        image = image.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    return image


MAX_SKEW_DEGREES = 6.0
MIN_DESKEW_DEGREES = 0.3  # Tesseract copes with less; rotating costs a little sharpness


def _profile_score(ink: Image.Image, angle: float) -> float:
    import numpy as np

    rows = np.asarray(ink.rotate(angle, resample=Image.NEAREST, fillcolor=0), dtype=np.float32).sum(axis=1)
    return float(np.square(np.diff(rows)).sum())


def estimate_skew(image: Image.Image) -> float:
    """Rotation (degrees, PIL's sense) that makes text lines horizontal: the angle whose row projection of
    ink has the sharpest steps, searched coarse to fine on a 1/4-size copy. Tesseract loses whole lines
    of a page skewed by more than ~2 degrees."""
    import numpy as np

    small = image.reduce(4) if min(image.size) > 800 else image
    ink = Image.fromarray(((np.asarray(small) < 128) * 255).astype(np.uint8))
    best = max(np.arange(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES + 0.01, 0.5), key=lambda a: _profile_score(ink, a))
    fine = np.arange(best - 0.5, best + 0.51, 0.1)
    return round(float(max(fine, key=lambda a: _profile_score(ink, a))), 2)


def _run_tesseract(image: Image.Image, *, languages: str, timeout: float, threads: int) -> dict[str, list]:
    """Run the tesseract binary (located by pytesseract) on one image, TSV out, parsed into columns.

    Called directly rather than through ``pytesseract.image_to_data`` so the OpenMP thread count can be set
    for the child process only: one thread per page is the most CPU-efficient on a shared machine.
    """
    import io
    import os
    import subprocess

    import pytesseract

    buffer = io.BytesIO()
    image.save(buffer, format="BMP")  # uncompressed: PNG-encoding a noisy 300-dpi page costs ~2 s of CPU
    command = [pytesseract.pytesseract.tesseract_cmd, "stdin", "stdout", "-l", languages, "--oem", "1",
               "--psm", "3", "tsv"]
    env = {**os.environ, "OMP_THREAD_LIMIT": str(threads)}
    try:
        completed = subprocess.run(command, input=buffer.getvalue(), capture_output=True, timeout=timeout,
                                   env=env, check=False)
    except FileNotFoundError as e:
        raise ModelNotLoadedError("Tesseract is not installed (run scripts/install-system.sh)") from e
    except subprocess.TimeoutExpired as e:
        raise UnreadableDocumentError(f"OCR timed out after {timeout:.0f} s") from e
    stderr = completed.stderr.decode("utf-8", "replace")
    if completed.returncode != 0:
        if "loading language" in stderr.lower():
            raise ModelNotLoadedError(f"Tesseract language data missing for {languages!r}")
        raise UnreadableDocumentError(f"OCR failed: {stderr.strip()[:300]}")
    lines = completed.stdout.decode("utf-8", "replace").split("\n")
    header = lines[0].split("\t")
    columns: dict[str, list] = {name: [] for name in header}
    for line in lines[1:]:
        cells = line.split("\t")
        if len(cells) != len(header):
            continue
        for name, cell in zip(header, cells, strict=True):
            columns[name].append(cell)
    return columns


def ocr_image(image: Image.Image, *, languages: str = "kaz+rus", timeout: float = 180,
              threads: int = 1) -> OcrResult:
    """Recognise one page image. Raises ``ModelNotLoadedError`` when Tesseract or a language is missing."""
    data = _run_tesseract(_prepare(image), languages=languages, timeout=timeout, threads=threads)
    lines: list[Line] = []
    words: list[str] = []
    left = right = 0.0
    last_line: tuple[str, str, str] | None = None
    last_block: str | None = None
    block_start = False
    confidences: list[float] = []

    def flush() -> None:
        if words:
            lines.append(Line(text=" ".join(words), left=left, right=right, block_start=block_start))

    for i, word in enumerate(data.get("text", [])):
        word = (word or "").strip()
        if not word:
            continue
        conf = float(data["conf"][i])
        if conf >= 0:
            confidences.append(conf)
        line_key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        x0 = float(data["left"][i])
        x1 = x0 + float(data["width"][i])
        if line_key != last_line:
            flush()
            words = []
            left, right = x0, x1
            block_start = data["block_num"][i] != last_block
            last_line, last_block = line_key, data["block_num"][i]
        words.append(fix_ocr_digits(word))
        left, right = min(left, x0), max(right, x1)
    flush()
    paragraph_texts = split_lines_into_paragraphs(lines)
    confidence = round(sum(confidences) / len(confidences), 2) if confidences else None
    return OcrResult(text="\n\n".join(paragraph_texts), paragraphs=paragraph_texts, confidence=confidence)
