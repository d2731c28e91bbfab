"""What discussion messages look like: the starter, the thread's opening note and prompts, the
thread's name, and the lines of `/discuss list`.

Phone first. The starter is what the channel sees: the title, a one-line summary, the reading
range, one headline prompt and the call to join the thread (a button); everything else is inside
the thread, where each prompt is a message of its own so members can reply to one prompt. Starter
and thread posts are public and the guild has no language setting, so they carry both languages,
the article's Chinese first and English as small subtext. Replies to one member follow that
member's Discord locale.

How a restarted bot recognises what it posted just before a crash (see opener):

* the starter by its join button, whose custom id carries the occurrence id (`discuss:join:42`):
  members never see a custom id, Discord returns it with the message in the channel's history,
  and unlike the title or the text it does not depend on the content (an upgrade that renames a
  section mid-crash still finds it) or on embeds (hiding a message's embeds keeps its buttons).
  It is how quiz posts are found too. The embed's timestamp is the occurrence's due time: it
  reads as "today at 20:00" and is not an identity (two sections may share a time and a channel).
* the thread's posts by the numbers members read on them: `📌` opens the note (post 0), `**k/N**`
  opens prompt k. The thread is the bot's own and only it can write those posts, so the numbers
  already there say which posts are missing.
"""

from __future__ import annotations

import re
from datetime import datetime

import discord

from bot.content.model import Article
from bot.content.naming import paragraph_ref, short_name
from bot.discussion.starter import Prompt, Starter
from bot.i18n import EN, ZH, t
from bot.scheduling.recurrence import discord_timestamp
from bot.scheduling.store import Schedule
from bot.ui.limits import (
    BUTTON_LABEL_MAX,
    CONTENT_MAX,
    EMBED_DESCRIPTION_MAX,
    THREAD_NAME_MAX,
    clip,
    fit_embed,
)

COLOUR = discord.Colour.teal()
JOIN_ID = re.compile(r"discuss:join:(?P<occurrence>\d+)")
NOTE_LEAD = "📌"  # the thread's opening note starts with it (post 0)
_PROMPT_LEAD = re.compile(r"\*\*(?P<number>\d+)/(?P<total>\d+)\*\*")  # `**2/4**`: prompt 2
PROMPT_SHOWN_MAX = 900  # per language: whole prompts (the longest is ~450), two fit a message


def both(key: str, /, **values: object) -> str:
    """A label in Chinese and English, for messages everyone in the channel reads."""
    return f"{t(key, ZH, **values)} · {t(key, EN, **values)}"


def subtext(text: str) -> str:
    """English under the Chinese, small: one `-# ` line (Discord's subtext) per line of `text`."""
    return "\n".join(f"-# {line}" for line in text.splitlines() if line.strip())


def zh_en(key: str, /, **values: object) -> str:
    """A sentence in Chinese with its English as subtext under it."""
    return f"{t(key, ZH, **values)}\n{subtext(t(key, EN, **values))}"


def thread_name(starter: Starter, session: int | None = None) -> str:
    """Short and distinct in a phone's sidebar: `3 · 二/第二 首脑外交` (session 3 of a plan)."""
    name = starter.short if session is None else f"{session} · {starter.short}"
    return clip(name, THREAD_NAME_MAX)


# -- the starter ------------------------------------------------------------------------------------


def join_custom_id(occurrence_id: int) -> str:
    """The join button's custom id: what identifies the starter of an occurrence after a crash."""
    return f"discuss:join:{occurrence_id}"


def occurrence_in_custom_id(custom_id: str | None) -> int | None:
    match = JOIN_ID.fullmatch(custom_id or "")
    return int(match["occurrence"]) if match else None


def join_label() -> str:
    return clip(both("discussion.starter.join_button"), BUTTON_LABEL_MAX)


def _reading(starter: Starter) -> str:
    """`📖 阅读 Reading ¶19–¶22`: one short line in both languages."""
    first, last = starter.first_paragraph, starter.last_paragraph
    if first is None or last is None:
        return ""
    span = (
        paragraph_ref(first) if first == last else f"{paragraph_ref(first)}–{paragraph_ref(last)}"
    )
    label = f"{t('discussion.starter.reading', ZH)} {t('discussion.starter.reading', EN)}"
    return f"📖 {label} {span}"


def _prompt_text(prompt: Prompt) -> str:
    text = f"{clip(prompt.zh, PROMPT_SHOWN_MAX)}\n{subtext(clip(prompt.en, PROMPT_SHOWN_MAX))}"
    if prompt.generic:  # one small line: `-# 通用讨论题：… · A generic prompt: …`
        text += "\n" + subtext(both("discussion.generic.marker"))
    return text


def _call_to_join(starter: Starter) -> str:
    count = len(starter.prompts)
    if count == 0:
        return zh_en("discussion.starter.no_prompts")
    if count == 1:
        return zh_en("discussion.starter.join_one")
    return zh_en("discussion.starter.join", count=count)


def starter_embed(
    starter: Starter, *, due_at: datetime | None = None, session: int | None = None
) -> discord.Embed:
    """The channel message a discussion thread is started from (sent with the join button).

    It carries no marker: the occurrence is in the button's custom id (see the module docstring).
    `due_at`, the occurrence's due time, is the embed's timestamp, shown by Discord in the footer.
    """
    lines = [subtext(starter.short_en)] if starter.short_en else []
    lines += [x for x in (starter.summary, _reading(starter)) if x]
    if starter.prompts:
        lines += ["", f"💬 {_prompt_text(starter.prompts[0])}"]
    lines += ["", _call_to_join(starter)]
    embed = discord.Embed(
        title=starter.title,
        description=clip("\n".join(lines), EMBED_DESCRIPTION_MAX),
        colour=COLOUR,
        timestamp=due_at,
    )
    if session is not None:  # a plan's session; the bot's name already says what this is
        embed.set_author(name=both("discussion.starter.author_session", session=session))
    embed.set_footer(text=starter.source)
    return fit_embed(embed)


# -- the thread -------------------------------------------------------------------------------------


def thread_note(starter: Starter) -> str:
    """Post 0 of the thread: the key passage, how to take part, and a term to try with /excerpt."""
    lines = []
    passage = starter.passage
    if passage is not None:
        where = f"{passage.section_path} {paragraph_ref(passage.paragraph_ordinal)}"
        lines += [f"{NOTE_LEAD} **{both('discussion.thread.passage')}** — {where}"]
        lines += [f"> {passage.text}"]
        hint = "discussion.thread.hint" if starter.prompts else "discussion.thread.hint_open"
        lines += [t(hint, ZH, example=starter.lookup_example)]
    else:
        hint = "discussion.thread.hint" if starter.prompts else "discussion.thread.hint_open"
        lines += [f"{NOTE_LEAD} {t(hint, ZH, example=starter.lookup_example)}"]
    lines.append(subtext(t(hint, EN, example=starter.lookup_example)))
    return clip("\n".join(lines), CONTENT_MAX)


def prompt_post(starter: Starter, number: int) -> str:
    """Prompt `number` (1-based) of the thread, a message of its own: `**2/4** 问题…` + English."""
    prompt = starter.prompts[number - 1]
    total = len(starter.prompts)
    return clip(f"**{number}/{total}** {_prompt_text(prompt)}", CONTENT_MAX)


def thread_posts(starter: Starter) -> list[str]:
    """Everything the bot posts in the thread, in order: the note (post 0), then each prompt."""
    return [thread_note(starter)] + [
        prompt_post(starter, n) for n in range(1, len(starter.prompts) + 1)
    ]


def thread_post_number(content: str | None) -> int | None:
    """Which of `thread_posts` a message of the bot is: 0 for the note, k for prompt k."""
    content = content or ""
    if content.startswith(NOTE_LEAD):
        return 0
    match = _PROMPT_LEAD.match(content)
    return int(match["number"]) if match else None


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
        section=short_name(article, str(schedule.payload.get("section_id", "?"))),
    )
