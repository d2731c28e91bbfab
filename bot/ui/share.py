"""Private lookups with a "Share to channel" button.

Lookups answer privately by default, so a busy channel is not filled with passages nobody asked
for. The member who asked can post the answer, with the question they asked, for everyone. The
button is a `DynamicItem` with a constant custom id: what it shares is read from the private
message it sits on (its embeds, and the `-#` line naming the question), so nothing is stored and
the button works after a restart.
"""

from __future__ import annotations

import re
from typing import Any

import discord

from bot.i18n import t
from bot.ui.components import AnswersFailures
from bot.ui.failures import UserFacingError
from bot.ui.limits import clip

SHARE_ID = "share:v1"
_ASKED = re.compile(r"^-# (?P<asked>.+)$", re.M)


def asked_line(command: str, query: str = "") -> str:
    """The question as it will be shown when shared: `-# /excerpt “寿司”`."""
    text = f"/{command} “{discord.utils.escape_markdown(clip(query.strip(), 150))}”"
    return f"-# {text if query.strip() else '/' + command}"


def add_share_button(view: discord.ui.View, locale: object) -> discord.ui.View:
    view.add_item(ShareButton(label=t("share.button", locale)))
    return view


def share_view(locale: object) -> discord.ui.View:
    return add_share_button(discord.ui.View(timeout=None), locale)


class ShareButton(
    AnswersFailures,
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=re.escape(SHARE_ID),
):
    def __init__(self, *, label: str = "Share") -> None:
        super().__init__(
            discord.ui.Button(
                label=label, emoji="📤", style=discord.ButtonStyle.secondary, custom_id=SHARE_ID
            )
        )

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> ShareButton:
        return cls(label=getattr(item, "label", None) or "Share")

    async def handle(self, interaction: discord.Interaction[Any]) -> None:
        message = interaction.message
        if message is None or not message.embeds:
            raise UserFacingError("share.nothing")
        found = _ASKED.search(message.content or "")
        asked = found["asked"] if found else ""
        header = f"{interaction.user.mention} · {asked}" if asked else interaction.user.mention
        await interaction.response.send_message(
            content=header,
            embeds=message.embeds,
            allowed_mentions=discord.AllowedMentions.none(),
        )


async def send_lookup(
    interaction: discord.Interaction[Any],
    *,
    command: str,
    embed: discord.Embed,
    asked: str = "",
    view: discord.ui.View | None = None,
    private: bool | None = None,
) -> None:
    """Answer a lookup: privately with a Share button, or publicly in the server's lookup channel
    (`/config lookup-channel`) or when the member asked for it (`private: False`)."""
    if private is None:
        settings = interaction.client.services.guild_settings
        private = not await settings.lookups_public(interaction.guild_id, interaction.channel_id)
    if private:
        view = add_share_button(view or discord.ui.View(timeout=None), interaction.locale)
        await interaction.response.send_message(
            asked_line(command, asked), embed=embed, view=view, ephemeral=True
        )
    elif view is not None:
        await interaction.response.send_message(embed=embed, view=view)
    else:
        await interaction.response.send_message(embed=embed)
