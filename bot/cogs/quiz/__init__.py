"""The weekly quiz on Discord: commands (`/quiz`, `/quiz-mod`), the answer buttons, the poster
that runs scheduled quizzes, the open post's answer count and the embeds they all draw.

The extension's `setup` imports the cog lazily, so importing one module of the package (say its
embeds, from a test) does not load the whole feature.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.app import ReadingCircleBot


async def setup(bot: ReadingCircleBot) -> None:
    from bot.cogs.quiz.buttons import AnswerButton
    from bot.cogs.quiz.commands import QuizCog
    from bot.cogs.quiz.events import QuizEvents
    from bot.cogs.quiz.poster import QuizPoster
    from bot.cogs.scheduled_events import scheduled_events

    services = bot.services
    assert services is not None
    store = services.quiz
    poster = QuizPoster(bot, store)
    services.runner.register("quiz", poster)
    services.runner.add_sweeper(poster.sweep)
    # After the poster's sweeper, so a quiz closed by a tick has its event completed (and the
    # next week's made) by that same tick; shared with the discussion (one lock, one notice).
    events = scheduled_events(bot)
    events.register(QuizEvents(bot, store))
    poster.on_changed = events.sync
    bot.add_dynamic_items(AnswerButton)
    await bot.add_cog(QuizCog(bot, store, poster, events))
