"""A full disk: the bot (a child process whose files may not grow) says the database cannot be
written, keeps answering lookups, leaves nothing half-written, and recovers once there is space."""

from __future__ import annotations

from pathlib import Path

from bot.clock import FakeClock
from tests.fakediscord import FakeDiscord
from tests.hardening.hardening_helpers import integrity, rows
from tests.hardening.process_helpers import BotProcess
from tests.harness import MEMBER_ID, MODERATOR_ID
from tests.quiz.quiz_helpers import WEEKLY, quiz_posts


def _count(path: Path, table: str) -> int:
    (row,) = rows(path, f'SELECT count(*) AS n FROM "{table}"')  # noqa: S608
    return int(row["n"])


async def test_full_disk_is_named_lookups_work_and_writes_resume_with_space(
    fake_discord: FakeDiscord, clock: FakeClock, tmp_path: Path
) -> None:
    """When no file may grow, a click and a schedule are refused with a clear reply and change
    nothing, /excerpt still answers, and once space is back the same click is recorded."""
    db = tmp_path / "bot.sqlite3"
    bot = BotProcess(fake_discord, tmp_path, database_path=db, clock=clock.now())
    try:
        await bot.start()
        now = await fake_discord.slash("quiz-mod now", {}, user=MODERATOR_ID)
        await now.wait_response()
        await now.wait_content()
        (post,) = quiz_posts(fake_discord)
        wal = db.with_name(db.name + "-wal")
        await bot.control("fsize_limit", bytes=wal.stat().st_size)

        click = await (
            await fake_discord.click(post, post.custom_ids()[3], user=MEMBER_ID)
        ).wait_response()
        schedule = await (
            await fake_discord.slash("quiz-mod schedule", WEEKLY, user=MODERATOR_ID)
        ).wait_response()
        lookup = await (await fake_discord.slash("excerpt", {"query": "日美同盟"})).wait_response()
        for record in (click, schedule):
            text = record.content or ""
            assert record.ephemeral and "can't be written" in text, text
            assert "full" in text or "disk I/O" in text, text
        assert lookup.embeds
        assert _count(db, "quiz_answers") == 0
        assert _count(db, "schedules") == 0

        await bot.control("fsize_limit", bytes=-1)
        again = await (
            await fake_discord.click(post, post.custom_ids()[3], user=MEMBER_ID)
        ).wait_response()
        assert "recorded" in (again.content or ""), again.content
        assert _count(db, "quiz_answers") == 1
    finally:
        await bot.stop()
    assert integrity(db) == "ok"
