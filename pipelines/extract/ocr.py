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
    return ImageOps.grayscale(image) if image.mode != "L" else image


def ocr_image(image: Image.Image, *, languages: str = "kaz+rus", timeout: float = 120) -> OcrResult:
    """Recognise one page image. Raises ``ModelNotLoadedError`` when Tesseract or a language is missing."""
    import pytesseract

    try:
        data = pytesseract.image_to_data(
            _prepare(image), lang=languages, config="--oem 1 --psm 3",
            output_type=pytesseract.Output.DICT, timeout=timeout)
    except pytesseract.TesseractNotFoundError as e:
        raise ModelNotLoadedError("Tesseract is not installed (run scripts/install-system.sh)") from e
    except pytesseract.TesseractError as e:
        if "Failed loading language" in str(e) or "loading language" in str(e).lower():
            raise ModelNotLoadedError(f"Tesseract language data missing for {languages!r}") from e
        raise UnreadableDocumentError(f"OCR failed: {e}") from e
    except RuntimeError as e:  # pytesseract raises RuntimeError on timeout
        raise UnreadableDocumentError(f"OCR timed out after {timeout:.0f} s") from e

    paragraphs: list[list[list[str]]] = []  # paragraph -> lines -> words
    last_par: tuple[int, int] | None = None
    last_line: tuple[int, int, int] | None = None
    confidences: list[float] = []
    for i, word in enumerate(data["text"]):
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
