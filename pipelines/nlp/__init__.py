"""Shared spaCy helpers: one way to tokenise Kazakh and Russian for every pipeline."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from pipelines.nlp.kazakh import Kazakh


def register_kazakh() -> None:
    """Make ``spacy.blank("kk")`` work even when the package entry point is not installed."""
    spacy.registry.languages.register("kk", func=lambda: Kazakh)


@lru_cache(maxsize=4)
def blank(lang: str) -> Language:
    """A blank spaCy pipeline for ``kk`` or ``ru`` with a rule-based sentencizer, cached per process.

    Callers must treat the returned object as shared: add components to a copy via
    ``spacy.blank`` if they need their own pipeline.
    """
    if lang == "kk":
        register_kazakh()
    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    return nlp
