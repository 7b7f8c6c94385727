"""Feature building shared by training and inference: script folding for character n-grams, and the
combination of TF-IDF n-grams with sentence embeddings."""

from __future__ import annotations

import re

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

_FOLD = str.maketrans("әғқңөұүһіёӘҒҚҢӨҰҮҺІЁ", "агкноуухиеАГКНОУУХИЕ")
_LATIN_DIGRAPHS = [("sh", "ш"), ("ch", "ч"), ("zh", "ж"), ("ts", "ц"), ("ia", "я"), ("iu", "ю"), ("io", "ё")]
_LATIN = dict(zip("abvgdejziklmnoprstufhqwyäğñöūüıc", "абвгдежзиклмнопрстуфхкуыагноууыц", strict=True)) | {"x": "кс"}
_HAS_LATIN = re.compile(r"[a-zäğñöūüı]")
_DIGITS = re.compile(r"\d")


def canonical(word: str) -> str:
    """Lower case, Kazakh-only letters folded to the Russian letters people type instead (қ→к, ұ→у...),
    Latin-script Kazakh transliterated to Cyrillic. "Ұрады", "урады" and "urady" become one form."""
    word = word.lower()
    if _HAS_LATIN.search(word):
        for latin, cyrillic in _LATIN_DIGRAPHS:
            word = word.replace(latin, cyrillic)
        word = "".join(_LATIN.get(ch, ch) for ch in word)
    return word.translate(_FOLD).replace("ё", "е")


def fold_text(text: str) -> str:
    """:func:`canonical` over a whole text, digits collapsed (IINs and phones say nothing about topic)."""
    return _DIGITS.sub("0", " ".join(canonical(word) for word in text.split()))


def make_vectorizer(*, max_features: int = 30_000) -> TfidfVectorizer:
    return TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), preprocessor=fold_text, sublinear_tf=True,
                           min_df=2, max_features=max_features, dtype=np.float32)


def combine(tfidf: sparse.spmatrix | None, embeddings: np.ndarray | None, *, embedding_weight: float) -> sparse.csr_matrix:
    """Stack the blocks that are present; both are L2-normalised, the weight balances their influence."""
    blocks = []
    if tfidf is not None:
        blocks.append(sparse.csr_matrix(tfidf))
    if embeddings is not None:
        blocks.append(sparse.csr_matrix(embeddings.astype(np.float32) * embedding_weight))
    if not blocks:
        raise ValueError("a complaint model needs TF-IDF features, embeddings, or both")
    return sparse.hstack(blocks, format="csr")
