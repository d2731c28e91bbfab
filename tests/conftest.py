"""Suite-wide fixtures: the loopback-only network guard, the fake Discord, the clock, bot_runner.

Feature tests drive the real bot end to end:

    async def test_about_replies(fake_discord, bot_runner):
        async with bot_runner():
            record = await fake_discord.slash("about")
            await record.wait_response()
        assert record.embed["title"]

See tests/harness.py for the ids of the default guild (GUILD_ID, READING_CHANNEL_ID, ...).

Markers are applied here, so no test has to remember them: `e2e` for every test that starts the
bot against the fake (it uses `bot_runner`, or `fake_discord` outside the fake's own tests, or its
file ends in `_e2e.py`), `hardening` for everything under tests/hardening. The fast inner loop is
`pytest -m "not e2e and not hardening"`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.clock import FakeClock
from tests.fakediscord import FakeDiscord
from tests.harness import TOKEN, BotRunner, NetworkGuard, build_default_guild

CLOCK_START = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)  # a Monday, 20:00 in Asia/Shanghai
TESTS = Path(__file__).parent


def _starts_the_bot(item: pytest.Item) -> bool:
    fixtures = set(getattr(item, "fixturenames", ()))
    if "bot_runner" in fixtures or item.path.stem.endswith("_e2e"):
        return True
    # The fake's own tests use it without a bot; anywhere else it serves one (in or out of process).
    return "fake_discord" in fixtures and TESTS / "fakediscord" not in item.path.parents


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _starts_the_bot(item):
            item.add_marker(pytest.mark.e2e)
        if TESTS / "hardening" in item.path.parents:
            item.add_marker(pytest.mark.hardening)


@pytest.fixture(autouse=True)
def network_guard() -> Iterator[NetworkGuard]:
    """Fail the test if anything resolves or connects beyond loopback (nothing leaves the box)."""
    guard = NetworkGuard()
    guard.install()
    try:
        yield guard
    finally:
        guard.uninstall()
    if guard.blocked:
        pytest.fail(f"test tried to use the network beyond loopback: {guard.blocked}")


@pytest.fixture
def clock() -> FakeClock:
    """The bot's clock; tests move it with advance()/set() instead of sleeping."""
    return FakeClock(CLOCK_START)


@pytest.fixture
async def fake_discord(clock: FakeClock) -> AsyncIterator[FakeDiscord]:
    """A started fake Discord holding the default guild; fails the test on limit/protocol violations.

    A test that provokes a violation on purpose must clear `fake_discord.violations` (or set
    `fake_discord.strict = False`) after asserting on it.
    """
    fake = FakeDiscord(token=TOKEN, now=clock.now)
    build_default_guild(fake)
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()
    if fake.strict:
        fake.assert_clean()


@pytest.fixture
def bot_runner(fake_discord: FakeDiscord, clock: FakeClock, tmp_path: Path) -> BotRunner:
    """`async with bot_runner() as bot:` runs a fresh bot (same `database_path=` = a restart)."""
    return BotRunner(fake_discord, clock, tmp_path)
