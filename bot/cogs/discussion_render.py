"""What discussion messages look like: the starter embed, the prompts posted in the thread, the
thread's name, and the lines of `/discuss list`.

Starter messages are public and the guild has no language setting, so their labels and prompts
carry both languages (the article's Chinese first), as quiz posts do. Replies to one member follow
that member's Discord locale.
"""

from __future__ import annotations

import discord

from bot.content.model import Article
from bot.content.naming import short_name
from bot.discussion.starter import Prompt, Starter, marker
from bot.i18n import EN, ZH, t
from bot.scheduling.recurrence import discord_timestamp
from bot.scheduling.store import Schedule
from bot.ui.limits import (
    EMBED_FIELD_NAME_MAX,
    EMBED_FIELD_VALUE_MAX,
    THREAD_NAME_MAX,
    clip,
    fit_embed,
)

COLOUR = discord.Colour.teal()


def both(key: str, /, **values: object) -> str:
    """A label in Chinese and English, for messages everyone in the channel reads."""
    return f"{t(key, ZH, **values)} · {t(key, EN, **values)}"


def thread_name(starter: Starter, session: int | None = None) -> str:
    """Short and distinct in a phone's sidebar: `3 · 二/第二 首脑外交` (session 3 of a plan)."""
    name = starter.short if session is None else f"{session} · {starter.short}"
    return clip(name, THREAD_NAME_MAX)


def section_name(article: Article | None, section_id: str, locale: object = None) -> str:
    """A section's short label (lists, menus, log lines), or its id if the content lost it."""
    return short_name(article, section_id, locale)


def prompt_value(prompt: Prompt) -> str:
    return clip(f"{prompt.zh}\n*{prompt.en}*", EMBED_FIELD_VALUE_MAX)


def _reading(starter: Starter) -> str:
    first, last = starter.first_paragraph, starter.last_paragraph
    if first is None or last is None:
        return ""
    key = "discussion.starter.reading_one" if first == last else "discussion.starter.reading"
    return both(key, first=first, last=last)


def starter_embed(starter: Starter, *, schedule_id: int, occurrence_id: int) -> discord.Embed:
    """The channel message a discussion thread is started from.

    Its footer carries `marker(occurrence_id)`, which is how a restarted bot recognises a starter it
    sent just before a crash instead of opening the discussion a second time. `schedule_id` is not
    shown: members cannot do anything with it, and moderators find it in `/discuss list`.
    """
    description = starter.summary
    reading = _reading(starter)
    if reading:
        description = f"{description}\n\n{reading}"
    embed = discord.Embed(title=starter.title, description=description, colour=COLOUR)
    embed.set_author(name=both("discussion.starter.author"))
    if starter.passage is not None:
        passage = starter.passage
        embed.add_field(
            name=both("discussion.starter.passage"),
            value=clip(
                f"> {passage.text}\n— {passage.section_path} · "
                + both("discussion.starter.paragraph", number=passage.paragraph_ordinal),
                EMBED_FIELD_VALUE_MAX,
            ),
            inline=False,
        )
    for number, prompt in enumerate(starter.prompts, start=1):
        embed.add_field(
            name=clip(both("discussion.starter.prompt", number=number), EMBED_FIELD_NAME_MAX),
            value=prompt_value(prompt),
            inline=False,
        )
    if not starter.prompts:
        embed.add_field(
            name=both("discussion.starter.prompts"),
            value=f"{t('discussion.starter.no_prompts', ZH)}\n*{t('discussion.starter.no_prompts', EN)}*",
            inline=False,
        )
    embed.add_field(
        name=both("discussion.starter.lookup"),
        value=clip(
            f"{t('discussion.starter.lookup_value', ZH, example=starter.lookup_example)}\n"
            f"*{t('discussion.starter.lookup_value', EN, example=starter.lookup_example)}*",
            EMBED_FIELD_VALUE_MAX,
        ),
        inline=False,
    )
    # The marker is how a restarted bot recognises its own starter; it must stay in the footer.
    embed.set_footer(text=f"{starter.citation} · {marker(occurrence_id)}")
    return fit_embed(embed)


def prompts_embed(starter: Starter) -> discord.Embed:
    """The first message in the thread: the prompts again, where the answers go."""
    embed = discord.Embed(
        title=both("discussion.thread.title"),
        description=f"{t('discussion.thread.intro', ZH)}\n*{t('discussion.thread.intro', EN)}*",
        colour=COLOUR,
    )
    for number, prompt in enumerate(starter.prompts, start=1):
        embed.add_field(name=str(number), value=prompt_value(prompt), inline=False)
    if not starter.prompts:
        embed.add_field(
            name="—",
            value=f"{t('discussion.starter.no_prompts', ZH)}\n*{t('discussion.starter.no_prompts', EN)}*",
            inline=False,
        )
    return fit_embed(embed)


def schedule_ref(schedule: Schedule, locale: object) -> str:
    """What members call a scheduled discussion: "Plan 1 · session 3/12" or "Discussion 4"."""
    if schedule.plan_number is not None:
        plan = schedule.payload.get("plan")
        total = plan.get("of", "?") if isinstance(plan, dict) else "?"
        return t(
            "discussion.ref.plan_session",
            locale,
            plan=schedule.plan_number,
            number=schedule.number,
            total=total,
        )
    return t("discussion.ref.single", locale, number=schedule.number)


def schedule_line(schedule: Schedule, article: Article | None, locale: object) -> str:
    """One line of `/discuss list` (the time without the relative part: lines stay short)."""
    assert schedule.run_at is not None
    return t(
        "discussion.list.line",
        locale,
        ref=schedule_ref(schedule, locale),
        when=discord_timestamp(schedule.run_at, "F"),
        channel=f"<#{schedule.channel_id}>",
        section=section_name(article, str(schedule.payload.get("section_id", "?"))),
    )
