"""Qorgau's domain errors.

Every error carries a stable ``code`` (like spaCy's ``E001``) and an HTTP-neutral message.
``service/errors.py`` maps the whole tree to RFC 9457 problem responses in one place.

    QorgauError
    ├── InputError                 the input is bad; the caller can fix it
    │   ├── UnsupportedFormatError     not a format we read (or the extension lies)
    │   ├── UnreadableDocumentError    corrupt, truncated, empty, encrypted, image-only without OCR
    │   ├── InputTooLargeError         over a size / page / unpacked-size limit
    │   └── UnsafeArchiveError         zip with path traversal, zip bomb
    ├── NotFoundError              a stored thing does not exist
    ├── AuthError                  missing or wrong token
    │   └── PermissionDeniedError      a valid token whose role may not do this
    └── ModelError                 a model or artifact is missing or broken (our defect, not the input's)
        └── ModelNotLoadedError
"""

from __future__ import annotations


class QorgauError(Exception):
    code = "E000"
    title = "Qorgau error"

    def __init__(self, message: str, *, detail: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail or {}

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(QorgauError):
    code = "E100"
    title = "Bad input"


class UnsupportedFormatError(InputError):
    code = "E101"
    title = "Unsupported format"


class UnreadableDocumentError(InputError):
    code = "E102"
    title = "Unreadable document"


class InputTooLargeError(InputError):
    code = "E103"
    title = "Input too large"


class UnsafeArchiveError(InputError):
    code = "E104"
    title = "Unsafe archive"


class NotFoundError(QorgauError):
    code = "E200"
    title = "Not found"


class AuthError(QorgauError):
    code = "E300"
    title = "Not authorised"


class PermissionDeniedError(AuthError):
    code = "E301"
    title = "Permission denied"


class ModelError(QorgauError):
    code = "E400"
    title = "Model error"


class ModelNotLoadedError(ModelError):
    code = "E401"
    title = "Model not available"
