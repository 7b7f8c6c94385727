"""Extraction speed and quality, measured side by side in one run on the same generated files.

    .venv/bin/python benchmarks/extract.py            # full run (~2-4 min on a quiet 2-core machine)
    .venv/bin/python benchmarks/extract.py --quick    # fewer documents and OCR pages

Speeds are given per CPU-second of this process (and its Tesseract children): "pages/s per core",
which stays meaningful when other jobs share the machine. Wall-clock figures are printed beside them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpora.demo.documents import plan_blocks, protocol_blocks  # noqa: E402
from corpora.gazetteer import districts  # noqa: E402
from corpora.render import (  # noqa: E402
    BROKEN_LAYERS,
    blocks_text,
    render_broken_pdf,
    render_docx,
    render_pdf,
    render_scanned_pdf,
)
from pipelines.extract import ExtractOptions, extract_bytes  # noqa: E402
from pipelines.extract.evaluation import (  # noqa: E402
    character_error_rate,
    comparable,
    kazakh_letter_accuracy,
)


def cpu_seconds() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def measure(fn: Callable[[], int]) -> tuple[int, float, float]:
    """(pages, cpu seconds, wall seconds) of ``fn`` which returns the number of pages it processed."""
    cpu, wall = cpu_seconds(), time.perf_counter()
    pages = fn()
    return pages, cpu_seconds() - cpu, time.perf_counter() - wall


def build_documents(n_docs: int) -> list[tuple[str, list, object]]:
    docs = []
    ids = [d.id for d in districts()]
    for i in range(n_docs):
        language = ("kk", "ru")[i % 2]
        district = ids[i % len(ids)]
        if i % 3 == 2:
            blocks, truth = plan_blocks(language=language, district_id=district, year=2024 + i % 2, seed=i)
        else:
            blocks, truth = protocol_blocks(language=language, district_id=district, date=dt.date(2024, 1 + i % 12, 10),
                                            number=i + 1, seed=i, n_topics=5, repeat=2)
        docs.append((language, blocks, truth))
    return docs


def row(label: str, value: str) -> None:
    print(f"  {label:<62} {value}")  # noqa: T201


def language_figures() -> None:
    """Paragraph-level kk/ru/mixed accuracy on every labelled set we have, per language."""
    import json
    from collections import Counter

    from pipelines.extract.language import detect_language

    root = Path(__file__).resolve().parents[1]
    fixtures = root / "tests" / "fixtures" / "extract"

    def tsv(name: str) -> list[tuple[str, str]]:
        lines = (fixtures / name).read_text(encoding="utf-8").splitlines()
        return [tuple(line.split("\t", 1)) for line in lines if line.strip() and not line.startswith("#")]

    def complaints(name: str) -> list[tuple[str, str]]:
        path = root / "corpora" / "complaints" / name
        if not path.exists():
            return []
        records = map(json.loads, path.read_text(encoding="utf-8").splitlines())
        return [(r["language"], r["text"]) for r in records if r.get("language") in ("kk", "ru", "mixed")]

    print("\nLanguage per paragraph (kk / ru / mixed)")  # noqa: T201
    sets = [("our tuning set", tsv("language_paragraphs.tsv")),
            ("our held-out set (written after tuning)", tsv("language_paragraphs_heldout.tsv")),
            ("complaints dev (labels by the complaints area)", complaints("dev.jsonl")),
            ("complaints test (labels by the complaints area)", complaints("test.jsonl"))]
    for name, rows in sets:
        if not rows:
            continue
        total, correct = Counter(), Counter()
        for label, text in rows:
            total[label] += 1
            correct[label] += detect_language(text) == label
        per_language = "  ".join(f"{k} {correct[k]}/{total[k]}" for k in ("kk", "ru", "mixed") if total[k])
        row(name, f"{sum(correct.values()) / sum(total.values()):.3f}  ({per_language})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    n_docs = 12 if args.quick else 30
    ocr_pages_per_language = 1 if args.quick else 3

    print(f"Qorgau extraction benchmark — {dt.datetime.now():%Y-%m-%d %H:%M}, cores: {os.cpu_count()}, "  # noqa: T201
          f"load average: {os.getloadavg()[0]:.1f}")
    documents = build_documents(n_docs)
    pdfs = [render_pdf(blocks) for _, blocks, _ in documents]
    docxs = [render_docx(blocks) for _, blocks, _ in documents]

    # -- text PDF: ours (quality gate, normalisation, language, metadata, tables) vs raw pdfplumber ----------
    import pdfplumber
    import pypdfium2 as pdfium

    options = ExtractOptions()  # OCR enabled: a clean page sent to OCR would show up below
    results = []

    def ours() -> int:
        results.clear()
        results.extend(extract_bytes(pdf, filename="b.pdf", options=options) for pdf in pdfs)
        return sum(len(d.pages) for d in results)

    plumber_texts: list[list[str]] = []

    def raw_pdfplumber() -> int:
        plumber_texts.clear()
        pages = 0
        for pdf in pdfs:
            with pdfplumber.open(__import__("io").BytesIO(pdf)) as document:
                plumber_texts.append([page.extract_text() or "" for page in document.pages])
                pages += len(document.pages)
        return pages

    pdfium_texts: list[list[str]] = []

    def raw_pdfium() -> int:
        pdfium_texts.clear()
        pages = 0
        for pdf in pdfs:
            document = pdfium.PdfDocument(pdf)
            texts = []
            for page in document:
                textpage = page.get_textpage()
                texts.append(textpage.get_text_range())
                textpage.close()
            pdfium_texts.append(texts)
            pages += len(texts)
            document.close()
        return pages

    ours_pages, ours_cpu, ours_wall = measure(ours)
    plumb_pages, plumb_cpu, plumb_wall = measure(raw_pdfplumber)
    fium_pages, fium_cpu, fium_wall = measure(raw_pdfium)
    print(f"\nText PDF ({len(pdfs)} documents, {ours_pages} pages)")  # noqa: T201
    row("ours, all checks (pages/s per core | wall)", f"{ours_pages / ours_cpu:7.1f} | {ours_pages / ours_wall:7.1f}")
    row("raw pdfplumber extract_text (pages/s per core | wall)",
        f"{plumb_pages / plumb_cpu:7.1f} | {plumb_pages / plumb_wall:7.1f}")
    row("raw pypdfium2 get_text_range (pages/s per core | wall)",
        f"{fium_pages / fium_cpu:7.1f} | {fium_pages / fium_wall:7.1f}")
    row("speed-up ours vs raw pdfplumber (per core)", f"{(ours_pages / ours_cpu) / (plumb_pages / plumb_cpu):7.2f}x")
    identical = total = 0
    worst = 0.0
    table_pages = 0
    for fium_doc, plumb_doc, doc in zip(pdfium_texts, plumber_texts, results, strict=True):
        pages_with_tables = {n for t in doc.tables for n in range(t.page, (t.page_end or t.page) + 1)}
        for number, (a, b) in enumerate(zip(fium_doc, plumb_doc, strict=True), start=1):
            if number in pages_with_tables:
                table_pages += 1  # these pages are read by pdfplumber in our path
                continue
            total += 1
            identical += comparable(a.replace("\r", "")) == comparable(b)
            worst = max(worst, character_error_rate(b, a))
    row("pages without ruled tables: pypdfium2 text == pdfplumber text",
        f"{identical}/{total}  (worst page CER {worst:.4f})")
    row("pages with ruled tables (read by pdfplumber in our path)", f"{table_pages}")
    cers, kk_acc = [], []
    for (_, blocks, truth), doc in zip(documents, results, strict=True):
        source = blocks_text(blocks)
        extracted = "\n".join(p.text for p in doc.paragraphs)
        cers.append(character_error_rate(source, extracted))
        if truth.language == "kk":
            kk_acc.append(kazakh_letter_accuracy(source, extracted))
    row("paragraph text CER vs source (mean | max)", f"{sum(cers) / len(cers):.4f} | {max(cers):.4f}")
    row("Kazakh-letter accuracy, kk documents (min)", f"{min(kk_acc):.4f}")
    meta_ok = sum((d.doc_type, d.language, d.metadata.district_id, d.metadata.year) ==
                  (t.doc_type, t.language, t.district_id, t.year) for (_, _, t), d in zip(documents, results, strict=True))
    row("doc type + language + district + year all correct", f"{meta_ok}/{len(results)}")
    clean_ocr_pdf = sum(p.method == "ocr" for d in results for p in d.pages)

    long_blocks, _ = protocol_blocks(language="kk", district_id="alga", date=dt.date(2024, 4, 1), number=1, seed=1,
                                     n_topics=8, repeat=120)
    long_pdf = render_pdf(long_blocks)
    long_doc = []

    def long_run() -> int:
        long_doc.append(extract_bytes(long_pdf, filename="long.pdf", options=options))
        return len(long_doc[0].pages)

    long_pages, long_cpu, long_wall = measure(long_run)
    row(f"one long protocol ({long_pages} pages): pages/s per core | wall",
        f"{long_pages / long_cpu:7.1f} | {long_pages / long_wall:7.1f}")

    # -- DOCX ----------------------------------------------------------------------------------------------
    docx_results = []

    def docx_path() -> int:
        docx_results.clear()
        docx_results.extend(extract_bytes(data, filename="b.docx", options=options) for data in docxs)
        return sum(len(d.pages) for d in docx_results)

    docx_pages, docx_cpu, docx_wall = measure(docx_path)
    print(f"\nDOCX ({len(docxs)} documents, {docx_pages} pages by explicit page breaks)")  # noqa: T201
    row("ours, all checks (pages/s per core | wall)", f"{docx_pages / docx_cpu:7.1f} | {docx_pages / docx_wall:7.1f}")
    clean_ocr_docx = sum(p.method == "ocr" for d in docx_results for p in d.pages)

    # -- quality gate ---------------------------------------------------------------------------------------
    no_ocr = ExtractOptions(ocr_enabled=False)
    broken_pages = rejected = 0
    per_kind: dict[str, list[int]] = {}
    for kind in BROKEN_LAYERS:
        for _language, blocks, _ in documents[:4]:
            doc = extract_bytes(render_broken_pdf(blocks, kind=kind), filename="x.pdf", options=no_ocr)
            n_rejected = sum(not p.quality.usable for p in doc.pages)
            broken_pages += len(doc.pages)
            rejected += n_rejected
            per_kind.setdefault(kind, [0, 0])
            per_kind[kind][0] += n_rejected
            per_kind[kind][1] += len(doc.pages)
    print("\nText-quality gate")  # noqa: T201
    row("broken-layer pages rejected -> routed to OCR", f"{rejected}/{broken_pages}")
    for kind, (r, n) in per_kind.items():
        row(f"  {kind}", f"{r}/{n}")
    clean_ocr_long = sum(p.method == "ocr" for p in long_doc[0].pages)
    clean_pages = ours_pages + docx_pages + long_pages
    row("clean pages sent to OCR (text PDF + DOCX + long PDF, OCR enabled)",
        f"{clean_ocr_pdf + clean_ocr_docx + clean_ocr_long}/{clean_pages}")

    # -- OCR ------------------------------------------------------------------------------------------------
    print(f"\nOCR (Tesseract kaz+rus, 300 dpi, noise + up to 0.8° rotation, {ocr_pages_per_language} "  # noqa: T201
          "page(s) per language)")
    for language in ("kk", "ru"):
        sources = [blocks for lang, blocks, truth in documents if lang == language
                   and truth.doc_type == "protocol"][:ocr_pages_per_language]
        scans, texts = [], []
        for i, blocks in enumerate(sources):
            first_page = [b for b in blocks[:14] if isinstance(b, str)]
            scans.append(render_scanned_pdf(first_page, dpi=300, seed=100 + i))
            texts.append("\n".join(first_page))
        ocr_docs = []

        def ocr_run(scans: list[bytes] = scans, ocr_docs: list = ocr_docs) -> int:
            ocr_docs.extend(extract_bytes(scan, filename="s.pdf", options=options) for scan in scans)
            return sum(len(d.pages) for d in ocr_docs)

        pages, cpu, wall = measure(ocr_run)
        cer = [character_error_rate(t, d.text) for t, d in zip(texts, ocr_docs, strict=True)]
        kk = [kazakh_letter_accuracy(t, d.text) for t, d in zip(texts, ocr_docs, strict=True)]
        conf = [p.ocr_confidence or 0 for d in ocr_docs for p in d.pages]
        row(f"{language}: pages/s per core | wall", f"{pages / cpu:7.2f} | {pages / wall:7.2f}")
        row(f"{language}: CER mean | max", f"{sum(cer) / len(cer):.4f} | {max(cer):.4f}")
        if language == "kk":
            row("kk: Kazakh-letter accuracy (min)", f"{min(kk):.4f}")
        row(f"{language}: mean Tesseract confidence", f"{sum(conf) / len(conf):.1f}")

    language_figures()
    print("\nTargets: text PDF and DOCX >= 20 pages/s per core; OCR CER <= 3%; 100% broken layers rerouted; "  # noqa: T201
          "0 clean pages to OCR.")


if __name__ == "__main__":
    main()
