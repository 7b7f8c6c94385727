"""Images (PNG, JPEG, TIFF incl. multi-page): every frame through OCR."""

from __future__ import annotations

import io

from pipelines.errors import InputTooLargeError, UnreadableDocumentError
from pipelines.extract.backends.base import Backend, BackendResult, normalized
from pipelines.extract.document import Page, Paragraph, TextQuality
from pipelines.extract.formats import InputFormat
from pipelines.extract.ocr import ocr_image


class ImageBackend(Backend):
    formats = (InputFormat.IMAGE,)

    def convert(self, data: bytes, *, filename: str) -> BackendResult:
        from PIL import Image, ImageSequence, UnidentifiedImageError

        if not self.options.ocr_enabled:
            raise UnreadableDocumentError("an image file can only be read by OCR, and OCR is disabled")
        try:
            image = Image.open(io.BytesIO(data))
            frames = getattr(image, "n_frames", 1)
        except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as e:
            raise UnreadableDocumentError(f"corrupt or unsupported image: {e}") from e
        if frames > self.options.max_pages:
            raise InputTooLargeError(f"the image has {frames:,} pages, over the limit of {self.options.max_pages:,}")
        result = BackendResult()
        try:
            for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
                if not self.take_ocr_page(result, number):
                    result.pages.append(Page(number=number, text="", method="text", quality=TextQuality(
                        usable=False, reason="OCR page budget spent")))
                    continue
                ocr = ocr_image(frame.copy(), languages=self.options.ocr_languages, threads=self.options.ocr_threads)
                text = normalized(ocr.text, result.normalization)
                result.pages.append(Page(number=number, text=text, method="ocr", ocr_confidence=ocr.confidence))
                result.paragraphs.extend(
                    Paragraph(text=normalized(p, result.normalization).replace("\n", " "), page=number)
                    for p in ocr.paragraphs if p.strip())
        except (OSError, Image.DecompressionBombError) as e:
            raise UnreadableDocumentError(f"corrupt image: {e}") from e
        return result
