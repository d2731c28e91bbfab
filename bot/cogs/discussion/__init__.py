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
    from bot.cogs.discussion.commands import DiscussionCog
    from bot.cogs.discussion.confirm import PlanCancelButton
    from bot.cogs.discussion.events import DiscussionEvents
    from bot.cogs.discussion.opener import DiscussionOpener
    from bot.cogs.discussion.options import KIND
    from bot.cogs.scheduled_events import scheduled_events

    assert bot.services is not None
    store = bot.services.discussions
    opener = DiscussionOpener(bot, store)
    source = DiscussionEvents(bot, opener)
    events = scheduled_events(bot)  # shared with the quiz: one lock, one permission notice
    events.register(source)
    opener.on_opened = lambda schedule: events.sync([schedule.id])
    bot.services.runner.register(KIND, opener)
    # Every tick (and so the start-up catch-up) reconciles events (the shared sweeper, made
    # before this one) and then posts due wrap-ups.
    bot.services.runner.add_sweeper(source.wrap_up)
    bot.add_dynamic_items(PlanCancelButton)
    await bot.add_cog(DiscussionCog(bot, store, opener, events))
