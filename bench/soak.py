"""Soak: the real bot through a simulated month of weekly quizzes and discussions.

Run: `.venv/bin/python bench/soak.py` (a simulated month; a few minutes) or `--short` (a week, a
few seconds; the test suite runs this). The bot is a child process (tests/hardening/launcher.py)
on a real SQLite file, talking to the loopback fake Discord in this process; its clock is moved
hour by hour and every hour is one scheduler wake-up. Throughout: two weekly quizzes that members
answer (with some double clicks), a reading plan opening a discussion thread every few days, and a
steady stream of lookups (/excerpt with its autocomplete and buttons, /section, /outline, /fact,
/quiz leaderboard and stats, /discuss list, /about).

Measured in the child, apart from the fake: Python heap in use (tracemalloc, after a GC) and RSS,
sampled every simulated day (discord.py keeps the view of each private reply for 15 real minutes;
a simulated day passes in seconds, so before each sample the child ends those timers as the real
minutes would have, otherwise they would pass for growth); the database size; and every error (an ERROR log line, a first
answer later than Discord's 3 s, a reply with an error id, a request Discord would refuse).
Growth is judged on the second half of the run, after caches have filled: a leak grows steadily,
a bounded process levels off.

Writes the result under `## Soak` in BENCHMARKS.md (keeping other sections) unless `--short` or
`--no-write`. Exits 1 on any error or when memory grows without bound.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import platform
import random
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.reporting import cpu_model, percentile, write_section  # noqa: E402
from bot.clock import FakeClock  # noqa: E402
from tests.fakediscord import FakeDiscord, InteractionRecord  # noqa: E402
from tests.hardening.process_helpers import BotProcess  # noqa: E402
from tests.harness import (  # noqa: E402
    MODERATOR_ID,
    OTHER_CHANNEL_ID,
    READING_CHANNEL_ID,
    TOKEN,
    build_default_guild,
)

START = dt.datetime(2026, 1, 5, 12, 0, tzinfo=dt.UTC)  # Monday 20:00 in Shanghai
FIRST_MEMBER = 1_200_000_000_000_100_000
DEADLINE = 3.0
QUERIES = (
    "日美同盟",
    "安倍 特朗普 高尔夫",
    "Indo-Pacific strategy",
    "印太战略",
    "美日同盟 基轴",
    "集体自卫权",
    "中国崛起",
    "韓國",
    "2017年",
    "双边贸易",
)
ERROR_REPLY = re.compile(r"error id|错误编号")


@dataclass(frozen=True)
class Params:
    days: int = 30
    members: int = 60
    lookups_per_hour: int = 4
    clicks_per_hour: int = 6
    seed: int = 7

    @classmethod
    def short(cls) -> Params:
        return cls(days=8, members=12, lookups_per_hour=1, clicks_per_hour=2)


@dataclass
class Sample:
    day: float
    traced: int
    rss: int


@dataclass
class Report:
    params: Params
    samples: list[Sample] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    interactions: int = 0
    clicks: int = 0
    lookups: int = 0
    quiz_posts: int = 0
    threads: int = 0
    ack_ms: list[float] = field(default_factory=list)
    database_bytes: int = 0
    wall_seconds: float = 0.0
    views_expired: int = 0

    def growth(self) -> tuple[int, int]:
        """Heap growth (bytes) over the first and over the second half of the samples."""
        if len(self.samples) < 3:
            return 0, 0
        middle = len(self.samples) // 2
        first, mid, last = self.samples[0], self.samples[middle], self.samples[-1]
        return mid.traced - first.traced, last.traced - mid.traced

    def bounded(self, allowance: int = 300_000) -> bool:
        """Heap growth over the second half within `allowance` bytes: by then caches are full
        and the process levels off, while a leak keeps growing with the traffic."""
        return self.growth()[1] <= allowance


class Soak:
    def __init__(self, params: Params, folder: Path) -> None:
        self.params = params
        self.folder = folder
        self.rng = random.Random(params.seed)
        self.clock = FakeClock(START)
        self.fake = FakeDiscord(token=TOKEN, now=self.clock.now)
        build_default_guild(self.fake)
        self.members = [FIRST_MEMBER + i for i in range(params.members)]
        for uid in self.members:
            self.fake.add_member(uid, f"member{uid % 1000}")
        self.bot = BotProcess(self.fake, folder, database_path=folder / "soak.sqlite3", clock=START)
        self.report = Report(params)
        self.answered: set[tuple[int, int]] = set()
        self.last_excerpt: InteractionRecord | None = None

    # -- driving ---------------------------------------------------------------------------------

    async def answer(self, record: InteractionRecord) -> InteractionRecord:
        self.report.interactions += 1
        try:
            await record.wait_response(timeout=DEADLINE + 2)
            if record.deferred:
                await record.wait_content(timeout=10)
        except (AssertionError, TimeoutError) as exc:
            self.report.errors.append(f"{record.name}: {exc}"[:300])
            return record
        elapsed = record.time_to_first_response or 0.0
        self.report.ack_ms.append(elapsed * 1000)
        if elapsed >= DEADLINE:
            self.report.errors.append(f"{record.name}: first answer after {elapsed:.2f}s")
        if ERROR_REPLY.search(record.text):
            self.report.errors.append(f"{record.name}: {record.text[:200]}")
        return record

    async def slash(self, path: str, options: dict[str, Any], **kwargs: Any) -> InteractionRecord:
        return await self.answer(await self.fake.slash(path, options, **kwargs))

    async def setup(self) -> None:
        moderator = {"user": MODERATOR_ID}
        await self.slash("config log-channel", {"channel": OTHER_CHANNEL_ID}, **moderator)
        for day in ("tue", "fri"):
            options = {"channel": READING_CHANNEL_ID, "weekday": day, "time": "20:00"}
            await self.slash("quiz-mod schedule", options, **moderator)
        plan = {"start": "2026-01-06 21:00", "every_days": 3}
        await self.slash("discuss-mod plan", plan, **moderator)

    def open_posts(self) -> list[Any]:
        posts = []
        for message in self.fake.messages(READING_CHANNEL_ID):
            ids = [c for c in message.custom_ids() if c.startswith("quiz:")]
            component = message.find_component(ids[0]) if ids else None
            if component is not None and not component.get("disabled"):
                posts.append(message)
        return posts

    async def clicks(self) -> None:
        for post in self.open_posts():
            quiz_id = int(post.custom_ids()[0].split(":")[1])
            for _ in range(self.params.clicks_per_hour):
                member = self.rng.choice(self.members)
                letter = self.rng.choice("ABCD")
                record = await self.fake.click(post, f"quiz:{quiz_id}:{letter}", user=member)
                await self.answer(record)
                self.report.clicks += 1
                self.answered.add((quiz_id, member))

    async def lookup(self) -> None:
        kind = self.rng.randrange(9)
        user = {
            "user": self.rng.choice(self.members),
            "locale": self.rng.choice(["en-US", "zh-CN"]),
        }
        if kind == 0:
            self.last_excerpt = await self.slash(
                "excerpt", {"query": self.rng.choice(QUERIES)}, **user
            )
        elif kind == 1:
            typed = self.rng.choice(QUERIES)[: self.rng.randint(1, 6)]
            await self.answer(
                await self.fake.autocomplete("excerpt", {"query": typed}, focused="query", **user)
            )
        elif kind == 2 and self.last_excerpt is not None and self.last_excerpt.message:
            message = self.last_excerpt.message
            enabled = [
                c
                for c in message.custom_ids()
                if c.startswith("xp:")
                and not (message.find_component(c) or {}).get("disabled")
                and message.find_component(c).get("type") == 2  # type: ignore[union-attr]
            ]
            if enabled:
                await self.answer(await self.fake.click(message, self.rng.choice(enabled), **user))
        elif kind == 3:
            await self.slash(
                "section", {"name": self.rng.choice(["一", "二/第三", "结语"])}, **user
            )
        elif kind == 4:
            await self.slash("outline", {}, **user)
        elif kind == 5:
            await self.slash("fact", {}, **user)
        elif kind == 6:
            await self.slash("quiz leaderboard", {}, **user)
        elif kind == 7:
            await self.slash("quiz stats", {}, **user)
        else:
            await self.slash(self.rng.choice(["discuss list", "about"]), {}, **user)
        self.report.lookups += 1

    def trim_fake(self) -> None:
        """The fake keeps logs for tests; over a month they would only measure the fake."""
        self.report.errors += [str(v)[:300] for v in self.fake.violations]
        self.fake.violations.clear()
        self.fake.requests.clear()
        self.fake.interactions.clear()
        self.fake.gateway_log.clear()
        session = self.fake._session
        if session is not None:
            session.events.clear()

    async def sample(self, hour: int) -> None:
        expired = await self.bot.control("expire_views")
        self.report.views_expired += expired["expired"]
        stats = await self.bot.control("stats", tracemalloc=True)
        self.report.samples.append(Sample(hour / 24, stats["traced"], stats["rss"]))

    async def run(self) -> Report:
        began = time.perf_counter()
        await self.fake.start()
        try:
            await self.bot.start()
            await self.sample(0)
            await self.setup()
            for hour in range(1, self.params.days * 24 + 1):
                now = START + dt.timedelta(hours=hour)
                self.clock.set(now)
                await self.bot.set_clock(now)
                await self.bot.control("tick")
                await self.clicks()
                for _ in range(self.params.lookups_per_hour):
                    await self.lookup()
                if hour % 24 == 0:
                    self.trim_fake()
                    await self.sample(hour)
            self.report.quiz_posts = sum(
                1
                for m in self.fake.messages(READING_CHANNEL_ID)
                if any(c.startswith("quiz:") for c in m.custom_ids())
            )
            self.report.threads = len(self.fake.threads(READING_CHANNEL_ID))
            self.trim_fake()
        finally:
            await self.bot.stop()
            await self.fake.stop()
        log = self.bot.log()
        self.report.errors += [line[:300] for line in log.splitlines() if " ERROR " in line]
        database = self.folder / "soak.sqlite3"
        self.report.database_bytes = sum(
            p.stat().st_size
            for p in (database, database.with_name(database.name + "-wal"))
            if p.exists()
        )
        self.report.wall_seconds = time.perf_counter() - began
        return self.report


async def soak(params: Params, folder: Path) -> Report:
    return await Soak(params, folder).run()


def mib(value: float) -> str:
    return f"{value / 1048576:.1f} MiB"


def describe(report: Report) -> str:
    p = report.params
    early, late = report.growth()
    first, last = report.samples[0], report.samples[-1]
    cpu = cpu_model()
    lines = [
        f"Machine: {os.cpu_count()} CPUs, {cpu}; Python {platform.python_version()}; "
        f"{dt.date.today().isoformat()}.",
        "",
        f"`bench/soak.py`: {p.days} simulated days (the bot's clock moved hour by hour, one "
        f"scheduler wake-up per hour), {p.members} members, two weekly quizzes, a reading plan "
        f"with a discussion every 3 days, {p.lookups_per_hour} lookups and up to "
        f"{p.clicks_per_hour} answer clicks per open quiz per hour. The bot runs as a child process "
        "against the loopback fake; memory is measured in the child after a GC, the heap as "
        "allocated since tracing began on day 0 (so the first half includes caches filling).",
        "",
        "| measure | value |",
        "|---|---|",
        f"| wall time | {report.wall_seconds:.0f} s |",
        f"| interactions answered | {report.interactions} ({report.clicks} answer clicks, "
        f"{report.lookups} lookups) |",
        f"| quiz posts / discussion threads | {report.quiz_posts} / {report.threads} |",
        f"| first answer p50 / p99 / max | {percentile(report.ack_ms, 0.5):.0f} / "
        f"{percentile(report.ack_ms, 0.99):.0f} / {max(report.ack_ms or [0]):.0f} ms |",
        f"| Python heap day 0 → day {p.days // 2} → day {p.days} | {mib(first.traced)} → "
        f"{mib(report.samples[len(report.samples) // 2].traced)} → {mib(last.traced)} |",
        f"| heap growth first half / second half | {early / 1024:+.0f} KiB / {late / 1024:+.0f} KiB |",
        f"| RSS day 0 → day {p.days} | {mib(first.rss)} → {mib(last.rss)} |",
        f"| private-reply views ended early (discord.py's 15-minute timer) | "
        f"{report.views_expired} |",
        f"| database size (file + WAL) | {mib(report.database_bytes)} |",
        f"| errors | {len(report.errors)} |",
    ]
    verdict = "bounded" if report.bounded() else "GROWING"
    lines += ["", f"Memory: {verdict} (second-half heap growth {late / 1024:+.0f} KiB)."]
    if report.errors:
        lines += ["", "Errors:", *[f"- {e}" for e in report.errors[:20]]]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    options.add_argument("--short", action="store_true", help="one simulated week, tiny load")
    options.add_argument("--days", type=int, help="simulated days (default 30)")
    options.add_argument("--no-write", action="store_true", help="do not update BENCHMARKS.md")
    args = options.parse_args(argv)
    params = Params.short() if args.short else Params()
    if args.days:
        params = Params(**{**params.__dict__, "days": args.days})
    with tempfile.TemporaryDirectory() as folder:
        report = asyncio.run(soak(params, Path(folder)))
    body = describe(report)
    print(body)
    if not args.short and not args.no_write:
        write_section("Soak", body)
        print("\nwrote BENCHMARKS.md ## Soak")
    return 0 if not report.errors and report.bounded() else 1


if __name__ == "__main__":
    sys.exit(main())
