"""/quiz: weekly quiz schedules, posting and closing, answers via buttons, scores and practice.

A thin adapter: commands parse and check their input, call `bot.quiz` (domain) or the poster
(`poster`, the Discord side of posting and closing), and render with `embeds`.
"""

from __future__ import annotations

import logging
import random

import discord
from discord import app_commands
from discord.app_commands import locale_str as _

from bot.app import ReadingCircleBot
from bot.cogs.common import Interaction, ServiceCog, article_here
from bot.cogs.quiz import embeds as render
from bot.cogs.quiz.buttons import PracticeView
from bot.cogs.quiz.poster import PostableChannel, QuizPoster
from bot.cogs.scheduled_events import ScheduledEvents, render_interested
from bot.cogs.section_option import QuizSectionOption
from bot.content.model import Article
from bot.content.naming import long_label
from bot.content.shelf import find_article
from bot.i18n import t
from bot.quiz import bank, rules
from bot.quiz.events import EVENT_OPTION, wants_events
from bot.quiz.rules import NoQuestions
from bot.quiz.scores import PERIODS, period_start
from bot.quiz.store import QuizStore
from bot.scheduling.recurrence import WEEKDAYS, TimeInputError, discord_timestamp, parse_hhmm
from bot.ui.channels import refuse_unless_permitted
from bot.ui.checks import moderator_only
from bot.ui.failures import UserFacingError
from bot.ui.limits import (
    CHOICE_NAME_MAX,
    CHOICES_MAX,
    EMBED_DESCRIPTION_MAX,
    EMBED_FIELD_VALUE_MAX,
    clip,
)
from bot.ui.permissions import POST

log = logging.getLogger(__name__)

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY_CHOICES = [
    app_commands.Choice(name=_(name), value=code)
    for name, code in zip(WEEKDAY_NAMES, WEEKDAYS, strict=True)
]
PERIOD_CHOICES = [
    app_commands.Choice(name=_("This week"), value="week"),
    app_commands.Choice(name=_("This month"), value="month"),
    app_commands.Choice(name=_("All time"), value="all"),
]
Hours = app_commands.Range[int, rules.MIN_DURATION_HOURS, rules.MAX_DURATION_HOURS]


class QuizCog(ServiceCog):
    quiz = app_commands.Group(
        name=_("quiz"), description=_("Weekly quiz on the article"), guild_only=True
    )
    # Moderators' actions in a group of their own, hidden from members by default (server admins
    # can change who sees it); the moderator check in code still decides who may run them.
    quiz_mod = app_commands.Group(
        name=_("quiz-mod"),
        description=_("Moderators: schedule, post and close quizzes"),
        guild_only=True,
        default_permissions=discord.Permissions(manage_threads=True),
    )

    def __init__(
        self, bot: ReadingCircleBot, store: QuizStore, poster: QuizPoster, events: ScheduledEvents
    ) -> None:
        self.bot = bot
        self.store = store
        self.poster = poster
        self.events = events
        self.rng = random.Random()

    async def cog_unload(self) -> None:
        self.poster.count.close()

    async def _article(self, interaction: Interaction) -> Article:
        """The server's current article, refused politely while it has no questions yet."""
        article = await article_here(interaction)
        if not article.questions:
            raise UserFacingError("quiz.no_questions", title=article.meta.title)
        return article

    @staticmethod
    def _check_channel(channel: PostableChannel, locale: object) -> None:
        """Refuse before anything is stored when the bot could not post (or find) the quiz."""
        refuse_unless_permitted(channel, POST, "quiz.bot_missing_permissions", locale)

    # -- scheduling ------------------------------------------------------------------------------

    @quiz_mod.command(name=_("schedule"), description=_("Post a quiz every week in a channel"))
    @app_commands.describe(
        channel=_("Channel the quiz is posted in"),
        weekday=_("Day of the week"),
        time=_("Time of day as HH:MM, in the server's time zone"),
        duration_hours=_("Hours each quiz stays open (default 24)"),
        event=_(
            "Also add each week's quiz as a server event members can mark as interested"
            " (default off)"
        ),
    )
    @app_commands.choices(weekday=WEEKDAY_CHOICES)
    @moderator_only()
    async def schedule(
        self,
        interaction: Interaction,
        channel: discord.TextChannel,
        weekday: app_commands.Choice[str],
        time: str,
        duration_hours: Hours | None = None,
        event: bool = False,
    ) -> None:
        assert interaction.guild is not None
        locale = interaction.locale
        try:
            at = parse_hhmm(time)
        except TimeInputError as error:
            raise UserFacingError(error.key) from None
        self._check_channel(channel, locale)
        await self._article(interaction)
        hours = duration_hours or rules.DEFAULT_DURATION_HOURS
        day = WEEKDAYS.index(weekday.value)
        existing = await self.services.schedules.active(guild_id=interaction.guild.id, kind="quiz")
        for other in existing:
            if (other.channel_id, other.weekday, other.local_time) == (
                channel.id,
                day,
                at.strftime("%H:%M"),
            ):
                raise UserFacingError("quiz.schedule_duplicate", id=other.number)
        if len(existing) >= rules.MAX_SCHEDULES_PER_GUILD:
            raise UserFacingError("quiz.too_many_schedules", max=rules.MAX_SCHEDULES_PER_GUILD)
        zone = await self.services.guild_settings.timezone(interaction.guild.id)
        now = self.services.clock.now()
        schedule = await self.services.schedules.add_weekly(
            guild_id=interaction.guild.id,
            kind="quiz",
            channel_id=channel.id,
            timezone=zone.key,
            weekday=day,
            local_time=at,
            # the option only when on: schedules without it (and older ones) get no events
            payload={"duration_hours": hours, **({EVENT_OPTION: True} if event else {})},
            created_by=interaction.user.id,
            now=now,
        )
        self.services.driver.add(schedule)
        next_run = schedule.next_run_after(now)
        assert next_run is not None
        note = ""
        if event:
            note = await self.events.reply_note(interaction.guild, locale)
            # In the background: the event requests must not hold up Discord's 3 s deadline.
            self.events.after_change([schedule])
        text = t(
            "quiz.scheduled",
            locale,
            id=schedule.number,
            weekday=t(f"quiz.weekday.{weekday.value}", locale),
            time=at.strftime("%H:%M"),
            timezone=zone.key,
            channel=channel.mention,
            hours=hours,
            next=discord_timestamp(next_run, "F"),
        )
        await interaction.response.send_message(f"{text}\n{note}" if note else text, ephemeral=True)

    @quiz.command(name=_("schedules"), description=_("List the weekly quiz schedules"))
    async def schedules(self, interaction: Interaction) -> None:
        assert interaction.guild is not None
        locale = interaction.locale
        now = self.services.clock.now()
        found = await self.services.schedules.active(guild_id=interaction.guild.id, kind="quiz")
        if not found:
            await interaction.response.send_message(
                t("quiz.schedules.none", locale), ephemeral=True
            )
            return
        with_events = any(wants_events(s.payload) for s in found)
        interested = await self.events.interested(interaction.guild) if with_events else {}
        lines = []
        for schedule in found:
            next_run = schedule.next_run_after(now)
            event = (
                f" · {t('quiz.schedules.event', locale)}"
                + render_interested(interested.get(schedule.id), locale)
                if wants_events(schedule.payload)
                else ""
            )
            lines.append(
                t(
                    "quiz.schedules.line",
                    locale,
                    id=schedule.number,
                    weekday=t(f"quiz.weekday.{WEEKDAYS[schedule.weekday or 0]}", locale),
                    time=schedule.local_time,
                    timezone=schedule.timezone,
                    channel=f"<#{schedule.channel_id}>",
                    hours=schedule.payload.get("duration_hours", rules.DEFAULT_DURATION_HOURS),
                    next=discord_timestamp(next_run, "F") if next_run else "—",
                )
                + event
            )
        embed = discord.Embed(
            title=t("quiz.schedules.title", locale),
            description=clip("\n".join(lines), EMBED_DESCRIPTION_MAX),
            colour=render.QUIZ_COLOUR,
        )
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @quiz_mod.command(name=_("unschedule"), description=_("Remove a weekly quiz-mod schedule"))
    @app_commands.rename(schedule_id="id")
    @app_commands.describe(schedule_id=_("Number of the schedule, as listed by /quiz schedules"))
    @moderator_only()
    async def unschedule(
        self, interaction: Interaction, schedule_id: app_commands.Range[int, 1]
    ) -> None:
        assert interaction.guild is not None
        schedules = self.services.schedules
        found = await schedules.by_number(
            guild_id=interaction.guild.id, kind="quiz", number=schedule_id
        )
        if found is None or not await schedules.cancel(
            found.id, guild_id=interaction.guild.id, kind="quiz"
        ):
            raise UserFacingError("quiz.schedule_not_found", id=schedule_id)
        self.services.driver.remove(found.id)
        if wants_events(found.payload):  # its pending event is cancelled, in the background
            self.events.after_change([found])
        await interaction.response.send_message(
            t("quiz.unscheduled", interaction.locale, id=schedule_id), ephemeral=True
        )

    @unschedule.autocomplete("schedule_id")
    async def _schedule_ids(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[int]]:
        if interaction.guild is None:
            return []
        found = await self.services.schedules.active(guild_id=interaction.guild.id, kind="quiz")
        channels = {c.id: c.name for c in interaction.guild.channels}
        choices = []
        for schedule in found:
            day = t(f"quiz.weekday.{WEEKDAYS[schedule.weekday or 0]}", interaction.locale)
            name = f"{schedule.number} · {day} {schedule.local_time} · #{channels.get(schedule.channel_id, '?')}"
            if current.strip() and current.strip() not in name:
                continue
            choices.append(
                app_commands.Choice(name=clip(name, CHOICE_NAME_MAX), value=schedule.number)
            )
        return choices[:CHOICES_MAX]

    # -- running quizzes -------------------------------------------------------------------------

    @quiz_mod.command(name=_("now"), description=_("Post a quiz question right away"))
    @app_commands.describe(
        channel=_("Channel to post in (default: this one)"),
        section=_("Ask about this section"),
        duration_hours=_("Hours each quiz stays open (default 24)"),
    )
    @moderator_only()
    async def now(
        self,
        interaction: Interaction,
        channel: discord.TextChannel | discord.Thread | None = None,
        section: QuizSectionOption | None = None,
        duration_hours: Hours | None = None,
    ) -> None:
        assert interaction.guild is not None
        locale = interaction.locale
        target = channel or interaction.channel
        if not isinstance(target, PostableChannel):
            raise UserFacingError("quiz.bad_channel")
        article = await self._article(interaction)
        section_id = section.section.id if section is not None else None
        if section is not None and not bank.questions_in(article, section.section.id):
            raise UserFacingError(
                "quiz.no_questions_in_section", section=long_label(section.section, locale)
            )
        self._check_channel(target, locale)
        now = self.services.clock.now()
        already = await self.store.open_in_channel(interaction.guild.id, target.id, now)
        if already:
            raise UserFacingError(
                "quiz.already_open",
                channel=target.mention,
                id=already[-1].id,
                closes=render.when(already[-1].closes_at),
            )
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            quiz = await self.store.create(
                guild_id=interaction.guild.id,
                channel_id=target.id,
                article=article,
                now=now,
                duration=rules.duration(duration_hours),
                created_by=interaction.user.id,
                only_section=section_id,
                prefer_section=None
                if section_id
                else await self.poster.discussion_section(interaction.guild.id, now),
            )
        except NoQuestions:
            raise UserFacingError("quiz.no_questions") from None
        try:
            message = await self.poster.send(target, quiz, article)
        except discord.HTTPException as exc:
            raise UserFacingError("quiz.post_failed", detail=clip(str(exc.text), 200)) from None
        await interaction.followup.send(
            t(
                "quiz.posted",
                locale,
                id=quiz.id,
                channel=target.mention,
                link=message.jump_url,
                closes=render.when(quiz.closes_at),
            ),
            ephemeral=True,
        )

    @quiz_mod.command(name=_("close"), description=_("Close the open quiz in a channel now"))
    @app_commands.describe(channel=_("Channel of the quiz (default: this one)"))
    @moderator_only()
    async def close(
        self,
        interaction: Interaction,
        channel: discord.TextChannel | discord.Thread | None = None,
    ) -> None:
        assert interaction.guild is not None
        target = channel or interaction.channel
        if not isinstance(target, discord.abc.GuildChannel | discord.Thread):
            raise UserFacingError("quiz.bad_channel")
        now = self.services.clock.now()
        quizzes = await self.store.open_in_channel(interaction.guild.id, target.id, now)
        if not quizzes:
            raise UserFacingError("quiz.none_open", channel=target.mention)
        await interaction.response.defer(ephemeral=True, thinking=True)
        closed = [q for q in quizzes if await self.poster.close_now(q) is not None]
        ids = ", ".join(f"#{q.id}" for q in closed) or "—"
        await interaction.followup.send(
            t("quiz.closed_now", interaction.locale, ids=ids, channel=target.mention),
            ephemeral=True,
        )

    # -- scores and practice -----------------------------------------------------------------------

    def _title_of(self, slug: str) -> str:
        """An article's title; its slug when the library no longer holds it (history stays)."""
        found = find_article(self.services.articles, slug)
        return found.meta.title if found is not None else slug

    @quiz.command(
        name=_("leaderboard"), description=_("Who answered the most quiz questions correctly")
    )
    @app_commands.describe(
        period=_("Time span (default: all time)"),
        every_article=_("Count every article's quizzes (default: the article we read now)"),
    )
    @app_commands.choices(period=PERIOD_CHOICES)
    async def leaderboard(
        self,
        interaction: Interaction,
        period: app_commands.Choice[str] | None = None,
        every_article: bool = False,
    ) -> None:
        assert interaction.guild is not None
        span = period.value if period else "all"
        assert span in PERIODS
        zone = await self.services.guild_settings.timezone(interaction.guild.id)
        since = period_start(span, self.services.clock.now(), zone)
        reading = None if every_article else await self.services.article_for(interaction.guild.id)
        standings = await self.store.standings(
            interaction.guild.id, since=since, article=reading.meta.slug if reading else None
        )
        embed = render.leaderboard_embed(
            standings[: render.LEADERBOARD_SIZE], span, interaction.locale
        )
        embed.set_author(
            name=clip(
                t("quiz.board.article", interaction.locale, title=reading.meta.title)
                if reading is not None
                else t("quiz.board.every_article", interaction.locale),
                256,
            )
        )
        await interaction.response.send_message(
            embed=embed, allowed_mentions=discord.AllowedMentions.none()
        )
        # The caller's own place, privately: they may be below the top ten, or not on it at all.
        mine = next((s for s in standings if s.user_id == interaction.user.id), None)
        try:
            await interaction.followup.send(
                render.own_rank_line(mine, interaction.locale),
                ephemeral=True,
                allowed_mentions=discord.AllowedMentions.none(),
            )
        except discord.HTTPException:
            log.info("leaderboard: the caller's own rank was not delivered")

    @quiz.command(name=_("stats"), description=_("Quiz answers, accuracy and streaks of a member"))
    @app_commands.describe(member=_("Whose statistics (default: yours)"))
    async def stats(self, interaction: Interaction, member: discord.Member | None = None) -> None:
        assert interaction.guild is not None
        who = member or interaction.user
        found = await self.store.stats(interaction.guild.id, who.id)
        own = who.id == interaction.user.id
        embed = render.stats_embed(found, who, interaction.locale, own=own)
        history = await self.store.per_article(interaction.guild.id, who.id)
        if len(history) > 1:  # one article: the totals above already say it
            embed.add_field(
                name=t("quiz.stats.per_article", interaction.locale),
                value=clip(
                    "\n".join(
                        t(
                            "quiz.stats.article_line",
                            interaction.locale,
                            title=self._title_of(slug),
                            right=right,
                            answered=answered,
                        )
                        for slug, right, answered in history
                    ),
                    EMBED_FIELD_VALUE_MAX,
                ),
                inline=False,
            )
        await interaction.response.send_message(
            embed=embed,
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
        )

    @quiz.command(name=_("practice"), description=_("A private practice question, not scored"))
    @app_commands.describe(section=_("Practise on this section"))
    async def practice(
        self, interaction: Interaction, section: QuizSectionOption | None = None
    ) -> None:
        article = await self._article(interaction)
        pool = bank.questions_in(article, section.section.id if section is not None else None)
        if not pool:
            raise UserFacingError(
                "quiz.no_questions_in_section",
                section=long_label(section.section, interaction.locale) if section else "",
            )
        question = self.rng.choice(pool)
        view = PracticeView(
            article,
            pool,
            question,
            owner_id=interaction.user.id,
            locale=interaction.locale,
            rng=self.rng,
        )
        view.last_interaction = interaction
        await interaction.response.send_message(
            embed=render.practice_embed(question, article, interaction.locale),
            view=view,
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
        )
