"""Excerpt lookup on Discord: `/excerpt` with its autocomplete, and the buttons and select on a
lookup's reply.

The extension's `setup` imports the cog lazily, so importing one module of the package (say its
embeds, from a test) does not load the whole feature.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.app import ReadingCircleBot


async def setup(bot: ReadingCircleBot) -> None:
    from bot.cogs.excerpt.commands import ExcerptCog, OtherHitsSelect, PassageButton
    from bot.ui.share import ShareButton

    bot.add_dynamic_items(PassageButton, OtherHitsSelect, ShareButton)
    await bot.add_cog(ExcerptCog(bot))
