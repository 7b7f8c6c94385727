"""Fixtures of the extraction tests: documents written by corpora.demo, rendered once per session."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from corpora.demo.documents import DocumentTruth, plan_blocks, protocol_blocks
from corpora.render import Block, render_docx, render_pdf
from pipelines.extract import ExtractOptions

NO_OCR = ExtractOptions(ocr_enabled=False)


@dataclass
class Sample:
    blocks: list[Block]
    truth: DocumentTruth


def _protocol(language: str, district: str, seed: int) -> Sample:
    blocks, truth = protocol_blocks(language=language, district_id=district, date=dt.date(2024, 3, 14),
                                    number=12, seed=seed)
    return Sample(blocks, truth)


def _plan(language: str, district: str, seed: int) -> Sample:
    blocks, truth = plan_blocks(language=language, district_id=district, year=2025, seed=seed)
    return Sample(blocks, truth)


@pytest.fixture(scope="session")
def samples() -> dict[str, Sample]:
    return {
        "kk_protocol": _protocol("kk", "martuk", 1),
        "ru_protocol": _protocol("ru", "alga", 2),
        "kk_plan": _plan("kk", "mugalzhar", 3),
        "ru_plan": _plan("ru", "aktobe-city", 4),
    }


@pytest.fixture(scope="session")
def docx_files(samples: dict[str, Sample]) -> dict[str, bytes]:
    return {name: render_docx(sample.blocks) for name, sample in samples.items()}


@pytest.fixture(scope="session")
def pdf_files(samples: dict[str, Sample]) -> dict[str, bytes]:
    return {name: render_pdf(sample.blocks) for name, sample in samples.items()}
