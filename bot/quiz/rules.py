"""The quiz's rules and the refusals they produce, as typed errors the cog turns into replies."""

from __future__ import annotations

from datetime import datetime, timedelta

LETTERS = "ABCD"
DEFAULT_DURATION_HOURS = 24
MIN_DURATION_HOURS = 1
# A weekly schedule's quiz must close before the next one opens in the same channel.
MAX_DURATION_HOURS = 167
MAX_SCHEDULES_PER_GUILD = 10


class QuizError(Exception):
    """Base for refusals the member should be told about."""


class QuizNotFound(QuizError):
    """No quiz with that id (or it was never posted)."""


class QuizClosed(QuizError):
    """Answers are no longer accepted."""

    def __init__(self, closed_at: datetime) -> None:
        super().__init__(closed_at.isoformat())
        self.closed_at = closed_at


class AlreadyAnswered(QuizError):
    """The member answered before; the first answer is final."""

    def __init__(self, choice: int, question_id: str = "", article_slug: str = "") -> None:
        super().__init__(letter(choice))
        self.choice = choice
        self.question_id = question_id  # so the reply can name the option, not only its letter
        self.article_slug = article_slug


class NoQuestions(QuizError):
    """The bank (or the requested section of it) has no questions."""


def letter(choice: int) -> str:
    return LETTERS[choice]


def choice_index(text: str) -> int:
    """`"B"` -> 1; anything else is a programming error (custom ids are matched by a regex)."""
    index = LETTERS.find(text.strip().upper())
    if len(text.strip()) != 1 or index < 0:
        raise ValueError(f"not a choice letter: {text!r}")
    return index


def duration(hours: int | None) -> timedelta:
    """The open time of a quiz; out-of-range values are clamped (the command limits them too)."""
    value = DEFAULT_DURATION_HOURS if hours is None else hours
    return timedelta(hours=max(MIN_DURATION_HOURS, min(MAX_DURATION_HOURS, value)))
