"""The options of the discussion commands, each resolved (or politely refused) before a command
runs, the way `bot.cogs.section_option` resolves sections:

- `VenueOption`: where to open, a text channel or a forum;
- `WhenOption`: a future local time `YYYY-MM-DD HH:MM` in the server's time zone;
- `SessionOption`: one scheduled discussion, by the number /discuss list shows (`4`, `1.3`);
- `PlanOption`: a reading plan still to come, by its number.

The session and plan autocompletes name sessions as /discuss list does, so a moderator picks
what they just read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import discord
from discord import app_commands

from bot.app import ReadingCircleBot
from bot.cogs.common import Interaction, services_of
from bot.cogs.discussion import embeds as render
from bot.cogs.discussion.opener import Venue
from bot.content.naming import short_name
from bot.discussion import plan as plans
from bot.i18n import t
from bot.scheduling.recurrence import TimeInputError, parse_local_datetime, to_iso
from bot.scheduling.refs import ScheduleRef, parse_ref
from bot.scheduling.store import Schedule
from bot.services import Services
from bot.ui.failures import UserFacingError
from bot.ui.limits import CHOICE_NAME_MAX, CHOICES_MAX, clip

KIND = "discussion"


class VenueTransformer(app_commands.Transformer[ReadingCircleBot]):
    """A text channel or a forum. Discord's picker offers exactly those (discord.py would add
    media channels to a ForumChannel annotation; a discussion is no media post); a channel the
    bot cannot see in its cache is refused politely."""

    @property
    def type(self) -> discord.AppCommandOptionType:
        return discord.AppCommandOptionType.channel

    @property
    def channel_types(self) -> list[discord.ChannelType]:
        return [discord.ChannelType.text, discord.ChannelType.news, discord.ChannelType.forum]

    async def transform(self, interaction: Interaction, value: Any) -> Venue:
        resolved = value.resolve() if isinstance(value, app_commands.AppCommandChannel) else value
        if not isinstance(resolved, Venue):
            raise UserFacingError("discussion.bad_channel")
        return resolved


@dataclass(frozen=True, slots=True)
class LocalTime:
    """A future moment (UTC) typed in the server's time zone, and that zone (replies repeat the
    local time, so a moderator sees what they typed)."""

    at: datetime
    zone: ZoneInfo

    @property
    def local(self) -> datetime:
        return self.at.astimezone(self.zone)


class WhenTransformer(app_commands.Transformer[ReadingCircleBot]):
    """`YYYY-MM-DD HH:MM` local time: real, in the future, and not too far; refusals carry an
    example in the right format (tomorrow 20:00)."""

    async def transform(self, interaction: Interaction, value: str) -> LocalTime:
        services = services_of(interaction)
        zone = await services.guild_settings.timezone(interaction.guild_id or 0)
        now = services.clock.now()
        example = f"{now.astimezone(zone) + timedelta(days=1):%Y-%m-%d} 20:00"
        try:
            moment = parse_local_datetime(value, zone)
        except TimeInputError as error:
            raise _time_error(error.key, zone, example, interaction.locale) from None
        if moment <= now:
            raise _time_error("time.past", zone, example, interaction.locale)
        if moment > now + timedelta(days=plans.MAX_DAYS_AHEAD):
            raise UserFacingError("discussion.too_far", days=plans.MAX_DAYS_AHEAD, example=example)
        return LocalTime(moment, zone)


def _time_error(key: str, zone: ZoneInfo, example: str, locale: object) -> UserFacingError:
    return UserFacingError(
        "discussion.bad_time", problem=t(key, locale), example=example, zone=zone.key
    )


async def upcoming(services: Services, guild_id: int) -> list[Schedule]:
    """The server's discussion sessions still to come, soonest first."""
    active = await services.schedules.active(guild_id=guild_id, kind=KIND)
    return sorted(active, key=lambda s: (to_iso(s.run_at) if s.run_at else "", s.id))


def section_of(services: Services, schedule: Schedule, locale: object = None) -> str:
    """The short name of a scheduled session's section (or its id, if the content lost it)."""
    article = services.article_named(schedule.payload.get("article"))
    return short_name(article, str(schedule.payload.get("section_id")), locale)


class SessionTransformer(app_commands.Transformer[ReadingCircleBot]):
    """One scheduled discussion, never a whole plan (`1` alone would be plan 1: refused with a
    pointer to /discuss-mod cancel-plan)."""

    async def transform(self, interaction: Interaction, value: str) -> Schedule:
        ref = parse_ref(value)
        if ref is not None and ref.number is None:
            raise UserFacingError("discussion.cancel.whole_plan", plan=ref.plan_number)
        target = (
            await services_of(interaction).schedules.by_number(
                guild_id=interaction.guild_id or 0,
                kind=KIND,
                number=ref.number,
                plan_number=ref.plan_number,
            )
            if ref is not None and ref.number is not None
            else None
        )
        if target is None:
            typed = clip(discord.utils.escape_markdown(value), 40)
            raise UserFacingError("discussion.cancel_unknown", text=typed)
        return target

    async def autocomplete(  # type: ignore[override]
        self, interaction: Interaction, value: str
    ) -> list[app_commands.Choice[str]]:
        """Every session still to come, by the name members see in /discuss list."""
        if interaction.guild is None:
            return []
        services = services_of(interaction)
        zone = await services.guild_settings.timezone(interaction.guild.id)
        typed = str(value).strip().casefold()
        choices: list[app_commands.Choice[str]] = []
        for schedule in await upcoming(services, interaction.guild.id):
            assert schedule.run_at is not None
            name = " · ".join(
                (
                    render.schedule_ref(schedule, interaction.locale),
                    f"{schedule.run_at.astimezone(zone):%m-%d %H:%M}",
                    section_of(services, schedule),
                )
            )
            ref = ScheduleRef(schedule.number, schedule.plan_number).canonical
            if typed and typed not in name.casefold() and not ref.startswith(typed):
                continue
            choices.append(app_commands.Choice(name=clip(name, CHOICE_NAME_MAX), value=ref))
        return choices[:CHOICES_MAX]


class PlanTransformer(app_commands.Transformer[ReadingCircleBot]):
    """A reading plan's number (checked by the command: it may have nothing left to cancel);
    the autocomplete lists the plans with sessions still to come."""

    @property
    def type(self) -> discord.AppCommandOptionType:
        return discord.AppCommandOptionType.integer

    @property
    def min_value(self) -> int:
        return 1

    async def transform(self, interaction: Interaction, value: int) -> int:
        return int(value)

    async def autocomplete(  # type: ignore[override]
        self, interaction: Interaction, value: int | str
    ) -> list[app_commands.Choice[int]]:
        if interaction.guild is None:
            return []
        services = services_of(interaction)
        zone = await services.guild_settings.timezone(interaction.guild.id)
        sessions = await upcoming(services, interaction.guild.id)
        typed = str(value).strip()
        choices: list[app_commands.Choice[int]] = []
        for plan_number in dict.fromkeys(s.plan_number for s in sessions if s.plan_number):
            left = [s for s in sessions if s.plan_number == plan_number]
            assert left[0].run_at is not None
            name = t(
                "discussion.cancel.plan_choice",
                interaction.locale,
                plan=plan_number,
                left=len(left),
                local=f"{left[0].run_at.astimezone(zone):%m-%d %H:%M}",
                section=section_of(services, left[0]),
            )
            if typed and typed not in name:
                continue
            choices.append(app_commands.Choice(name=clip(name, CHOICE_NAME_MAX), value=plan_number))
        return choices[:CHOICES_MAX]


VenueOption = app_commands.Transform[Venue, VenueTransformer]
WhenOption = app_commands.Transform[LocalTime, WhenTransformer]
SessionOption = app_commands.Transform[Schedule, SessionTransformer]
PlanOption = app_commands.Transform[int, PlanTransformer]
