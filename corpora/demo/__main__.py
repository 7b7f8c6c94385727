"""Write the demo set: kk and ru protocols and plans as DOCX, PDF, one XLSX and one scanned PDF, plus .truth.json (hidden, so ingesting the folder skips it).

    python -m corpora.demo --out var/demo
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

from corpora.demo.documents import plan_blocks, protocol_blocks
from corpora.render import render_docx, render_pdf, render_scanned_pdf, render_xlsx

# (file name, kind, language, district, date or year, number, renderer)
DEMO_SET = [
    ("protocol_alga_2024-03_ru.docx", "protocol", "ru", "alga", dt.date(2024, 3, 14), 3, "docx"),
    ("protocol_martuk_2024-02_kk.pdf", "protocol", "kk", "martuk", dt.date(2024, 2, 20), 2, "pdf"),
    ("protocol_aktobe_2024-05_ru.pdf", "protocol", "ru", "aktobe-city", dt.date(2024, 5, 22), 7, "pdf"),
    ("protocol_khromtau_2024-04_kk.docx", "protocol", "kk", "khromtau", dt.date(2024, 4, 11), 4, "docx"),
    ("protocol_shalkar_2024-06_ru_scan.pdf", "protocol", "ru", "shalkar", dt.date(2024, 6, 5), 5, "scan"),
    ("plan_alga_2024_ru.pdf", "plan", "ru", "alga", 2024, None, "pdf"),
    ("plan_mugalzhar_2025_kk.docx", "plan", "kk", "mugalzhar", 2025, None, "docx"),
    ("plan_temir_2024_kk.pdf", "plan", "kk", "temir", 2024, None, "pdf"),
    ("plan_alga_2025_ru.docx", "plan", "ru", "alga", 2025, None, "docx"),
    ("plan_kargaly_2025_ru.xlsx", "plan", "ru", "kargaly", 2025, None, "xlsx"),
]


def write_demo(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    truth = {}
    written = []
    for seed, (name, kind, language, district, when, number, renderer) in enumerate(DEMO_SET):
        if kind == "protocol":
            blocks, doc_truth = protocol_blocks(language=language, district_id=district, date=when,
                                                number=number, seed=seed)
        else:
            blocks, doc_truth = plan_blocks(language=language, district_id=district, year=when, seed=seed)
        path = out / name
        if renderer == "docx":
            render_docx(blocks, path=path)
        elif renderer == "pdf":
            render_pdf(blocks, path=path)
        elif renderer == "xlsx":
            render_xlsx(blocks, path=path)
        else:
            render_scanned_pdf(blocks, path=path, seed=seed)
        truth[name] = doc_truth.as_dict()
        written.append(path)
    (out / ".truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=2), encoding="utf-8")
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=Path("var/demo"))
    args = parser.parse_args()
    for path in write_demo(args.out):
        print(path)  # noqa: T201 - a command-line listing


if __name__ == "__main__":
    main()
