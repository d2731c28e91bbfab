"""The token never leaves the places that need it, and an error id leads to its log line.

End to end through `python -m bot run` (the production entry point, with its logging set-up and
secret filter) in a child process at DEBUG, discord.py's own DEBUG lines included, with a
distinctive token: every log byte, every request and every gateway frame is searched for it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from bot.clock import FakeClock
from tests.fakediscord import FakeDiscord
from tests.hardening.process_helpers import CliProcess
from tests.harness import GUILD_ID, MODERATOR_ID, READING_CHANNEL_ID, build_default_guild

SECRET = "MTk5OTk5OTk5.Hardening-SECRET.t0k3n_4f9c1e"
CALLBACK = r"/interactions/\d+/[^/]+/callback"


async def test_token_stays_out_of_logs_replies_and_payloads(
    clock: FakeClock, tmp_path: Path
) -> None:
    """Through failures, a refused reply and a RESUME, the token shows up only in the
    Authorization header and in IDENTIFY/RESUME; the error id in a reply finds one log line
    naming that interaction and command."""
    fake = FakeDiscord(token=SECRET, now=clock.now)
    build_default_guild(fake)
    await fake.start()
    env = {
        "DISCORD_TOKEN": SECRET,
        "DATABASE_PATH": str(tmp_path / "bot.sqlite3"),
        "LOG_LEVEL": "DEBUG",
        "RC_DISCORD_DEBUG": "1",
    }
    bot = await CliProcess.spawn(fake, "run", env=env, cwd=tmp_path)
    try:
        await fake.wait_until(
            lambda: (
                fake.connected and bool(fake.commands(GUILD_ID)) or bot.proc.returncode is not None
            ),
            timeout=30,
            what="the bot to connect and sync",
        )
        assert bot.proc.returncode is None, bot.text[-3000:]
        fake.fail("POST", CALLBACK, 403)
        refused = await (await fake.slash("outline")).wait_response()
        fake.fail("POST", rf"/channels/{READING_CHANNEL_ID}/messages", 403)
        quiz = await fake.slash("quiz-mod now", {}, user=MODERATOR_ID)
        await quiz.wait_response()
        await quiz.wait_content()
        await fake.disconnect(resume=True)
    finally:
        exit_code = await bot.terminate()
        await fake.stop()
    assert exit_code == 0

    log = bot.text
    assert SECRET not in log
    assert "Missing Permissions" in quiz.text
    error_id = re.search(r"`([0-9a-f]{6})`", refused.content or "")
    assert error_id, refused.content
    (line,) = [line for line in log.splitlines() if f"error_id={error_id[1]}" in line]
    assert f"interaction={refused.id}" in line and "command=outline" in line
    assert fake.resume_count == 1
    for request in fake.requests:
        assert SECRET not in request.path + json.dumps(request.query) + json.dumps(request.json)
        assert request.headers.get("Authorization") in (None, f"Bot {SECRET}")
    for frame in fake.gateway_log:
        if frame.get("op") not in (2, 6):
            assert SECRET not in json.dumps(frame)
    assert all(SECRET not in m.content + json.dumps(m.embeds) for m in fake.bot_messages())
