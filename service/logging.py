"""Logging for the service: every formatted line passes through PII masking.

``pipelines.privacy.mask_pii`` (IINs with checksum, phones, names) is used when present; until it
exists the fallback below masks any 12-digit run (IIN/BIN) and phone-like numbers, which is
coarser but never lets those through.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

# The first-login link carries the token in its query (/login?token=...); access logs must not keep it.
_TOKEN_IN_QUERY = re.compile(r"(?i)(\btoken=)[^&\s\"']+")
_FALLBACK_IIN = re.compile(r"(?<!\d)\d{12}(?!\d)")
_FALLBACK_PHONE = re.compile(r"(?<![\w])(?:\+7|8)[\s\-(]*\d{3}[\s\-)]*\d{3}[\s\-]*\d{2}[\s\-]*\d{2}(?!\d)")


def fallback_mask_pii(text: str) -> str:
    text = _FALLBACK_IIN.sub("[IIN]", text)
    return _FALLBACK_PHONE.sub("[PHONE]", text)


def _load_masker() -> Callable[[str], str]:
    try:
        from pipelines.privacy import mask_pii
    except ImportError:
        return fallback_mask_pii

    def mask_with_fallback(text: str) -> str:
        # The pipeline masker may return a richer object in future; logs only need the text.
        masked = mask_pii(text)
        masked_text = masked if isinstance(masked, str) else str(getattr(masked, "text", masked))
        return fallback_mask_pii(masked_text)

    return mask_with_fallback


class MaskingFormatter(logging.Formatter):
    def __init__(self, fmt: str | None = None) -> None:
        super().__init__(fmt or "%(asctime)s %(levelname)s %(name)s: %(message)s")
        self._mask = _load_masker()

    def format(self, record: logging.LogRecord) -> str:
        return _TOKEN_IN_QUERY.sub(r"\1[TOKEN]", self._mask(super().format(record)))


def configure_logging(level: str = "INFO") -> None:
    """Route the qorgau/service loggers (and uvicorn's) through the masking formatter."""
    handler = logging.StreamHandler()
    handler.setFormatter(MaskingFormatter())
    root = logging.getLogger()
    for existing in list(root.handlers):
        if isinstance(existing.formatter, MaskingFormatter):
            root.removeHandler(existing)
    root.addHandler(handler)
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        logger.handlers = []
        logger.propagate = True
