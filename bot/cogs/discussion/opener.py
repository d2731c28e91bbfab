"""Opening a discussion on Discord: the "discussion" schedule handler, also used by /discuss-mod now.

Order of a run: the runner has claimed the occurrence; the starter message is sent with its join
button, whose custom id names the occurrence; a public thread is started from it with the guild's
archive duration; the thread's note and prompts are posted in it, one message each, in order; the
discussion is recorded. If the bot dies anywhere in between, `find_existing` looks for the starter
of the occurrence in the channel's recent history (by that custom id, invisible to members; see
embeds), starts its thread if it has none, posts the thread posts that are not there yet
(it reads the numbers on the bot's posts in the thread) and records it. So a discussion is never
opened twice and each prompt is posted exactly once, wherever the crash fell.

In a forum channel the session is a forum post instead: one request creates the post and its
first message (the starter, with the same join button), tagged with the section's part (see
`bot.discussion.forum_tags`; the tag is added to the forum when the bot may manage it, else the
post goes untagged). The post's id is its starter message's id, so after a crash the bot's recent
posts in the forum are read for the starter of the occurrence, and the missing prompts are posted
as in a thread. The starter pings the announcement role when one is set (cogs.announcement).

The join button itself adds the member to the thread, so it shows in their thread list.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta
from typing import Any, Literal, cast

import discord
from discord.channel import ThreadWithMessage

from bot.app import ReadingCircleBot
from bot.cogs.announcement import announcement
from bot.cogs.common import services_of
from bot.cogs.discussion import embeds as render
from bot.content.model import Article
from bot.discussion.forum_tags import TAGS_MAX, matching_tag, part_tag
from bot.discussion.starter import Starter, build_starter, find_legacy_marker
from bot.discussion.store import DiscussionStore, OpenedDiscussion
from bot.i18n import t
from bot.scheduling import reasons
from bot.scheduling.reasons import Reason, ReasonCode
from bot.scheduling.runner import FireFailed
from bot.scheduling.store import Occurrence, Schedule
from bot.services import Services
from bot.ui.channels import require_permissions_to_run, run_channel
from bot.ui.components import AnswersFailures
from bot.ui.permissions import FORUM_POSTS, OPEN_THREADS

log = logging.getLogger(__name__)

# What the bot needs in the channel to open a discussion and, after a crash, find it again.
HISTORY_SCAN_LIMIT = 100
# The bot's thread posts come first in a thread it has just started: read from the oldest.
THREAD_SCAN_LIMIT = 100
ARCHIVED_SCAN_LIMIT = (
    50  # a forum's most recently archived posts searched for one made before a crash
)
ArchiveMinutes = Literal[60, 1440, 4320, 10080]
# Where a discussion opens: a thread from a starter in a text channel, or a forum post.
Venue = discord.TextChannel | discord.ForumChannel


def session_number(schedule: Schedule) -> int | None:
    """The session's number within its reading plan (None outside a plan)."""
    plan = schedule.payload.get("plan")
    number = plan.get("number") if isinstance(plan, dict) else None
    return number if isinstance(number, int) else None


class JoinThreadButton(
    AnswersFailures,
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=render.JOIN_ID,
):
    """ "Join the thread" under a starter: adds the member to the thread (it then shows in their
    thread list) and answers privately with a link. Its custom id names the occurrence, which is
    how a restarted bot recognises the starter (see embeds); a click only needs the
    message, whose id is the thread's.
    """

    def __init__(self, occurrence_id: int) -> None:
        super().__init__(
            discord.ui.Button(
                label=render.join_label(),
                emoji="💬",
                style=discord.ButtonStyle.primary,
                custom_id=render.join_custom_id(occurrence_id),
            )
        )
        self.occurrence_id = occurrence_id

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> JoinThreadButton:
        return cls(int(match["occurrence"]))

    async def handle(self, interaction: discord.Interaction[Any]) -> None:
        locale = interaction.locale
        await interaction.response.defer(ephemeral=True, thinking=True)
        thread = await self._thread(interaction)
        if thread is None:
            await interaction.followup.send(t("discussion.join.gone", locale), ephemeral=True)
            return
        try:
            await thread.add_user(interaction.user)
            key = "discussion.join.joined"
        except discord.HTTPException as exc:  # archived or locked: the link still opens it
            log.info("could not add %s to thread %s: %s", interaction.user.id, thread.id, exc)
            key = "discussion.join.open_it"
        await interaction.followup.send(
            t(key, locale, thread=thread.mention),
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
        )

    @staticmethod
    async def _thread(interaction: discord.Interaction[Any]) -> discord.Thread | None:
        message, guild = interaction.message, interaction.guild
        if message is None or guild is None:
            return None
        thread = guild.get_thread(message.id)
        if thread is None:
            try:
                found = await guild.fetch_channel(message.id)
            except discord.HTTPException:
                return None
            thread = found if isinstance(found, discord.Thread) else None
        return thread


def starter_view(occurrence_id: int) -> discord.ui.View:
    """The starter's one button; its custom id is the starter's identity (see the module doc)."""
    view = discord.ui.View(timeout=None)
    view.add_item(JoinThreadButton(occurrence_id))
    return view


def starter_occurrence(message: discord.Message) -> int | None:
    """The occurrence whose starter `message` is: its join button's, else (a starter sent by the
    previous version) the `rc-d` tag its footer used to carry."""
    for row in message.components:
        for item in getattr(row, "children", ()):
            found = render.occurrence_in_custom_id(getattr(item, "custom_id", None))
            if found is not None:
                return found
    for embed in message.embeds:
        found = find_legacy_marker(embed.footer.text or "") if embed.footer else None
        if found is not None:
            return found
    return None


class DiscussionOpener:
    """Discord-side discussion work shared by the scheduler and `/discuss-mod now`."""

    def __init__(self, bot: ReadingCircleBot, store: DiscussionStore) -> None:
        self.bot = bot
        self.store = store
        # Told when a session's thread is recorded (its scheduled event becomes active).
        self.on_opened: Callable[[Schedule], Awaitable[None]] | None = None
        # One tag decision at a time per forum: two sessions opening together must not both
        # create the part's tag (the forum's cached tags lag behind Discord's answer).
        self._tag_locks: dict[int, asyncio.Lock] = {}
        self._created_tags: dict[tuple[int, str], discord.ForumTag] = {}
        # Starters' buttons keep working after a restart: the click is routed by its custom id.
        bot.add_dynamic_items(JoinThreadButton)

    @property
    def services(self) -> Services:
        return services_of(self.bot)

    # -- what to open, and where ------------------------------------------------------------------

    def content(self, schedule: Schedule) -> tuple[Article, str]:
        slug = schedule.payload.get("article")
        articles = self.services.articles
        article = next((a for a in articles if a.meta.slug == slug), self.services.article)
        if article is None:
            raise FireFailed(Reason(ReasonCode.NO_ARTICLE))
        section_id = str(schedule.payload.get("section_id", ""))
        try:
            article.section(section_id)
        except KeyError:
            raise FireFailed(Reason(ReasonCode.SECTION_GONE, {"section": section_id})) from None
        return article, section_id

    async def channel(self, schedule: Schedule) -> Venue:
        channel = await run_channel(self.bot, schedule.guild_id, schedule.channel_id)
        if not isinstance(channel, Venue):
            raise FireFailed(Reason(ReasonCode.CHANNEL_GONE))
        return channel

    async def forum_tags(
        self, forum: discord.ForumChannel, article: Article, section_id: str
    ) -> list[discord.ForumTag]:
        """The part's tag for a post in `forum`: an existing one, else one created now if the bot
        may manage the forum; [] otherwise (the post goes untagged; the moderator was told when
        scheduling, see commands)."""
        name = part_tag(article, section_id)
        lock = self._tag_locks.setdefault(forum.id, asyncio.Lock())
        async with lock:
            existing = list(forum.available_tags)
            index = matching_tag(name, [tag.name for tag in existing])
            if index is not None:
                return [existing[index]]
            created = self._created_tags.get((forum.id, name))
            if created is not None:  # made a moment ago; the gateway has not told the cache yet
                return [created]
            me = forum.guild.me
            if me is None or not forum.permissions_for(me).manage_channels:
                return []
            if len(existing) >= TAGS_MAX:
                log.warning("forum %s has %s tags already; post goes untagged", forum.id, TAGS_MAX)
                return []
            try:
                tag = await forum.create_tag(name=name, reason="Reading Circle: the article's part")
            except discord.HTTPException as exc:
                log.warning("could not add tag %r to forum %s: %s", name, forum.id, exc)
                return []
            if not tag.id:
                return []
            self._created_tags[(forum.id, name)] = tag
            return [tag]

    # -- opening --------------------------------------------------------------------------------

    async def open(
        self, schedule: Schedule, occurrence: Occurrence, *, opened_by: int | None = None
    ) -> OpenedDiscussion:
        """Send the starter, start its thread, post the prompts, record it; FireFailed if refused."""
        article, section_id = self.content(schedule)
        channel = await self.channel(schedule)
        starter = build_starter(article, section_id)
        session = session_number(schedule)
        if isinstance(channel, discord.ForumChannel):
            require_permissions_to_run(channel, FORUM_POSTS)
            thread, message = await self._open_post(
                channel, starter, session, occurrence, article, section_id
            )
            await self._post_in_thread(thread, starter)
            return await self._record(schedule, occurrence, message, thread, opened_by)
        require_permissions_to_run(channel, OPEN_THREADS)
        ping = await announcement(self.bot, channel)
        try:
            message = await channel.send(
                content=ping.content,
                embed=render.starter_embed(starter, due_at=occurrence.due_at, session=session),
                view=starter_view(occurrence.id),
                allowed_mentions=ping.allowed_mentions,
            )
        except discord.NotFound:
            raise FireFailed(Reason(ReasonCode.CHANNEL_GONE)) from None
        except discord.HTTPException as exc:  # 403, or 5xx after discord.py's own retries
            raise FireFailed(
                reasons.discord_refused("starter message", exc.status, exc.text)
            ) from None
        thread = await self._start_thread(message, starter, session)
        return await self._record(schedule, occurrence, message, thread, opened_by)

    async def _open_post(
        self,
        forum: discord.ForumChannel,
        starter: Starter,
        session: int | None,
        occurrence: Occurrence,
        article: Article,
        section_id: str,
    ) -> tuple[discord.Thread, discord.Message]:
        """The forum post and its first message, the starter, in one request (Discord creates
        both or neither). A post refused with its tag (say the tag was deleted a moment ago) is
        tried once more untagged: the discussion matters more than its label."""
        tags = await self.forum_tags(forum, article, section_id)
        ping = await announcement(self.bot, forum)
        minutes = await self.store.archive_minutes(forum.guild.id)

        async def create(applied: Sequence[discord.ForumTag]) -> ThreadWithMessage:
            return await forum.create_thread(
                name=render.thread_name(starter, session),
                auto_archive_duration=cast(ArchiveMinutes, minutes),
                content=ping.content,
                embed=render.starter_embed(starter, due_at=occurrence.due_at, session=session),
                view=starter_view(occurrence.id),
                applied_tags=applied,
                allowed_mentions=ping.allowed_mentions,
            )

        try:
            try:
                created = await create(tags)
            except discord.HTTPException as exc:
                if not tags or exc.status != 400:
                    raise
                log.warning("forum %s refused the post with its tag (%s); untagged", forum.id, exc)
                created = await create([])
        except discord.NotFound:
            raise FireFailed(Reason(ReasonCode.CHANNEL_GONE)) from None
        except discord.HTTPException as exc:
            raise FireFailed(reasons.discord_refused("forum post", exc.status, exc.text)) from None
        return created.thread, created.message

    async def _start_thread(
        self, message: discord.Message, starter: Starter, session: int | None
    ) -> discord.Thread:
        minutes = await self.store.archive_minutes(message.guild.id if message.guild else 0)
        try:
            thread = await message.create_thread(
                name=render.thread_name(starter, session),
                auto_archive_duration=cast(ArchiveMinutes, minutes),
            )
        except discord.HTTPException as exc:
            await self._remove_orphan(message)
            if isinstance(exc, discord.NotFound):
                raise FireFailed(Reason(ReasonCode.CHANNEL_GONE)) from None
            raise FireFailed(reasons.discord_refused("thread", exc.status, exc.text)) from None
        await self._post_in_thread(thread, starter)
        return thread

    async def _post_in_thread(
        self, thread: discord.Thread, starter: Starter, posted: frozenset[int] = frozenset()
    ) -> None:
        """The thread's note and prompts, one message each, in order, but for those `posted`.

        A post Discord refuses stops the rest (posting later ones would break the order); the
        discussion is open all the same: the starter shows the headline prompt.
        """
        for number, content in enumerate(render.thread_posts(starter)):
            if number in posted:
                continue
            try:
                await thread.send(content, allowed_mentions=discord.AllowedMentions.none())
            except discord.HTTPException as exc:
                log.warning(
                    "thread %s opened, but post %s of its prompts was refused: %s",
                    thread.id,
                    number,
                    exc,
                )
                return

    async def _posted_in_thread(self, thread: discord.Thread) -> frozenset[int]:
        """The numbers of the thread posts the bot already made (see render.thread_post_number)."""
        me = self.bot.user
        numbers = set()
        async for message in thread.history(limit=THREAD_SCAN_LIMIT, oldest_first=True):
            if me is not None and message.author.id == me.id:
                number = render.thread_post_number(message.content)
                if number is not None:
                    numbers.add(number)
        return frozenset(numbers)

    @staticmethod
    async def _remove_orphan(message: discord.Message) -> None:
        """A starter without its thread only confuses members: take it back (best effort)."""
        try:
            await message.delete()
        except discord.HTTPException:
            log.warning("could not remove starter %s after its thread failed", message.id)

    async def _record(
        self,
        schedule: Schedule,
        occurrence: Occurrence,
        message: discord.Message,
        thread: discord.Thread,
        opened_by: int | None,
    ) -> OpenedDiscussion:
        minutes = await self.store.archive_minutes(schedule.guild_id)
        opened = await self.store.record_opened(
            guild_id=schedule.guild_id,
            channel_id=schedule.channel_id,  # the text channel or the forum
            article_slug=str(schedule.payload.get("article", "")),
            section_id=str(schedule.payload.get("section_id", "")),
            message_id=message.id,
            thread_id=thread.id,
            occurrence_id=occurrence.id,
            schedule_id=schedule.id,
            series_id=schedule.series_id,
            opened_by=opened_by,
            opened_at=self.services.clock.now(),
            ends_at=occurrence.due_at + timedelta(minutes=minutes),
        )
        if self.on_opened is not None:
            try:
                await self.on_opened(schedule)
            except Exception:  # the discussion is open: its event can follow on the next tick
                log.exception("the event of schedule %s was not updated", schedule.id)
        return opened

    # -- the "discussion" schedule handler --------------------------------------------------------

    @staticmethod
    def result(opened: OpenedDiscussion) -> dict[str, Any]:
        return {
            "discussion_id": opened.id,
            "channel_id": opened.channel_id,
            "message_id": opened.message_id,
            "thread_id": opened.thread_id,
        }

    @staticmethod
    def starter_link(guild_id: int, result: dict[str, Any]) -> str:
        """A link to the starter: in a forum it is the post's first message, inside the post."""
        thread, message = result.get("thread_id"), result.get("message_id")
        where = thread if thread == message else result.get("channel_id")
        return f"https://discord.com/channels/{guild_id}/{where}/{message}"

    async def fire(self, schedule: Schedule, occurrence: Occurrence) -> dict[str, Any]:
        opened_by = schedule.created_by if schedule.payload.get("now") else None
        return self.result(await self.open(schedule, occurrence, opened_by=opened_by))

    async def find_existing(
        self, schedule: Schedule, occurrence: Occurrence
    ) -> dict[str, Any] | None:
        """After a crash: the discussion if its starter went out (completing its thread), else None."""
        recorded = await self.store.by_occurrence(occurrence.id)
        if recorded is not None and recorded.thread_id is not None:
            return self.result(recorded)
        try:
            channel = await self.channel(schedule)
        except FireFailed:
            return None
        if isinstance(channel, discord.ForumChannel):
            return await self._adopt_post(schedule, occurrence, channel)
        message = await self._marked_starter(channel, occurrence)
        if message is None:
            return None
        found: object = message.thread or channel.get_thread(message.id)
        if found is None:
            try:
                found = await channel.guild.fetch_channel(message.id)
            except discord.NotFound:
                found = None
        thread = found if isinstance(found, discord.Thread) else None
        if thread is not None:
            # A starter of the previous version (no button) had all its prompts in one message.
            legacy_done = not message.components and await self._has_bot_message(thread)
            if not legacy_done:
                posted = await self._posted_in_thread(thread)
                await self._post_in_thread(thread, self._starter_for(schedule), posted)
        else:
            thread = await self._start_thread(
                message, self._starter_for(schedule), session_number(schedule)
            )
        log.info("adopted starter %s of occurrence %s", message.id, occurrence.id)
        opened_by = schedule.created_by if schedule.payload.get("now") else None
        return self.result(await self._record(schedule, occurrence, message, thread, opened_by))

    async def _adopt_post(
        self, schedule: Schedule, occurrence: Occurrence, forum: discord.ForumChannel
    ) -> dict[str, Any] | None:
        """After a crash, in a forum: the post of the occurrence with its missing prompts posted."""
        post = await self._marked_post(forum, occurrence)
        if post is None:
            return None
        thread, message = post
        posted = await self._posted_in_thread(thread)
        await self._post_in_thread(thread, self._starter_for(schedule), posted)
        log.info("adopted forum post %s of occurrence %s", thread.id, occurrence.id)
        opened_by = schedule.created_by if schedule.payload.get("now") else None
        return self.result(await self._record(schedule, occurrence, message, thread, opened_by))

    def _starter_for(self, schedule: Schedule) -> Starter:
        article, section_id = self.content(schedule)
        return build_starter(article, section_id)

    async def _marked_starter(
        self, channel: discord.TextChannel, occurrence: Occurrence
    ) -> discord.Message | None:
        me = self.bot.user
        since = occurrence.claimed_at - timedelta(minutes=1)
        async for message in channel.history(limit=HISTORY_SCAN_LIMIT, after=since):
            if me is not None and message.author.id == me.id:
                if starter_occurrence(message) == occurrence.id:
                    return message
        return None

    async def _marked_post(
        self, forum: discord.ForumChannel, occurrence: Occurrence
    ) -> tuple[discord.Thread, discord.Message] | None:
        """The bot's post in `forum` for the occurrence: among the bot's posts created since the
        run was claimed (the cached ones, Discord's active threads, then the forum's archived
        posts), the one whose
        starter (the message with the post's id) carries the occurrence's join button."""
        me = self.bot.user
        if me is None:
            return None
        since = occurrence.claimed_at - timedelta(minutes=1)

        def candidates(threads: Sequence[discord.Thread]) -> list[discord.Thread]:
            return [
                t
                for t in threads
                if t.parent_id == forum.id
                and t.owner_id == me.id
                and discord.utils.snowflake_time(t.id) >= since
            ]

        seen: set[int] = set()
        for source in ("cache", "active", "archived"):
            threads = (
                forum.threads
                if source == "cache"
                else await forum.guild.active_threads()
                if source == "active"
                # Discord archives a post after its inactivity window (as short as an hour): a bot
                # down that long finds it only here, newest archive first
                else [t async for t in forum.archived_threads(limit=ARCHIVED_SCAN_LIMIT)]
            )
            for thread in candidates(threads):
                if thread.id in seen:
                    continue
                seen.add(thread.id)
                try:
                    message = await thread.fetch_message(thread.id)
                except discord.HTTPException:
                    continue
                if message.author.id == me.id and starter_occurrence(message) == occurrence.id:
                    return thread, message
        return None

    async def _has_bot_message(self, thread: discord.Thread) -> bool:
        me = self.bot.user
        async for message in thread.history(limit=10):
            if me is not None and message.author.id == me.id:
                return True
        return False
