"""A line in the guild's log channel for every scheduled action (quiz or discussion) that failed
or was missed, and why, so moderators learn of a lost permission before the next run fails too.

The runner records a reason as a code and its details (`bot.scheduling.reasons`); each code has a
text in both languages in the catalogue.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord

from bot.cogs.common import services_of
from bot.content.naming import short_name
from bot.i18n import EN, ZH, t
from bot.scheduling.reasons import Reason, ReasonCode
from bot.scheduling.recurrence import discord_timestamp
from bot.scheduling.refs import ScheduleRef
from bot.scheduling.store import Occurrence, Schedule
from bot.ui.limits import CONTENT_MAX, clip
from bot.ui.permissions import permission_names

if TYPE_CHECKING:
    from bot.app import ReadingCircleBot

log = logging.getLogger(__name__)


def describe_reason(reason: Reason | None, locale: object) -> str:
    """A recorded failure in the reader's language, from the catalogue (`config.reason.<code>`)."""
    if reason is None:
        return "?"
    details = dict(reason.details)
    if reason.code is ReasonCode.MISSING_PERMISSIONS:
        details["permissions"] = permission_names(details.get("permissions", ""), locale)
    try:
        return t(f"config.reason.{reason.code.value}", locale, **details)
    except KeyError:  # details written by an older version lack a placeholder
        return t("config.reason.unexpected", locale, error=reason.text)


def failure_line(schedule: Schedule, occurrence: Occurrence, reason: Reason, what: str) -> str:
    """The log-channel message: Chinese line, then English line."""
    lines = []
    for locale in (ZH, EN):
        kind = (
            t(f"config.log.kind.{schedule.kind}", locale)
            if schedule.kind in ("quiz", "discussion")
            else schedule.kind
        )
        lines.append(
            t(
                "config.log.failed",
                locale,
                kind=kind,
                id=ScheduleRef(schedule.number, schedule.plan_number).canonical,
                what=f" · {what}" if what else "",
                channel=f"<#{schedule.channel_id}>",
                due=discord_timestamp(occurrence.due_at, "F"),
                reason=describe_reason(reason, locale),
            )
        )
    return clip("\n".join(lines), CONTENT_MAX)


class FailureLog:
    """The runner's failure listener (one for every kind of scheduled action)."""

    def __init__(self, bot: ReadingCircleBot) -> None:
        self.bot = bot

    def subject(self, schedule: Schedule) -> str:
        """What the run was about, when its payload names a section (discussions do)."""
        section_id = schedule.payload.get("section_id")
        if not isinstance(section_id, str):
            return ""
        article = services_of(self.bot).article_named(schedule.payload.get("article"))
        return short_name(article, section_id)

    async def __call__(self, schedule: Schedule, occurrence: Occurrence, reason: Reason) -> None:
        what = self.subject(schedule)
        await post_log_line(
            self.bot, schedule.guild_id, failure_line(schedule, occurrence, reason, what)
        )


async def post_log_line(bot: ReadingCircleBot, guild_id: int, text: str) -> bool:
    """A line in the server's log channel (`/config log-channel`), if it has one; best effort,
    never raises: what could not be said is in the log file. True if it was posted."""
    services = services_of(bot)
    settings = await services.guild_settings.get(guild_id)
    if settings.log_channel_id is None:
        return False
    guild = bot.get_guild(guild_id)
    channel = guild.get_channel_or_thread(settings.log_channel_id) if guild else None
    if not isinstance(channel, discord.TextChannel | discord.Thread):
        log.warning(
            "guild %s: log channel %s is gone; not reported: %s",
            guild_id,
            settings.log_channel_id,
            text,
        )
        return False
    try:
        await channel.send(clip(text, CONTENT_MAX), allowed_mentions=discord.AllowedMentions.none())
    except discord.HTTPException as exc:
        log.warning(
            "guild %s: could not write to the log channel (%s); the line was: %s",
            guild_id,
            exc,
            text,
        )
        return False
    return True


async def setup(bot: ReadingCircleBot) -> None:
    """An extension of its own: it listens to every kind of scheduled run, not to one feature."""
    services_of(bot).runner.on_failure(FailureLog(bot))
