"""Which question comes next: every question once per cycle, in a per-guild shuffled order.

The order is a hash of (guild, cycle, question id) rather than a stored shuffle, so it survives
restarts and content reloads without a table of its own, differs between guilds and between
cycles, and is reproducible in tests. A section under discussion is preferred while it still has
unused questions; a moderator asking for one section gets its least recently used question even
when the cycle has already used them all.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from bot.content.model import Article, QuizQuestion
from bot.quiz.rules import NoQuestions


@dataclass(frozen=True, slots=True)
class Pick:
    question: QuizQuestion
    cycle: int


def section_ids(article: Article, section_id: str) -> frozenset[str]:
    """The section and everything below it (a question on 二/第三 belongs to 二 too)."""
    return frozenset({section_id, *(s.id for s in article.descendants(section_id))})


def questions_in(article: Article, section_id: str | None) -> list[QuizQuestion]:
    if section_id is None:
        return list(article.questions)
    wanted = section_ids(article, section_id)
    return [q for q in article.questions if q.section_id in wanted]


def sections_with_questions(article: Article) -> list[str]:
    """Section ids (reading order) that have at least one question in or below them."""
    asked = {q.section_id for q in article.questions}
    return [s.id for s in article.sections if section_ids(article, s.id) & asked]


def rotation_key(guild_id: int, cycle: int, question_id: str) -> bytes:
    return hashlib.sha256(f"{guild_id}:{cycle}:{question_id}".encode()).digest()


def _first(questions: Iterable[QuizQuestion], guild_id: int, cycle: int) -> QuizQuestion:
    return min(questions, key=lambda q: rotation_key(guild_id, cycle, q.id))


def pick(
    questions: Collection[QuizQuestion],
    used: Mapping[str, int],
    *,
    guild_id: int,
    cycle: int,
    prefer: frozenset[str] = frozenset(),
    only: frozenset[str] | None = None,
) -> Pick:
    """The next question.

    `used` maps the ids already asked in `cycle` to the order they were asked in (higher is
    later). `prefer` holds section ids to favour; `only` restricts the choice to those sections.
    """
    pool = [q for q in questions if only is None or q.section_id in only]
    if not pool:
        raise NoQuestions()
    unused = [q for q in pool if q.id not in used]
    if only is not None and not unused:
        # A moderator asked for this section and the cycle has used it up: repeat the oldest.
        oldest = min(pool, key=lambda q: (used[q.id], rotation_key(guild_id, cycle, q.id)))
        return Pick(oldest, cycle)
    if not unused:
        cycle += 1
        unused = pool
    preferred = [q for q in unused if q.section_id in prefer]
    return Pick(_first(preferred or unused, guild_id, cycle), cycle)
