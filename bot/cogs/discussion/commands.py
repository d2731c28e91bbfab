"""/discuss: discussion threads on the article's sections, opened now, at a time, or as a plan.

A thin adapter: commands check their input (moderator, section, time, channel and the bot's
permissions there) before anything is stored, then store schedules in the shared scheduling
tables, which the runner fires through `DiscussionOpener` (also used directly by /discuss-mod now).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import Any

import discord
from discord import app_commands
from discord.app_commands import locale_str as _

from bot.app import ReadingCircleBot
from bot.cogs.common import Interaction, ServiceCog, article_here
from bot.cogs.discussion import embeds as render
from bot.cogs.discussion.confirm import confirm_plan_cancel_view
from bot.cogs.discussion.opener import DiscussionOpener, Venue
from bot.cogs.discussion.options import (
    KIND,
    PlanOption,
    SessionOption,
    VenueOption,
    WhenOption,
    section_of,
)
from bot.cogs.failure_log import describe_reason
from bot.cogs.scheduled_events import ScheduledEvents, render_interested
from bot.cogs.section_option import SectionOption
from bot.content.model import Article
from bot.content.naming import long_label, short_name
from bot.discussion import plan as plans
from bot.discussion.forum_tags import matching_tag, part_tag
from bot.discussion.store import DiscussionStore
from bot.i18n import t
from bot.scheduling.recurrence import (
    discord_timestamp,
)
from bot.scheduling.store import Schedule
from bot.ui.channels import refuse_unless_permitted
from bot.ui.checks import moderator_only
from bot.ui.failures import UserFacingError
from bot.ui.limits import EMBED_DESCRIPTION_MAX, clip, fit_embed
from bot.ui.permissions import FORUM_POSTS, OPEN_THREADS, permission_names

LIST_LINES_MAX = 20
RECENT_MAX = 3
EveryDays = app_commands.Range[int, 1, plans.MAX_EVERY_DAYS]


class DiscussionCog(ServiceCog):
    discuss = app_commands.Group(
        name=_("discuss"),
        description=_("Discussion threads on the article's sections"),
        guild_only=True,
    )
    # Moderators' actions, hidden from members by default; the moderator check in code decides.
    discuss_mod = app_commands.Group(
        name=_("discuss-mod"),
        description=_("Moderators: open, schedule, plan and cancel discussions"),
        guild_only=True,
        default_permissions=discord.Permissions(manage_threads=True),
    )

    def __init__(
        self,
        bot: ReadingCircleBot,
        store: DiscussionStore,
        opener: DiscussionOpener,
        events: ScheduledEvents,
    ):
        self.bot = bot
        self.store = store
        self.opener = opener
        self.events = events

    # -- input checks ----------------------------------------------------------------------------

    @staticmethod
    def _target(interaction: Interaction, channel: Venue | None) -> Venue:
        """The channel to open in (a text channel or a forum), refused early if the bot could not
        open a thread or a post there."""
        target = channel or interaction.channel
        needed: tuple[str, ...]
        if isinstance(target, discord.ForumChannel) and not target.is_media():
            needed = FORUM_POSTS
        elif isinstance(target, discord.TextChannel) and not target.is_news():
            needed = OPEN_THREADS
        else:
            raise UserFacingError("discussion.bad_channel")
        refuse_unless_permitted(
            target, needed, "discussion.bot_missing_permissions", interaction.locale
        )
        return target

    @staticmethod
    def _untagged_note(
        target: Venue, article: Article, section_ids: Iterable[str], locale: object
    ) -> str:
        """One line for the moderator when posts in a forum will go untagged: a part's tag is
        missing and the bot may not add it (Manage Channels). Said in the reply, once per
        command, not at every session. A forum that requires a tag refuses untagged posts, so
        there it is a refusal, before anything is stored."""
        if not isinstance(target, discord.ForumChannel):
            return ""
        me = target.guild.me
        if me is not None and target.permissions_for(me).manage_channels:
            return ""
        have = [tag.name for tag in target.available_tags]
        wanted = dict.fromkeys(part_tag(article, section_id) for section_id in section_ids)
        missing = [name for name in wanted if matching_tag(name, have) is None]
        if not missing:
            return ""
        values = {
            "forum": target.mention,
            "tags": ", ".join(f"`{name}`" for name in missing),
            "permission": permission_names(["manage_channels"], locale),
        }
        if target.flags.require_tag:  # Discord would refuse every untagged post there
            raise UserFacingError("discussion.forum_needs_tags", **values)
        return "\n" + t("discussion.forum_untagged", locale, **values)

    async def _active(self, guild_id: int) -> list[Schedule]:
        return await self.services.schedules.active(guild_id=guild_id, kind=KIND)

    async def _room_for(self, guild_id: int, count: int) -> list[Schedule]:
        active = await self._active(guild_id)
        if len(active) + count > plans.MAX_ACTIVE_SCHEDULES:
            raise UserFacingError(
                "discussion.too_many", max=plans.MAX_ACTIVE_SCHEDULES, active=len(active)
            )
        return active

    @staticmethod
    def _payload(article: Article, section_id: str, **extra: Any) -> dict[str, Any]:
        return {"article": article.meta.slug, "section_id": section_id, **extra}

    # -- /discuss-mod now ----------------------------------------------------------------------------

    @discuss_mod.command(name=_("now"), description=_("Open a discussion thread on a section now"))
    @app_commands.describe(
        section=_("Section to discuss"),
        channel=_("Text channel or forum to open in (default: this one)"),
    )
    @moderator_only()
    async def now(
        self,
        interaction: Interaction,
        section: SectionOption,
        channel: VenueOption | None = None,
    ) -> None:
        assert interaction.guild is not None
        locale = interaction.locale
        article, chosen = section.article, section.section
        target = self._target(interaction, channel)
        tag_note = self._untagged_note(target, article, [chosen.id], locale)
        await interaction.response.defer(ephemeral=True, thinking=True)
        zone = await self.services.guild_settings.timezone(interaction.guild.id)
        now = self.services.clock.now()
        # A one-off schedule due now, fired by the runner: the opening is recorded like any
        # scheduled run, so a crash half-way is reconciled at start-up, never opened twice.
        (schedule,) = await self.services.schedules.add_once_many(
            guild_id=interaction.guild.id,
            kind=KIND,
            channel_id=target.id,
            timezone=zone.key,
            runs=[(now, self._payload(article, chosen.id, now=True))],
            created_by=interaction.user.id,
            now=now - timedelta(seconds=1),
        )
        occurrence = await self.services.runner.fire_now(schedule)
        if occurrence is None:  # the scheduler's own tick got there first and opened it
            await interaction.followup.send(t("discussion.opening", locale), ephemeral=True)
            return
        if occurrence.status != "sent":
            raise UserFacingError(
                "discussion.open_failed",
                reason=describe_reason(occurrence.failure, locale),
            )
        result = occurrence.result
        await interaction.followup.send(
            t(
                "discussion.opened",
                locale,
                section=long_label(chosen, locale),
                thread=f"<#{result.get('thread_id')}>",
                link=self.opener.starter_link(interaction.guild.id, result),
            )
            + tag_note,
            ephemeral=True,
        )

    # -- /discuss-mod schedule ------------------------------------------------------------------------

    @discuss_mod.command(
        name=_("schedule"), description=_("Open a discussion thread on a section at a set time")
    )
    @app_commands.describe(
        section=_("Section to discuss"),
        when=_("Date and time as YYYY-MM-DD HH:MM, in the server's time zone"),
        channel=_("Text channel or forum to open in (default: this one)"),
    )
    @moderator_only()
    async def schedule(
        self,
        interaction: Interaction,
        section: SectionOption,
        when: WhenOption,
        channel: VenueOption | None = None,
    ) -> None:
        assert interaction.guild is not None
        locale = interaction.locale
        guild_id = interaction.guild.id
        article, chosen = section.article, section.section
        zone, run_at = when.zone, when.at
        target = self._target(interaction, channel)
        tag_note = self._untagged_note(target, article, [chosen.id], locale)
        for other in await self._room_for(guild_id, 1):
            same = (other.channel_id, other.run_at, other.payload.get("section_id"))
            if same == (target.id, run_at, chosen.id):
                raise UserFacingError(
                    "discussion.duplicate", ref=render.schedule_ref(other, interaction.locale)
                )
        (created,) = await self.services.schedules.add_once_many(
            guild_id=guild_id,
            kind=KIND,
            channel_id=target.id,
            timezone=zone.key,
            runs=[(run_at, self._payload(article, chosen.id))],
            created_by=interaction.user.id,
            now=self.services.clock.now(),
        )
        self.services.driver.add(created)
        local = run_at.astimezone(zone)
        text = (
            t(
                "discussion.scheduled",
                locale,
                ref=render.schedule_ref(created, locale),
                section=long_label(chosen, locale),
                channel=target.mention,
                when=discord_timestamp(run_at, "F"),
                local=f"{local:%Y-%m-%d %H:%M}",
                zone=zone.key,
            )
            + tag_note
        )
        note = await self.events.reply_note(interaction.guild, locale)
        # In the background: the event requests must not hold up Discord's 3 s deadline.
        self.events.after_change([created])
        await interaction.response.send_message(f"{text}\n{note}" if note else text, ephemeral=True)

    # -- /discuss-mod plan ----------------------------------------------------------------------------

    @discuss_mod.command(
        name=_("plan"), description=_("Schedule the whole article, one section per session")
    )
    @app_commands.describe(
        start=_("First session as YYYY-MM-DD HH:MM, in the server's time zone"),
        every_days=_("Days between sessions"),
        channel=_("Text channel or forum to open in (default: this one)"),
        from_section=_("Start the plan at this section (default: the beginning)"),
    )
    @moderator_only()
    async def plan(
        self,
        interaction: Interaction,
        start: WhenOption,
        every_days: EveryDays,
        channel: VenueOption | None = None,
        from_section: SectionOption | None = None,
    ) -> None:
        assert interaction.guild is not None
        locale = interaction.locale
        guild_id = interaction.guild.id
        article = await article_here(interaction)
        first = from_section.section if from_section else None
        zone = start.zone
        first_day, at = start.local.date(), start.local.time()
        target = self._target(interaction, channel)
        sessions = plans.build_plan(
            article,
            first_day=first_day,
            at=at,
            every_days=every_days,
            zone=zone,
            from_section=first.id if first else None,
        )
        if not sessions:
            raise UserFacingError("discussion.plan_empty")
        tag_note = self._untagged_note(target, article, [s.section_id for s in sessions], locale)
        for other in await self._room_for(guild_id, len(sessions)):
            if other.series_id is not None and other.channel_id == target.id:
                raise UserFacingError(
                    "discussion.plan_exists", plan=other.plan_number, channel=target.mention
                )
        total = len(sessions)
        created = await self.services.schedules.add_once_many(
            guild_id=guild_id,
            kind=KIND,
            channel_id=target.id,
            timezone=zone.key,
            runs=[
                (
                    s.run_at,
                    self._payload(
                        article,
                        s.section_id,
                        plan={"number": s.number, "of": total, "every_days": every_days},
                    ),
                )
                for s in sessions
            ],
            created_by=interaction.user.id,
            now=self.services.clock.now(),
            series=True,
        )
        for schedule in created:
            self.services.driver.add(schedule)
        lines = [
            t(
                "discussion.plan.line",
                locale,
                number=s.number,
                when=discord_timestamp(s.run_at, "F"),
                section=short_name(article, s.section_id, locale),
            )
            for s in sessions
        ]
        plan_number = created[0].plan_number
        embed = discord.Embed(
            title=t("discussion.plan.title", locale, plan=plan_number, count=total),
            description=clip("\n".join(lines), EMBED_DESCRIPTION_MAX),
            colour=render.COLOUR,
        )
        embed.add_field(
            name=t("discussion.plan.where", locale),
            value=t(
                "discussion.plan.where_value",
                locale,
                channel=target.mention,
                days=every_days,
                zone=zone.key,
                local=f"{at:%H:%M}",
            ),
            inline=False,
        )
        embed.set_footer(text=t("discussion.plan.cancel_hint", locale, plan=plan_number))
        note = await self.events.reply_note(interaction.guild, locale)
        note = tag_note.strip() + (f"\n{note}" if note else "")
        self.events.after_change(created)  # one event per session, in the background
        await interaction.response.send_message(
            note.strip() or None, embed=fit_embed(embed), ephemeral=True
        )

    # -- /discuss list and cancel -----------------------------------------------------------------

    @discuss.command(name=_("list"), description=_("Upcoming discussions and the latest threads"))
    async def list_(self, interaction: Interaction) -> None:
        assert interaction.guild is not None
        locale = interaction.locale
        upcoming = sorted(
            await self._active(interaction.guild.id),
            key=lambda s: (s.run_at or self.services.clock.now(), s.id),
        )
        interested = await self.events.interested(interaction.guild) if upcoming else {}
        lines = [
            render.schedule_line(s, self.services.article_named(s.payload.get("article")), locale)
            + render_interested(interested.get(s.id), locale)
            for s in upcoming[:LIST_LINES_MAX]
        ]
        if len(upcoming) > LIST_LINES_MAX:
            lines.append(t("discussion.list.more", locale, count=len(upcoming) - LIST_LINES_MAX))
        embed = discord.Embed(
            title=t("discussion.list.title", locale),
            description=clip("\n".join(lines), EMBED_DESCRIPTION_MAX)
            if lines
            else t("discussion.list.none", locale),
            colour=render.COLOUR,
        )
        recent = await self.store.recent(interaction.guild.id, limit=RECENT_MAX)
        if recent:
            embed.add_field(
                name=t("discussion.list.recent", locale),
                value="\n".join(
                    t(
                        "discussion.list.recent_line",
                        locale,
                        thread=f"<#{d.thread_id or d.message_id}>",
                        when=discord_timestamp(d.opened_at, "R"),
                    )
                    for d in recent
                ),
                inline=False,
            )
        await interaction.response.send_message(embed=fit_embed(embed), ephemeral=True)

    @discuss_mod.command(
        name=_("cancel"),
        description=_(
            "Cancel one scheduled discussion (one session of a plan, never the whole plan)"
        ),
    )
    @app_commands.describe(
        session=_("The discussion to cancel: pick it from the list (e.g. 1.3 = plan 1, session 3)")
    )
    @moderator_only()
    async def cancel(self, interaction: Interaction, session: SessionOption) -> None:
        assert interaction.guild is not None
        locale = interaction.locale
        guild_id = interaction.guild.id
        schedules = self.services.schedules
        target = session
        label = render.schedule_ref(target, locale)
        if not await schedules.cancel(target.id, guild_id=guild_id, kind=KIND):
            raise UserFacingError("discussion.cancel_inactive", ref=label)
        self.services.driver.remove(target.id)
        assert target.run_at is not None
        text = t(
            "discussion.cancelled",
            locale,
            ref=label,
            section=section_of(self.services, target),
            when=discord_timestamp(target.run_at, "F"),
        )
        if target.plan_number is not None:
            left = [
                s
                for s in await schedules.plan(guild_id=guild_id, plan_number=target.plan_number)
                if s.status == "active"
            ]
            if left:
                text += "\n" + t(
                    "discussion.cancel.plan_continues",
                    locale,
                    plan=target.plan_number,
                    left=len(left),
                )
        self.events.after_change([target])  # its event is cancelled, in the background
        await interaction.response.send_message(text, ephemeral=True)

    @discuss_mod.command(
        name=_("move"), description=_("Move one scheduled discussion to another time")
    )
    @app_commands.describe(
        session=_("The discussion to move: pick it from the list (e.g. 1.3 = plan 1, session 3)"),
        when=_("New date and time as YYYY-MM-DD HH:MM, in the server's time zone"),
    )
    @moderator_only()
    async def move(
        self, interaction: Interaction, session: SessionOption, when: WhenOption
    ) -> None:
        """One session, never the rest of its plan; its Discord event moves with it."""
        assert interaction.guild is not None
        locale = interaction.locale
        guild_id = interaction.guild.id
        target = session
        zone, run_at = when.zone, when.at
        label = render.schedule_ref(target, locale)
        moved = await self.services.schedules.move(target.id, guild_id=guild_id, run_at=run_at)
        if moved is None:
            raise UserFacingError("discussion.move_inactive", ref=label)
        self.services.driver.add(moved)
        local = run_at.astimezone(zone)
        self.events.after_change([moved])  # the event's start and end, in the background
        await interaction.response.send_message(
            t(
                "discussion.moved",
                locale,
                ref=label,
                section=section_of(self.services, moved, locale),
                when=discord_timestamp(run_at, "F"),
                local=f"{local:%Y-%m-%d %H:%M}",
                zone=zone.key,
            ),
            ephemeral=True,
        )

    @discuss_mod.command(
        name=_("cancel-plan"),
        description=_("Cancel every remaining session of a reading plan (asks you to confirm)"),
    )
    @app_commands.rename(plan_number="plan")
    @app_commands.describe(plan_number=_("The reading plan's number, as shown by /discuss list"))
    @moderator_only()
    async def cancel_plan(self, interaction: Interaction, plan_number: PlanOption) -> None:
        """Asks first: one click here removes up to a dozen sessions a moderator planned."""
        assert interaction.guild is not None
        locale = interaction.locale
        sessions = await self.services.schedules.plan(
            guild_id=interaction.guild.id, plan_number=plan_number
        )
        if not sessions or sessions[0].kind != KIND:
            raise UserFacingError("discussion.cancel_plan.unknown", plan=plan_number)
        pending = [s for s in sessions if s.status == "active" and s.run_at is not None]
        if not pending:
            raise UserFacingError("discussion.cancel_plan.nothing_left", plan=plan_number)
        assert pending[0].run_at is not None and pending[-1].run_at is not None
        await interaction.response.send_message(
            t(
                "discussion.cancel_plan.confirm",
                locale,
                plan=plan_number,
                count=len(pending),
                next=discord_timestamp(pending[0].run_at, "F"),
                last=discord_timestamp(pending[-1].run_at, "F"),
            ),
            view=confirm_plan_cancel_view(plan_number, len(pending), locale),
            ephemeral=True,
        )
