"""Run the real bot in its own process, pointed at a fake Discord in the test process.

Usage (environment as for `python -m bot`, plus the variables below):

    python tests/hardening/launcher.py run        # the bot, with a clock the test controls
    python tests/hardening/launcher.py cli ARGS   # `python -m bot ARGS` (doctor, run, ...)

RC_FAKE_BASE / RC_FAKE_GATEWAY: the fake's REST base and gateway URLs (patched into discord.py
exactly as tests/harness.py does in-process). For `run`: RC_CONTROL, a unix socket on which the
test sends one JSON request per connection - `wait_ready`, `set_clock`, `tick`, `stats`,
`fsize_limit` - and RC_CLOCK, the ISO time the clock starts at. The real-time scheduler is paused:
the test decides when a wake-up happens (`tick`), so a run is deterministic.

Why a separate process: crash tests kill it with SIGKILL, and the soak benchmark measures its
memory apart from the fake's.
"""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import os
import resource
import signal
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import discord  # noqa: E402
import discord.gateway  # noqa: E402
import discord.http  # noqa: E402
import yarl  # noqa: E402

from bot.clock import FakeClock  # noqa: E402

log = logging.getLogger("launcher")


def point_at_fake() -> None:
    discord.http.Route.BASE = os.environ["RC_FAKE_BASE"]
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(os.environ["RC_FAKE_GATEWAY"])


async def _no_identify_delay(shard_id: int | None, *, initial: bool = False) -> None:
    return None


def rss_bytes() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize()


class Control:
    """The test's handle on the running bot: time, wake-ups, measurements."""

    def __init__(self, bot: Any, clock: FakeClock) -> None:
        self.bot = bot
        self.clock = clock

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request = json.loads(await reader.readline())
            answer = await self.answer(request)
        except Exception as exc:  # the test reads the error instead of timing out
            answer = {"ok": False, "error": repr(exc)}
        writer.write(json.dumps(answer).encode() + b"\n")
        await writer.drain()
        writer.close()

    async def answer(self, request: dict[str, Any]) -> dict[str, Any]:
        op = request["op"]
        bot = self.bot
        if op == "wait_ready":
            await bot.setup_complete.wait()
            await bot.catch_up_done.wait()
            return {"ok": True, "pid": os.getpid()}
        if op == "set_clock":
            self.clock.set(datetime.fromisoformat(request["at"]))
            return {"ok": True}
        if op == "tick":
            report = await bot.services.runner.tick()
            return {"ok": True, "fired": report.fired, "missed": report.missed}
        if op == "stats":
            gc.collect()
            traced = 0
            if request.get("tracemalloc"):
                import tracemalloc

                if not tracemalloc.is_tracing():
                    tracemalloc.start(int(os.environ.get("RC_TRACEMALLOC_FRAMES", "1")))
                traced = tracemalloc.get_traced_memory()[0]
            return {"ok": True, "rss": rss_bytes(), "traced": traced}
        if op == "expire_views":
            # discord.py keeps each ephemeral reply's view for 15 real minutes; a simulated day
            # passes in seconds, so a soak ends those timers as the minutes would have.
            expired = 0
            for task in asyncio.all_tasks():
                coro = task.get_coro()
                frame = getattr(coro, "cr_frame", None)
                if frame is not None and coro.__name__.endswith("__timeout_task_impl"):
                    view = frame.f_locals.get("self")
                    if isinstance(view, discord.ui.view.BaseView):
                        view._dispatch_timeout()
                        task.cancel()  # its sleep holds the view until the 15 minutes are up
                        expired += 1
            return {"ok": True, "expired": expired}
        if op == "top":
            # Where the heap grew since the previous `top` (tracemalloc must be on): a leak hunt.
            import tracemalloc

            gc.collect()
            snapshot = tracemalloc.take_snapshot().filter_traces(
                [tracemalloc.Filter(False, tracemalloc.__file__)]
            )
            previous, self.snapshot = getattr(self, "snapshot", None), snapshot
            if previous is None:
                return {"ok": True, "top": []}
            diff = snapshot.compare_to(previous, "traceback")[: int(request.get("limit", 8))]
            return {
                "ok": True,
                "top": [
                    {
                        "size_diff": d.size_diff,
                        "count_diff": d.count_diff,
                        "where": [f"{f.filename}:{f.lineno}" for f in d.traceback][-4:],
                    }
                    for d in diff
                ],
            }
        if op == "fsize_limit":
            # The disk is full from now on: no file may grow (SQLite's WAL grows on every commit).
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            limit = int(request["bytes"])
            soft = resource.RLIM_INFINITY if limit < 0 else limit  # < 0: space again
            resource.setrlimit(resource.RLIMIT_FSIZE, (soft, resource.RLIM_INFINITY))
            return {"ok": True}
        raise ValueError(f"unknown op {op!r}")


async def run_bot() -> int:
    from bot.app import create_bot
    from bot.logging_setup import configure_logging, install_secret_filter
    from bot.settings import Settings

    settings = Settings.from_env(env_file=None)
    configure_logging(settings.log_level)
    install_secret_filter(settings.discord_token)
    clock = FakeClock(datetime.fromisoformat(os.environ["RC_CLOCK"]))
    bot = create_bot(settings, clock=clock)
    bot._connection.guild_ready_timeout = 0.05
    bot.before_identify_hook = _no_identify_delay  # type: ignore[method-assign]
    control = Control(bot, clock)
    server = await asyncio.start_unix_server(control.handle, path=os.environ["RC_CONTROL"])

    async def pause_scheduler() -> None:
        await bot.setup_complete.wait()
        bot.services.driver.scheduler.pause()

    pausing = asyncio.create_task(pause_scheduler())
    closing: list[asyncio.Task[None]] = []
    asyncio.get_running_loop().add_signal_handler(
        signal.SIGTERM, lambda: closing.append(asyncio.ensure_future(bot.close()))
    )
    async with server, bot:
        await bot.start(settings.require_token())
    pausing.cancel()
    return 0


def main(argv: list[str]) -> int:
    point_at_fake()
    if os.environ.get("RC_DISCORD_DEBUG"):  # discord.py's own DEBUG lines too (secrets tests)
        import bot.logging_setup as logging_setup

        configure = logging_setup.configure_logging

        def configure_with_discord_debug(level: str) -> None:
            configure(level)
            logging.getLogger("discord").setLevel(logging.DEBUG)

        logging_setup.configure_logging = configure_with_discord_debug
    if argv[:1] == ["run"]:
        return asyncio.run(run_bot())
    if argv[:1] == ["cli"]:
        from bot.cli import main as cli_main

        return cli_main(argv[1:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
