"""Discussion threads on Discord: commands (`/discuss`, `/discuss-mod`), the opener that runs
scheduled sessions, the plan-cancel confirmation and the embeds of a session's starter and thread.

The extension's `setup` imports the cog lazily, so importing one module of the package (say its
embeds, from a test) does not load the whole feature.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.app import ReadingCircleBot


async def setup(bot: ReadingCircleBot) -> None:
    from bot.cogs.discussion.commands import KIND, DiscussionCog
    from bot.cogs.discussion.confirm import PlanCancelButton
    from bot.cogs.discussion.events import SessionEvents
    from bot.cogs.discussion.opener import DiscussionOpener

    assert bot.services is not None
    store = bot.services.discussions
    opener = DiscussionOpener(bot, store)
    events = SessionEvents(bot, opener)
    opener.on_opened = lambda schedule: events.sync([schedule.id])
    bot.services.runner.register(KIND, opener)
    # Every tick (and so the start-up catch-up) reconciles events and posts due wrap-ups.
    bot.services.runner.add_sweeper(events.sweep)
    bot.add_listener(events.on_scheduled_event_delete, "on_scheduled_event_delete")
    bot.add_dynamic_items(PlanCancelButton)
    await bot.add_cog(DiscussionCog(bot, store, opener, events))
