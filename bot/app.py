"""The app factory: builds a fresh, fully wired bot (used by `python -m bot`, tests and benchmarks)."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from collections.abc import Coroutine
from datetime import timedelta
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.clock import Clock, SystemClock
from bot.discussion.store import DiscussionStore
from bot.i18n.mentions import register_commands
from bot.ops.heartbeat import INTERVAL_SECONDS, beat_while
from bot.quiz.store import QuizStore
from bot.scheduling.driver import SchedulerDriver
from bot.scheduling.event_store import EventStore
from bot.scheduling.runner import ScheduleRunner
from bot.scheduling.store import ScheduleStore
from bot.services import Services
from bot.settings import Settings
from bot.startup_content import refresh_content
from bot.storage.database import connect
from bot.storage.guild_settings import GuildSettingsStore
from bot.ui.failures import on_app_command_error
from bot.ui.translator import CatalogTranslator

log = logging.getLogger(__name__)

CLOSE_WAIT_SECONDS = 5.0  # how long `close` waits for work started by answered interactions

COGS: tuple[str, ...] = (
    "bot.cogs.about",
    "bot.cogs.config",
    "bot.cogs.failure_log",
    "bot.cogs.excerpt",
    "bot.cogs.outline",
    "bot.cogs.library",
    "bot.cogs.quiz",
    "bot.cogs.discussion",
)


class ReadingCircleTree(app_commands.CommandTree):
    """The command tree, refusing every guild-only command in a DM in one place.

    Discord hides guild-only commands in DMs, but an old client or a schema still propagating can
    deliver one anyway, and the commands assume a server: without this, those without a
    moderator check would crash on the missing guild instead of saying where they work.
    """

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        command = interaction.command
        if interaction.guild_id is not None or command is None:
            return True
        root = getattr(command, "root_parent", None) or command
        if not getattr(root, "guild_only", False):
            return True
        if interaction.type is discord.InteractionType.autocomplete:
            await interaction.response.autocomplete([])
            return False
        raise app_commands.NoPrivateMessage()

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError, /
    ) -> None:
        """Every command's failure takes the one path buttons and menus take too."""
        await on_app_command_error(interaction, error)


class ReadingCircleBot(commands.Bot):
    """discord.py's Bot plus our services; all wiring happens in `setup_hook` (it needs the loop)."""

    def __init__(self, settings: Settings, clock: Clock, *, sync_global: bool = False) -> None:
        intents = discord.Intents.default()
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            tree_cls=ReadingCircleTree,
        )
        self.settings = settings
        self.clock = clock
        self.sync_global = sync_global
        self.setup_complete = asyncio.Event()
        self.catch_up_done = asyncio.Event()
        self.services: Services | None = None
        self._heartbeat: asyncio.Task[None] | None = None
        self.heartbeat_interval: float = INTERVAL_SECONDS
        # discord.py's is_ready() stays true through a gateway outage, so the connection state
        # that the heartbeat and the scheduler rely on is tracked from the gateway events.
        self._gateway_up = False
        self._connected_before = False
        self._background: set[asyncio.Task[None]] = set()
        self._finishing: set[asyncio.Task[None]] = set()  # in_background: awaited by close
        self._closing = False

    async def setup_hook(self) -> None:
        db = await connect(self.settings.database_path)
        schedules = ScheduleStore(db)
        runner = ScheduleRunner(schedules, self.clock, timedelta(hours=self.settings.grace_hours))
        self.services = Services(
            settings=self.settings,
            clock=self.clock,
            db=db,
            guild_settings=GuildSettingsStore(db, self.clock, self.settings.default_timezone),
            schedules=schedules,
            runner=runner,
            driver=SchedulerDriver(runner, is_connected=self.is_connected),
            quiz=QuizStore(db),
            discussions=DiscussionStore(db),
            events=EventStore(db),
            started_at=self.clock.now(),
        )
        await refresh_content(self.services)
        await self.tree.set_translator(CatalogTranslator())
        for extension in COGS:
            await self.load_extension(extension)
        await self._sync_commands()
        await self._register_command_mentions()
        await self.services.driver.start()
        catch_up = self.loop.create_task(self._catch_up_when_ready(), name="schedule-catch-up")
        self._background.add(catch_up)
        catch_up.add_done_callback(self._background.discard)
        heartbeat = self.settings.heartbeat_path or self.settings.database_path.with_suffix(
            ".heartbeat"
        )
        self._heartbeat = self.loop.create_task(
            beat_while(self.is_connected, heartbeat, interval=self.heartbeat_interval),
            name="heartbeat",
        )
        self.setup_complete.set()
        if self.sync_global:  # `python -m bot sync`: publish the commands, then stop
            asyncio.get_running_loop().create_task(self.close())

    def in_background(self, work: Coroutine[Any, Any, None], name: str) -> None:
        """Work that outlives the interaction that started it (it runs after the answer).

        `close` lets it finish (a few requests) before the database closes, rather than cutting
        a transaction in half; once closing has begun, new work is dropped (the next run's
        first tick does what it would have done).
        """
        if self._closing:
            work.close()
            return
        task = self.loop.create_task(work, name=name)
        self._finishing.add(task)
        task.add_done_callback(self._finishing.discard)

    @property
    def background_work_pending(self) -> bool:
        """Work `in_background` started and not yet finished (what tests wait for instead of
        sleeping)."""
        return bool(self._finishing)

    def is_connected(self) -> bool:
        """Ready and with a live gateway session (guild caches complete), not merely started."""
        return self._gateway_up and self.is_ready() and not self.is_closed()

    async def on_ready(self) -> None:
        self._gateway_up = True
        if self._connected_before:  # a fresh session after an outage: do what fell due meanwhile
            self._catch_up_after_outage("ready")
        self._connected_before = True

    async def on_resumed(self) -> None:
        self._gateway_up = True
        self._catch_up_after_outage("resumed")

    async def on_disconnect(self) -> None:
        if self._gateway_up:
            log.warning("lost the gateway connection; scheduled work waits for the reconnect")
        self._gateway_up = False

    def _catch_up_after_outage(self, how: str) -> None:
        if self.services is None or not self.catch_up_done.is_set():
            return
        log.info("gateway %s; running the schedule for anything due during the outage", how)
        task = self.loop.create_task(self._tick_after_outage(), name=f"schedule-catch-up-{how}")
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _tick_after_outage(self) -> None:
        assert self.services is not None
        try:
            await self.services.runner.tick()
        except Exception:
            log.exception("the catch-up after the outage failed; the safety tick will retry")

    async def _catch_up_when_ready(self) -> None:
        """Runs missed while the bot was down are posted (within grace) or recorded as missed.

        It waits for the gateway because the handlers need the guild and channel caches.
        """
        await self.wait_until_ready()
        assert self.services is not None
        try:
            await self.services.runner.tick()
        finally:
            self.catch_up_done.set()

    async def _register_command_mentions(self) -> None:
        """Learn the synced commands' ids so replies can name them as clickable mentions."""
        guild_id = self.settings.dev_guild_id
        try:
            commands = await self.tree.fetch_commands(
                guild=discord.Object(id=guild_id) if guild_id is not None else None
            )
        except discord.HTTPException as exc:
            log.warning("could not fetch the commands' ids (%s); hints stay plain text", exc.status)
            return
        register_commands(command_paths(commands))

    async def _sync_commands(self) -> None:
        """Sync to the dev guild when its command set changed; globally only when asked.

        Discord allows 200 command creations per guild per day, so an unconditional sync on every
        start would eventually lock a busy developer out.
        """
        if self.sync_global:
            synced = await self.tree.sync()
            log.info("synced %d global commands", len(synced))
        guild_id = self.settings.dev_guild_id
        if guild_id is None:
            return
        guild = discord.Object(id=guild_id)
        self.tree.copy_global_to(guild=guild)
        digest = await self._command_digest(guild)
        assert self.services is not None
        key = f"command_digest:{guild_id}"
        async with self.services.db.execute(
            "SELECT value FROM bot_state WHERE key = ?", (key,)
        ) as cur:
            row = await cur.fetchone()
        if row is not None and row[0] == digest and not self.sync_global:
            log.info("commands unchanged since the last sync to guild %s", guild_id)
            return
        synced = await self.tree.sync(guild=guild)
        await self.services.db.execute(
            "INSERT INTO bot_state (key, value, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            (key, digest, self.clock.now().isoformat()),
        )
        log.info("synced %d commands to guild %s", len(synced), guild_id)

    async def _command_digest(self, guild: discord.abc.Snowflake) -> str:
        translator = self.tree.translator
        payload = []
        for command in self.tree.get_commands(guild=guild):
            if translator is not None:
                payload.append(await command.get_translated_payload(self.tree, translator))
            else:
                payload.append(command.to_dict(self.tree))
        encoded = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(encoded.encode("utf-8")).hexdigest()

    async def close(self) -> None:
        self._closing = True
        try:
            if self._finishing:
                _, late = await asyncio.wait(set(self._finishing), timeout=CLOSE_WAIT_SECONDS)
                for task in late:
                    task.cancel()
            if self.services is not None:
                self.services.driver.shutdown()
            if self._heartbeat is not None:
                self._heartbeat.cancel()
            # a catch-up still waiting for the gateway must not run on the closed database
            pending = [task for task in self._background if not task.done()]
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
            await super().close()
        finally:
            if self.services is not None:
                await self.services.db.close()


def command_paths(commands: list[app_commands.AppCommand]) -> list[tuple[str, int]]:
    """(`discuss-mod cancel`, id of /discuss) for every command and sub-command."""
    paths: list[tuple[str, int]] = []

    def walk(prefix: str, options: list[Any], command_id: int) -> None:
        for option in options:
            if isinstance(option, app_commands.AppCommandGroup):
                path = f"{prefix} {option.name}"
                paths.append((path, command_id))
                walk(path, option.options, command_id)

    for command in commands:
        paths.append((command.name, command.id))
        walk(command.name, command.options, command.id)
    return paths


def create_bot(
    settings: Settings | None = None, *, clock: Clock | None = None, sync_global: bool = False
) -> ReadingCircleBot:
    """A new bot; nothing connects or touches the disk until it is started."""
    return ReadingCircleBot(
        settings or Settings.from_env(), clock or SystemClock(), sync_global=sync_global
    )
