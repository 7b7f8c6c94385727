"""Types shared by every pipeline."""

from __future__ import annotations

from typing import Literal

Language = Literal["kk", "ru", "mixed"]
"""Language of a text: Kazakh, Russian, or both mixed (code-switching)."""

DocType = Literal["protocol", "plan", "other"]
