"""`python -m bot doctor`: what is wrong with this installation, in plain sentences.

Offline checks (configuration, database, content) always run; with a token, the doctor also logs
in over REST and checks the bot's permissions in every channel the database says it posts to
(log channels, active schedules), so a lost permission shows up before the next run fails.
"""

from __future__ import annotations

import asyncio
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import discord
import discord.http

from bot.settings import ConfigError, Settings
from bot.storage.migrations import MigrationError, discover
from bot.ui.permissions import FORUM_POSTS, OPEN_THREADS, POST


@dataclass(frozen=True, slots=True)
class Finding:
    ok: bool
    topic: str
    detail: str

    def __str__(self) -> str:
        return f"[{'ok' if self.ok else 'PROBLEM'}] {self.topic}: {self.detail}"


def diagnose(settings: Settings) -> list[Finding]:
    findings = [_token(settings), _database_folder(settings)]
    findings.extend(_database(settings.database_path))
    findings.append(_content(settings.content_dir))
    return findings


def _token(settings: Settings) -> Finding:
    if settings.discord_token:
        return Finding(True, "DISCORD_TOKEN", "set (not shown)")
    return Finding(
        False, "DISCORD_TOKEN", "not set; the bot cannot connect (offline commands still work)"
    )


def _database_folder(settings: Settings) -> Finding:
    try:
        settings.ensure_database_folder()
    except ConfigError as exc:
        return Finding(False, "database folder", str(exc))
    return Finding(True, "database folder", f"{settings.database_path.parent} is writable")


def _database(path: Path) -> list[Finding]:
    if not path.exists():
        return [Finding(True, "database", f"{path} does not exist yet; it is created on first run")]
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            (integrity,) = conn.execute("PRAGMA integrity_check").fetchone()
            (version,) = conn.execute(
                "SELECT COALESCE(MAX(version), 0) FROM schema_version"
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return [Finding(False, "database", f"{path} cannot be read: {exc}")]
    try:
        known = discover()[-1].version
    except MigrationError as exc:
        return [Finding(False, "migrations", str(exc))]
    findings = [Finding(integrity == "ok", "database integrity", integrity)]
    if version > known:
        findings.append(
            Finding(False, "schema", f"version {version} is newer than this code ({known})")
        )
    else:
        findings.append(Finding(True, "schema", f"version {version} (code knows {known})"))
    return findings


def _content(content_dir: Path) -> Finding:
    from bot.content.articles_folder import load_library

    library = load_library(content_dir)
    if library.problems:
        first = library.problems[0]
        return Finding(False, "content", f"{len(library.problems)} problem(s), first: {first}")
    return Finding(True, "content", f"{len(library.articles)} article(s) valid in {content_dir}")


# -- Discord: the bot's permissions where it is configured to post (REST only, no gateway) --------

LOG_CHANNEL_NEEDS = ("view_channel", "send_messages")
NEEDS_BY_KIND = {"quiz": POST, "discussion": OPEN_THREADS}
THREAD_TYPES = frozenset({10, 11, 12})
FORUM_TYPE = 15  # a discussion there is a forum post, which needs other permissions


@dataclass(frozen=True, slots=True)
class ChannelUse:
    channel_id: int
    guild_id: int
    what: str
    needs: tuple[str, ...]


def configured_channels(path: Path) -> list[ChannelUse]:
    """Log channels and the channels of active schedules, read from the database (read-only)."""
    if not path.exists():
        return []
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        uses = [
            ChannelUse(channel, guild, "log channel", LOG_CHANNEL_NEEDS)
            for guild, channel in conn.execute(
                "SELECT guild_id, log_channel_id FROM guild_settings"
                " WHERE log_channel_id IS NOT NULL ORDER BY guild_id"
            )
        ]
        for schedule_id, guild, channel, kind in conn.execute(
            "SELECT id, guild_id, channel_id, kind FROM schedules WHERE status = 'active' ORDER BY id"
        ):
            needs = NEEDS_BY_KIND.get(kind, POST)
            uses.append(ChannelUse(channel, guild, f"{kind} schedule {schedule_id}", needs))
    except sqlite3.Error:
        return []  # an unreadable database is already reported by the offline checks
    finally:
        conn.close()
    return uses


def channel_permissions(
    guild: dict[str, Any], member: dict[str, Any], channel: dict[str, Any]
) -> discord.Permissions:
    """Discord's documented permission algorithm: roles, then @everyone, role and member overwrites."""
    guild_id = str(guild["id"])
    if str(guild.get("owner_id")) == str(member["user"]["id"]):
        return discord.Permissions.all()
    roles = {str(r["id"]): int(r["permissions"]) for r in guild.get("roles", [])}
    member_roles = {str(r) for r in member.get("roles", [])}
    value = roles.get(guild_id, 0)
    for role_id in member_roles:
        value |= roles.get(role_id, 0)
    if value & discord.Permissions.administrator.flag:
        return discord.Permissions.all()
    overwrites = {str(o["id"]): o for o in channel.get("permission_overwrites", [])}
    everyone = overwrites.get(guild_id)
    if everyone is not None:
        value = (value & ~int(everyone["deny"])) | int(everyone["allow"])
    allow = deny = 0
    for role_id in member_roles:
        if (overwrite := overwrites.get(role_id)) is not None:
            allow |= int(overwrite["allow"])
            deny |= int(overwrite["deny"])
    value = (value & ~deny) | allow
    personal = overwrites.get(str(member["user"]["id"]))
    if personal is not None:
        value = (value & ~int(personal["deny"])) | int(personal["allow"])
    return discord.Permissions(value)


async def discord_findings(settings: Settings) -> list[Finding]:
    """Log in over REST (no gateway session is opened) and check each configured channel."""
    from bot.ui.permissions import permission_names

    http = discord.http.HTTPClient(asyncio.get_running_loop())
    try:
        try:
            me: dict[str, Any] = dict(await http.static_login(settings.discord_token))
        except discord.LoginFailure:
            return [Finding(False, "DISCORD_TOKEN", "Discord refused the token (401)")]
        except (discord.HTTPException, aiohttp.ClientError, OSError) as exc:
            return [Finding(False, "Discord", f"cannot reach Discord: {exc}")]
        findings = [Finding(True, "DISCORD_TOKEN", f"accepted for bot {me['username']}")]
        guilds: dict[int, tuple[dict[str, Any], dict[str, Any]] | None] = {}
        for use in configured_channels(settings.database_path):
            findings.append(await _check_channel(http, me, use, guilds, permission_names))
        for guild_id in guilds_with_sessions(settings.database_path):
            findings.append(await _check_events(http, me, guild_id, guilds))
        return findings
    finally:
        await http.close()


def guilds_with_sessions(path: Path) -> list[int]:
    """Servers with discussion sessions still to come or weekly quizzes scheduled with events
    (`/quiz-mod schedule event:true`): each run gets a Discord event if the bot may create it."""
    if not path.exists():
        return []
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [
            int(guild)
            for (guild,) in conn.execute(
                "SELECT DISTINCT guild_id FROM schedules WHERE status = 'active' AND ("
                " (kind = 'discussion' AND run_at IS NOT NULL)"
                " OR (kind = 'quiz' AND json_extract(payload, '$.event') = 1)"
                ") ORDER BY guild_id"
            )
        ]
    except sqlite3.Error:
        return []
    finally:
        conn.close()


async def _check_events(
    http: discord.http.HTTPClient,
    me: dict[str, Any],
    guild_id: int,
    guilds: dict[int, tuple[dict[str, Any], dict[str, Any]] | None],
) -> Finding:
    """Create Events in the server (what a bot needs to create events): without it sessions
    get no events."""
    topic = f"server {guild_id} (scheduled events)"
    if guild_id not in guilds:
        try:
            guilds[guild_id] = (
                dict(await http.get_guild(guild_id)),
                dict(await http.get_member(guild_id, int(me["id"]))),
            )
        except discord.HTTPException:
            guilds[guild_id] = None
    found = guilds[guild_id]
    if found is None:
        return Finding(False, topic, f"the bot is no longer in server {guild_id}")
    granted = channel_permissions(*found, {})  # server-wide: no channel overwrites
    if granted.create_events:
        return Finding(
            True, topic, "the bot may create the Discord events of its discussions and quizzes"
        )
    return Finding(
        False,
        topic,
        "the bot is missing Create Events: discussions and quizzes go out, but get no Discord events",
    )


async def _check_channel(
    http: discord.http.HTTPClient,
    me: dict[str, Any],
    use: ChannelUse,
    guilds: dict[int, tuple[dict[str, Any], dict[str, Any]] | None],
    permission_names: Any,
) -> Finding:
    topic = f"channel {use.channel_id} ({use.what})"
    if use.guild_id not in guilds:
        try:
            guilds[use.guild_id] = (
                dict(await http.get_guild(use.guild_id)),
                dict(await http.get_member(use.guild_id, int(me["id"]))),
            )
        except discord.HTTPException:
            guilds[use.guild_id] = None
    found = guilds[use.guild_id]
    if found is None:
        return Finding(False, topic, f"the bot is no longer in server {use.guild_id}")
    try:
        channel: dict[str, Any] = dict(await http.get_channel(use.channel_id))
    except discord.NotFound:
        return Finding(False, topic, "the channel no longer exists; choose another one")
    except discord.Forbidden:
        return Finding(False, topic, "the bot cannot see this channel (View Channel)")
    except discord.HTTPException as exc:
        return Finding(False, topic, f"Discord did not say ({exc.status} {exc.text})")
    topic = f"#{channel.get('name', use.channel_id)} ({use.what})"
    if channel.get("type") in THREAD_TYPES and channel.get("parent_id"):
        channel = dict(await http.get_channel(int(channel["parent_id"])))
    granted = channel_permissions(*found, channel)
    needs = (
        FORUM_POSTS
        if channel.get("type") == FORUM_TYPE and use.needs == OPEN_THREADS
        else use.needs
    )
    missing = [name for name in needs if not getattr(granted, name)]
    if missing:
        return Finding(False, topic, f"the bot is missing {permission_names(missing, 'en')}")
    return Finding(True, topic, "the bot has the permissions it needs")
