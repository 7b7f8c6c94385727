"""OCR of page images with Tesseract (``kaz+rus``), returning text, paragraphs and a mean confidence.

One ``image_to_data`` call per page gives both the words (with block/paragraph/line numbers, from which
the text is rebuilt) and their confidences, so a page is recognised once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PIL import Image, ImageOps

from pipelines.errors import ModelNotLoadedError, UnreadableDocumentError


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
    paragraphs: list[list[list[str]]] = []  # paragraph -> lines -> words
    last_par: tuple[str, str] | None = None
    last_line: tuple[str, str, str] | None = None
    confidences: list[float] = []
    for i, word in enumerate(data.get("text", [])):
        word = (word or "").strip()
        if not word:
            continue
        conf = float(data["conf"][i])
        if conf >= 0:
            confidences.append(conf)
        par_key = (data["block_num"][i], data["par_num"][i])
        line_key = (*par_key, data["line_num"][i])
        if par_key != last_par:
            paragraphs.append([[]])
            last_par = par_key
        elif line_key != last_line:
            paragraphs[-1].append([])
        last_line = line_key
        paragraphs[-1][-1].append(word)
    paragraph_texts = ["\n".join(" ".join(line) for line in lines) for lines in paragraphs]
    confidence = round(sum(confidences) / len(confidences), 2) if confidences else None
    return OcrResult(text="\n\n".join(paragraph_texts), paragraphs=paragraph_texts, confidence=confidence)
