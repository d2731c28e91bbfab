"""Test harness: the default guild, running a real discord.py bot against the fake, and the
network guard.

Why it exists: every feature test must go through the real discord.py client (where the traps
are), yet stay offline and fast. This module points discord.py at `tests.fakediscord`, starts a
fresh bot per call, waits for it to be ready while watching for a silent death, and shuts it down
cleanly so the next start (a "restart" on the same database) is a true new process state.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import ipaddress
import logging
import socket
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import discord
import discord.gateway
import discord.http
import yarl
from discord.ext import commands

from tests.fakediscord import DEFAULT_APPLICATION_ID, BotDied, FakeDiscord

# ---------------------------------------------------------------------------------------- ids

TOKEN = "test-token"
BOT_ID = DEFAULT_APPLICATION_ID  # a bot's user id is its application id
GUILD_ID = 1_100_000_000_000_000_001
READING_CHANNEL_ID = 1_100_000_000_000_000_101  # #reading
OTHER_CHANNEL_ID = 1_100_000_000_000_000_102  # #general
MODERATOR_ROLE_ID = 1_100_000_000_000_000_201
OWNER_ID = 1_100_000_000_000_000_301  # server owner (all permissions)
MODERATOR_ID = 1_100_000_000_000_000_302  # has the Moderator role (manage_guild)
MEMBER_ID = 1_100_000_000_000_000_303  # ordinary member (the default interaction user)
MEMBER2_ID = 1_100_000_000_000_000_304  # another ordinary member
GUILD_NAME = "Reading Circle"


def build_default_guild(fake: FakeDiscord) -> None:
    """The standard test server: #reading, #general, @everyone, Moderator, four people, the bot."""
    fake.add_guild(GUILD_NAME, guild_id=GUILD_ID, owner_id=OWNER_ID, owner_name="owner")
    fake.add_channel(GUILD_ID, "reading", channel_id=READING_CHANNEL_ID, topic="Reading together")
    fake.add_channel(GUILD_ID, "general", channel_id=OTHER_CHANNEL_ID)
    fake.add_role(
        GUILD_ID,
        "Moderator",
        role_id=MODERATOR_ROLE_ID,
        permissions=["manage_guild", "manage_messages", "manage_threads"],
    )
    fake.add_member(MODERATOR_ID, "moderator", roles=[MODERATOR_ROLE_ID])
    fake.add_member(MEMBER_ID, "reader")
    fake.add_member(MEMBER2_ID, "reader2")
    fake.defaults.user_id = MEMBER_ID
    fake.defaults.channel_id = READING_CHANNEL_ID


# ---------------------------------------------------------------------------------------- bot running


@contextlib.contextmanager
def pointed_at(fake: FakeDiscord) -> Iterator[None]:
    """Point discord.py's REST base and gateway at the fake; restore them afterwards."""
    old_base = discord.http.Route.BASE
    old_gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    discord.http.Route.BASE = fake.base_url
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
    try:
        yield
    finally:
        discord.http.Route.BASE = old_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_gateway


class ErrorLog(logging.Handler):
    """Collects ERROR records (unhandled exceptions in handlers end up here via discord.py)."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def messages(self) -> list[str]:
        return [self.format(r) for r in self.records]


async def _wait_or_die(task: asyncio.Task[Any], awaitable: Any, timeout: float, what: str) -> None:
    waiter = asyncio.ensure_future(awaitable)
    try:
        done, _ = await asyncio.wait(
            {task, waiter}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
        )
    finally:
        if not waiter.done():
            waiter.cancel()
    if waiter in done:
        waiter.result()
        return
    if task in done:
        exc = None if task.cancelled() else task.exception()
        raise BotDied(f"the bot died before {what}: {exc!r}") from exc
    raise TimeoutError(f"the bot was not {what} within {timeout}s")


async def _no_identify_delay(shard_id: int | None, *, initial: bool = False) -> None:
    return None


@contextlib.asynccontextmanager
async def running_bot(
    bot: commands.Bot,
    fake: FakeDiscord,
    *,
    token: str = TOKEN,
    timeout: float = 10.0,
    errors: ErrorLog | None = None,
) -> AsyncIterator[commands.Bot]:
    """Start `bot` against the fake; yield once ready and set up; close it cleanly on exit."""
    handler = errors or ErrorLog()
    root = logging.getLogger()
    root.addHandler(handler)
    with pointed_at(fake):
        bot._connection.guild_ready_timeout = (
            0.05  # on_ready otherwise waits 2 s after GUILD_CREATE
        )
        if type(bot).before_identify_hook is discord.Client.before_identify_hook:
            # The default hook sleeps 5 s before every re-IDENTIFY (documented, meant to be
            # overridden); tests of a lost session would otherwise each take 5 s.
            bot.before_identify_hook = _no_identify_delay  # type: ignore[method-assign]
        task = asyncio.create_task(bot.start(token), name="bot.start")
        fake.watch(task)
        failed = False
        try:
            await _wait_or_die(task, bot.wait_until_ready(), timeout, "ready")
            setup = getattr(bot, "setup_complete", None)
            if isinstance(setup, asyncio.Event):
                await _wait_or_die(task, setup.wait(), timeout, "set up (setup_complete)")
            yield bot
        except BaseException:
            failed = True
            raise
        finally:
            fake.unwatch(task)
            try:
                if not bot.is_closed():
                    await bot.close()
                await asyncio.wait({task}, timeout=timeout)
                if not task.done():
                    task.cancel()
                    if not failed:
                        raise TimeoutError(
                            f"bot.start() did not return within {timeout}s of close()"
                        )
                elif not failed and not task.cancelled() and task.exception() is not None:
                    exc = task.exception()
                    raise BotDied(f"the bot task died during the test: {exc!r}") from exc
            finally:
                root.removeHandler(handler)


_content_template: Path | None = None


async def seed_database(target: Path) -> None:
    """Start a new test database as a copy of one with the bundled content already loaded.

    Parsing and validating the content takes ~0.6 s; doing it once per test session instead of
    once per bot start keeps the end-to-end suite fast. The bot still runs the real start-up path
    (migrations, content hash check, reading articles from SQLite, building the search index).
    """
    global _content_template
    if _content_template is None or not _content_template.exists():
        import tempfile

        from bot.content.articles_folder import load_library
        from bot.content.store import load_library_into_db
        from bot.settings import DEFAULT_CONTENT_DIR
        from bot.storage.database import open_database

        template = Path(tempfile.mkdtemp(prefix="rc-content-")) / "template.sqlite3"
        async with open_database(template) as conn:
            report = await load_library_into_db(conn, load_library(DEFAULT_CONTENT_DIR))
            assert not report.refused, report
        _content_template = template
    import sqlite3

    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(_content_template)
    destination = sqlite3.connect(target)
    try:
        source.backup(destination)
    finally:
        destination.close()
        source.close()


class BotRunner:
    """Builds and runs a FRESH bot per call (`async with bot_runner() as bot:`).

    Pass the same `database_path` again to simulate a restart on the same database; pass
    `factory` to run another `commands.Bot` (the harness's own tests do); other keyword
    arguments replace Settings fields.
    """

    def __init__(self, fake: FakeDiscord, clock: Any, tmp_path: Path) -> None:
        self.fake = fake
        self.clock = clock
        self.tmp_path = tmp_path
        self.database_path = tmp_path / "bot.sqlite3"
        self.errors = ErrorLog()
        self.starts = 0

    def settings(self, database_path: Path | None = None, **overrides: Any) -> Any:
        from bot.settings import Settings

        base = Settings(
            discord_token=TOKEN,
            database_path=database_path or self.database_path,
            dev_guild_id=GUILD_ID,
            default_timezone="Asia/Shanghai",
            log_level="DEBUG",
        )
        return dataclasses.replace(base, **overrides) if overrides else base

    @contextlib.asynccontextmanager
    async def __call__(
        self,
        *,
        database_path: Path | None = None,
        factory: Callable[[], commands.Bot] | None = None,
        **overrides: Any,
    ) -> AsyncIterator[Any]:
        if factory is not None:
            bot = factory()
        else:
            from bot.app import create_bot

            settings = self.settings(database_path, **overrides)
            if "content_dir" not in overrides and not settings.database_path.exists():
                await seed_database(settings.database_path)
            bot = create_bot(settings, clock=self.clock)
        self.starts += 1
        async with running_bot(bot, self.fake, errors=self.errors) as running:
            yield running


# ---------------------------------------------------------------------------------------- network guard

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})


class NetworkAccessBlocked(OSError):
    """A test tried to reach or resolve something other than loopback."""


def _is_loopback(host: Any) -> bool:
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    name = host.strip("[]").split("%", 1)[0].lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class NetworkGuard:
    """Patches name resolution and socket connects so only loopback and unix sockets work.

    A blocked call raises before any packet leaves (the real function is never called) and is
    recorded in `blocked`; the autouse fixture fails the test if anything was blocked, because the
    bot may swallow the exception and retry. `passed` lists what reached the real functions.
    """

    def __init__(self) -> None:
        self.blocked: list[str] = []
        self.passed: list[str] = []
        self._saved: dict[str, Any] = {}

    def _block(self, what: str) -> None:
        self.blocked.append(what)
        raise NetworkAccessBlocked(f"tests may only use loopback; blocked: {what}")

    def install(self) -> None:
        real_getaddrinfo = socket.getaddrinfo
        real_gethostbyname = socket.gethostbyname
        real_gethostbyname_ex = socket.gethostbyname_ex
        real_connect = socket.socket.connect
        real_connect_ex = socket.socket.connect_ex
        real_sendto = socket.socket.sendto
        self._saved = {
            "getaddrinfo": real_getaddrinfo,
            "gethostbyname": real_gethostbyname,
            "gethostbyname_ex": real_gethostbyname_ex,
            "connect": real_connect,
            "connect_ex": real_connect_ex,
            "sendto": real_sendto,
        }
        guard = self

        def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
            if host is not None and not _is_loopback(host):
                guard._block(f"resolve {host!r}")
            guard.passed.append(f"resolve {host!r}")
            return real_getaddrinfo(host, port, *args, **kwargs)

        def gethostbyname(host: str) -> str:
            if not _is_loopback(host):
                guard._block(f"resolve {host!r}")
            return real_gethostbyname(host)

        def gethostbyname_ex(host: str) -> Any:
            if not _is_loopback(host):
                guard._block(f"resolve {host!r}")
            return real_gethostbyname_ex(host)

        def check(sock: socket.socket, address: Any, verb: str) -> None:
            if sock.family not in (socket.AF_INET, socket.AF_INET6):
                return
            host = address[0] if isinstance(address, tuple) else address
            if not _is_loopback(host):
                guard._block(f"{verb} {address!r}")
            guard.passed.append(f"{verb} {address!r}")

        def connect(sock: socket.socket, address: Any) -> None:
            check(sock, address, "connect")
            return real_connect(sock, address)

        def connect_ex(sock: socket.socket, address: Any) -> int:
            check(sock, address, "connect")
            return real_connect_ex(sock, address)

        def sendto(sock: socket.socket, data: Any, *args: Any) -> int:
            address = args[-1]
            check(sock, address, "sendto")
            return real_sendto(sock, data, *args)

        socket.getaddrinfo = getaddrinfo
        socket.gethostbyname = gethostbyname
        socket.gethostbyname_ex = gethostbyname_ex
        socket.socket.connect = connect  # type: ignore[method-assign]
        socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
        socket.socket.sendto = sendto  # type: ignore[method-assign,assignment]

    def uninstall(self) -> None:
        if not self._saved:
            return
        socket.getaddrinfo = self._saved["getaddrinfo"]
        socket.gethostbyname = self._saved["gethostbyname"]
        socket.gethostbyname_ex = self._saved["gethostbyname_ex"]
        socket.socket.connect = self._saved["connect"]  # type: ignore[method-assign]
        socket.socket.connect_ex = self._saved["connect_ex"]  # type: ignore[method-assign]
        socket.socket.sendto = self._saved["sendto"]  # type: ignore[method-assign]
        self._saved = {}
