"""Search benchmark: latency, memory and quality of bot.search against plain rapidfuzz.

Run: `.venv/bin/python bench/search.py` (or `make bench`). It
1. builds the engine over the real article (content/) and over a deterministic synthetic library
   of 20,000 paragraphs made by recombining the article's own sentences (seeded);
2. times `search` and `suggest` (every labelled query, and every prefix of it for autocomplete);
3. times the baseline `process.extract(query, paragraphs, scorer=fuzz.partial_ratio)` and scores
   its quality on the labelled set with the fairest cut-off it can have (the lowest that rejects
   every off-topic query, i.e. tuned on the answers, in its favour);
4. prints a table and writes it under `## Search` in BENCHMARKS.md, keeping other sections.

A script, not a test: timings depend on the machine. Options: `--no-write`, `--size N`.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.reporting import machine, percentile, write_section  # noqa: E402
from bot.content.library import load_library  # noqa: E402
from bot.content.model import Article, Paragraph, Section  # noqa: E402
from bot.search import SearchEngine, normalize  # noqa: E402
from bot.search.sentences import split_sentences  # noqa: E402
from tests.search.labelled import (  # noqa: E402
    HOLDOUT_FILE,
    Labelled,
    Report,
    evaluate,
    load_labelled,
)

SEED = 20211005
REPEAT = 5
BASELINE_LIMIT = 5


# -- the libraries -----------------------------------------------------------------------------


def real_article() -> Article:
    library = load_library(ROOT / "content")
    if library.problems:
        raise SystemExit("content has problems; run `python -m bot content check`")
    return library.articles[0]


def synthetic_library(article: Article, size: int, seed: int = SEED) -> Article:
    """`size` paragraphs: the real ones, then recombinations of the article's sentences.

    Each synthetic paragraph takes 2-8 sentences drawn (seeded) from the whole article, so its
    vocabulary and length match the real text; sections of 40 paragraphs keep paths realistic.
    """
    rng = random.Random(seed)
    sentences = [s for p in article.paragraphs for s in split_sentences(p.text) if s.strip()]
    sections = list(article.sections)
    paragraphs = list(article.paragraphs)
    ordinal = max((p.ordinal for p in paragraphs), default=0)
    section_id = ""
    while len(paragraphs) < size:
        n = len(paragraphs)
        if n % 40 == 0 or not section_id:
            section_id = f"syn{n // 40}"
            sections.append(
                Section(section_id, None, f"合成章节{n // 40}", "", f"合成/{n // 40}", 1, n)
            )
        ordinal += 1
        text = "".join(rng.choice(sentences).strip() for _ in range(rng.randint(2, 8)))
        paragraphs.append(Paragraph(f"s{n}", section_id, ordinal, text))
    return Article(article.meta, tuple(sections), tuple(paragraphs), glossary=article.glossary)


# -- measuring ---------------------------------------------------------------------------------


def timed(fn: Callable[[str], object], queries: Sequence[str], repeat: int) -> list[float]:
    """Milliseconds per query: the median of `repeat` runs (after one warm-up run).

    The median per query keeps a neighbour's CPU burst on a shared machine from posing as a
    slow query; the percentiles are then taken across queries.
    """
    for q in queries:
        fn(q)
    runs: list[list[float]] = [[] for _ in queries]
    for _ in range(repeat):
        for i, q in enumerate(queries):
            start = time.perf_counter()
            fn(q)
            runs[i].append((time.perf_counter() - start) * 1000.0)
    return [statistics.median(r) for r in runs]


def rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@dataclass
class Built:
    engine: SearchEngine
    seconds: float
    traced: int  # bytes allocated by the build and still held (tracemalloc)
    rss: int  # RSS growth over the build


def build(article: Article) -> Built:
    """Build twice: untraced for time and RSS growth, then under tracemalloc for held bytes."""
    gc.collect()
    rss_before = rss_bytes()
    start = time.perf_counter()
    engine = SearchEngine.build([article])
    seconds = time.perf_counter() - start
    gc.collect()
    rss = rss_bytes() - rss_before
    del engine
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    engine = SearchEngine.build([article])
    gc.collect()
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    traced = sum(s.size_diff for s in after.compare_to(before, "filename"))
    return Built(engine, seconds, traced, rss)


def prefixes(queries: Sequence[str]) -> list[str]:
    """What autocomplete sees while a reader types each query."""
    out: list[str] = []
    for q in queries:
        out.extend(q[:i] for i in range(1, len(q) + 1) if q[:i].strip())
    return out


# -- quality -----------------------------------------------------------------------------------


def engine_quality(engine: SearchEngine, article: Article, items: list[Labelled]) -> Report:
    return evaluate(article, items, lambda q: [h.paragraph_id for h in engine.search(q)])


def baseline_search(
    article: Article, fold: bool
) -> tuple[Callable[[str, float], list[str]], Callable[[str], list[tuple[str, float]]]]:
    ids = [p.id for p in article.paragraphs]
    texts = [normalize(p.text) if fold else p.text for p in article.paragraphs]

    def scored(query: str) -> list[tuple[str, float]]:
        q = normalize(query) if fold else query
        found = process.extract(q, texts, scorer=fuzz.partial_ratio, limit=BASELINE_LIMIT)
        return [(ids[index], score) for _, score, index in found]

    def search(query: str, cutoff: float) -> list[str]:
        return [pid for pid, score in scored(query) if score >= cutoff]

    return search, scored


def baseline_quality(article: Article, items: list[Labelled], fold: bool) -> tuple[Report, float]:
    """Baseline quality at the lowest cut-off that rejects every off-topic query."""
    search, scored = baseline_search(article, fold)
    off_best = [max((s for _, s in scored(i.query)), default=0.0) for i in items if not i.expect]
    cutoff = min(100.0, max(off_best, default=0.0) + 0.01)
    return evaluate(article, items, lambda q: search(q, cutoff)), cutoff


# -- report ------------------------------------------------------------------------------------


def fmt_ms(values: Sequence[float]) -> str:
    return f"{percentile(values, 0.5):.2f} / {percentile(values, 0.99):.2f}"


def pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def main(argv: Sequence[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--size", type=int, default=20_000, help="synthetic library size")
    options.add_argument("--no-write", action="store_true", help="do not update BENCHMARKS.md")
    args = options.parse_args(argv)

    host = machine(with_load=True)
    article = real_article()
    items = load_labelled()
    queries = [i.query for i in items]
    typed = prefixes(queries)
    big = synthetic_library(article, args.size)
    print(f"labelled queries: {len(items)}; autocomplete inputs (prefixes): {len(typed)}")

    rows: list[str] = []
    results: dict[str, dict[str, object]] = {}
    for label, library in (("article", article), (f"{len(big.paragraphs):,}", big)):
        built = build(library)
        engine = built.engine
        search_ms = timed(lambda q, e=engine: e.search(q), queries, REPEAT)
        suggest_ms = timed(lambda q, e=engine: e.suggest(q), typed, 3)
        texts = [p.text for p in library.paragraphs]
        base_ms = timed(
            lambda q, t=texts: process.extract(
                q, t, scorer=fuzz.partial_ratio, limit=BASELINE_LIMIT
            ),
            queries,
            1 if len(texts) > 1000 else REPEAT,
        )
        results[label] = {
            "n": len(library.paragraphs),
            "build": built.seconds,
            "traced": built.traced,
            "rss": built.rss,
            "search": search_ms,
            "suggest": suggest_ms,
            "baseline": base_ms,
        }
        print(
            f"[{label}] build {built.seconds:.2f}s, index {built.traced / 2**20:.1f} MiB traced "
            f"({built.rss / 2**20:.1f} MiB RSS); search p50/p99 {fmt_ms(search_ms)} ms; "
            f"suggest {fmt_ms(suggest_ms)} ms; baseline {fmt_ms(base_ms)} ms"
        )

    small = SearchEngine.build([article])
    ours = engine_quality(small, article, items)
    holdout = engine_quality(small, article, load_labelled(HOLDOUT_FILE))
    plain, plain_cut = baseline_quality(article, items, fold=False)
    folded, folded_cut = baseline_quality(article, items, fold=True)

    rows.append(
        "| size | paragraphs | build s | index MiB (traced / RSS) | search p50 / p99 ms "
        "| suggest p50 / p99 ms | baseline p50 / p99 ms | speed-up p50 / p99 |"
    )
    rows.append("|---|---|---|---|---|---|---|---|")
    for label, r in results.items():
        search_ms, base_ms = r["search"], r["baseline"]
        assert isinstance(search_ms, list) and isinstance(base_ms, list)
        speed50 = percentile(base_ms, 0.5) / max(percentile(search_ms, 0.5), 1e-9)
        speed99 = percentile(base_ms, 0.99) / max(percentile(search_ms, 0.99), 1e-9)
        rows.append(
            f"| {label} | {r['n']:,} | {r['build']:.2f} | "
            f"{int(r['traced']) / 2**20:.1f} / {int(r['rss']) / 2**20:.1f} | "
            f"{fmt_ms(search_ms)} | {fmt_ms(r['suggest'])} | {fmt_ms(base_ms)} | "  # type: ignore[arg-type]
            f"{speed50:.1f}x / {speed99:.1f}x |"
        )
    quality = [
        "| engine (labelled set on the article) | top-1 | top-3 | off-topic rejected |",
        "|---|---|---|---|",
        f"| bot.search | {pct(ours.top1)} | {pct(ours.top3)} | {pct(ours.rejected)} |",
        f"| bot.search, held-out set ({len(holdout.outcomes)} queries never tuned on) | "
        f"{pct(holdout.top1)} | {pct(holdout.top3)} | {pct(holdout.rejected)} |",
        f"| baseline partial_ratio, display text, cut-off {plain_cut:.1f} | {pct(plain.top1)} | "
        f"{pct(plain.top3)} | {pct(plain.rejected)} |",
        f"| baseline partial_ratio, folded text, cut-off {folded_cut:.1f} | {pct(folded.top1)} | "
        f"{pct(folded.top3)} | {pct(folded.rejected)} |",
    ]
    on = len(ours.on_topic)
    off = len(ours.off_topic)
    body = "\n".join(
        [
            f"Machine: {host}.",
            "",
            f"`bench/search.py`: {len(items)} labelled queries ({on} with a target paragraph, "
            f"{off} off-topic) from `tests/search/labelled_queries.yaml`. Latency: per query the "
            f"median of {REPEAT} runs (suggest: 3), then p50/p99 across queries; search runs "
            f"every labelled query, suggest every prefix a reader types ({len(typed)} inputs). "
            "The 20,000-paragraph library is the article plus seeded recombinations of its "
            "sentences. Baseline: `process.extract(query, paragraphs, scorer=fuzz.partial_ratio, "
            f"limit={BASELINE_LIMIT})`; its cut-off is the lowest that rejects every off-topic query "
            "(chosen with the answers, in its favour).",
            "",
            *rows,
            "",
            *quality,
        ]
    )
    print()
    print(body)
    if ours.failures():
        print("\nengine misses:\n  " + "\n  ".join(ours.failures()))
    if not args.no_write:
        write_section("Search", body)
        print("\nwrote BENCHMARKS.md ## Search")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
