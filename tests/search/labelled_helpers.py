"""The labelled query set and its scoring, shared by the quality test and bench/search.py.

Labels are quotes, not paragraph ids: a quote must occur in exactly one paragraph of the article,
so renumbering paragraphs never silently changes what a label means.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.content.model import Article

LABELLED_FILE = Path(__file__).with_name("labelled_queries.yaml")
HOLDOUT_FILE = Path(__file__).with_name("holdout_queries.yaml")
TUNING_FILE = Path(__file__).with_name("tuning_queries.yaml")  # questions, paraphrases, English
BLIND_FILE = Path(__file__).with_name("blind_queries.yaml")  # never tune on it
CONTENT_DIR = Path(__file__).parents[2] / "content"


@dataclass(frozen=True, slots=True)
class Labelled:
    query: str
    kind: str
    # A quote of the target paragraph (labelled and held-out sets), or the ids of every paragraph
    # that answers it (blind set); None or [] = off-topic, must find nothing.
    expect: str | tuple[str, ...] | None

    @property
    def off_topic(self) -> bool:
        return not self.expect


@dataclass(slots=True)
class Outcome:
    item: Labelled
    targets: frozenset[str]  # paragraph ids that answer the query; empty = off-topic
    found: list[str]  # paragraph ids returned, best first
    confident: bool = True  # whether the first hit was given as a sure answer

    @property
    def target(self) -> str | None:
        return min(self.targets) if self.targets else None

    @property
    def rank(self) -> int | None:
        ranks = [self.found.index(t) + 1 for t in self.targets if t in self.found]
        return min(ranks) if ranks else None

    @property
    def ok_top1(self) -> bool:
        return self.rank == 1

    @property
    def ok_top3(self) -> bool:
        return self.rank is not None and self.rank <= 3


@dataclass(slots=True)
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def on_topic(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.item.off_topic]

    @property
    def off_topic(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.item.off_topic]

    @property
    def top1(self) -> float:
        return sum(o.ok_top1 for o in self.on_topic) / max(1, len(self.on_topic))

    @property
    def top3(self) -> float:
        return sum(o.ok_top3 for o in self.on_topic) / max(1, len(self.on_topic))

    @property
    def rejected(self) -> float:
        """Share of off-topic queries answered with nothing."""
        return sum(not o.found for o in self.off_topic) / max(1, len(self.off_topic))

    @property
    def not_asserted(self) -> float:
        """Share of off-topic queries given no confident answer (at most "closest passages")."""
        return sum(not o.found or not o.confident for o in self.off_topic) / max(
            1, len(self.off_topic)
        )

    def by_kind(self) -> dict[str, Report]:
        kinds: dict[str, Report] = {}
        for outcome in self.outcomes:
            kinds.setdefault(outcome.item.kind, Report()).outcomes.append(outcome)
        return kinds

    def failures(self) -> list[str]:
        lines = []
        for o in self.outcomes:
            if o.item.off_topic and o.found:
                lines.append(f"off-topic {o.item.query!r} returned {o.found[:3]}")
            elif not o.item.off_topic and not o.ok_top1:
                lines.append(
                    f"{o.item.kind} {o.item.query!r}: want {sorted(o.targets)} got {o.found[:3]} "
                    f"(rank {o.rank})"
                )
        return lines


def load_labelled(path: Path = LABELLED_FILE) -> list[Labelled]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = []
    for entry in raw:
        expect = entry.get("expect")
        if isinstance(expect, list):
            expect = tuple(str(e) for e in expect)
        items.append(Labelled(str(entry["query"]), str(entry["kind"]), expect))
    return items


def target_of(article: Article, quote: str) -> str:
    """The id of the one paragraph holding `quote` (AssertionError when 0 or several)."""
    holders = [p.id for p in article.paragraphs if quote in p.text]
    assert len(holders) == 1, f"label {quote!r} occurs in {holders or 'no paragraph'}"
    return holders[0]


def targets_of(article: Article, item: Labelled) -> frozenset[str]:
    if not item.expect:
        return frozenset()
    if isinstance(item.expect, str):
        return frozenset({target_of(article, item.expect)})
    known = {p.id for p in article.paragraphs}
    assert set(item.expect) <= known, f"{item.query!r}: unknown ids {set(item.expect) - known}"
    return frozenset(item.expect)


def evaluate(
    article: Article,
    items: Sequence[Labelled],
    search: Callable[[str], list[str] | tuple[list[str], bool]],
) -> Report:
    """Run `search` over every labelled query: query -> paragraph ids best first, optionally
    with whether the first one was given as a confident answer."""
    report = Report()
    for item in items:
        found = search(item.query)
        ids, confident = found if isinstance(found, tuple) else (found, True)
        report.outcomes.append(Outcome(item, targets_of(article, item), ids, confident))
    return report
