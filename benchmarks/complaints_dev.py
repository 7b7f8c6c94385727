"""DEV-only evaluation of a complaint artifact, with the errors printed (for model work; never reads TEST).

    .venv/bin/python benchmarks/complaints_dev.py [--model PATH] [--kind whole2] [--errors]

Note: an installed artifact is refit on TRAIN + DEV, so its figures on the older DEV records are seen
data; records added to DEV after the artifact was trained (``--kind whole2`` before a retrain) are not.
The honest DEV figures of a training run are its pre-refit ``model.report``.
"""

# ruff: noqa: T201  (an evaluation script prints its figures)
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.complaints import metrics  # noqa: E402
from corpora.complaints import load_split  # noqa: E402
from pipelines.complaints.classifier import ComplaintClassifier  # noqa: E402
from pipelines.complaints.types import ComplaintInput  # noqa: E402
from service.settings import get_settings  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--kind", default=None, help="only DEV records of this kind (e.g. whole2)")
    parser.add_argument("--errors", action="store_true", help="print category and urgent errors")
    args = parser.parse_args()
    dev = [d for d in load_split("dev") if args.kind is None or d.get("kind") == args.kind]
    classifier = ComplaintClassifier.load(args.model, st_model_dir=get_settings().embeddings.model_dir)
    predicted = [r.model_dump() for r in classifier.classify([ComplaintInput(id=d["id"], text=d["text"]) for d in dev])]
    figures = metrics(dev, predicted)
    print(f"DEV{'/' + args.kind if args.kind else ''}: model {classifier.version}")
    for key, value in figures.items():
        print(f"  {key:<24}{value:.3f}" if isinstance(value, float) else f"  {key:<24}{value}")
    if args.errors:
        for truth, result in zip(dev, predicted, strict=True):
            wrong_category = truth["category"] != result["category"]
            wrong_urgent = truth["urgent"] != result["urgent"]
            if wrong_category or wrong_urgent:
                print(f"- {truth['id']} [{truth['language']}] {truth['category']}->{result['category']} "
                      f"conf={result['confidence']:.2f} urgent {truth['urgent']}->{result['urgent']} "
                      f"{result['urgent_evidence']}\n    {truth['text'][:160]}")


if __name__ == "__main__":
    main()
