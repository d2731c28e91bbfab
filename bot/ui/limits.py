"""Discord's size limits, enforced on our side: discord.py sends whatever we give it, and Discord
then rejects the whole message.
"""

from __future__ import annotations

import discord

CONTENT_MAX = 2000
EMBED_TITLE_MAX = 256
EMBED_DESCRIPTION_MAX = 4096
EMBED_FIELDS_MAX = 25
EMBED_FIELD_NAME_MAX = 256
EMBED_FIELD_VALUE_MAX = 1024
EMBED_FOOTER_MAX = 2048
EMBED_AUTHOR_MAX = 256
EMBED_TOTAL_MAX = 6000
CHOICE_NAME_MAX = 100
CHOICE_VALUE_MAX = 100
CHOICES_MAX = 25
CUSTOM_ID_MAX = 100
BUTTON_LABEL_MAX = 80
SELECT_OPTION_LABEL_MAX = 100
SELECT_OPTION_DESCRIPTION_MAX = 100
THREAD_NAME_MAX = 100
ELLIPSIS = "…"


def clip(text: str, limit: int) -> str:
    """Shorten to at most `limit` characters, marking the cut with an ellipsis."""
    text = text or ""
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)].rstrip() + ELLIPSIS


def embed_size(embed: discord.Embed) -> int:
    return len(embed)


def fit_embed(embed: discord.Embed) -> discord.Embed:
    """Clip every part of an embed to its limit, then trim fields and description to the total."""
    if embed.title:
        embed.title = clip(embed.title, EMBED_TITLE_MAX)
    if embed.description:
        embed.description = clip(embed.description, EMBED_DESCRIPTION_MAX)
    if embed.footer and embed.footer.text:
        embed.set_footer(
            text=clip(embed.footer.text, EMBED_FOOTER_MAX), icon_url=embed.footer.icon_url
        )
    if embed.author and embed.author.name:
        embed.set_author(name=clip(embed.author.name, EMBED_AUTHOR_MAX), url=embed.author.url)
    fields = list(embed.fields)[:EMBED_FIELDS_MAX]
    embed.clear_fields()
    for field in fields:
        embed.add_field(
            name=clip(field.name or "\u200b", EMBED_FIELD_NAME_MAX),
            value=clip(field.value or "\u200b", EMBED_FIELD_VALUE_MAX),
            inline=bool(field.inline),
        )
    while len(embed) > EMBED_TOTAL_MAX and embed.fields:
        embed.remove_field(len(embed.fields) - 1)
    if len(embed) > EMBED_TOTAL_MAX and embed.description:
        overflow = len(embed) - EMBED_TOTAL_MAX
        embed.description = clip(embed.description, max(len(embed.description) - overflow, 1))
    return embed
