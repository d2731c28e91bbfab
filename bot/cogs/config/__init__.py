"""Server settings on Discord: `/config` commands and the time-zone search behind their
autocomplete.

The extension's `setup` imports the cog lazily, so importing one module of the package (say its
embeds, from a test) does not load the whole feature.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.app import ReadingCircleBot


async def setup(bot: ReadingCircleBot) -> None:
    from bot.cogs.config.commands import ConfigCog

    await bot.add_cog(ConfigCog(bot))
