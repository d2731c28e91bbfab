"""A line in the guild's log channel for every scheduled action (quiz or discussion) that failed
or was missed, and why, so moderators learn of a lost permission before the next run fails too.

The runner records reasons as English text; the known ones (from the runner, the quiz and the
discussions) are shown in the reader's language, anything else as it is.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

import discord

from bot.cogs.discussion_render import section_name
from bot.i18n import EN, ZH, t
from bot.scheduling.recurrence import discord_timestamp
from bot.scheduling.refs import ScheduleRef
from bot.scheduling.store import Occurrence, Schedule
from bot.ui.limits import CONTENT_MAX, clip
from bot.ui.permissions import permission_names

log = logging.getLogger(__name__)

CHANNEL_GONE = "the channel no longer exists or the bot cannot see it"


_Describer = Callable[[re.Match[str], object], str]
_REASONS: list[tuple[re.Pattern[str], _Describer]] = [
    (
        re.compile(r"^missed: the bot was offline beyond the grace window$"),
        lambda m, loc: t("config.reason.missed_grace", loc),
    ),
    (
        re.compile(r"^missed: the bot was offline$"),
        lambda m, loc: t("config.reason.missed_offline", loc),
    ),
    (
        re.compile(r"^interrupted, and too late to send$"),
        lambda m, loc: t("config.reason.interrupted", loc),
    ),
    (
        re.compile(r"^missing permissions in #(?P<channel>.*?): (?P<perms>[a-z_, ]+)$"),
        lambda m, loc: t(
            "config.reason.missing_permissions",
            loc,
            channel=m["channel"],
            permissions=permission_names(m["perms"], loc),
        ),
    ),
    (
        re.compile(r"channel no longer exists or the bot cannot see it"),
        lambda m, loc: t("config.reason.channel_gone", loc),
    ),
    (
        re.compile(r"^the bot is no longer in the server$"),
        lambda m, loc: t("config.reason.left_guild", loc),
    ),
    (
        re.compile(r"^unexpected error: (?P<error>.+)$"),
        lambda m, loc: t("config.reason.unexpected", loc, error=m["error"]),
    ),
]


def describe_reason(reason: str, locale: object) -> str:
    """A recorded failure reason in the reader's language (unknown reasons unchanged)."""
    for pattern, describe in _REASONS:
        match = pattern.search(reason)
        if match:
            return describe(match, locale)
    return reason


def failure_line(schedule: Schedule, occurrence: Occurrence, reason: str, what: str) -> str:
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

    def __init__(self, bot: Any) -> None:
        self.bot = bot

    def subject(self, schedule: Schedule) -> str:
        """What the run was about, when its payload names a section (discussions do)."""
        section_id = schedule.payload.get("section_id")
        if not isinstance(section_id, str):
            return ""
        article = self.bot.services.article_named(schedule.payload.get("article"))
        return section_name(article, section_id)

    async def __call__(self, schedule: Schedule, occurrence: Occurrence, reason: str) -> None:
        services = self.bot.services
        settings = await services.guild_settings.get(schedule.guild_id)
        if settings.log_channel_id is None:
            return
        guild = self.bot.get_guild(schedule.guild_id)
        channel = guild.get_channel_or_thread(settings.log_channel_id) if guild else None
        if not isinstance(channel, discord.TextChannel | discord.Thread):
            log.warning(
                "guild %s: log channel %s is gone; failure not reported: %s",
                schedule.guild_id,
                settings.log_channel_id,
                reason,
            )
            return
        what = self.subject(schedule)
        try:
            await channel.send(
                failure_line(schedule, occurrence, reason, what),
                allowed_mentions=discord.AllowedMentions.none(),
            )
        except discord.HTTPException as exc:
            log.warning(
                "guild %s: could not write to the log channel (%s); failure was: %s",
                schedule.guild_id,
                exc,
                reason,
            )
