"""Search benchmark: latency, memory and quality of bot.search against two peers, same run.

Run: `.venv/bin/python bench/search.py` (or `make bench`, which installs the `bench` extra). It
1. builds the engine over the real article (content/) and over a deterministic synthetic library
   of 20,000 paragraphs made by recombining the article's own sentences (seeded);
2. times `search` and `suggest` (every labelled query, and every prefix of it for autocomplete);
3. times and scores two peers on the same paragraphs: the plain rapidfuzz scan
   `process.extract(query, paragraphs, scorer=fuzz.partial_ratio)` and a BM25 baseline (`bm25s`
   over character bigrams of the folded text); each gets the fairest cut-off it can have (the
   lowest that rejects every off-topic query of the labelled set, chosen with the answers);
4. reports quality on four query sets: labelled and tuning (tuned on), held-out (never tuned on,
   but written by the engine's authors) and blind (written from the article alone by someone who
   never saw the engine; never tuned on: the real figure), per kind for the last two;
5. prints the tables and writes them under `## Search` in BENCHMARKS.md, keeping other sections.

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
from bot.content.articles_folder import load_library  # noqa: E402
from bot.content.model import Article, Paragraph, Section  # noqa: E402
from bot.content.sentences import split_sentences  # noqa: E402
from bot.search import SearchEngine, normalize  # noqa: E402
from bot.search.meaning import zh_tokens  # noqa: E402
from tests.search.labelled_helpers import (  # noqa: E402
    BLIND_FILE,
    HOLDOUT_FILE,
    LABELLED_FILE,
    TUNING_FILE,
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
    def answer(query: str) -> tuple[list[str], bool]:
        hits = engine.search(query)
        return [h.paragraph_id for h in hits], bool(hits) and hits[0].confidence == "high"

    return evaluate(article, items, answer)


Scorer = Callable[[str], list[tuple[str, float]]]


def rapidfuzz_scorer(article: Article) -> Scorer:
    ids = [p.id for p in article.paragraphs]
    texts = [normalize(p.text) for p in article.paragraphs]

    def scored(query: str) -> list[tuple[str, float]]:
        found = process.extract(
            normalize(query), texts, scorer=fuzz.partial_ratio, limit=BASELINE_LIMIT
        )
        return [(ids[index], score) for _, score, index in found]

    return scored


def bigrams(text: str) -> list[str]:
    folded = normalize(text)
    return [t for t in zh_tokens(folded) if len(t) == 2] + [
        w for w in folded.split() if w.isascii()
    ]


def bm25_scorer(article: Article) -> Scorer:
    """bm25s over character bigrams of the same folded paragraphs (a proven start for Chinese)."""
    import bm25s

    ids = [p.id for p in article.paragraphs]
    retriever = bm25s.BM25()
    retriever.index(
        bm25s.tokenization.Tokenized(*_vocab_ids([bigrams(p.text) for p in article.paragraphs])),
        show_progress=False,
    )
    vocab = retriever.vocab_dict

    def scored(query: str) -> list[tuple[str, float]]:
        tokens = [vocab[t] for t in bigrams(query) if t in vocab]
        if not tokens:
            return []
        scores = retriever.get_scores(tokens)
        best = sorted(range(len(ids)), key=lambda i: -scores[i])[:BASELINE_LIMIT]
        return [(ids[i], float(scores[i])) for i in best if scores[i] > 0]

    return scored


def _vocab_ids(docs: list[list[str]]) -> tuple[list[list[int]], dict[str, int]]:
    vocab: dict[str, int] = {}
    return [[vocab.setdefault(t, len(vocab)) for t in doc] for doc in docs], vocab


def baseline_quality(
    article: Article, scored: Scorer, calibration: list[Labelled], items: list[Labelled]
) -> tuple[Report, float]:
    """A peer's quality at the lowest cut-off rejecting every off-topic labelled query."""
    off_best = [
        max((s for _, s in scored(i.query)), default=0.0) for i in calibration if not i.expect
    ]
    cutoff = max(off_best, default=0.0) + 1e-6
    return evaluate(
        article, items, lambda q: [pid for pid, score in scored(q) if score >= cutoff]
    ), cutoff


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
    sets = {
        "labelled (tuned on)": load_labelled(LABELLED_FILE),
        "tuning (tuned on)": load_labelled(TUNING_FILE),
        "held-out": load_labelled(HOLDOUT_FILE),
        "blind (never tuned on)": load_labelled(BLIND_FILE),
    }
    peers = {
        "rapidfuzz partial_ratio": rapidfuzz_scorer(article),
        "bm25s bigrams": bm25_scorer(article),
    }
    ours = engine_quality(small, article, items)
    quality = [
        "| query set | engine | top-1 | top-3 | off-topic: nothing | off-topic: no sure answer |",
        "|---|---|---|---|---|---|",
    ]
    per_kind: list[str] = []
    for name, set_items in sets.items():
        reports = {"bot.search": engine_quality(small, article, set_items)}
        for peer, scored in peers.items():
            reports[peer], _ = baseline_quality(article, scored, items, set_items)
        for engine_name, report in reports.items():
            sure = pct(report.not_asserted) if engine_name == "bot.search" else "="
            quality.append(
                f"| {name} ({len(report.on_topic)} + {len(report.off_topic)} off-topic) | "
                f"{engine_name} | {pct(report.top1)} | {pct(report.top3)} | "
                f"{pct(report.rejected)} | {sure} |"
            )
        if name.startswith(("blind", "tuning")):
            per_kind += ["", f"Per kind, {name} set (bot.search / bm25s / rapidfuzz):", ""]
            per_kind += ["| kind | n | top-1 | top-3 |", "|---|---|---|---|"]
            kinds = {
                k: {e: r.by_kind()[k] for e, r in reports.items()}
                for k in reports["bot.search"].by_kind()
            }
            for kind, by_engine in sorted(kinds.items()):
                ours_k = by_engine["bot.search"]
                others = [by_engine["bm25s bigrams"], by_engine["rapidfuzz partial_ratio"]]
                if ours_k.on_topic:
                    top1 = " / ".join(pct(r.top1) for r in [ours_k, *others])
                    top3 = " / ".join(pct(r.top3) for r in [ours_k, *others])
                else:
                    top1 = "nothing: " + " / ".join(pct(r.rejected) for r in [ours_k, *others])
                    top3 = f"no sure answer: {pct(ours_k.not_asserted)}"
                per_kind.append(f"| {kind} | {len(ours_k.outcomes)} | {top1} | {top3} |")
    peer_ms = {}
    texts = [p.text for p in big.paragraphs]
    big_bm25 = bm25_scorer(big)
    peer_ms["bm25s"] = timed(big_bm25, queries, 1)

    rows.append(
        "| size | paragraphs | build s | index MiB (traced / RSS) | search p50 / p99 ms "
        "| suggest p50 / p99 ms | rapidfuzz p50 / p99 ms | bm25s p50 / p99 ms |"
    )
    rows.append("|---|---|---|---|---|---|---|---|")
    for label, r in results.items():
        search_ms, base_ms = r["search"], r["baseline"]
        assert isinstance(search_ms, list) and isinstance(base_ms, list)
        bm25_ms = fmt_ms(peer_ms["bm25s"]) if r["n"] == len(texts) else "—"
        rows.append(
            f"| {label} | {r['n']:,} | {r['build']:.2f} | "
            f"{int(r['traced']) / 2**20:.1f} / {int(r['rss']) / 2**20:.1f} | "
            f"{fmt_ms(search_ms)} | {fmt_ms(r['suggest'])} | {fmt_ms(base_ms)} | "  # type: ignore[arg-type]
            f"{bm25_ms} |"
        )
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
            "sentences. Peers: `process.extract(query, paragraphs, scorer=fuzz.partial_ratio, "
            f"limit={BASELINE_LIMIT})` and `bm25s` over character bigrams; each peer's cut-off is "
            "the lowest that rejects every off-topic labelled query (chosen with the answers, in "
            "its favour). Off-topic columns: `nothing` = no hit at all; `no sure answer` = nothing, "
            'or only closest passages marked low confidence (what members see as "no confident '
            'match").',
            "",
            *rows,
            "",
            *quality,
            *per_kind,
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
