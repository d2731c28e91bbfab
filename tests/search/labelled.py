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
CONTENT_DIR = Path(__file__).parents[2] / "content"


@dataclass(frozen=True, slots=True)
class Labelled:
    query: str
    kind: str
    expect: str | None  # quote of the target paragraph; None = off-topic, must find nothing


@dataclass(slots=True)
class Outcome:
    item: Labelled
    target: str | None  # paragraph id the quote points at
    found: list[str]  # paragraph ids returned, best first

    @property
    def rank(self) -> int | None:
        if self.target is None or self.target not in self.found:
            return None
        return self.found.index(self.target) + 1

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
        return [o for o in self.outcomes if o.item.expect is not None]

    @property
    def off_topic(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.item.expect is None]

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

    def failures(self) -> list[str]:
        lines = []
        for o in self.outcomes:
            if o.item.expect is None and o.found:
                lines.append(f"off-topic {o.item.query!r} returned {o.found[:3]}")
            elif o.item.expect is not None and not o.ok_top1:
                lines.append(
                    f"{o.item.kind} {o.item.query!r}: want {o.target} got {o.found[:3]} "
                    f"(rank {o.rank})"
                )
        return lines


def load_labelled(path: Path = LABELLED_FILE) -> list[Labelled]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Labelled(str(e["query"]), str(e["kind"]), e.get("expect")) for e in raw]


def target_of(article: Article, quote: str) -> str:
    """The id of the one paragraph holding `quote` (AssertionError when 0 or several)."""
    holders = [p.id for p in article.paragraphs if quote in p.text]
    assert len(holders) == 1, f"label {quote!r} occurs in {holders or 'no paragraph'}"
    return holders[0]


def evaluate(
    article: Article,
    items: Sequence[Labelled],
    search: Callable[[str], list[str]],
) -> Report:
    """Run `search` (query -> paragraph ids, best first) over every labelled query."""
    report = Report()
    for item in items:
        target = target_of(article, item.expect) if item.expect is not None else None
        report.outcomes.append(Outcome(item, target, search(item.query)))
    return report
