"""An incremental, persistent index of plan rows that finds copied plans and copied rows.

How a query works (``PlanIndex.similar_plans``):

1. Every plan row is normalised (``normalize_activity``); identical normalised rows share one *text*.
   Only texts are hashed and embedded, so a plan copied with another year or district costs nothing.
2. Each text has a MinHash signature over character shingles (datasketch LSH finds lexical
   near-duplicates) and an embedding. A text within ``borrow_jaccard`` of an already embedded text
   borrows that embedding instead of calling the embedder (typo variants, small edits).
3. Embeddings are compared after subtracting each language's mean vector. Without it, e5 scores
   any two Kazakh rows above a Kazakh row and its Russian translation; with it, translations are
   the nearest neighbours again (measured on the plan bank: kk->ru top-1 0.75 -> 0.96).
4. Row similarity = max(shingle Jaccard, rescaled centred cosine). A row whose text (or a text
   similar to it) occurs in a large share of all indexed plans is boilerplate and gets a low weight.
5. Candidate plans share non-boilerplate rows with the query; each candidate is aligned one-to-one
   with the query (``scipy.optimize.linear_sum_assignment``), and the document score is the
   boilerplate-weighted share of aligned rows.
"""

from __future__ import annotations

import json
import math
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH
from scipy.optimize import linear_sum_assignment

from pipelines.plans.normalize import PlaceNames, normalize_activity, text_language
from pipelines.plans.parse import Plan

Relation = str  # "verbatim" | "district_copy" | "near_duplicate" | "translation"
INDEX_FORMAT_VERSION = 1


@dataclass
class MatchConfig:
    """Thresholds of the matcher. Defaults were chosen on the dev split of corpora/plans (see benchmarks)."""

    num_perm: int = 64
    shingle: int = 5
    lsh_threshold: float = 0.4
    borrow_jaccard: float = 0.8  # a text this close to an embedded one reuses its embedding
    # Centred cosine -> [0, 1] row score: below *_low counts as 0, above *_high as 1.
    sem_low_same: float = 0.55
    sem_high_same: float = 0.95
    sem_low_cross: float = 0.25
    sem_high_cross: float = 0.65
    row_threshold: float = 0.5  # aligned rows at or above this are "reused"
    doc_threshold: float = 0.6  # documents at or above this score are reported
    cluster_threshold: float = 0.9  # rows this similar count as one row for the boilerplate model
    boilerplate_low: float = 0.3  # share of plans containing a row where its weight starts to fall
    boilerplate_high: float = 0.5  # ... and where it reaches 0
    boilerplate_min_plans: int = 6  # below this many plans the collection cannot tell boilerplate
    boilerplate_weight: float = 0.5  # rows weighted below this are boilerplate (not copy evidence)
    candidate_min_share: float = 0.3
    max_candidates: int = 25
    verbatim_share: float = 0.9  # share of reused rows with identical normalised text for verbatim copies
    position_bonus: float = 0.05  # tie-breaker in alignment for rows at the same relative position
    lexical_candidates: int = 50  # per query row, texts checked for shingle Jaccard
    context_threshold: float = 0.2  # weaker pairs accepted between in-order strong anchors
    out_of_order_min: float = 0.9  # an aligned row off the in-order chain still counts at this similarity


@dataclass
class IndexedRow:
    row_index: int
    activity: str
    text_id: int
    places: tuple[str, ...] = ()


@dataclass
class IndexedPlan:
    plan_id: str
    file: str
    language: str | None
    district: str | None
    district_id: str | None
    year: int | None
    rows: list[IndexedRow] = field(default_factory=list)

    def text_id_array(self) -> np.ndarray:
        cached = getattr(self, "_text_ids", None)
        if cached is None or len(cached) != len(self.rows):
            cached = np.array([row.text_id for row in self.rows], dtype=np.int64)
            self._text_ids = cached
        return cached

    def text_rows(self) -> dict[int, list[int]]:
        positions: dict[int, list[int]] = {}
        for pos, row in enumerate(self.rows):
            positions.setdefault(row.text_id, []).append(pos)
        return positions


@dataclass
class RowPair:
    a_row: int  # row_index in plan a (1-based)
    b_row: int
    score: float
    boilerplate: bool
    identical: bool  # same normalised text
    cross_language: bool = False  # the two rows are in different languages (kk vs ru)


@dataclass
class PlanMatch:
    a: str  # plan ids
    b: str
    score: float
    share_of_rows_reused: float
    relation: Relation
    rows: list[RowPair]


@dataclass
class RowHit:
    plan_id: str
    row_index: int
    score: float


class Embedder:  # the protocol of models.embedders, repeated so pipelines need no import of models
    dimension: int

    def embed(self, texts: list[str], *, kind: str = "passage") -> np.ndarray: ...


def _shingles(text: str, k: int) -> frozenset[int]:
    padded = f" {text} "
    if len(padded) <= k:
        return frozenset({zlib.crc32(padded.encode())})
    return frozenset(zlib.crc32(padded[i:i + k].encode()) for i in range(len(padded) - k + 1))


def _jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def _longest_increasing(aligned: list[tuple[int, int]]) -> set[int]:
    """Indices (into ``aligned``, sorted by the first position) of a longest chain increasing in the second."""
    order = sorted(range(len(aligned)), key=lambda k: aligned[k][0])
    tails: list[int] = []  # tails[l] = index into order of the smallest tail of a chain of length l+1
    parent = [-1] * len(order)
    for pos, k in enumerate(order):
        value = aligned[k][1]
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if aligned[order[tails[mid]]][1] < value:
                lo = mid + 1
            else:
                hi = mid
        parent[pos] = tails[lo - 1] if lo else -1
        if lo == len(tails):
            tails.append(pos)
        else:
            tails[lo] = pos
    chain: set[int] = set()
    pos = tails[-1] if tails else -1
    while pos != -1:
        chain.add(order[pos])
        pos = parent[pos]
    return chain


def _between_anchors(i: int, j: int, anchors: list[tuple[int, int]]) -> bool:
    """True if (i, j) sits strictly between two consecutive in-order anchor pairs (or before/after all)."""
    if not anchors:
        return False
    prev = (-1, -1)
    for anchor in [*anchors, (10**9, 10**9)]:
        if prev[0] < i < anchor[0]:
            return prev[1] < j < anchor[1]
        prev = anchor
    return False


_BLAS_CONTROLLER = None


def _single_threaded_blas():  # noqa: ANN202 - a threadpoolctl context manager
    """Small matrix products run faster on one BLAS thread; on a busy 2-core machine OpenBLAS's own
    threads made a 25x1000x384 product take 30 ms instead of 1 ms."""
    global _BLAS_CONTROLLER
    from threadpoolctl import ThreadpoolController

    if _BLAS_CONTROLLER is None:
        _BLAS_CONTROLLER = ThreadpoolController()
    return _BLAS_CONTROLLER.limit(limits=1, user_api="blas")


def _crc_hash(data: bytes) -> int:
    return zlib.crc32(data)


class PlanIndex:
    """Plans and their rows, searchable for copies; add and delete plans one at a time or in batches."""

    def __init__(self, *, embedder: Embedder | None = None, places: PlaceNames | None = None,
                 config: MatchConfig | None = None) -> None:
        self.embedder = embedder
        self.places = places or PlaceNames()
        self.config = config or MatchConfig()
        self.plans: dict[str, IndexedPlan] = {}
        self._plan_ord: dict[str, int] = {}
        self._ord_plan: list[str | None] = []
        self.texts: list[str] = []
        self._text_id: dict[str, int] = {}
        self.text_lang: list[str] = []
        self._postings: list[dict[int, int]] = []  # text -> {plan ordinal: rows with that text}
        self._shingles: list[frozenset[int]] = []
        self._signatures = np.zeros((0, self.config.num_perm), dtype=np.uint64)
        self._lsh = MinHashLSH(threshold=self.config.lsh_threshold, num_perm=self.config.num_perm)
        self._minhash_template = MinHash(num_perm=self.config.num_perm, hashfunc=_crc_hash)
        dim = embedder.dimension if embedder is not None else 0
        self._emb = np.zeros((0, dim), dtype=np.float32)
        self.borrowed: dict[int, int] = {}  # text -> text whose embedding it reuses
        self.embedded_count = 0  # texts sent to the embedder by this index (figures for benchmarks)
        self._centred: np.ndarray | None = None
        self._plan_counts: np.ndarray | None = None
        # Boilerplate weights move only when the collection grows or shrinks noticeably; cache them per
        # "generation" (bumped when the number of plans changes by 10 %) so queries stay fast.
        self._weight_array = np.zeros(0)
        self._plans_by_language: Counter[str | None] = Counter()
        self._lang_array: np.ndarray | None = None
        self._weight_generation_size = 0

    # ------------------------------------------------------------------ building
    def __len__(self) -> int:
        return len(self.plans)

    def add_plan(self, plan: Plan, *, plan_id: str | None = None) -> str:
        return self.add_plans([plan], plan_ids=[plan_id] if plan_id else None)[0]

    def add_plans(self, plans: Sequence[Plan], *, plan_ids: Sequence[str] | None = None) -> list[str]:
        """Index ``plans`` (ids default to file names); an id already present is replaced."""
        ids = list(plan_ids) if plan_ids is not None else [p.file for p in plans]
        if len(set(ids)) != len(ids):
            raise ValueError("plan ids must be unique within one call")
        for plan_id in ids:
            if plan_id in self.plans:
                self.delete_plan(plan_id)
        first_new_text = len(self.texts)
        for plan_id, plan in zip(ids, plans, strict=True):
            indexed = IndexedPlan(plan_id=plan_id, file=plan.file, language=None, district=plan.district,
                                  district_id=plan.district_id, year=plan.year)
            ordinal = len(self._ord_plan)
            self._ord_plan.append(plan_id)
            self._plan_ord[plan_id] = ordinal
            languages: Counter[str] = Counter()
            for row in plan.rows:
                normalized = normalize_activity(row.activity, places=self.places)
                text_id = self._intern(normalized.text)
                self._postings[text_id][ordinal] = self._postings[text_id].get(ordinal, 0) + 1
                indexed.rows.append(IndexedRow(row.row_index, row.activity, text_id, normalized.places))
                languages[self.text_lang[text_id]] += 1
            languages.pop("other", None)
            indexed.language = plan.language if plan.language in ("kk", "ru") else (
                languages.most_common(1)[0][0] if languages else plan.language)
            self.plans[plan_id] = indexed
            self._plans_by_language[indexed.language] += 1
        self._hash_and_embed(range(first_new_text, len(self.texts)))
        self._plan_counts = None
        return ids

    def delete_plan(self, plan_id: str) -> None:
        """Remove a plan; texts no other plan uses leave the LSH index."""
        indexed = self.plans.pop(plan_id, None)
        if indexed is None:
            raise KeyError(plan_id)
        ordinal = self._plan_ord.pop(plan_id)
        self._ord_plan[ordinal] = None
        self._plans_by_language[indexed.language] -= 1
        for text_id in {row.text_id for row in indexed.rows}:
            self._postings[text_id].pop(ordinal, None)
            if not self._postings[text_id] and f"t{text_id}" in self._lsh:
                self._lsh.remove(f"t{text_id}")
        self._plan_counts = None

    def _intern(self, text: str) -> int:
        text_id = self._text_id.get(text)
        if text_id is None:
            text_id = len(self.texts)
            self._text_id[text] = text_id
            self.texts.append(text)
            self.text_lang.append(text_language(text))
            self._postings.append({})
            self._shingles.append(_shingles(text, self.config.shingle))
        elif not self._postings[text_id] and f"t{text_id}" not in self._lsh:
            # A text whose plans were all deleted comes back: it keeps its signature and embedding.
            self._lsh.insert(f"t{text_id}", self._lean(text_id))
        return text_id

    def _lean(self, text_id: int) -> LeanMinHash:
        return LeanMinHash(seed=self._minhash_template.seed, hashvalues=self._signatures[text_id],
                           scheme=self._minhash_template.scheme)

    def _hash_and_embed(self, new_ids: Iterable[int]) -> None:
        new_ids = list(new_ids)
        if not new_ids:
            return
        signatures = np.zeros((len(new_ids), self.config.num_perm), dtype=np.uint64)
        for k, text_id in enumerate(new_ids):
            minhash = self._minhash_template.copy()
            minhash.update_batch([s.to_bytes(4, "little") for s in self._shingles[text_id]])
            signatures[k] = minhash.hashvalues
        self._signatures = np.vstack([self._signatures, signatures])
        to_embed: list[int] = []
        with self._lsh.insertion_session() as session:
            for text_id in new_ids:
                lean = self._lean(text_id)
                if self.embedder is not None:
                    source = self._borrow_source(text_id, lean)
                    if source is None:
                        to_embed.append(text_id)
                    else:
                        self.borrowed[text_id] = source
                session.insert(f"t{text_id}", lean)
        if self.embedder is None:
            return
        vectors = np.zeros((len(new_ids), self._emb.shape[1]), dtype=np.float32)
        self._emb = np.vstack([self._emb, vectors])
        if to_embed:
            embedded = self.embedder.embed([self.texts[t] for t in to_embed], kind="query")
            self._emb[to_embed] = embedded
            self.embedded_count += len(to_embed)
        for text_id in new_ids:
            if text_id in self.borrowed:
                self._emb[text_id] = self._emb[self._root(text_id)]
        self._centred = None

    def _root(self, text_id: int) -> int:
        while text_id in self.borrowed:
            text_id = self.borrowed[text_id]
        return text_id

    def _borrow_source(self, text_id: int, lean: LeanMinHash) -> int | None:
        best, best_sim = None, self.config.borrow_jaccard
        for key in self._lsh.query(lean):
            other = int(key[1:])
            sim = _jaccard(self._shingles[text_id], self._shingles[other])
            if sim >= best_sim:
                best, best_sim = other, sim
        return best

    # ------------------------------------------------------------------ similarity
    def _centred_matrix(self) -> np.ndarray:
        """Embeddings minus their language's mean, re-normalised (see module docstring, step 3)."""
        if self._centred is None or self._centred.shape[0] != self._emb.shape[0]:
            centred = self._emb.copy()
            languages = self._languages()
            for language in ("kk", "ru", "other"):
                mask = languages == language
                if mask.sum() >= 2:
                    centred[mask] -= self._emb[mask].mean(axis=0)
            norms = np.linalg.norm(centred, axis=1, keepdims=True)
            self._centred = centred / np.maximum(norms, 1e-6)
        return self._centred

    def _languages(self) -> np.ndarray:
        if self._lang_array is None or len(self._lang_array) != len(self.text_lang):
            self._lang_array = np.array(self.text_lang)
        return self._lang_array

    def _plan_count_array(self) -> np.ndarray:
        if self._plan_counts is None or len(self._plan_counts) != len(self.texts):
            self._plan_counts = np.array([len(p) for p in self._postings], dtype=np.float64)
        return self._plan_counts

    def text_similarities(self, text_ids: Sequence[int], *, lexical: bool = True) -> np.ndarray:
        """``(len(text_ids), n_texts)`` row similarity in [0, 1] of the given texts to every text.

        ``lexical=False`` skips the shingle Jaccard refinement when embeddings exist (the boilerplate model
        only needs near-identical rows, which the embeddings already find)."""
        n = len(self.texts)
        ids = np.asarray(text_ids, dtype=np.int64)
        cfg = self.config
        if self.embedder is None or not n:
            sims = np.zeros((len(ids), n), dtype=np.float32)
            for k, text_id in enumerate(ids):
                for key in self._lsh.query(self._lean(int(text_id))):
                    other = int(key[1:])
                    sims[k, other] = _jaccard(self._shingles[text_id], self._shingles[other])
                sims[k, text_id] = 1.0
            return sims
        centred = self._centred_matrix()
        with _single_threaded_blas():
            cos = centred[ids] @ centred.T
        languages = self._languages()
        same = languages[ids][:, None] == languages[None, :]
        low = np.where(same, cfg.sem_low_same, cfg.sem_low_cross)
        high = np.where(same, cfg.sem_high_same, cfg.sem_high_cross)
        sims = np.clip((cos - low) / (high - low), 0.0, 1.0).astype(np.float32)
        # Lexical near-duplicates are semantically close too: Jaccard is computed only for texts whose
        # centred cosine already says "related" (cheaper than an LSH query per row at query time).
        for k, text_id in enumerate(ids):
            if not lexical:
                sims[k, text_id] = 1.0
                continue
            related = np.nonzero(same[k] & (cos[k] >= cfg.sem_low_same))[0]
            if len(related) > cfg.lexical_candidates:
                related = related[np.argpartition(-cos[k, related], cfg.lexical_candidates)[: cfg.lexical_candidates]]
            mine = self._shingles[text_id]
            for other in related:
                jac = _jaccard(mine, self._shingles[other])
                if jac > sims[k, other]:
                    sims[k, other] = jac
            sims[k, text_id] = 1.0
        return sims

    def boilerplate_weights(self, text_ids: Sequence[int], sims: np.ndarray) -> np.ndarray:
        """Weight 1 for rows specific to few plans, falling to 0 for rows most plans contain."""
        cfg = self.config
        n_plans = len(self.plans)
        if n_plans < cfg.boilerplate_min_plans:
            return np.ones(len(text_ids))
        counts = self._plan_count_array()
        languages = self._languages()
        plans_by_language = self._plans_by_language
        # Sum over the row's cluster (itself and texts as similar as a copy): an overestimate of the number
        # of distinct plans when one plan holds two cluster members, which only makes rows look more generic.
        # Shares are taken over all plans and over plans of the row's own language, since a generic row of
        # Russian plans is generic even if half the collection is in Kazakh.
        share = np.zeros(len(text_ids))
        for k, text_id in enumerate(text_ids):
            cluster = sims[k] >= cfg.cluster_threshold
            overall = counts[cluster].sum() / n_plans
            language = self.text_lang[text_id]
            in_language = plans_by_language.get(language, 0)
            own = counts[cluster & (languages == language)].sum() / in_language if in_language >= cfg.boilerplate_min_plans else 0.0
            share[k] = max(overall, own)
        share = np.minimum(share, 1.0)
        weights = 1.0 - np.clip((share - cfg.boilerplate_low) / (cfg.boilerplate_high - cfg.boilerplate_low), 0, 1)
        return weights

    # ------------------------------------------------------------------ queries
    def similar_plans(self, plan_id: str, *, limit: int | None = None,
                      min_score: float | None = None) -> list[PlanMatch]:
        """Plans in the index that look like copies of ``plan_id`` (best first)."""
        query = self.plans[plan_id]
        return self._match(query, exclude=plan_id, limit=limit, min_score=min_score)

    def similar_to_plan(self, plan: Plan, *, limit: int | None = None,
                        min_score: float | None = None) -> list[PlanMatch]:
        """Like :meth:`similar_plans` for a plan that is not (yet) in the index; the index is unchanged."""
        temp_id = "\x00query"
        self.add_plans([plan], plan_ids=[temp_id])
        try:
            matches = self._match(self.plans[temp_id], exclude=temp_id, limit=limit, min_score=min_score)
        finally:
            self.delete_plan(temp_id)
        return [PlanMatch(plan.file, m.b, m.score, m.share_of_rows_reused, m.relation, m.rows) for m in matches]

    def similar_texts(self, text: str, *, k: int = 10) -> list[RowHit]:
        """Indexed rows most similar to a free text (a row of some plan or an analyst's question)."""
        normalized = normalize_activity(text, places=self.places).text
        if normalized not in self._text_id:
            temp = Plan(file="\x00text", rows=[])
            from pipelines.plans.parse import PlanRow

            temp.rows.append(PlanRow(row_index=1, activity=text))
            self.add_plans([temp], plan_ids=["\x00text"])
            try:
                return self._text_hits(self._text_id[normalized], k=k)
            finally:
                self.delete_plan("\x00text")
        return self._text_hits(self._text_id[normalized], k=k)

    def _text_hits(self, text_id: int, *, k: int) -> list[RowHit]:
        sims = self.text_similarities([text_id])[0]
        hits: list[RowHit] = []
        for other in np.argsort(-sims):
            if sims[other] <= 0 or len(hits) >= k:
                break
            for ordinal in self._postings[other]:
                plan_id = self._ord_plan[ordinal]
                if plan_id is None or plan_id.startswith("\x00"):
                    continue
                for row in self.plans[plan_id].rows:
                    if row.text_id == other:
                        hits.append(RowHit(plan_id, row.row_index, float(sims[other])))
        return hits[:k]

    def _match(self, query: IndexedPlan, *, exclude: str, limit: int | None,
               min_score: float | None) -> list[PlanMatch]:
        cfg = self.config
        if not query.rows:
            return []
        text_ids = [row.text_id for row in query.rows]
        unique = list(dict.fromkeys(text_ids))
        sims_unique = self.text_similarities(unique)
        position = {t: i for i, t in enumerate(unique)}
        row_sims = sims_unique[[position[t] for t in text_ids]]
        row_weights = self._weights_of(query)

        exclude_ord = self._plan_ord.get(exclude)
        hits: Counter[int] = Counter()
        informative = 0
        for k in range(len(text_ids)):
            if row_weights[k] < cfg.boilerplate_weight:
                continue
            informative += 1
            neighbours = np.nonzero(row_sims[k] >= cfg.row_threshold)[0]
            plans_of_row: set[int] = set()
            for other in neighbours:
                plans_of_row.update(self._postings[other])
            hits.update(plans_of_row)
        hits.pop(exclude_ord, None)
        needed = max(2, math.ceil(cfg.candidate_min_share * informative))
        candidates = [o for o, c in hits.most_common(cfg.max_candidates) if c >= needed]

        matches: list[PlanMatch] = []
        for ordinal in candidates:
            other_id = self._ord_plan[ordinal]
            if other_id is None or other_id.startswith("\x00"):
                continue
            match = self._align(query, self.plans[other_id], row_sims, row_weights)
            threshold = cfg.doc_threshold if min_score is None else min_score
            if match.score >= threshold:
                matches.append(match)
        matches.sort(key=lambda m: -m.score)
        return matches[:limit] if limit else matches

    def _align(self, query: IndexedPlan, other: IndexedPlan, row_sims: np.ndarray,
               row_weights: np.ndarray) -> PlanMatch:
        cfg = self.config
        n_a, n_b = len(query.rows), len(other.rows)
        other_text_ids = other.text_id_array()
        sims = row_sims[:, other_text_ids]  # (n_a, n_b)
        rel_a = (np.arange(n_a) + 0.5) / n_a
        rel_b = (np.arange(n_b) + 0.5) / n_b
        closeness = 1.0 - np.minimum(1.0, 4 * np.abs(rel_a[:, None] - rel_b[None, :]))
        strong = sims >= cfg.row_threshold
        # Weak pairs (possible translations the embedder is unsure of) enter the assignment with a small gain
        # so that they never displace a strong pair; they are kept only between strong in-order anchors.
        gain = np.where(strong, sims, np.where(sims >= cfg.context_threshold, 0.1 * sims, 0.0))
        gain = np.where(gain > 0, gain + cfg.position_bonus * closeness, 0.0)
        rows_a, rows_b = linear_sum_assignment(gain, maximize=True)
        assigned = [(int(i), int(j)) for i, j in zip(rows_a, rows_b, strict=True) if gain[i, j] > 0]
        aligned = [(i, j) for i, j in assigned if strong[i, j]]
        # Copies keep the order of their source; rows that match by chance do not. Strong pairs off the
        # longest in-order chain count only if they are near-certain (a moved row), not as topic overlap.
        chain = _longest_increasing(aligned)
        anchors = sorted(aligned[k] for k in chain)
        weights_b = self._weights_of(other)
        pairs: list[RowPair] = []
        evidence = 0.0
        for k, (i, j) in enumerate(aligned):
            score = float(sims[i, j])
            if k not in chain and score < cfg.out_of_order_min:
                continue
            weight = min(row_weights[i], weights_b[j])
            # A reused row counts fully: a translated row scores lower than a verbatim one but is as much a copy.
            evidence += weight
            pairs.append(self._row_pair(query, other, i, j, score, weight))
        for i, j in assigned:
            if strong[i, j] or not _between_anchors(i, j, anchors):
                continue
            weight = min(row_weights[i], weights_b[j])
            pairs.append(self._row_pair(query, other, i, j, float(sims[i, j]), weight))
        capacity = min(float(row_weights.sum()), float(weights_b.sum()))
        score = evidence / capacity if capacity > 0 else 0.0
        share = len(pairs) / min(n_a, n_b)
        pairs.sort(key=lambda p: p.a_row)
        relation = self._relation(query, other, pairs)
        return PlanMatch(query.plan_id, other.plan_id, round(min(score, 1.0), 4), round(share, 4), relation, pairs)

    def _check_weight_generation(self) -> None:
        size = len(self.plans)
        small = self.config.boilerplate_min_plans
        if abs(size - self._weight_generation_size) > 0.1 * max(self._weight_generation_size, 1) or (
                (size < small) != (self._weight_generation_size < small)):
            self._weight_array = np.full(len(self.texts), np.nan)
            self._weight_generation_size = size
        elif len(self._weight_array) < len(self.texts):
            self._weight_array = np.concatenate([self._weight_array, np.full(len(self.texts) - len(self._weight_array), np.nan)])

    def _weights_of(self, plan: IndexedPlan) -> np.ndarray:
        self._check_weight_generation()
        text_ids = plan.text_id_array()
        weights = self._weight_array[text_ids]
        if np.isnan(weights).any():
            # Fill every unknown weight at once (in chunks): after a batch of additions the first query pays
            # for the whole collection once, and later queries only look weights up.
            missing = np.nonzero(np.isnan(self._weight_array))[0]
            for start in range(0, len(missing), 256):
                chunk = missing[start:start + 256].tolist()
                self._weight_array[chunk] = self.boilerplate_weights(chunk, self.text_similarities(chunk, lexical=False))
            weights = self._weight_array[text_ids]
        return weights

    def _row_pair(self, query: IndexedPlan, other: IndexedPlan, i: int, j: int, score: float,
                  weight: float) -> RowPair:
        text_a, text_b = query.rows[i].text_id, other.rows[j].text_id
        identical = text_a == text_b or _jaccard(self._shingles[text_a], self._shingles[text_b]) >= self.config.borrow_jaccard
        languages = {self.text_lang[text_a], self.text_lang[text_b]}
        return RowPair(query.rows[i].row_index, other.rows[j].row_index, round(score, 4),
                       boilerplate=bool(weight < self.config.boilerplate_weight), identical=identical,
                       cross_language=languages == {"kk", "ru"})

    def _relation(self, a: IndexedPlan, b: IndexedPlan, pairs: list[RowPair]) -> Relation:
        specific = [p for p in pairs if not p.boilerplate] or pairs
        if not specific:
            return "near_duplicate"
        # Decided on the rows, not the plans' languages, so that a bilingual (mixed) plan whose rows were
        # translated one by one is a translation too.
        if sum(p.cross_language for p in specific) >= 0.5 * len(specific):
            return "translation"
        identical = sum(p.identical for p in specific) / len(specific)
        covered = len(pairs) / min(len(a.rows), len(b.rows))
        if identical < self.config.verbatim_share or covered < 0.8:
            return "near_duplicate"
        if a.district_id and b.district_id:
            return "district_copy" if a.district_id != b.district_id else "verbatim"
        places_a = {p for row in a.rows for p in row.places}
        places_b = {p for row in b.rows for p in row.places}
        return "district_copy" if places_a != places_b and (places_a or places_b) else "verbatim"

    def all_matches(self) -> list[PlanMatch]:
        """Every reported pair of indexed plans once (a before b in insertion order)."""
        seen: set[tuple[str, str]] = set()
        result: list[PlanMatch] = []
        order = {pid: i for i, pid in enumerate(self.plans)}
        for plan_id in list(self.plans):
            for match in self.similar_plans(plan_id):
                a, b = sorted((match.a, match.b), key=order.__getitem__)
                if (a, b) in seen:
                    continue
                seen.add((a, b))
                if a != match.a:
                    match = PlanMatch(a, b, match.score, match.share_of_rows_reused, match.relation,
                                      sorted((RowPair(p.b_row, p.a_row, p.score, p.boilerplate, p.identical,
                                                      p.cross_language) for p in match.rows), key=lambda p: p.a_row))
                result.append(match)
        return result

    # ------------------------------------------------------------------ persistence
    def save(self, directory: Path) -> None:
        """Write the index to ``directory`` (created if missing); :meth:`load` restores it."""
        directory.mkdir(parents=True, exist_ok=True)
        state = {
            "format": INDEX_FORMAT_VERSION,
            "config": asdict(self.config),
            "embedder": getattr(self.embedder, "name", None),
            "texts": self.texts,
            "borrowed": {str(k): v for k, v in self.borrowed.items()},
            "plans": [asdict(p) for p in self.plans.values()],
        }
        tmp = directory / "index.json.tmp"
        tmp.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
        np.save(directory / "signatures.npy", self._signatures)
        embeddings = self._emb
        stored = getattr(self, "_stored_emb", None)
        if self.embedder is None and stored is not None:
            if len(stored) != len(self.texts):
                raise ValueError("this index was built with embeddings; add plans to it with an embedder")
            embeddings = stored
        np.save(directory / "embeddings.npy", embeddings)
        tmp.replace(directory / "index.json")

    @classmethod
    def load(cls, directory: Path, *, embedder: Embedder | None = None,
             places: PlaceNames | None = None) -> PlanIndex:
        state = json.loads((directory / "index.json").read_text(encoding="utf-8"))
        if state.get("format") != INDEX_FORMAT_VERSION:
            raise ValueError(f"index format {state.get('format')} is not {INDEX_FORMAT_VERSION}; rebuild it")
        saved_embedder = state.get("embedder")
        if embedder is not None and saved_embedder and getattr(embedder, "name", None) != saved_embedder:
            raise ValueError(f"index was built with embedder {saved_embedder!r}, not {embedder.name!r}")
        index = cls(embedder=embedder, places=places, config=MatchConfig(**state["config"]))
        index._signatures = np.load(directory / "signatures.npy")
        emb = np.load(directory / "embeddings.npy")
        if embedder is not None:
            index._emb = emb.astype(np.float32)
        elif emb.size:
            # Kept so that saving a lexical-only view (e.g. after deleting plans) loses no embeddings.
            index._stored_emb = emb
        for text in state["texts"]:
            index._text_id[text] = len(index.texts)
            index.texts.append(text)
            index.text_lang.append(text_language(text))
            index._postings.append({})
            index._shingles.append(_shingles(text, index.config.shingle))
        index.borrowed = {int(k): v for k, v in state["borrowed"].items()}
        for raw in state["plans"]:
            rows = [IndexedRow(r["row_index"], r["activity"], r["text_id"], tuple(r["places"])) for r in raw.pop("rows")]
            plan = IndexedPlan(**raw, rows=rows)
            ordinal = len(index._ord_plan)
            index._ord_plan.append(plan.plan_id)
            index._plan_ord[plan.plan_id] = ordinal
            index.plans[plan.plan_id] = plan
            index._plans_by_language[plan.language] += 1
            for row in rows:
                index._postings[row.text_id][ordinal] = index._postings[row.text_id].get(ordinal, 0) + 1
        with index._lsh.insertion_session() as session:
            for text_id in range(len(index.texts)):
                if index._postings[text_id]:
                    session.insert(f"t{text_id}", index._lean(text_id))
        return index
