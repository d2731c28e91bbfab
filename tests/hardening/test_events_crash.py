"""SIGKILL around a session's Discord event requests: the bot runs as a real child process and
is killed right after the fake answered an event request (Discord did it, the bot never heard).
After each restart: one event per session, each recorded, in the state its session calls for -
no orphan, no duplicate."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

from bot.clock import FakeClock
from tests.discussion.discussion_helpers import TOMORROW_20_UTC
from tests.event_helpers import ACTIVE, CANCELLED, COMPLETED, SCHEDULED
from tests.fakediscord import DEFAULT_BOT_PERMISSIONS, FakeDiscord, RequestRecord
from tests.hardening.hardening_helpers import integrity, rows
from tests.hardening.process_helpers import BotProcess
from tests.harness import MODERATOR_ID, READING_CHANNEL_ID

CREATE = ("POST", r"/guilds/\d+/scheduled-events")
EDIT = ("PATCH", r"/guilds/\d+/scheduled-events/\d+")
DAY = timedelta(days=1)


@contextmanager
def kill_after(
    fake: FakeDiscord, bot: BotProcess, n: int, route: tuple[str, str]
) -> Iterator[None]:
    """SIGKILL the bot right after the fake answered its n-th request on `route`."""
    original = fake._answer
    seen = 0

    async def answer(request: Any, record: RequestRecord, *args: Any) -> Any:
        nonlocal seen
        response = await original(request, record, *args)
        if record.method == route[0] and re.fullmatch(route[1], record.path):
            seen += 1
            if seen == n:
                bot.kill()
        return response

    fake._answer = answer  # type: ignore[method-assign]
    try:
        yield
    finally:
        fake._answer = original  # type: ignore[method-assign]


async def _restart(bot: BotProcess) -> None:
    assert await bot.wait_exit() == -9
    assert integrity(bot.database_path) == "ok"
    await bot.start()
    await bot.control("tick")


def _check(fake: FakeDiscord, bot: BotProcess, sessions: int) -> dict[int, int]:
    """One live event per session, each recorded once; returns schedule id -> event status."""
    recorded = rows(bot.database_path, "SELECT schedule_id, event_id, state FROM schedule_events")
    live = fake.scheduled_events()
    assert len(live) == sessions, [(e.id, e.name) for e in live]
    assert sorted(r["event_id"] for r in recorded) == sorted(e.id for e in live)
    by_id = {e.id: e for e in live}
    return {r["schedule_id"]: by_id[r["event_id"]].status for r in recorded}


async def test_sigkill_around_event_requests_leaves_no_orphan_or_duplicate(
    fake_discord: FakeDiscord, clock: FakeClock, tmp_path: Path
) -> None:
    fake = fake_discord
    fake.set_bot_guild_permissions(sorted({*DEFAULT_BOT_PERMISSIONS, "create_events"}))
    bot = BotProcess(fake, tmp_path, database_path=tmp_path / "bot.sqlite3", clock=clock.now())
    try:
        await bot.start()
        # 1. Killed after Discord made the plan's second event, before the bot recorded it.
        with kill_after(fake, bot, 2, CREATE):
            plan = await fake.slash(
                "discuss-mod plan",
                {"start": "2026-01-06 20:00", "every_days": 1, "from_section": "s3"},
                user=MODERATOR_ID,
            )
            await plan.wait_response()
            await fake.wait_until(lambda: bot.exited, timeout=10, what="the kill")
        await _restart(bot)
        assert _check(fake, bot, 3) == {1: SCHEDULED, 2: SCHEDULED, 3: SCHEDULED}
        assert len(fake.requests_matching(*CREATE)) == 3  # the second was adopted, not redone
        # 2. Killed after Discord started the first session's event, as its thread opened.
        clock.set(TOMORROW_20_UTC)
        await bot.set_clock(clock.now())
        with kill_after(fake, bot, 1, EDIT):
            try:
                await bot.control("tick")
            except (ConnectionError, OSError, AssertionError):
                pass
        await _restart(bot)
        assert _check(fake, bot, 3) == {1: ACTIVE, 2: SCHEDULED, 3: SCHEDULED}
        assert len(fake.threads(READING_CHANNEL_ID)) == 1
        # 3. Killed after Discord cancelled session 3's event, before the bot recorded it.
        with kill_after(fake, bot, 1, EDIT):
            cancel = await fake.slash("discuss-mod cancel", {"session": "1.3"}, user=MODERATOR_ID)
            await cancel.wait_response()
            await fake.wait_until(lambda: bot.exited, timeout=10, what="the kill")
        await _restart(bot)
        assert _check(fake, bot, 3) == {1: ACTIVE, 2: SCHEDULED, 3: CANCELLED}
        # 4. The first window ends (a week: the default archive duration) and session 2 opens.
        clock.set(TOMORROW_20_UTC + 7 * DAY)
        await bot.set_clock(clock.now())
        await bot.control("tick")
        await bot.control("tick")
        statuses = _check(fake, bot, 3)
        # session 2 was due six days ago, past the grace: missed, so its event is cancelled
        assert statuses == {1: COMPLETED, 2: CANCELLED, 3: CANCELLED}
        assert len(fake.requests_matching(*CREATE)) == 3
    finally:
        await bot.stop()
